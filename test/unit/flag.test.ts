import { describe, expect, it } from 'vitest';
import { advocateScore, assessAdvocate, assessDisgruntled } from '../../analysis/flag.js';
import type { FlagThresholds } from '../../config/index.js';
import type { AuthorProfile } from '../../domain/author.js';
import type { Intent, Mention, SentimentLabel } from '../../domain/mention.js';

const THRESHOLDS: FlagThresholds = {
  negativeScore: -0.75,
  repeatNegative: 3,
  windowHours: 72,
  largeAudience: 10_000,
  advocateMinPositive: 3,
  advocateMinDays: 2,
};

const NOW = new Date('2024-05-10T12:00:00.000Z');
const HOUR_MS = 3600_000;
const hoursBefore = (hours: number): Date => new Date(NOW.getTime() - hours * HOUR_MS);

interface ProfileOptions {
  followers?: number | null;
  negative?: number;
  positive?: number;
  neutral?: number;
  recommendations?: number;
  recentNegativeAt?: Date[];
  recentPositiveAt?: Date[];
}

function profile(options: ProfileOptions = {}): AuthorProfile {
  const negative = options.negative ?? options.recentNegativeAt?.length ?? 0;
  const positive = options.positive ?? options.recentPositiveAt?.length ?? 0;
  const neutral = options.neutral ?? 0;
  return {
    id: 'acme|replay|u1',
    watchId: 'acme',
    source: 'replay',
    authorId: 'u1',
    handle: 'pat',
    name: null,
    followers: options.followers ?? null,
    counts: {
      negative,
      neutral,
      positive,
      total: negative + neutral + positive,
      recommendations: options.recommendations ?? 0,
    },
    recentNegativeAt: options.recentNegativeAt ?? [],
    recentPositiveAt: options.recentPositiveAt ?? [],
    recentNegativeIds: [],
    firstSeen: hoursBefore(24 * 30),
    lastSeen: NOW,
    advocateScore: 0,
  };
}

interface MentionOptions {
  label: SentimentLabel;
  score: number;
  intents?: Intent[];
  followers?: number | null;
  createdAt?: Date;
}

function mention(options: MentionOptions | null): Mention {
  const createdAt = options?.createdAt ?? NOW;
  return {
    id: '665f00000000000000000001',
    watchId: 'acme',
    source: 'replay',
    externalId: 'r1',
    url: null,
    text: 'Acme did something',
    author: { id: 'u1', handle: 'pat', name: null, followers: options?.followers ?? null },
    createdAt,
    engagement: { likes: 0, replies: 0, shares: 0, score: 0 },
    lang: 'en',
    rating: null,
    ingestedAt: createdAt,
    analysis: options
      ? {
          label: options.label,
          score: options.score,
          confidence: 0.9,
          intents: options.intents ?? [],
          evidence: [],
          analyzedAt: createdAt,
        }
      : null,
    flaggedAt: null,
  };
}

describe('assessDisgruntled', () => {
  it('ignores a mention that is not analysed or not negative', () => {
    const author = profile({ recentNegativeAt: [NOW] });
    expect(assessDisgruntled(author, mention(null), THRESHOLDS)).toBeNull();
    expect(
      assessDisgruntled(author, mention({ label: 'neutral', score: -0.9 }), THRESHOLDS),
    ).toBeNull();
    expect(
      assessDisgruntled(author, mention({ label: 'positive', score: 0.9 }), THRESHOLDS),
    ).toBeNull();
  });

  it('does not alert on a single mildly negative remark from a small account', () => {
    const author = profile({ followers: 120, recentNegativeAt: [NOW] });
    const decision = assessDisgruntled(
      author,
      mention({ label: 'negative', score: -0.3, followers: 120 }),
      THRESHOLDS,
    );
    expect(decision).toBeNull();
  });

  it('raises a low alert for one strongly negative mention', () => {
    const author = profile({ followers: 120, recentNegativeAt: [NOW] });
    const decision = assessDisgruntled(
      author,
      mention({ label: 'negative', score: -0.8 }),
      THRESHOLDS,
    );
    expect(decision).toEqual({
      type: 'disgruntled_customer',
      severity: 'low',
      reason: 'strongly negative (score -0.80)',
      factors: { strongNegativity: 1, repetition: 0, largeAudience: 0, churnRisk: 0 },
    });
  });

  it('does not count a moderately negative score above the threshold as strong', () => {
    const decision = assessDisgruntled(
      profile({ recentNegativeAt: [NOW] }),
      mention({ label: 'negative', score: -0.74 }),
      THRESHOLDS,
    );
    expect(decision).toBeNull();
  });

  it('counts a score exactly at the threshold as strongly negative', () => {
    const decision = assessDisgruntled(
      profile({ recentNegativeAt: [NOW] }),
      mention({ label: 'negative', score: -0.75 }),
      THRESHOLDS,
    );
    expect(decision?.factors.strongNegativity).toBe(1);
    expect(decision?.severity).toBe('low');
  });

  it('escalates when three mild negatives fall within the window', () => {
    const author = profile({ recentNegativeAt: [hoursBefore(60), hoursBefore(10), NOW] });
    const decision = assessDisgruntled(
      author,
      mention({ label: 'negative', score: -0.2 }),
      THRESHOLDS,
    );
    expect(decision?.severity).toBe('low');
    expect(decision?.factors).toEqual({
      strongNegativity: 0,
      repetition: 1,
      largeAudience: 0,
      churnRisk: 0,
    });
    expect(decision?.reason).toBe('3 negative mentions in 72 h');
  });

  it('makes a strongly negative repeat a medium alert', () => {
    const author = profile({ recentNegativeAt: [hoursBefore(48), hoursBefore(2), NOW] });
    const decision = assessDisgruntled(
      author,
      mention({ label: 'negative', score: -0.75 }),
      THRESHOLDS,
    );
    expect(decision?.severity).toBe('medium');
    expect(decision?.reason).toBe('strongly negative (score -0.75); 3 negative mentions in 72 h');
  });

  it('does not count negatives outside the window', () => {
    const author = profile({ recentNegativeAt: [hoursBefore(100), hoursBefore(80), NOW] });
    expect(
      assessDisgruntled(author, mention({ label: 'negative', score: -0.2 }), THRESHOLDS),
    ).toBeNull();
  });

  it('excludes a negative exactly one window old and counts one just inside it', () => {
    const atEdge = profile({ recentNegativeAt: [hoursBefore(72), hoursBefore(1), NOW] });
    expect(
      assessDisgruntled(atEdge, mention({ label: 'negative', score: -0.2 }), THRESHOLDS),
    ).toBeNull();
    const inside = profile({ recentNegativeAt: [hoursBefore(71.9), hoursBefore(1), NOW] });
    expect(
      assessDisgruntled(inside, mention({ label: 'negative', score: -0.2 }), THRESHOLDS)?.factors
        .repetition,
    ).toBe(1);
  });

  it('measures the window back from the mention, not from later negatives', () => {
    const author = profile({ recentNegativeAt: [hoursBefore(30), hoursBefore(20), NOW] });
    const earlier = mention({ label: 'negative', score: -0.2, createdAt: hoursBefore(20) });
    expect(assessDisgruntled(author, earlier, THRESHOLDS)).toBeNull();
  });

  it('raises severity by one step for a large audience', () => {
    const decision = assessDisgruntled(
      profile({ recentNegativeAt: [NOW] }),
      mention({ label: 'negative', score: -0.8, followers: 25_000 }),
      THRESHOLDS,
    );
    expect(decision?.severity).toBe('medium');
    expect(decision?.factors.largeAudience).toBe(1);
    expect(decision?.reason).toBe('strongly negative (score -0.80); 25000 followers');
  });

  it('takes the audience from the profile when the mention has no follower count', () => {
    const decision = assessDisgruntled(
      profile({ followers: 10_000, recentNegativeAt: [NOW] }),
      mention({ label: 'negative', score: -0.8 }),
      THRESHOLDS,
    );
    expect(decision?.factors.largeAudience).toBe(1);
    expect(decision?.severity).toBe('medium');
  });

  it('does not alert on a mild remark just because the account is large', () => {
    const decision = assessDisgruntled(
      profile({ followers: 1_000_000, recentNegativeAt: [NOW] }),
      mention({ label: 'negative', score: -0.3, followers: 1_000_000 }),
      THRESHOLDS,
    );
    expect(decision).toBeNull();
  });

  it('raises severity by one step for churn intent', () => {
    const decision = assessDisgruntled(
      profile({ recentNegativeAt: [NOW] }),
      mention({ label: 'negative', score: -0.9, intents: ['complaint', 'churn_risk'] }),
      THRESHOLDS,
    );
    expect(decision?.severity).toBe('medium');
    expect(decision?.factors.churnRisk).toBe(1);
    expect(decision?.reason).toBe('strongly negative (score -0.90); talks of leaving');
  });

  it('raises a high alert when a large account is strongly negative repeatedly', () => {
    const decision = assessDisgruntled(
      profile({ followers: 50_000, recentNegativeAt: [hoursBefore(5), hoursBefore(3), NOW] }),
      mention({ label: 'negative', score: -0.85 }),
      THRESHOLDS,
    );
    expect(decision?.severity).toBe('high');
  });

  it('raises a critical alert when every factor is present', () => {
    const decision = assessDisgruntled(
      profile({ followers: 50_000, recentNegativeAt: [hoursBefore(5), hoursBefore(3), NOW] }),
      mention({ label: 'negative', score: -0.95, intents: ['churn_risk'] }),
      THRESHOLDS,
    );
    expect(decision?.severity).toBe('critical');
    expect(decision?.factors).toEqual({
      strongNegativity: 1,
      repetition: 1,
      largeAudience: 1,
      churnRisk: 1,
    });
    expect(decision?.reason).toBe(
      'strongly negative (score -0.95); 3 negative mentions in 72 h; 50000 followers; talks of leaving',
    );
  });

  it('follows the configured thresholds', () => {
    const strict: FlagThresholds = { ...THRESHOLDS, negativeScore: -0.9, repeatNegative: 2 };
    const author = profile({ recentNegativeAt: [hoursBefore(1), NOW] });
    const decision = assessDisgruntled(author, mention({ label: 'negative', score: -0.8 }), strict);
    expect(decision?.factors.strongNegativity).toBe(0);
    expect(decision?.factors.repetition).toBe(1);
    expect(decision?.reason).toBe('2 negative mentions in 72 h');
  });
});

describe('assessAdvocate', () => {
  const positive = mention({ label: 'positive', score: 0.8 });
  const twoDays = [hoursBefore(30), hoursBefore(5), NOW];

  it('flags an author with enough positives over enough days', () => {
    const decision = assessAdvocate(profile({ recentPositiveAt: twoDays }), positive, THRESHOLDS);
    expect(decision).toEqual({
      type: 'emerging_advocate',
      severity: 'low',
      reason: '3 positive mentions over 2 days',
      factors: { positiveMentions: 3, distinctDays: 2, recommendations: 0 },
    });
  });

  it('needs the minimum number of positive mentions', () => {
    const author = profile({ recentPositiveAt: [hoursBefore(30), NOW] });
    expect(assessAdvocate(author, positive, THRESHOLDS)).toBeNull();
  });

  it('needs the positives spread over the minimum number of distinct days', () => {
    const sameDay = profile({ recentPositiveAt: [hoursBefore(3), hoursBefore(2), NOW] });
    expect(assessAdvocate(sameDay, positive, THRESHOLDS)).toBeNull();
  });

  it('needs more positive mentions than negative ones', () => {
    const even = profile({ recentPositiveAt: twoDays, negative: 3 });
    expect(assessAdvocate(even, positive, THRESHOLDS)).toBeNull();
    const ahead = profile({ recentPositiveAt: twoDays, negative: 2 });
    expect(assessAdvocate(ahead, positive, THRESHOLDS)?.type).toBe('emerging_advocate');
  });

  it('is only assessed on a positive mention', () => {
    const author = profile({ recentPositiveAt: twoDays });
    expect(assessAdvocate(author, mention({ label: 'neutral', score: 0 }), THRESHOLDS)).toBeNull();
    expect(assessAdvocate(author, mention(null), THRESHOLDS)).toBeNull();
  });

  it('rates a recommending advocate medium and says so', () => {
    const author = profile({
      recentPositiveAt: [hoursBefore(60), hoursBefore(30), hoursBefore(5), NOW],
      recommendations: 2,
    });
    const decision = assessAdvocate(author, positive, THRESHOLDS);
    expect(decision?.severity).toBe('medium');
    expect(decision?.reason).toBe('4 positive mentions over 3 days, 2 recommending');
    expect(decision?.factors).toEqual({
      positiveMentions: 4,
      distinctDays: 3,
      recommendations: 2,
    });
  });

  it('rates a recommending advocate with a wide reach high', () => {
    const author = profile({
      followers: 9999,
      positive: 5,
      recentPositiveAt: twoDays,
      recommendations: 3,
    });
    expect(assessAdvocate(author, positive, THRESHOLDS)?.severity).toBe('high');
  });
});

describe('advocateScore', () => {
  it('counts positive mentions', () => {
    expect(advocateScore(profile({ positive: 3 }))).toBe(3);
  });

  it('counts a recommendation double', () => {
    expect(advocateScore(profile({ positive: 3, recommendations: 1 }))).toBe(5);
    expect(advocateScore(profile({ positive: 3, recommendations: 2 }))).toBe(7);
  });

  it('subtracts negative mentions twice', () => {
    expect(advocateScore(profile({ positive: 5, negative: 1 }))).toBe(3);
  });

  it('multiplies by reach, logarithmically', () => {
    expect(advocateScore(profile({ positive: 4, followers: 99 }))).toBe(6);
    expect(advocateScore(profile({ positive: 4, followers: 9999 }))).toBe(8);
    expect(advocateScore(profile({ positive: 1, followers: 1 }))).toBe(1.08);
  });

  it('grows with followers', () => {
    const scores = [0, 100, 10_000, 1_000_000].map((followers) =>
      advocateScore(profile({ positive: 3, recommendations: 1, followers })),
    );
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(new Set(scores).size).toBe(4);
  });

  it('is 0 when negative mentions dominate', () => {
    expect(advocateScore(profile({ positive: 2, negative: 2, followers: 1_000_000 }))).toBe(0);
    expect(advocateScore(profile({ positive: 2, recommendations: 1, negative: 2 }))).toBe(0);
    expect(advocateScore(profile({ positive: 0 }))).toBe(0);
  });
});
