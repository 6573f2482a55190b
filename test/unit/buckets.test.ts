import { describe, expect, it } from 'vitest';
import { hoursTouched, sumByDay } from '../../analysis/buckets.js';
import { hourOf } from '../../domain/time.js';

describe('hourOf', () => {
  it('truncates a time to the start of its UTC hour', () => {
    expect(hourOf(new Date('2026-11-20T10:59:59.999Z')).toISOString()).toBe(
      '2026-11-20T10:00:00.000Z',
    );
    expect(hourOf(new Date('2026-11-20T11:00:00.000Z')).toISOString()).toBe(
      '2026-11-20T11:00:00.000Z',
    );
  });
});

describe('hoursTouched', () => {
  it('lists each hour once, oldest first', () => {
    const hours = hoursTouched([
      new Date('2026-11-20T12:30:00Z'),
      new Date('2026-11-20T10:05:00Z'),
      new Date('2026-11-20T10:55:00Z'),
    ]);
    expect(hours.map((h) => h.toISOString())).toEqual([
      '2026-11-20T10:00:00.000Z',
      '2026-11-20T12:00:00.000Z',
    ]);
  });
});

describe('sumByDay', () => {
  it('adds the hours of each UTC day and keeps days apart', () => {
    const counts = (negative: number, positive: number) => ({
      negative,
      neutral: 1,
      positive,
      total: negative + positive + 1,
    });
    const days = sumByDay([
      { start: new Date('2026-11-20T23:00:00Z'), counts: counts(2, 0) },
      { start: new Date('2026-11-20T01:00:00Z'), counts: counts(1, 3) },
      { start: new Date('2026-11-21T00:00:00Z'), counts: counts(0, 1) },
    ]);
    expect(days).toEqual([
      {
        start: new Date('2026-11-20T00:00:00Z'),
        counts: { negative: 3, neutral: 2, positive: 3, total: 8 },
      },
      {
        start: new Date('2026-11-21T00:00:00Z'),
        counts: { negative: 0, neutral: 1, positive: 1, total: 2 },
      },
    ]);
  });
});
