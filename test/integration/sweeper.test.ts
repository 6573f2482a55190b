import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../config/logger.js';
import type { FlagJob } from '../../jobs/catalogue.js';
import { Sweeper } from '../../jobs/sweeper.js';
import { mentionId } from '../../store/mentions.js';
import { processFlag } from '../../workers/flag.js';
import { startWorkers } from '../../workers/index.js';
import { countFlagged } from '../helpers/counts.js';
import { createRig, waitFor, type TestRig } from '../helpers/env.js';

const GRACE = 10 * 60_000;

/** When the store took in its first mention: the sweeps' times follow from it, not the test's clock. */
async function storedAt(rig: TestRig): Promise<Date> {
  const [first] = await rig.store.mentions.ingestedBetween(new Date(0), new Date(8.64e15), 1);
  return first!.ingestedAt;
}

describe('Sweeper', () => {
  let rig: TestRig;
  let workers: Worker[] = [];
  beforeAll(async () => {
    rig = await createRig('sweep');
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await rig.cleanup();
  });

  it('re-enqueues mentions whose jobs were lost, and they are then analysed and flagged once', async () => {
    // Stored as a poll would store them, but no job was ever enqueued: as after a Redis restart.
    const texts = ['Acme broke my order, terrible', 'Acme is lovely', 'Acme opened a shop'];
    await rig.store.mentions.insertNew(
      texts.map((text, index) => ({
        watchId: 'acme',
        source: 'replay',
        externalId: `lost${index}`,
        url: null,
        text,
        author: { id: `u${index}`, handle: `u${index}`, name: null, followers: null },
        createdAt: new Date('2026-11-01T10:00:00Z'),
        engagement: { likes: 0, replies: 0, shares: 0, score: 0 },
        lang: null,
        rating: null,
      })),
    );
    const sweeper = new Sweeper(rig.store, rig.producer, createLogger('silent'), GRACE);
    // Within the grace period: nothing yet.
    expect(await sweeper.sweep(await storedAt(rig))).toBe(0);

    const later = new Date((await storedAt(rig)).getTime() + GRACE + 60_000);
    expect(await sweeper.sweep(later)).toBe(3);
    // The checkpoint waits at the oldest unfinished mention, so the next sweep looks again.
    const checkpoint = () => rig.store.cursors.get('', 'sweeper:ingested');
    const [oldest] = await rig.store.mentions.ingestedBetween(new Date(0), later, 1);
    expect(await checkpoint()).toBe(oldest?.ingestedAt.toISOString());
    workers = startWorkers(rig.redis, rig.deps);
    await waitFor('all flagged', async () => (await countFlagged(rig.db)) === 3);
    // As a worker killed between the set unions and the counts, its job lost too, leaves the hour.
    await rig.db.collection('rollups_hourly').updateMany({}, { $set: { 'counts.total': 0 } });
    expect(await sweeper.sweep(later)).toBe(0);
    const [hour] = await rig.store.rollups.list({ from: new Date(0), to: later });
    expect(hour?.counts.total).toBe(3);
    // All through: it moves past them, to the end of the grace period.
    expect(await checkpoint()).toBe(new Date(later.getTime() - GRACE).toISOString());
    const profiles = await rig.db.collection('authors').find().toArray();
    expect(profiles.map((p) => (p.counts as { total: number }).total)).toEqual([1, 1, 1]);
  });
});

describe('Sweeper and a batch whose job already failed', () => {
  let rig: TestRig;
  let workers: Worker[] = [];
  beforeAll(async () => {
    rig = await createRig('sweepfail');
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await rig.cleanup();
  });

  it('replaces the failed job of the same batch, once, and the mentions get through', async () => {
    await rig.store.mentions.insertNew(
      [0, 1].map((index) => ({
        watchId: 'acme',
        source: 'replay' as const,
        externalId: `poisoned${index}`,
        url: null,
        text: 'Acme is lovely',
        author: { id: `p${index}`, handle: `p${index}`, name: null, followers: null },
        createdAt: new Date('2026-11-01T10:00:00Z'),
        engagement: { likes: 0, replies: 0, shares: 0, score: 0 },
        lang: null,
        rating: null,
      })),
    );
    const later = new Date((await storedAt(rig)).getTime() + GRACE + 60_000);
    // Injected: the analyze job of exactly the batch the sweeper will build fails for good.
    const batch = await rig.store.mentions.ingestedBetween(
      new Date(0),
      new Date(later.getTime() - GRACE),
      10,
    );
    const data = { watchId: 'acme', mentionIds: batch.map((m) => m.id) };
    const id = await rig.producer.enqueue('analyze', data);
    const poison = new Worker(
      'analyze',
      () => Promise.reject(new UnrecoverableError('poisoned on purpose')),
      { connection: rig.redis, prefix: rig.config.queuePrefix },
    );
    await waitFor(
      'the job failed',
      async () => (await rig.producer.queues.analyze.getFailedCount()) === 1,
    );
    await poison.close();

    const sweeper = new Sweeper(rig.store, rig.producer, createLogger('silent'), GRACE);
    expect(await sweeper.sweep(later)).toBe(2);
    // A second sweep while the replacement waits adds nothing.
    expect(await sweeper.sweep(later)).toBe(2);
    const analyze = rig.producer.queues.analyze;
    expect(await analyze.getFailedCount()).toBe(0);
    expect(await analyze.getWaitingCount()).toBe(1);
    expect((await analyze.getWaiting())[0]?.id).toBe(id);

    workers = startWorkers(rig.redis, rig.deps);
    await waitFor('both flagged', async () => (await countFlagged(rig.db)) === 2);
    const profiles = await rig.db.collection('authors').find().toArray();
    expect(profiles.map((p) => (p.counts as { total: number }).total)).toEqual([1, 1]);
  });
});

describe('Sweeper after an upgrade from a version that marked mentions flagged', () => {
  let rig: TestRig;
  beforeAll(async () => {
    rig = await createRig('sweeplegacy');
  });
  afterAll(() => rig.cleanup());

  it('leaves what an earlier version marked flagged, and starts at the first mention it did not', async () => {
    const mention = (externalId: string) => ({
      watchId: 'acme',
      source: 'replay' as const,
      externalId,
      url: null,
      text: 'Acme is lovely',
      author: { id: externalId, handle: externalId, name: null, followers: null },
      createdAt: new Date('2026-11-01T08:00:00Z'),
      engagement: { likes: 0, replies: 0, shares: 0, score: 0 },
      lang: null,
      rating: null,
    });
    await rig.store.mentions.insertNew([mention('old-done'), mention('old-waiting')]);
    const [done, waiting] = ['old-done', 'old-waiting'].map((x) =>
      mentionId('acme', 'replay', x).toHexString(),
    );
    const analysis = {
      label: 'positive' as const,
      score: 0.5,
      confidence: 0.9,
      intents: [],
      evidence: [],
    };
    await rig.store.mentions.saveAnalyses([{ id: done!, analysis }]);
    // As the earlier version left them: one marked flagged, one still pending.
    const mentions = rig.db.collection('mentions');
    await mentions.updateOne(
      { externalId: 'old-done' },
      { $set: { flaggedAt: new Date('2026-11-01T08:05:00Z') } },
    );
    await mentions.updateOne(
      { externalId: 'old-waiting' },
      { $set: { flaggedAt: null, pending: true } },
    );
    const [stored] = await rig.store.mentions.findByIds([waiting!]);
    expect(await rig.store.mentions.firstUnmarked()).toEqual(stored?.ingestedAt);

    const sweeper = new Sweeper(rig.store, rig.producer, createLogger('silent'), GRACE);
    expect(await sweeper.sweep(new Date((await storedAt(rig)).getTime() + GRACE + 60_000))).toBe(1);
    const queued = await rig.producer.queues.analyze.getWaiting();
    expect(queued.flatMap((job) => (job.data as { mentionIds: string[] }).mentionIds)).toEqual([
      waiting,
    ]);
    // Nor does the flag stage count the marked one again.
    const job = { id: 'legacy', data: { watchId: 'acme', mentionIds: [done!] } } as Job<FlagJob>;
    expect((await processFlag(job, rig.deps)).flagged).toBe(0);
  });
});
