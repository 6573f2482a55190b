import { describe, expect, it } from 'vitest';
import { ALERT_SETTINGS, type AlertSettings } from '../../../domain/alert-settings.js';
import { countMention, emptyProfile, type StoredProfile } from '../../../domain/author.js';
import type { Mention, SentimentLabel } from '../../../domain/mention.js';
import { recountProfile } from '../../../services/learning/recount.js';

const SETTINGS = Object.fromEntries(
  Object.entries(ALERT_SETTINGS).map(([key, setting]) => [key, setting.default]),
) as AlertSettings;
const T0 = Date.parse('2026-11-20T00:00:00Z');

function mention(n: number, label: SentimentLabel): Mention {
  const at = new Date(T0 + n * 3_600_000);
  return {
    id: `m${n}`.padEnd(24, '0'),
    watchId: 'acme',
    source: 'replay',
    externalId: `x${n}`,
    url: null,
    text: `text ${n}`,
    author: { id: 'pat', handle: 'pat', name: null, followers: 10 },
    createdAt: at,
    engagement: { likes: 1, replies: 0, shares: 0, score: 0 },
    lang: 'en',
    rating: null,
    ingestedAt: at,
    analysis: {
      label,
      score: label === 'negative' ? -0.8 : 0,
      confidence: 0.9,
      intents: label === 'negative' ? ['complaint'] : [],
      evidence: [],
      analyzedAt: at,
    },
  };
}

const ids = (mentions: Mention[]) => mentions.map((m) => m.id);

/** The profile the flag stage would have stored from these mentions, counted one by one. */
function counted(mentions: Mention[], extra: Partial<StoredProfile> = {}): StoredProfile {
  return { ...mentions.reduce(countMention, emptyProfile(mentions[0]!)), ...extra };
}

describe('recountProfile', () => {
  const seen: string[] = [];
  const run = {
    settings: SETTINGS,
    assess: (_profile: StoredProfile, m: Mention) => {
      seen.push(m.id);
      return [];
    },
  };

  it('counts the author again from the mentions, with new labels, and keeps what people set', () => {
    seen.length = 0;
    const old = [mention(1, 'neutral'), mention(2, 'neutral'), mention(3, 'positive')];
    const answeredAt = new Date(T0 + 5 * 3_600_000);
    const stored = counted(old, { answeredAt, advocateSince: answeredAt, advocateAlertedScore: 4 });
    const relabelled = [old[0]!, mention(2, 'negative'), old[2]!];

    const sets = { changedIds: new Set([relabelled[1]!.id]), through: new Set(ids(old)) };
    const result = recountProfile(stored, relabelled, sets, run);

    expect(result?.profile.counts).toEqual({
      negative: 1,
      neutral: 1,
      positive: 1,
      total: 3,
      recommendations: 0,
    });
    expect(result?.profile.recent.map((r) => r.label)).toEqual(['neutral', 'negative', 'positive']);
    expect(result?.profile).toMatchObject({ answeredAt, advocateSince: answeredAt });
    expect(result?.profile.advocateAlertedScore).toBe(4);
    // Judged from the first changed mention on, in time order.
    expect(seen).toEqual(['m2', 'm3'].map((id) => id.padEnd(24, '0')));
  });

  it('counts only what the flag stage counted, and keeps counted unmarked ids applied', () => {
    const flagged = mention(1, 'neutral');
    const countedUnmarked = mention(2, 'negative');
    const waiting = mention(3, 'negative');
    const stored = counted([flagged, countedUnmarked]);
    const sets = { changedIds: new Set([flagged.id]), through: new Set([flagged.id]) };

    const result = recountProfile(stored, [waiting, countedUnmarked, flagged], sets, run);

    expect(result?.profile.counts.total).toBe(2);
    expect(result?.profile.appliedIds).toEqual([flagged.id, countedUnmarked.id]);
    expect(recountProfile(null, [waiting], { ...sets, through: new Set() }, run)).toBeNull();
  });

  it('gives the same profile when counted twice', () => {
    const mentions = [mention(1, 'negative'), mention(2, 'positive'), mention(3, 'neutral')];
    const sets = { changedIds: new Set([mentions[1]!.id]), through: new Set(ids(mentions)) };
    const once = recountProfile(counted(mentions), mentions, sets, run)!.profile;
    expect(recountProfile(once, mentions, sets, run)!.profile).toEqual(once);
  });
});
