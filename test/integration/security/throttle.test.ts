import { request as httpRequest, type ClientRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type ApiOptions } from '../../../api/app.js';
import { createLogger } from '../../../config/logger.js';
import { createRig, type TestRig } from '../../helpers/env.js';

const SECRET = 'webhook-test-secret-0123456789';
let apps = 0;

describe('throttling before authentication, and /ingest before its body', () => {
  let rig: TestRig;
  let key: string;
  const servers: Server[] = [];

  beforeAll(async () => {
    rig = await createRig('throttle', { WEBHOOK_SECRET: SECRET });
    key = (await rig.store.keys.create('reader', 'agent')).key;
    await rig.store.watches.upsert({
      id: 'hooked',
      name: 'Hooked',
      keywords: ['Acme'],
      exclusions: [],
      sources: [{ type: 'webhook' }],
      schedule: '0 * * * *',
      enabled: true,
    });
  });
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await rig.cleanup();
  });

  /** The real app with these options, each with its own counters in Redis. */
  async function start(options: Partial<ApiOptions>): Promise<string> {
    apps += 1;
    const app = createApp({
      store: rig.store,
      redis: rig.redis,
      log: createLogger('silent'),
      producer: rig.producer,
      queues: Object.values(rig.producer.queues),
      webhook: rig.config.webhook,
      options: { keyPrefix: `${rig.config.queuePrefix}-${apps}`, ...options },
    });
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const statuses = async (base: string, count: number, headers: Record<string, string>) => {
    const seen: number[] = [];
    for (let i = 0; i < count; i += 1) {
      seen.push((await fetch(`${base}/alerts`, { headers })).status);
    }
    return seen;
  };

  it('answers 429 to an address past its failed authentications, before looking at the key', async () => {
    const base = await start({ ipLimits: { perMinute: 1000, authFailuresPerMinute: 5 } });
    const bogus = { authorization: `Bearer ${'x'.repeat(32)}` };
    expect(await statuses(base, 8, bogus)).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(await statuses(base, 3, {})).toEqual([429, 429, 429]);
    // A valid key from the same address waits too: the key is not even looked at.
    const blocked = await fetch(`${base}/alerts`, { headers: { authorization: `Bearer ${key}` } });
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { detail: string }).detail).toMatch(
      /^authorization: more than 5 failed authentications a minute from this address/,
    );
  });

  it('limits every request per address, valid key or not', async () => {
    const base = await start({ ipLimits: { perMinute: 4, authFailuresPerMinute: 100 } });
    const seen = await statuses(base, 6, { authorization: `Bearer ${key}` });
    expect(seen).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('takes the client address from X-Forwarded-For only behind a trusted proxy (TRUST_PROXY)', async () => {
    const limits = { perMinute: 1000, authFailuresPerMinute: 2 };
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    const trusted = await start({ ipLimits: limits, trustProxy: ['loopback'] });
    expect(await statuses(trusted, 3, from('203.0.113.1'))).toEqual([401, 401, 429]);
    expect(await statuses(trusted, 1, from('203.0.113.2'))).toEqual([401]);
    const untrusted = await start({ ipLimits: limits, trustProxy: false });
    expect(await statuses(untrusted, 1, from('203.0.113.1'))).toEqual([401]);
    expect(await statuses(untrusted, 2, from('203.0.113.2'))).toEqual([401, 429]);
  });

  /** POSTs to /ingest declaring `length` bytes but sending only the first KiB; never ends. */
  function hangingIngest(base: string, headers: Record<string, string>, length = 1_000_000) {
    let request!: ClientRequest;
    const answer = new Promise<{ status: number; body: string; retryAfter?: string }>(
      (resolve, reject) => {
        request = httpRequest(
          `${base}/ingest/hooked`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': length, ...headers },
          },
          (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => (body += chunk.toString()));
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                body,
                retryAfter: response.headers['retry-after'],
              }),
            );
          },
        );
        request.on('error', reject);
        request.write('x'.repeat(1024));
      },
    );
    return { answer, abort: () => request.destroy() };
  }

  it('refuses an unsigned or stale ingest before reading its body', async () => {
    const base = await start({});
    const now = String(Math.floor(Date.now() / 1000));
    const cases = [
      [{}, 'X-Earshot-Timestamp and X-Earshot-Signature are required'],
      [
        { 'x-earshot-timestamp': '1000', 'x-earshot-signature': `sha256=${'0'.repeat(64)}` },
        'X-Earshot-Timestamp: more than 300 s',
      ],
      [
        { 'x-earshot-timestamp': now, 'x-earshot-signature': 'sha256=zz' },
        'X-Earshot-Signature: not sha256=<64 hex digits>',
      ],
    ] as const;
    for (const [headers, detail] of cases) {
      const { answer, abort } = hangingIngest(base, headers);
      const { status, body } = await answer; // the body never completes: only an early answer comes
      abort();
      expect(status).toBe(401);
      expect(body).toContain(detail);
    }
  });

  it('refuses a signed-looking ingest declared over 2 MB at once, holding no place to read', async () => {
    const base = await start({ ingestInFlight: 1 });
    const signed = {
      'x-earshot-timestamp': String(Math.floor(Date.now() / 1000)),
      'x-earshot-signature': `sha256=${'b'.repeat(64)}`,
    };
    const big = hangingIngest(base, signed, 3 * 1024 * 1024);
    const { status, body } = await big.answer; // 1 kB of 3 MB sent: only an early answer comes
    big.abort();
    expect(status).toBe(413);
    expect(body).toContain('3145728 bytes declared');
    // The one place to read a body was never taken: the next ingest is read (and its forged
    // signature refused), not told to retry.
    const next = await fetch(`${base}/ingest/hooked`, {
      method: 'POST',
      body: '{"mentions":[]}',
      headers: signed,
    });
    expect(next.status).toBe(401);
  });

  it('answers 408 to a body that does not arrive in time, and frees its place', async () => {
    const base = await start({ ingestInFlight: 1, ingestReadMs: 300 });
    const signed = {
      'x-earshot-timestamp': String(Math.floor(Date.now() / 1000)),
      'x-earshot-signature': `sha256=${'a'.repeat(64)}`,
    };
    const slow = hangingIngest(base, signed);
    const answer = await slow.answer;
    slow.abort();
    expect(answer.status).toBe(408);
    expect(answer.body).toContain('not received in full within 300 ms');
    const body = '{"mentions":[]}';
    const after = await fetch(`${base}/ingest/hooked`, { method: 'POST', body, headers: signed });
    expect(after.status).toBe(401); // the one place is free: read, and the forged signature checked
  });

  it('reads at most INGEST_MAX_IN_FLIGHT bodies at once; the next is told to retry', async () => {
    const base = await start({ ingestInFlight: 2 });
    const signed = {
      'x-earshot-timestamp': String(Math.floor(Date.now() / 1000)),
      'x-earshot-signature': `sha256=${'a'.repeat(64)}`,
    };
    const held = [hangingIngest(base, signed), hangingIngest(base, signed)];
    await new Promise((resolve) => setTimeout(resolve, 200));
    const third = hangingIngest(base, signed);
    const refused = await third.answer;
    third.abort();
    expect([refused.status, refused.retryAfter]).toEqual([503, '1']);
    expect(refused.body).toContain('2 ingest requests are being read already');
    for (const one of held) {
      one.answer.catch(() => undefined); // aborted unanswered: its promise rejects
      one.abort();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const body = '{"mentions":[]}';
    const after = await fetch(`${base}/ingest/hooked`, { method: 'POST', body, headers: signed });
    expect(after.status).toBe(401); // read and checked: the forged signature does not match
    expect(await after.text()).toContain('does not match the body');
  });
});
