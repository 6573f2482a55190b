import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAMES } from '../../jobs/catalogue.js';
import { createRig, waitFor, type TestRig } from '../helpers/env.js';
import { countFlagged } from '../helpers/counts.js';
import { replayWatch, writeReplayFile } from '../helpers/replay-data.js';
import { startWorkerProcess } from '../helpers/worker-process.js';

describe('a worker sent SIGTERM under load', () => {
  let rig: TestRig;
  let worker: ChildProcess | null = null;
  const replay = writeReplayFile({
    angryAuthors: 5,
    complaints: 3,
    fans: 0,
    praises: 0,
    bystanders: 785,
  });

  beforeAll(async () => {
    rig = await createRig('drain', { POLL_PAGE_SIZE: '20', POLL_MAX_PAGES: '1000' });
    await rig.store.watches.upsert(replayWatch(replay.path));
  });
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await rig.cleanup();
  });

  it('finishes its active jobs, exits 0, and leaves nothing half-done for the next worker', async () => {
    await rig.producer.enqueue('poll', {
      watchId: 'acme',
      sourceKey: `replay:${replay.path}`,
      slot: '2026-11-20T10:00:00.000Z',
    });
    worker = startWorkerProcess(rig.settings);
    const mentions = rig.db.collection('mentions');
    await waitFor(
      'the poll under way',
      async () => (await mentions.countDocuments()) >= 100,
      60_000,
    );
    const exited = new Promise<number | null>((resolve) => worker?.once('exit', resolve));
    const signalledAt = Date.now();
    worker.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(60_000);
    const counts = await Promise.all(
      Object.values(rig.producer.queues).map((queue) => queue.getActiveCount()),
    );
    expect(counts).toEqual(QUEUE_NAMES.map(() => 0));

    worker = startWorkerProcess(rig.settings);
    await waitFor(
      'every mention flagged',
      async () => (await countFlagged(rig.db)) === replay.lines,
      360_000,
    );
    expect(await mentions.countDocuments()).toBe(replay.lines);
    expect(await rig.db.collection('alerts').countDocuments()).toBe(5);
  }, 480_000);
});
