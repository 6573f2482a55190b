import type { Job } from 'bullmq';
import { ObjectId } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeAdaptation } from '../../analysis/adapt/codec.js';
import { fitAdaptation } from '../../analysis/adapt/fit.js';
import { emptyCounts, profileId } from '../../domain/author.js';
import { flagged, type NewMention } from '../../domain/mention.js';
import type { Watch } from '../../domain/watch.js';
import type { FlagJob, RescoreJob } from '../../jobs/catalogue.js';
import { storeAnalysed } from '../../services/intake.js';
import { learningHooks } from '../../services/learning/hooks.js';
import type { StageDeps } from '../../workers/deps.js';
import { processFlag } from '../../workers/flag.js';
import { processRescore } from '../../workers/rescore.js';
import { testWatch } from '../helpers/connector-harness.js';
import { createRig, type TestRig } from '../helpers/env.js';
import { BROKEN, PLAIN } from '../helpers/zorbed.js';

const HOUR = 3600_000;
const SWITCH = new Date('2026-11-20T12:00:00Z');
const NOW = new Date('2026-11-20T12:05:00Z');
const at = (hoursBefore: number) => new Date(SWITCH.getTime() - hoursBefore * HOUR);

/**
 * The watch's mentions: pat says "zorbed" three times (neutral to the shipped analyzer, complaints
 * to the learned model), sam complains either way, lee praises; one of pat's is ten days old (out
 * of the window), and one is still on its way to the flag stage.
 */
const POSTS: Array<{ author: string; text: string; hoursBefore: number; flag: boolean }> = [
  { author: 'pat', text: 'my basket got zorbed', hoursBefore: 30, flag: true },
  { author: 'pat', text: 'the checkout is zorbed again', hoursBefore: 20, flag: true },
  { author: 'pat', text: 'the lid got zorbed on arrival', hoursBefore: 10, flag: true },
  { author: 'pat', text: 'my order got zorbed in the post', hoursBefore: 240, flag: true },
  {
    author: 'sam',
    text: 'basket zorbed again, still waiting for a refund',
    hoursBefore: 5,
    flag: true,
  },
  { author: 'lee', text: 'love the new boards', hoursBefore: 8, flag: true },
  { author: 'lee', text: 'thanks for the quick delivery', hoursBefore: 4, flag: true },
  { author: 'kim', text: 'zorbed, zorbed, zorbed', hoursBefore: 2, flag: false },
];

function watchOf(id: string): Watch {
  return testWatch({
    id,
    name: id,
    sources: [{ type: 'hackernews' }],
    schedule: '*/10 * * * *',
  });
}

function post(watchId: string, index: number): NewMention {
  const { author, text, hoursBefore } = POSTS[index]!;
  return {
    watchId,
    source: 'replay',
    externalId: `${watchId}-${index}`,
    url: null,
    text,
    author: { id: author, handle: author, name: null, followers: 50 },
    createdAt: at(hoursBefore),
    engagement: { likes: 1, replies: 0, shares: 0, score: 0 },
    lang: 'en',
    rating: null,
  };
}

describe('Re-scoring after a model switch, on real Redis and store', () => {
  let rig: TestRig;

  beforeEach(async () => {
    rig = await createRig('rescore');
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rig.cleanup();
  });

  /** Stores the watch's mentions scored by the shipped analyzer, and flags those meant to be. */
  async function seedWatch(watchId: string): Promise<void> {
    const watch = watchOf(watchId);
    await rig.store.watches.upsert(watch);
    const stored = await storeAnalysed(
      rig.deps,
      watch,
      POSTS.map((_, index) => post(watchId, index)),
    );
    const byExternal = new Map(
      (await rig.store.mentions.findByIds(stored.pending)).map((m) => [m.externalId, m.id]),
    );
    const toFlag = POSTS.flatMap((entry, index) =>
      entry.flag ? [byExternal.get(`${watchId}-${index}`)!] : [],
    );
    const job = { id: `flag-${watchId}`, data: { watchId, mentionIds: toFlag } };
    await processFlag(job as Job<FlagJob>, rig.deps);
  }

  /** Stores a model learned from the "zorbed" corrections as version 1 and switches the watch to it. */
  async function switchToModel(watchId: string): Promise<RescoreJob> {
    const examples = [...BROKEN, ...PLAIN].map((text) => ({
      text,
      label: BROKEN.includes(text) ? ('negative' as const) : ('neutral' as const),
    }));
    const adaptation = fitAdaptation(examples, 1);
    const info = await rig.store.models.add(
      {
        watchId,
        createdAt: SWITCH,
        corrections: adaptation.corrections,
        cv: adaptation.cv,
        gain: adaptation.gain,
        seed: 1,
        fingerprint: 'zorbed',
      },
      encodeAdaptation(adaptation),
    );
    expect(adaptation.gain).toBeGreaterThan(0);
    await rig.store.models.setCurrent(watchId, info.version, 'test', SWITCH);
    return { watchId, version: info.version, switchedAt: SWITCH.toISOString() };
  }

  function rescore(job: RescoreJob, deps: StageDeps = rig.deps) {
    return processRescore({ id: 'rescore', data: job } as Job<RescoreJob>, deps, NOW);
  }

  async function mentionsOf(watchId: string) {
    const docs = await rig.db
      .collection('mentions')
      .find({ watchId }, { projection: { _id: 1 } })
      .toArray();
    return rig.store.mentions.findByIds(docs.map((doc) => doc._id.toHexString()));
  }

  /** The watch's mentions through the flag stage: counted into their hour's bucket. */
  async function throughFlag(watchId: string) {
    const mentions = await mentionsOf(watchId);
    const counted = await rig.store.rollups.countedAmong(mentions);
    return mentions.filter((m) => flagged(m, counted));
  }

  /**
   * Every author profile of the watch against its mentions: exact counts by label, the recent list
   * with each mention's stored label and score, and each counted mention once.
   */
  async function expectProfilesMatchMentions(watchId: string): Promise<void> {
    const mentions = await throughFlag(watchId);
    for (const author of new Set(mentions.map((m) => m.author.id))) {
      const own = mentions
        .filter((m) => m.author.id === author)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      const counts = { ...emptyCounts(), recommendations: 0 };
      for (const m of own) {
        counts[m.analysis!.label] += 1;
        counts.total += 1;
        counts.recommendations += m.analysis!.intents.includes('recommendation') ? 1 : 0;
      }
      const profile = await rig.store.authors.get(profileId(watchId, 'replay', author));
      expect(profile?.counts, author).toEqual(counts);
      expect(profile?.recent.map((r) => [r.id, r.label, r.score]).sort(), author).toEqual(
        own.map((m) => [m.id, m.analysis!.label, m.analysis!.score]).sort(),
      );
    }
  }

  async function activeAlerts(watchId: string) {
    const docs = await rig.db
      .collection('alerts')
      .find({ watchId, status: { $in: ['open', 'acknowledged'] } })
      .sort({ _id: 1 })
      .toArray();
    return docs.map((doc) => ({
      type: doc.type as string,
      author: doc.authorId as string | null,
      evidence: (doc.evidence as Array<{ mentionId: string }>).map((e) => e.mentionId).sort(),
      evidenceCount: doc.evidenceCount as number,
      severity: doc.severity as string,
    }));
  }

  async function snapshot(watchId: string) {
    const mentions = (await mentionsOf(watchId)).map((m) => ({
      id: m.id,
      analysis: m.analysis,
    }));
    const profiles = await rig.db
      .collection('authors')
      .find({ watchId }, { projection: { rev: 0 } })
      .sort({ _id: 1 })
      .toArray();
    return { mentions, profiles, alerts: await activeAlerts(watchId) };
  }

  it('scores the window again, with exact counts and one alert per subject', async () => {
    await seedWatch('acme');
    expect((await activeAlerts('acme')).filter((a) => a.author === 'pat')).toEqual([]);
    const job = await switchToModel('acme');

    const outcome = await rescore(job);

    expect(outcome).toMatchObject({ rescored: 6, pending: 1, superseded: false });
    expect(outcome.changed).toBeGreaterThanOrEqual(3);
    const mentions = await mentionsOf('acme');
    const byText = new Map(mentions.map((m) => [m.text, m.analysis!]));
    // In the window and flagged: scored by v1; pat's three are complaints now.
    for (const text of POSTS.slice(0, 3).map((p) => p.text)) {
      expect(byText.get(text)).toMatchObject({ label: 'negative', model: 'v1' });
    }
    // Out of the window, or not through the flag stage yet: left as stored.
    expect(byText.get(POSTS[3]!.text)).toMatchObject({ label: 'neutral', model: 'shipped' });
    expect(byText.get(POSTS[7]!.text)?.model).toBe('shipped');
    await expectProfilesMatchMentions('acme');

    const alerts = await activeAlerts('acme');
    const keys = alerts.map((a) => `${a.type}|${a.author}`);
    expect(new Set(keys).size).toBe(keys.length);
    const pat = alerts.find((a) => a.type === 'disgruntled_customer' && a.author === 'pat');
    const patIds = mentions
      .filter((m) => m.author.id === 'pat' && m.analysis?.model === 'v1')
      .map((m) => m.id)
      .sort();
    expect(pat?.evidence).toEqual(patIds);
  });

  it('changes nothing when run twice', async () => {
    await seedWatch('acme');
    const job = await switchToModel('acme');
    await rescore(job);
    const before = await snapshot('acme');
    const again = await rescore(job);
    expect(again).toMatchObject({ rescored: 0, changed: 0, profiles: 0, alerts: 0 });
    expect(await snapshot('acme')).toEqual(before);
  });

  it('ends as one run would when killed between the profiles and the mentions', async () => {
    await seedWatch('clean');
    await rescore(await switchToModel('clean'));
    await seedWatch('killed');
    const job = await switchToModel('killed');
    const write = vi
      .spyOn(rig.store.mentions, 'replaceAnalyses')
      .mockRejectedValueOnce(new Error('killed before the mentions were written'));

    await expect(rescore(job)).rejects.toThrow(/killed/);
    expect(write).toHaveBeenCalledTimes(1);
    // Profiles and alerts were written with the new analyses; the mentions still say shipped.
    expect((await mentionsOf('killed')).every((m) => m.analysis?.model === 'shipped')).toBe(true);
    await rescore(job);

    await expectProfilesMatchMentions('killed');
    const strip = (alerts: Awaited<ReturnType<typeof activeAlerts>>) =>
      alerts.map(({ type, author, evidenceCount, severity }) => ({
        type,
        author,
        evidenceCount,
        severity,
      }));
    expect(strip(await activeAlerts('killed'))).toEqual(strip(await activeAlerts('clean')));
    const counts = async (watchId: string) =>
      (await rig.db.collection('authors').find({ watchId }).sort({ authorId: 1 }).toArray()).map(
        (doc) => [doc.authorId as string, doc.counts as unknown, doc.advocateScore as number],
      );
    expect(await counts('killed')).toEqual(await counts('clean'));
  });

  it('does nothing with RESCORE_DAYS=0, and asks for no job', async () => {
    await seedWatch('acme');
    const before = await snapshot('acme');
    const job = await switchToModel('acme');
    const off = { ...rig.config, learning: { ...rig.config.learning, rescoreDays: 0 } };
    const outcome = await rescore(job, { ...rig.deps, config: off });
    expect(outcome).toMatchObject({ read: 0, rescored: 0 });
    expect(await snapshot('acme')).toEqual(before);
    await learningHooks(rig.store, rig.producer, 20, undefined, 0).modelChanged?.('acme');
    expect(await rig.producer.queues.rescore.getJobs(['waiting', 'delayed'])).toEqual([]);
  });

  it('scores again after a rollback to the shipped analyzer, back to the first counts', async () => {
    await seedWatch('acme');
    const shipped = await rig.db
      .collection('authors')
      .find({ watchId: 'acme' }, { projection: { counts: 1 } })
      .sort({ _id: 1 })
      .toArray();
    await rescore(await switchToModel('acme'));
    const raised = await activeAlerts('acme');

    await rig.store.models.setCurrent('acme', null, 'admin', new Date(SWITCH.getTime() + HOUR));
    const hooks = learningHooks(rig.store, rig.producer, 20, undefined, 7);
    await hooks.modelChanged?.('acme');
    await hooks.modelChanged?.('acme');
    const jobs = (await rig.producer.queues.rescore.getJobs(['waiting', 'delayed'])).filter(
      (entry) => (entry.data as RescoreJob).version === null,
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.data).toEqual({
      watchId: 'acme',
      version: null,
      switchedAt: new Date(SWITCH.getTime() + HOUR).toISOString(),
    });

    const outcome = await rescore(jobs[0]!.data as RescoreJob);
    expect(outcome).toMatchObject({ rescored: 6, superseded: false });
    expect((await throughFlag('acme')).filter((m) => m.analysis?.model === 'v1')).toEqual([]);
    await expectProfilesMatchMentions('acme');
    const after = await rig.db
      .collection('authors')
      .find({ watchId: 'acme' }, { projection: { counts: 1 } })
      .sort({ _id: 1 })
      .toArray();
    expect(after).toEqual(shipped);
    // Alerts the learned model raised stay for people to close; none is added or doubled.
    expect(await activeAlerts('acme')).toEqual(raised);
  });

  it('loses and doubles no count when a flag job counts the same authors meanwhile', async () => {
    for (const watchId of ['race1', 'race2', 'race3']) {
      await seedWatch(watchId);
      const job = await switchToModel(watchId);
      const late = ['pat', 'lee', 'pat'].map((author, index) => ({
        ...post(watchId, 0),
        externalId: `${watchId}-late-${index}`,
        text: `the basket is zorbed again, take ${index}`,
        author: { id: author, handle: author, name: null, followers: 50 },
        createdAt: at(1 - index * 0.1),
      }));
      const stored = await storeAnalysed(rig.deps, watchOf(watchId), late);
      const flag = { id: `late-${watchId}`, data: { watchId, mentionIds: stored.pending } };
      await Promise.all([rescore(job), processFlag(flag as Job<FlagJob>, rig.deps)]);
      await rescore(job);

      await expectProfilesMatchMentions(watchId);
      const keys = (await activeAlerts(watchId)).map((a) => `${a.type}|${a.author}`);
      expect(new Set(keys).size, watchId).toBe(keys.length);
    }
  });

  it('comes back in a later round for a mention that was still in the flag stage', async () => {
    await seedWatch('acme');
    const job = await switchToModel('acme');
    expect(await rescore(job)).toMatchObject({ pending: 1 });
    const queued = await rig.producer.queues.rescore.getJobs(['waiting', 'delayed']);
    expect(queued.map((entry) => entry.data as RescoreJob)).toEqual([{ ...job, round: 1 }]);

    const through = new Set((await throughFlag('acme')).map((m) => m.id));
    const waiting = (await mentionsOf('acme')).find((m) => !through.has(m.id))!;
    const flag = { id: 'flag-late', data: { watchId: 'acme', mentionIds: [waiting.id] } };
    await processFlag(flag as Job<FlagJob>, rig.deps);
    const second = await rescore({ ...job, round: 1 });

    expect(second).toMatchObject({ rescored: 1, pending: 0 });
    const [scored] = await rig.store.mentions.findByIds([waiting.id]);
    expect(scored?.analysis).toMatchObject({ label: 'negative', model: 'v1' });
    await expectProfilesMatchMentions('acme');
    // Nothing left: no further round.
    expect(await rig.producer.queues.rescore.getJobs(['waiting', 'delayed'])).toHaveLength(1);
  });

  it('takes a mention an earlier version marked flagged as through the flag stage', async () => {
    await seedWatch('acme');
    const old = (await mentionsOf('acme')).find((m) => m.text === POSTS[0]!.text)!;
    // As an earlier version left it: marked on the mention, in no hour's member set.
    const _id = new ObjectId(old.id);
    await rig.db.collection('mentions').updateOne({ _id }, { $set: { flaggedAt: at(29) } });
    await rig.db
      .collection('rollup_members')
      .updateMany({}, { $pull: { 'ids.neutral': _id } } as never);
    expect((await rig.store.rollups.countedAmong([old])).size).toBe(0);

    expect(await rescore(await switchToModel('acme'))).toMatchObject({ rescored: 6, pending: 1 });
    const [scored] = await rig.store.mentions.findByIds([old.id]);
    expect(scored?.analysis).toMatchObject({ label: 'negative', model: 'v1' });
    await expectProfilesMatchMentions('acme');
  });

  it('stops when the watch switched again meanwhile', async () => {
    await seedWatch('acme');
    const job = await switchToModel('acme');
    await rig.store.models.setCurrent('acme', null, 'admin', NOW);
    expect(await rescore(job)).toMatchObject({ superseded: true, rescored: 0 });
  });
});
