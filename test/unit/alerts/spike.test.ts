import { describe, expect, it } from 'vitest';
import { assessSpike, type HourCount } from '../../../analysis/alerts/spike.js';
import { HOUR_MS, NOW, SETTINGS } from './fixtures.js';

function series(values: number[]): { counts: HourCount[]; last: Date } {
  const start = NOW.getTime() - (values.length - 1) * HOUR_MS;
  const counts = values.map((negative, k) => ({ start: new Date(start + k * HOUR_MS), negative }));
  return { counts, last: counts[counts.length - 1]!.start };
}

describe('assessSpike', () => {
  it('fires on a burst against a quiet baseline', () => {
    const { counts, last } = series([...Array<number>(48).fill(1), 12]);
    const decision = assessSpike(counts, last, SETTINGS);
    expect(decision?.type).toBe('negative_spike');
    expect(decision?.factors.negatives).toBe(12);
    expect(decision?.factors.zScore).toBeGreaterThan(SETTINGS.spikeZ);
  });

  it('does not fire on steady traffic, even when it is heavy', () => {
    const { counts, last } = series(Array<number>(72).fill(10));
    expect(assessSpike(counts, last, SETTINGS)).toBeNull();
    const noisy = series(Array.from({ length: 72 }, (_, k) => (k % 2 ? 4 : 8)));
    expect(assessSpike(noisy.counts, noisy.last, SETTINGS)).toBeNull();
  });

  it('needs the minimum count, however quiet the baseline', () => {
    const { counts, last } = series([...Array<number>(48).fill(0), 4]);
    expect(assessSpike(counts, last, SETTINGS)).toBeNull();
  });

  it('counts hours without a rollup as zero', () => {
    const { counts, last } = series([1, ...Array<number>(47).fill(0), 8]);
    const sparse = counts.filter((c) => c.negative > 0);
    expect(assessSpike(sparse, last, SETTINGS)?.factors.negatives).toBe(8);
  });

  it('waits for the minimum baseline history of a new watch', () => {
    const { counts, last } = series([...Array<number>(10).fill(1), 12]);
    expect(assessSpike(counts, last, SETTINGS)).toBeNull();
    expect(assessSpike(counts, last, { ...SETTINGS, spikeMinBaselineHours: 5 })).not.toBeNull();
  });

  it('rates a larger deviation more severe', () => {
    const base = Array<number>(48).fill(1);
    const medium = series([...base, 6]);
    const critical = series([...base, 40]);
    expect(assessSpike(medium.counts, medium.last, SETTINGS)?.severity).toBe('medium');
    expect(assessSpike(critical.counts, critical.last, SETTINGS)?.severity).toBe('critical');
  });
});
