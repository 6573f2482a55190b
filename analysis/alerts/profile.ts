import type { RecentMention } from '../../domain/author.js';
import { HOUR_MS } from './types.js';

// Windowed counts and trend are views of a stored profile, kept with it in domain/.
export { countWithin, sentimentTrend, windowCounts } from '../../domain/author.js';

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
