import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../config/logger.js';
import { Scheduler } from '../../jobs/scheduler.js';
import { createRig, type TestRig } from '../helpers/env.js';

describe('Scheduler on real Redis and store', () => {
  let rig: TestRig;
  const log = createLogger('silent');

  beforeEach(async () => {
    rig = await createRig('sched');
    await rig.store.watches.upsert({
      id: 'brand',
      name: 'Brand',
      keywords: ['brand'],
      exclusions: [],
      sources: [{ type: 'hackernews' }, { type: 'reddit', subreddit: 'brand' }],
      schedule: '*/10 * * * *',
      enabled: true,
    });
  });
  afterEach(() => rig.cleanup());

  async function pollJobIds(): Promise<string[]> {
    const jobs = await rig.producer.queues.poll.getJobs([
      'waiting',
      'delayed',
      'active',
      'completed',
    ]);
    return jobs.map((job) => job.id ?? '').sort();
  }

  it('enqueues one poll per watch×source when two schedulers tick at the same moment', async () => {
    const now = new Date('2026-11-20T10:03:00Z');
    const [a, b] = await Promise.all([
      new Scheduler(rig.store, rig.producer, log).tick(now),
      new Scheduler(rig.store, rig.producer, log).tick(now),
    ]);
    expect(a + b).toBeGreaterThanOrEqual(2);
    const ids = await pollJobIds();
    expect(ids).toHaveLength(2);
    const jobs = await rig.producer.queues.poll.getJobs(['waiting']);
    expect(jobs.map((job) => (job.data as { slot: string }).slot)).toEqual([
      '2026-11-20T10:00:00.000Z',
      '2026-11-20T10:00:00.000Z',
    ]);
  });

  it('does not repeat a slot after a restart, and polls the next slot once', async () => {
    await new Scheduler(rig.store, rig.producer, log).tick(new Date('2026-11-20T10:03:00Z'));
    const restarted = new Scheduler(rig.store, rig.producer, log);
    expect(await restarted.tick(new Date('2026-11-20T10:07:00Z'))).toBe(0);
    expect(await restarted.tick(new Date('2026-11-20T10:10:00Z'))).toBe(2);
    expect(await pollJobIds()).toHaveLength(4);
  });

  it('enqueues nothing for a disabled watch', async () => {
    const watch = await rig.store.watches.get('brand');
    await rig.store.watches.upsert({ ...watch!, enabled: false });
    expect(
      await new Scheduler(rig.store, rig.producer, log).tick(new Date('2026-11-20T10:03:00Z')),
    ).toBe(0);
    expect(await pollJobIds()).toHaveLength(0);
  });
});
