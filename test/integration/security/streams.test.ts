import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../helpers/api.js';
import { createRig, waitFor, type TestRig } from '../../helpers/env.js';
import { seedAlert } from '../../helpers/seed.js';

interface OpenStream {
  status: number;
  detail: string;
  /** Everything received so far. */
  text: () => string;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close: () => void;
}

/**
 * Opens a stream once the server has let go of the ones a previous test closed: a closed client
 * connection reaches the server a moment later, and until then it still counts.
 */
async function openWhenFree(api: TestApi, path: string, init: Parameters<TestApi['call']>[1] = {}) {
  for (let attempt = 0; ; attempt += 1) {
    const stream = await openStream(api, path, init);
    if (stream.status !== 429 || attempt >= 50) {
      return stream;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function openStream(api: TestApi, path: string, init: Parameters<TestApi['call']>[1] = {}) {
  const controller = new AbortController();
  const response = await api.call(path, { ...init, signal: controller.signal });
  let received = '';
  const stream: OpenStream = {
    status: response.status,
    detail: '',
    text: () => received,
    ended: Promise.resolve(),
    close: () => controller.abort(),
  };
  if (response.status !== 200) {
    stream.detail = ((await response.json()) as { detail: string }).detail;
    return stream;
  }
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  stream.ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          return;
        }
        received += decoder.decode(value);
      }
    } catch {
      // aborted by the test
    }
  })();
  await waitFor('the stream to open', () => Promise.resolve(received.includes('retry:')));
  return stream;
}

describe('alert streams: limits, one shared poll, revoked keys', () => {
  let rig: TestRig;
  let api: TestApi;
  let changesCalls = 0;

  beforeAll(async () => {
    rig = await createRig('streams');
    // Count the store reads of every stream: the real method, counted.
    const triage = rig.store.alerts.triage;
    const changes = triage.changes.bind(triage);
    triage.changes = (...args) => {
      changesCalls += 1;
      return changes(...args);
    };
    api = await startApi(rig, {
      stream: {
        pollMs: 100,
        settleMs: 50,
        heartbeatMs: 5000,
        perKey: 2,
        total: 10,
        keyCheckMs: 200,
      },
    });
  });
  afterAll(async () => {
    await api.close();
    await rig.cleanup();
  });

  it('answers 429 past the streams a key or the process may hold, and again once one closes', async () => {
    const first = await openStream(api, '/alerts/stream', { role: 'agent' });
    const second = await openStream(api, '/alerts/stream', { role: 'agent' });
    const third = await openStream(api, '/alerts/stream', { role: 'agent' });
    expect([first.status, second.status, third.status]).toEqual([200, 200, 429]);
    expect(third.detail).toBe('authorization: this key has 2 streams open already');
    first.close();
    await first.ended;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await openStream(api, '/alerts/stream', { role: 'agent' });
    expect(again.status).toBe(200);
    second.close();
    again.close();
  });

  it('feeds eight streams from one poll, each with its own filters', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const streams: OpenStream[] = [];
    const roles = ['admin', 'manager', 'agent', 'marketing'] as const;
    for (let i = 0; i < 8; i += 1) {
      const watch = i % 2 === 0 ? 'north' : 'south';
      streams.push(
        await openWhenFree(api, `/alerts/stream?watch=${watch}`, { role: roles[i % 4] }),
      );
    }
    const before = changesCalls;
    const started = Date.now();
    await seedAlert(rig, { authorId: 'in-north', watchId: 'north' });
    await seedAlert(rig, { authorId: 'in-south', watchId: 'south' });
    await waitFor('every stream to get its alert', () =>
      Promise.resolve(streams.every((s) => /in-(north|south)/.test(s.text()))),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const polls = Math.ceil((Date.now() - started) / 100);
    // One read per poll for all eight streams (a stream each would be eight per poll).
    expect(changesCalls - before).toBeLessThanOrEqual(polls + 2);
    streams.forEach((stream, i) => {
      const [mine, other] = i % 2 === 0 ? ['in-north', 'in-south'] : ['in-south', 'in-north'];
      expect(stream.text()).toContain(`"authorId":"${mine}"`);
      expect(stream.text()).not.toContain(`"authorId":"${other}"`);
    });
    expect(streams.map((s) => s.status)).toEqual(Array.from({ length: 8 }, () => 200));
    const more: OpenStream[] = [];
    for (const name of ['extra-1', 'extra-2', 'extra-3', 'extra-4']) {
      const { key } = await rig.store.keys.create(name, 'agent');
      const headers = { authorization: `Bearer ${key}` };
      more.push(await openStream(api, '/alerts/stream', { role: null, headers }));
      if (more.at(-1)!.status !== 200) {
        break;
      }
    }
    // 8 open + 2 reach the limit of 10 for the process; the next is refused. (One more is let in
    // if the server has meanwhile let go of a stream it ended.)
    const refused = more.at(-1)!;
    expect(refused.status).toBe(429);
    expect(refused.detail).toBe('stream: this server has 10 streams open already');
    expect(more.length - 1).toBeGreaterThanOrEqual(2);
    expect(more.length - 1).toBeLessThanOrEqual(3);
    [...streams, ...more].forEach((s) => s.close());
  });

  it('ends the stream of a key revoked while it is open', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { key } = await rig.store.keys.create('soon-revoked', 'agent');
    const stream = await openWhenFree(api, '/alerts/stream', {
      role: null,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(stream.status).toBe(200);
    await rig.store.keys.revoke('soon-revoked');
    await stream.ended; // keyCheckMs is 200 here; STREAM_DEFAULTS checks every 30 s
    expect(stream.text()).toContain('event: revoked');
  });
});
