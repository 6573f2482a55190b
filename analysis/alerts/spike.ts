import type { AlertSettings } from '../../domain/alert-settings.js';
import type { Severity } from '../../domain/alert.js';
import { HOUR_MS, round2, type AlertDecision } from './types.js';

export interface HourCount {
  start: Date;
  negative: number;
}

/**
 * Whether the negative volume of the hour starting at `target` is a spike against the watch's own
 * baseline: an EWMA mean and variance (smoothing `spikeAlpha`) over the hours before it, back to
 * `spikeBaselineHours`, with missing hours counted as 0. The spread is at least √mean (and 1), the
 * noise of a count, so a quiet watch does not alarm on two mentions. A spike needs at least
 * `spikeMinCount` negatives, a z-score of `spikeZ` or more, and `spikeMinBaselineHours` of history
 * since the watch's first counted hour.
 */
export function assessSpike(
  counts: HourCount[],
  target: Date,
  s: AlertSettings,
): AlertDecision | null {
  const byHour = new Map(counts.map((c) => [c.start.getTime(), c.negative]));
  const observed = byHour.get(target.getTime()) ?? 0;
  const from = target.getTime() - s.spikeBaselineHours * HOUR_MS;
  const first = Math.min(...counts.map((c) => c.start.getTime()).filter((t) => t >= from));
  if (observed < s.spikeMinCount || !Number.isFinite(first)) {
    return null;
  }
  if ((target.getTime() - first) / HOUR_MS < s.spikeMinBaselineHours) {
    return null;
  }
  let mean = byHour.get(first) ?? 0;
  let variance = 0;
  for (let t = first + HOUR_MS; t < target.getTime(); t += HOUR_MS) {
    const diff = (byHour.get(t) ?? 0) - mean;
    const step = s.spikeAlpha * diff;
    mean += step;
    variance = (1 - s.spikeAlpha) * (variance + diff * step);
  }
  const spread = Math.max(Math.sqrt(variance), Math.sqrt(Math.max(mean, 1)));
  const z = (observed - mean) / spread;
  if (z < s.spikeZ) {
    return null;
  }
  const severity: Severity = z >= 4 * s.spikeZ ? 'critical' : z >= 2 * s.spikeZ ? 'high' : 'medium';
  return {
    type: 'negative_spike',
    severity,
    score: round2(z),
    factors: {
      negatives: observed,
      baselineMean: round2(mean),
      baselineSpread: round2(spread),
      zScore: round2(z),
    },
    reason: `${observed} negative mentions in the hour from ${target.toISOString()}, against a baseline of ${round2(mean)} ± ${round2(spread)} (z ${round2(z)})`,
  };
}
