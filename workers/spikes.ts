import { assessSpike } from '../analysis/alerts/spike.js';
import type { AlertSettings } from '../domain/alert-settings.js';
import { watchSubject, type RaiseOutcome } from '../domain/alert.js';
import { HOUR_MS } from '../domain/time.js';
import type { AlertService } from '../services/alerts/service.js';
import type { AlertContribution } from '../services/alerts/plan.js';
import type { Watch } from '../domain/watch.js';
import type { StageDeps } from './deps.js';
import { noticeWanted } from './notify-enqueue.js';

const SAMPLES = 5;

/**
 * Looks for a negative spike in each hour the batch touched, against the watch's hourly rollups
 * before it (one read for the batch), and raises or updates the watch's one spike alert with sample
 * negative mentions of the hour as evidence.
 */
export async function evaluateSpikes(
  deps: StageDeps,
  alerts: AlertService,
  watch: Watch | null,
  watchId: string,
  hours: Date[],
  settings: AlertSettings,
): Promise<RaiseOutcome[]> {
  if (hours.length === 0) {
    return [];
  }
  const times = hours.map((hour) => hour.getTime());
  const rollups = await deps.store.rollups.list({
    watchId,
    from: new Date(Math.min(...times) - settings.spikeBaselineHours * HOUR_MS),
    to: new Date(Math.max(...times) + HOUR_MS),
  });
  const counts = rollups.map((r) => ({ start: r.start, negative: r.counts.negative }));
  const contributions: AlertContribution[] = [];
  for (const hour of [...hours].sort((a, b) => a.getTime() - b.getTime())) {
    const decision = assessSpike(counts, hour, settings);
    if (decision) {
      const end = new Date(hour.getTime() + HOUR_MS);
      const samples = await deps.store.mentions.sampleNegative(watchId, hour, end, SAMPLES);
      contributions.push({
        kind: 'raise',
        decision,
        subject: watchSubject(watchId),
        mentions: samples,
      });
    }
  }
  return alerts.apply(contributions, settings.cooldownHours * HOUR_MS, {
    noticeWanted: noticeWanted(watch),
  });
}
