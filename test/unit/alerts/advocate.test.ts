import { describe, expect, it } from 'vitest';
import {
  advocateFactors,
  advocateScore,
  assessAdvocate,
} from '../../../analysis/alerts/advocate.js';
import { HOUR_MS, NOW, SETTINGS, hoursBefore, mentionOf, profile, recent } from './fixtures.js';

const PRAISE = { label: 'positive', score: 0.9 } as const;
const day = (n: number) => new Date(NOW.getTime() - n * 24 * HOUR_MS);

describe('advocate score', () => {
  it('adds positives, recommendations, extra days and reach, and subtracts negatives', () => {
    const items = [
      recent('positive', 0.9, day(4)),
      recent('positive', 0.9, day(2)),
      recent('positive', 0.9, NOW),
      recent('negative', -0.5, day(1)),
    ];
    const p = profile(items, {
      followers: 999,
      counts: { negative: 1, neutral: 0, positive: 3, total: 4, recommendations: 2 },
    });
    expect(advocateFactors(p, SETTINGS)).toEqual({
      positives: 3,
      recommendations: 4,
      recurrence: 2,
      negatives: -2,
      trend: 0,
      reach: 5.25, // 7 × log10(1000) / 4
    });
    expect(advocateScore(p, SETTINGS)).toBe(12.25);
  });

  it('is 0 when negative mentions dominate', () => {
    const items = [
      recent('positive', 0.9, NOW),
      recent('negative', -0.8, day(1)),
      recent('negative', -0.8, day(2)),
    ];
    expect(advocateScore(profile(items, { followers: 10_000 }), SETTINGS)).toBe(0);
  });

  it('grows with followers, logarithmically', () => {
    const items = [
      recent('positive', 0.9, day(2)),
      recent('positive', 0.9, day(1)),
      recent('positive', 0.9, NOW),
    ];
    const small = advocateScore(profile(items, { followers: 100 }), SETTINGS);
    const large = advocateScore(profile(items, { followers: 100_000 }), SETTINGS);
    expect(large).toBeGreaterThan(small);
    expect(large).toBeLessThan(small * 2);
  });
});

describe('assessAdvocate', () => {
  it('does not alert on one burst of praise on a single day', () => {
    const items = [
      recent('positive', 0.9, hoursBefore(3)),
      recent('positive', 0.9, hoursBefore(2)),
      recent('positive', 0.9, NOW),
    ];
    const p = profile(items, {
      followers: 5000,
      counts: { negative: 0, neutral: 0, positive: 3, total: 3, recommendations: 3 },
    });
    const result = assessAdvocate(p, mentionOf(items[2]!, PRAISE), SETTINGS);
    expect(result.eligible).toBe(false);
    expect(result.decision).toBeNull();
  });

  it('alerts when recurring praise first crosses every threshold', () => {
    const items = [
      recent('positive', 0.9, day(6)),
      recent('positive', 0.9, day(3)),
      recent('positive', 0.9, NOW),
    ];
    const p = profile(items, {
      followers: 300,
      counts: { negative: 0, neutral: 0, positive: 3, total: 3, recommendations: 1 },
    });
    const result = assessAdvocate(p, mentionOf(items[2]!, PRAISE), SETTINGS);
    expect(result.eligible).toBe(true);
    expect(result.decision).toMatchObject({ type: 'emerging_advocate', severity: 'low' });
    expect(result.decision?.reason).toMatch(/^3 positive mentions over 3 days/);
  });

  it('does not re-alert an established advocate, unless the score has risen by the rise factor', () => {
    const items = [
      recent('positive', 0.9, day(6)),
      recent('positive', 0.9, day(3)),
      recent('positive', 0.9, NOW),
    ];
    const counts = { negative: 0, neutral: 0, positive: 3, total: 3, recommendations: 1 };
    const established = profile(items, {
      followers: 300,
      counts,
      advocateSince: day(3),
      advocateAlertedScore: 9,
    });
    expect(assessAdvocate(established, mentionOf(items[2]!, PRAISE), SETTINGS).decision).toBeNull();
    const risen = profile(items, {
      followers: 300,
      counts,
      advocateSince: day(3),
      advocateAlertedScore: 4,
    });
    expect(assessAdvocate(risen, mentionOf(items[2]!, PRAISE), SETTINGS).decision?.reason).toMatch(
      /^advocate score rose to/,
    );
  });

  it('needs more positive than negative mentions', () => {
    const items = [
      recent('positive', 0.9, day(6)),
      recent('positive', 0.9, day(3)),
      recent('positive', 0.9, NOW),
    ];
    const p = profile(items, {
      followers: 300,
      counts: { negative: 3, neutral: 0, positive: 3, total: 6, recommendations: 5 },
    });
    expect(assessAdvocate(p, mentionOf(items[2]!, PRAISE), SETTINGS).eligible).toBe(false);
  });
});
