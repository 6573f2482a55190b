import type { AuthorProfile, LabelCounts, RecentMention } from '../../domain/author.js';
import { HOUR_MS, round2 } from './types.js';

function emptyCounts(): LabelCounts {
  return { negative: 0, neutral: 0, positive: 0, total: 0 };
}

/** Counts by label of the recent mentions in the `hours` up to and including `end`. */
export function countWithin(recent: RecentMention[], end: Date, hours: number): LabelCounts {
  const from = end.getTime() - hours * HOUR_MS;
  const counts = emptyCounts();
  for (const m of recent) {
    if (m.at.getTime() > from && m.at.getTime() <= end.getTime()) {
      counts[m.label] += 1;
      counts.total += 1;
    }
  }
  return counts;
}

export function windowCounts(recent: RecentMention[], end: Date): AuthorProfile['windows'] {
  return {
    h24: countWithin(recent, end, 24),
    d7: countWithin(recent, end, 24 * 7),
    d30: countWithin(recent, end, 24 * 30),
  };
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Mean score of the last 7 days minus the mean of the 23 days before them (null without both). */
export function sentimentTrend(recent: RecentMention[], end: Date): number | null {
  const split = end.getTime() - 7 * 24 * HOUR_MS;
  const from = end.getTime() - 30 * 24 * HOUR_MS;
  const inRange = recent.filter((m) => m.at.getTime() > from && m.at <= end);
  const late = mean(inRange.filter((m) => m.at.getTime() > split).map((m) => m.score));
  const early = mean(inRange.filter((m) => m.at.getTime() <= split).map((m) => m.score));
  return late === null || early === null ? null : round2(late - early);
}

/** The author's negative mentions in the window before `end` (inclusive), oldest first. */
export function negativesWithin(
  recent: RecentMention[],
  end: Date,
  hours: number,
): RecentMention[] {
  const from = end.getTime() - hours * HOUR_MS;
  return recent
    .filter((m) => m.label === 'negative' && m.at.getTime() > from && m.at <= end)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Distinct UTC days with a positive mention among the recent ones up to `end`. */
export function positiveDays(recent: RecentMention[], end: Date): number {
  const days = recent
    .filter((m) => m.label === 'positive' && m.at <= end)
    .map((m) => m.at.toISOString().slice(0, 10));
  return new Set(days).size;
}
