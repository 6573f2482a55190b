import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertDecision } from '../../analysis/alerts/types.js';
import { authorSubject } from '../../domain/alert.js';
import { AlertService } from '../../services/alerts/service.js';
import { storeAnalysed } from '../../services/intake.js';
import type { Watch } from '../../domain/watch.js';
import { mentionId } from '../../store/mentions.js';
import type { Mention, NewMention } from '../../domain/mention.js';
import { createRig, type TestRig } from '../helpers/env.js';

function newMention(externalId: string, authorId = 'a1', at = '2026-11-01T10:00:00Z'): NewMention {
  return {
    watchId: 'w',
    source: 'replay',
    externalId,
    url: null,
    text: `mention ${externalId}`,
    author: { id: authorId, handle: authorId, name: null, followers: 50 },
    createdAt: new Date(at),
    engagement: { likes: 0, replies: 0, shares: 0, score: 0 },
    lang: null,
    rating: null,
  };
}

const WATCH_W: Watch = {
  id: 'w',
  name: 'W',
  keywords: ['mention'],
  exclusions: [],
  sources: [{ type: 'replay', file: 'demo/mentions.jsonl' }],
  schedule: '*/30 * * * * *',
  enabled: true,
};

const decision: AlertDecision = {
  type: 'disgruntled_customer',
  severity: 'low',
  score: 4,
  reason: 'test',
  factors: { negativity: 4 },
};

describe('store repositories on the real store', () => {
  let rig: TestRig;
  beforeAll(async () => {
    rig = await createRig('store');
  });
  afterAll(() => rig.cleanup());

  async function storedMention(
    externalId: string,
    label: 'negative' | 'positive',
    authorId = 'a1',
  ): Promise<Mention> {
    await rig.store.mentions.insertNew([newMention(externalId, authorId)]);
    const [id] = await rig.store.mentions.unanalyzedIds('w', 'replay', [externalId]);
    const score = label === 'negative' ? -0.9 : 0.9;
    await rig.store.mentions.saveAnalyses([
      { id: id!, analysis: { label, score, confidence: 0.9, intents: [], evidence: [] } },
    ]);
    const [mention] = await rig.store.mentions.findByIds([id!]);
    return mention!;
  }

  it('inserts a mention once however often it is offered, in one batch or several', async () => {
    const batch = [newMention('x1'), newMention('x2'), newMention('x1')];
    expect(await rig.store.mentions.insertNew(batch)).toBe(2);
    expect(await rig.store.mentions.insertNew([newMention('x2'), newMention('x3')])).toBe(1);
    expect(await rig.store.mentions.count({ watchId: 'w' })).toBeGreaterThanOrEqual(3);
    const ids = await rig.store.mentions.unanalyzedIds('w', 'replay', ['x1', 'x2', 'x3']);
    expect(ids).toHaveLength(3);
  });

  it('hands back the new mentions and the ones stored before but not flagged yet, by the stage they need', async () => {
    const ids = (x: string) => mentionId('w', 'replay', x).toHexString();
    const intake = (mentions: NewMention[]) => storeAnalysed(rig, WATCH_W, mentions);
    // An hour no other test here counts into.
    const q = (x: string) => newMention(x, 'a1', '2026-10-01T10:00:00Z');
    // Stored unanalysed by an earlier version: it still needs the analyze stage.
    await rig.store.mentions.insertNew([q('q0')]);
    const first = await intake([q('q1'), q('q2'), q('q0')]);
    expect(first.inserted).toBe(2);
    expect(first.pending.sort()).toEqual([ids('q1'), ids('q2')].sort());
    expect(first.unanalyzed).toEqual([ids('q0')]);
    // q1 through the flag stage: counted into its hour's bucket.
    const hour = new Date('2026-10-01T10:00:00Z').getTime();
    await rig.store.rollups.addBatch('w', new Map([[hour, [{ id: ids('q1'), label: 'neutral' }]]]));
    const again = await intake([
      newMention('q1'),
      newMention('q2'),
      newMention('q3'),
      newMention('q3'),
    ]);
    expect(again.inserted).toBe(1);
    expect(again.pending.sort()).toEqual([ids('q2'), ids('q3')].sort());
    expect(again.unanalyzed).toEqual([]);
    const [q3] = await rig.store.mentions.findByIds([ids('q3')]);
    expect(q3?.analysis?.label).toBe('neutral');
  });

  it('counts a mention into its author profile once, even when applied twice', async () => {
    const mention = await storedMention('p1', 'negative', 'twice');
    const first = await rig.store.authors.applyMention(mention);
    const second = await rig.store.authors.applyMention(mention);
    expect(first.counts).toMatchObject({ negative: 1, positive: 0, total: 1 });
    expect(second.counts).toMatchObject({ negative: 1, positive: 0, total: 1 });
    expect(second.recent.map((m) => m.id)).toEqual([mention.id]);
  });

  it('keeps one active alert per author, adds evidence once, and opens a new one after closing', async () => {
    const m1 = await storedMention('al1', 'negative', 'alerty');
    const m2 = await storedMention('al2', 'negative', 'alerty');
    await rig.store.authors.applyMention(m1);
    expect((await rig.store.authors.get('w|replay|alerty'))?.answeredAt).toBeNull();
    const raise = (d: AlertDecision, m: Mention, cooldownMs = 0) =>
      new AlertService(rig.store)
        .apply(
          [{ kind: 'raise', decision: d, subject: authorSubject(m), mentions: [m] }],
          cooldownMs,
        )
        .then(([outcome]) => outcome!);
    expect((await raise(decision, m1)).kind).toBe('new');
    expect((await raise({ ...decision, severity: 'high', score: 7 }, m2)).kind).toBe('escalated');
    expect((await raise(decision, m2)).kind).toBe('unchanged');
    const [alert] = await rig.store.alerts.triage.search(
      { watchId: 'w', type: 'disgruntled_customer' },
      'newest',
      10,
      null,
    );
    expect(alert).toMatchObject({
      authorId: 'alerty',
      evidenceCount: 2,
      severity: 'high',
      status: 'open',
    });
    expect(alert!.evidence.map((e) => e.mentionId)).toEqual([m1.id, m2.id]);

    expect(alert!.score).toBe(7);
    const service = new AlertService(rig.store);
    expect(await service.close(alert!.id, 'resolved')).toBe(true);
    expect(await service.close(alert!.id, 'resolved')).toBe(false);
    // Evidence no newer than the close re-opens nothing, nor does newer evidence in the cool-down.
    expect((await raise(decision, m1)).kind).toBe('suppressed');
    const m3 = await storedMention('al3', 'negative', 'alerty');
    // A second after the close, by the close's own time (the store's clock, not the test's).
    const closedAt = (await rig.store.alerts.triage.get(alert!.id))!.closedAt!;
    const later = { ...m3, createdAt: new Date(closedAt.getTime() + 1000) };
    expect((await raise(decision, later, 3600_000)).kind).toBe('suppressed');
    expect((await raise(decision, later)).kind).toBe('new');
    const alerts = await rig.store.alerts.triage.search(
      { watchId: 'w', type: 'disgruntled_customer' },
      'newest',
      10,
      null,
    );
    expect(alerts.map((a) => a.status).sort()).toEqual(['open', 'resolved']);
    expect(alerts.find((a) => a.status === 'resolved')?.closedAt).toBeInstanceOf(Date);
    // Closing is the team's answer: the author's profile records when.
    expect((await rig.store.authors.get('w|replay|alerty'))?.answeredAt).toBeInstanceOf(Date);
  });

  it('stores a mention under the id its identity gives, and reads batches back in the order asked', async () => {
    await rig.store.mentions.insertNew([newMention('id1'), newMention('id2')]);
    const expected = mentionId('w', 'replay', 'id1').toHexString();
    const [id1, id2] = await rig.store.mentions.unanalyzedIds('w', 'replay', ['id1', 'id2']);
    expect(id1).toBe(expected);
    expect(mentionId('w', 'replay', 'id1').toHexString()).toBe(expected);
    expect(mentionId('w2', 'replay', 'id1').toHexString()).not.toBe(expected);
    const found = await rig.store.mentions.findByIds([id2!, 'f'.repeat(24), id1!]);
    expect(found.map((m) => m.externalId)).toEqual(['id2', 'id1']);
  });

  it('counts a mention into its hour once, however often and in whatever batches it is added', async () => {
    const hour = new Date('2026-11-01T10:00:00Z');
    const [a, b, c] = ['r1', 'r2', 'r3'].map((x) => mentionId('w', 'replay', x).toHexString());
    const first = await rig.store.rollups.add('w', hour, [
      { id: a!, label: 'negative' },
      { id: b!, label: 'positive' },
    ]);
    expect(first).toEqual({ negative: 1, neutral: 0, positive: 1, total: 2 });
    // A retried batch, then one the sweeper put together again with a mention already counted.
    await rig.store.rollups.add('w', hour, [{ id: a!, label: 'negative' }]);
    const again = await rig.store.rollups.add('w', hour, [
      { id: b!, label: 'positive' },
      { id: c!, label: 'negative' },
    ]);
    expect(again).toEqual({ negative: 2, neutral: 0, positive: 1, total: 3 });
    const [bucket] = await rig.store.rollups.list({
      watchId: 'w',
      from: hour,
      to: new Date(hour.getTime() + 3600_000),
    });
    expect(bucket).toEqual({ watchId: 'w', start: hour, counts: again });
  });

  it('stores a cursor per watch×source and reads it back', async () => {
    expect(await rig.store.cursors.get('w', 'replay:f')).toBeNull();
    await rig.store.cursors.set('w', 'replay:f', '1024');
    await rig.store.cursors.set('w', 'replay:g', '7');
    expect(await rig.store.cursors.get('w', 'replay:f')).toBe('1024');
  });
});
