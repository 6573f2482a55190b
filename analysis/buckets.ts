import type { LabelCounts } from '../domain/author.js';
import { hourOf } from '../domain/time.js';

/** The distinct hours a set of times touches, oldest first. */
export function hoursTouched(times: Date[]): Date[] {
  const hours = new Set(times.map((time) => hourOf(time).getTime()));
  return [...hours].sort((a, b) => a - b).map((ms) => new Date(ms));
}

/** Sums hourly counts into UTC days, oldest first. */
export function sumByDay<T extends { start: Date; counts: LabelCounts }>(
  hours: T[],
): Array<{ start: Date; counts: LabelCounts }> {
  const days = new Map<number, LabelCounts>();
  for (const { start, counts } of hours) {
    const day = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
    const sum = days.get(day) ?? { negative: 0, neutral: 0, positive: 0, total: 0 };
    sum.negative += counts.negative;
    sum.neutral += counts.neutral;
    sum.positive += counts.positive;
    sum.total += counts.total;
    days.set(day, sum);
  }
  return [...days.entries()]
    .sort(([a], [b]) => a - b)
    .map(([ms, counts]) => ({ start: new Date(ms), counts }));
}
