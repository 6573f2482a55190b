import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers } from '../../workers/index.js';
import { createRig, waitFor, type TestRig } from '../helpers/env.js';
import { fakeBlueskyServer } from '../helpers/fake-bluesky.js';
import { startFakeSource, type FakeSource } from '../helpers/fake-source.js';

/**
 * A Bluesky source on a deployment without a Bluesky account: the poll job fails once, for good,
 * naming the two variables to set, instead of spending its attempts on refused anonymous searches.
 */
describe('a Bluesky poll without an account', () => {
  let rig: TestRig;
  let server: FakeSource;
  let workers: Worker[];

  beforeAll(async () => {
    server = await startFakeSource(fakeBlueskyServer().handler);
    rig = await createRig('bsky-nocreds', { BLUESKY_API_URL: server.url, JOB_ATTEMPTS: '8' });
    workers = startWorkers(rig.redis, rig.deps, ['poll']);
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await rig.cleanup();
    await server.close();
  });

  it('fails after one attempt, naming BLUESKY_IDENTIFIER and BLUESKY_APP_PASSWORD, sending nothing', async () => {
    await rig.store.watches.upsert({
      id: 'bsky-nocreds',
      name: 'No account',
      keywords: ['lumora'],
      exclusions: [],
      sources: [{ type: 'bluesky' }],
      schedule: '0 * * * *',
      enabled: true,
    });
    const id = await rig.producer.enqueue('poll', {
      watchId: 'bsky-nocreds',
      sourceKey: 'bluesky',
      slot: '2026-11-20T12:00:00.000Z',
    });
    await waitFor(
      'the poll failed',
      async () => (await rig.producer.queues.poll.getJobState(id)) === 'failed',
    );
    const job = await rig.producer.queues.poll.getJob(id);
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toMatch(/BLUESKY_IDENTIFIER.*BLUESKY_APP_PASSWORD/);
    expect(server.requests).toHaveLength(0);
  });
});
