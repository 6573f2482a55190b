import type { Job } from 'bullmq';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlagJob } from '../../jobs/catalogue.js';
import { processFlag } from '../../workers/flag.js';
import { createRig, type TestRig } from '../helpers/env.js';
import { countFlagged } from '../helpers/counts.js';
import { seedMention } from '../helpers/seed.js';

const WATCH = 'concurrent';
const BATCHES = 4;
const PER_BATCH = 5;
const BASE = Date.parse('2026-11-02T08:00:00.000Z');

/** A flag job's envelope around its payload, as BullMQ hands it to the processor. */
const jobOf = (id: string, data: FlagJob) => ({ id, data }) as Job<FlagJob>;

describe('flag stage with several jobs on one author at once', () => {
  let rig: TestRig;
  const batches: string[][] = [];

  beforeAll(async () => {
    rig = await createRig('flag_concurrency', { FLAG_CONCURRENCY: '4' });
    await rig.store.watches.upsert({
      id: WATCH,
      name: WATCH,
      keywords: ['acme'],
      exclusions: [],
      sources: [{ type: 'webhook' }],
      schedule: '0 * * * *',
      enabled: true,
    });
    for (let b = 0; b < BATCHES; b += 1) {
      const ids: string[] = [];
      for (let i = 0; i < PER_BATCH; i += 1) {
        // Interleaved in time across batches, all within the repeat window: the batches race.
        const at = new Date(BASE + (i * BATCHES + b) * 60_000);
        const label = i === 2 ? 'positive' : 'negative';
        const mention = await seedMention(rig, { watchId: WATCH, authorId: 'pat', at, label });
        ids.push(mention.id);
      }
      batches.push(ids);
    }
  });

  afterAll(async () => {
    await rig.cleanup();
  });

  /** The watch's mentions as its hourly buckets count them. */
  const hourTotal = async () =>
    (
      await rig.store.rollups.list({
        watchId: WATCH,
        from: new Date(BASE - 3_600_000),
        to: new Date(BASE + 3 * 3_600_000),
      })
    ).reduce((sum, r) => sum + r.counts.total, 0);

  const flagAll = () =>
    Promise.all(
      batches.map((mentionIds, index) =>
        processFlag(jobOf(`b${index}`, { watchId: WATCH, mentionIds }), rig.deps),
      ),
    );

  it('counts every mention exactly once, raises one alert with each complaint once, and counts every hour', async () => {
    await flagAll();
    const total = BATCHES * PER_BATCH;
    const profile = await rig.store.authors.get(`${WATCH}|replay|pat`);
    expect(profile?.counts).toMatchObject({
      total,
      negative: total - BATCHES,
      positive: BATCHES,
    });
    const alerts = await rig.db
      .collection('alerts')
      .find({ watchId: WATCH, type: 'disgruntled_customer' })
      .toArray();
    expect(alerts).toHaveLength(1);
    const evidenceIds = alerts[0]!.evidenceIds as string[];
    expect(new Set(evidenceIds).size).toBe(evidenceIds.length);
    expect(alerts[0]!.evidenceCount).toBe(evidenceIds.length);
    expect(await hourTotal()).toBe(total);
    expect(await countFlagged(rig.db, { watchId: WATCH })).toBe(total);
  });

  it('changes nothing when the same jobs run again, all at once', async () => {
    const before = await rig.store.authors.get(`${WATCH}|replay|pat`);
    const alertBefore = await rig.db.collection('alerts').findOne({ watchId: WATCH });
    const results = await flagAll();
    expect(results.every((result) => result.flagged === 0)).toBe(true);
    expect((await rig.store.authors.get(`${WATCH}|replay|pat`))?.counts).toEqual(before?.counts);
    const alertAfter = await rig.db.collection('alerts').findOne({ watchId: WATCH });
    expect(alertAfter?.evidenceCount).toBe(alertBefore?.evidenceCount);
  });

  it('counts no hour twice when a mention was scored again between two runs of its job', async () => {
    const before = await hourTotal();
    // As a re-score after a model change leaves it: another label than the one counted.
    const mentionId = batches[0]![0]!;
    await rig.db
      .collection('mentions')
      .updateOne({ _id: new ObjectId(mentionId) }, { $set: { 'analysis.label': 'neutral' } });
    await flagAll();
    expect(await hourTotal()).toBe(before);
  });

  it('brings the hours up to their sets when a batch comes again with nothing left to add', async () => {
    const before = await hourTotal();
    // As a worker killed between a batch's set unions and its counts leaves the hours.
    await rig.db
      .collection('rollups_hourly')
      .updateMany(
        { watchId: WATCH },
        { $set: { counts: { negative: 0, neutral: 0, positive: 0, total: 0 } } },
      );
    await flagAll();
    expect(await hourTotal()).toBe(before);
  });
});
