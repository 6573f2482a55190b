import type { Job } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../config/logger.js';
import type { RescoreJob, RetrainJob } from '../../jobs/catalogue.js';
import { learningHooks } from '../../services/learning/hooks.js';
import { RetrainSchedule } from '../../services/learning/schedule.js';
import { processRetrain } from '../../workers/retrain.js';
import { createRig, type TestRig } from '../helpers/env.js';
import { seedMention } from '../helpers/seed.js';

const NOW = new Date('2026-11-20T10:03:00Z');

describe('Retraining jobs on real Redis and store', () => {
  let rig: TestRig;

  beforeEach(async () => {
    rig = await createRig('retrain');
  });
  afterEach(() => rig.cleanup());

  async function retrainJobIds(): Promise<string[]> {
    const jobs = await rig.producer.queues.retrain.getJobs(['waiting', 'delayed', 'active']);
    return jobs.map((job) => job.id ?? '').sort();
  }

  async function correct(watchId: string, count: number): Promise<void> {
    for (let index = 0; index < count; index += 1) {
      const mention = await seedMention(rig, {
        authorId: `${watchId}-${index}`,
        watchId,
        text: index % 2 === 0 ? `parcel zorbed again ${index}` : `shop opens at ${index}`,
        label: 'neutral',
      });
      await rig.store.corrections.record({
        watchId,
        mentionId: mention.id,
        text: mention.text,
        rating: null,
        from: 'neutral',
        to: index % 2 === 0 ? 'negative' : 'neutral',
        by: 'test',
        at: NOW,
        analysisVersion: 'shipped',
        origin: 'mention',
        undoneAt: null,
        undoneBy: null,
      });
    }
  }

  it('enqueues one retrain once every N corrections have piled up, not before', async () => {
    const hooks = learningHooks(rig.store, rig.producer, 6);
    await correct('acme', 5);
    await hooks.corrected?.('acme');
    expect(await retrainJobIds()).toEqual([]);
    await correct('acme', 1);
    await hooks.corrected?.('acme');
    await hooks.corrected?.('acme');
    expect(await retrainJobIds()).toHaveLength(1);
  });

  it('retrains in the job, and a second run over the same corrections stores nothing', async () => {
    await correct('acme', 8);
    const job = { id: 'r1', data: { watchId: 'acme', marker: 'count-8' } } as Job<RetrainJob>;
    expect(await processRetrain(job, rig.deps)).toMatchObject({ trained: true });
    expect(await processRetrain(job, rig.deps)).toMatchObject({ trained: false });
    expect((await rig.store.models.list('acme')).map((model) => model.version)).toEqual([1]);
  });

  it('asks for one re-score after a retrain switched the model, also when the job is retried', async () => {
    await correct('acme', 12);
    const job = { id: 'r2', data: { watchId: 'acme', marker: 'count-12' } } as Job<RetrainJob>;
    const first = await processRetrain(job, rig.deps, NOW);
    expect(first).toMatchObject({ trained: true, promoted: true });
    // A retry (as after a crash between the switch and the request) trains nothing and asks again.
    const retried = await processRetrain(job, rig.deps, new Date(NOW.getTime() + 60_000));
    expect(retried).toMatchObject({ trained: false, rescore: first.rescore });
    const jobs = await rig.producer.queues.rescore.getJobs(['waiting', 'delayed']);
    expect(jobs.map((entry) => entry.data as RescoreJob)).toEqual([
      { watchId: 'acme', version: 1, switchedAt: NOW.toISOString() },
    ]);
    // A day later, a scheduled run over the same corrections asks for nothing.
    const later = await processRetrain(job, rig.deps, new Date(NOW.getTime() + 86_400_000));
    expect(later.rescore).toBeNull();
  });

  it('enqueues one scheduled retrain per enabled watch, even when two schedulers tick', async () => {
    await rig.store.watches.upsert({
      id: 'brand',
      name: 'Brand',
      keywords: ['brand'],
      exclusions: [],
      sources: [{ type: 'hackernews' }],
      schedule: '*/10 * * * *',
      enabled: true,
    });
    const log = createLogger('silent');
    await Promise.all([
      new RetrainSchedule(rig.store, rig.producer, log, '0 3 * * *').tick(NOW),
      new RetrainSchedule(rig.store, rig.producer, log, '0 3 * * *').tick(NOW),
    ]);
    const ids = await retrainJobIds();
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(/^retrain-brand-/);
  });
});
