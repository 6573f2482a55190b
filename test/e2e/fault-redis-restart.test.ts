import type { ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayCounts, settledCounts } from '../helpers/counts.js';
import { createRig, waitFor, type TestRig } from '../helpers/env.js';
import { startOwnRedis, type OwnRedis } from '../helpers/own-redis.js';
import { replayWatch, writeReplayFile } from '../helpers/replay-data.js';
import { killProcess, startWorkerProcess } from '../helpers/worker-process.js';

// Injected: the Redis under a running worker+scheduler is killed and started again empty (no
// persistence), mid-poll: every queued, delayed and active job vanishes, and so do the flag
// queue's global limit and the completed-job records.
describe('fault: Redis restarted mid-run', () => {
  let redis: OwnRedis;
  let rig: TestRig;
  let earshot: ChildProcess | null = null;
  const plan = { angryAuthors: 6, complaints: 3, fans: 4, praises: 4, bystanders: 400 };
  const replay = writeReplayFile(plan);

  beforeAll(async () => {
    redis = await startOwnRedis();
    rig = await createRig('redisfault', {
      REDIS_URL: redis.url,
      // Two pages a poll, one poll every 2 s: the file takes several polls, so the restart lands
      // mid-file however fast the pipeline is.
      POLL_PAGE_SIZE: '25',
      POLL_MAX_PAGES: '2',
      // Several flag jobs in flight at once, on authors they share.
      FLAG_BATCH_SIZE: '25',
      FLAG_CONCURRENCY: '4',
      WORKER_LOCK_MS: '2000',
      SCHEDULER_TICK: '* * * * * *',
      SWEEP_SCHEDULE: '*/3 * * * * *',
      SWEEP_GRACE_MINUTES: '0.25',
    });
    await rig.store.watches.upsert({ ...replayWatch(replay.path), schedule: '*/2 * * * * *' });
  });
  afterAll(async () => {
    await killProcess(earshot);
    await rig.cleanup();
    await redis.stop();
  });

  it('stores, analyses and flags every mention exactly once: the sweeper and the cursor recover it', async () => {
    const mentions = rig.db.collection('mentions');
    earshot = startWorkerProcess(rig.settings, 'worker,scheduler');
    await waitFor(
      'part of the file stored',
      async () => (await mentions.countDocuments()) >= 100,
      60_000,
    );
    await redis.restart();
    const storedAtRestart = await mentions.countDocuments();
    expect(storedAtRestart).toBeLessThan(replay.lines);

    const expected = replayCounts(replay.lines, plan);
    expect(await settledCounts(rig.db, expected, 120_000)).toEqual(expected);
    expect(earshot.exitCode).toBeNull();
    const angry = await rig.db
      .collection('alerts')
      .find({ type: 'disgruntled_customer' })
      .toArray();
    expect(angry.every((alert) => alert.evidenceCount === plan.complaints)).toBe(true);
    // The cursor reached the end of the file, and only after the mentions before it were stored.
    const cursor = await rig.store.cursors.get('acme', `replay:${replay.path}`);
    expect(Number(cursor)).toBe(statSync(replay.path).size);
  }, 180_000);
});
