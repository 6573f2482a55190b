import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { replayCounts, settledCounts } from '../helpers/counts.js';
import { createRig, waitFor, type TestRig } from '../helpers/env.js';
import { freePort } from '../helpers/ports.js';
import { replayWatch, writeReplayFile } from '../helpers/replay-data.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { killProcess, startWorkerProcess } from '../helpers/worker-process.js';

// Injected: the store becomes unreachable for several seconds in the middle of a poll (a TCP proxy
// between Earshot and the store drops every connection and refuses new ones), then comes back.
describe('fault: the store down for a while', () => {
  let rig: TestRig;
  let proxy: TcpProxy | null = null;
  let earshot: ChildProcess | null = null;
  let output = '';
  const plan = { angryAuthors: 5, complaints: 3, fans: 3, praises: 4, bystanders: 400 };
  const replay = writeReplayFile(plan);

  async function tearDown(): Promise<void> {
    await killProcess(earshot);
    earshot = null;
    await proxy?.close();
    proxy = null;
    await rig?.cleanup();
  }
  afterAll(tearDown);

  it(
    'fails and backs off while it is down, answers 503 on /readyz, and finishes without a restart',
    { timeout: 240_000 },
    async () => {
      await tearDown();
      output = '';
      rig = await createRig('storefault', {
        POLL_PAGE_SIZE: '20',
        POLL_MAX_PAGES: '1000',
        LOG_LEVEL: 'warn',
      });
      await rig.store.watches.upsert(replayWatch(replay.path));
      const cut = await startTcpProxy(Number(new URL(rig.settings.MONGODB_URL!).port));
      proxy = cut;
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      earshot = startWorkerProcess(
        {
          ...rig.settings,
          MONGODB_URL: `mongodb://127.0.0.1:${cut.port}`,
          PORT: String(port),
        },
        'api,worker',
        'pipe',
      );
      earshot.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await waitFor(
        'the API up',
        async () => (await fetch(`${base}/readyz`).catch(() => null))?.ok === true,
      );
      await rig.producer.enqueue('poll', {
        watchId: 'acme',
        sourceKey: `replay:${replay.path}`,
        slot: '2026-11-20T10:00:00.000Z',
      });
      const mentions = rig.db.collection('mentions');
      await waitFor('part of the file stored', async () => (await mentions.countDocuments()) >= 60);

      cut.cut();
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { status: string; redis: string; mongodb: string };
      expect(body.status).toBe('unavailable');
      expect(body.redis).toBe('ok');
      expect(body.mongodb).not.toBe('ok');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      await waitFor(
        'jobs failing against the store',
        () => Promise.resolve(output.includes('"job failed"')),
        20_000,
      );
      // Counted once the jobs fail, not at the cut: a write already through the proxy may land late.
      const storedWhileDown = await mentions.countDocuments();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(await mentions.countDocuments()).toBe(storedWhileDown);

      cut.restore();
      let readiness: unknown = null;
      await waitFor(
        'ready again',
        async () => {
          const response = await fetch(`${base}/readyz`);
          readiness = await response.json();
          return response.status === 200;
        },
        90_000,
      ).catch(() => undefined);
      // If this fails, say whether the store answers the test directly (Earshot's driver is stuck)
      // or not (the store is), and what Earshot last logged.
      const direct = await rig.db
        .collection('mentions')
        .countDocuments({}, { maxTimeMS: 5000 })
        .then((count) => `answers (${count} mentions)`)
        .catch((error: unknown) => `fails: ${(error as Error).message}`);
      expect(
        readiness,
        `store, asked directly: ${direct}; Earshot's last output:\n${output.slice(-3000)}`,
      ).toEqual({ status: 'ok', redis: 'ok', mongodb: 'ok' });
      const expected = replayCounts(replay.lines, plan);
      expect(await settledCounts(rig.db, expected, 120_000)).toEqual(expected);
      expect(earshot.exitCode).toBeNull();
      // Retried, not lost: the failed attempts came back through the backoff and nothing is left failed.
      const failed = await Promise.all(
        Object.values(rig.producer.queues).map((queue) => queue.getFailedCount()),
      );
      expect(failed).toEqual(failed.map(() => 0));
    },
  );
});
