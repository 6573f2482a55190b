import { severityRank } from '../domain/alert.js';
import type { Watch } from '../domain/watch.js';
import type { AlertDecision } from '../analysis/alerts/types.js';
import type { RaiseOutcome } from '../store/alerts.js';
import type { StageDeps } from './deps.js';

/**
 * Hands a new or escalated alert to every channel of the watch whose minimum severity it reaches,
 * one notify job each. Returns 1 when the raise opened or changed an alert, else 0.
 */
export async function notifyOutcome(
  deps: StageDeps,
  watch: Watch | null,
  { decision, outcome }: { decision: AlertDecision; outcome: RaiseOutcome },
): Promise<number> {
  if (outcome.kind === 'unchanged' || outcome.kind === 'suppressed') {
    return 0;
  }
  if ((outcome.kind === 'new' || outcome.kind === 'escalated') && outcome.alertId && watch) {
    for (const channel of watch.alerting?.channels ?? []) {
      if (severityRank(decision.severity) >= severityRank(channel.minSeverity)) {
        await deps.producer.enqueue('notify', {
          alertId: outcome.alertId,
          watchId: watch.id,
          channelId: channel.id,
          event: outcome.kind,
          severity: decision.severity,
        });
      }
    }
  }
  return 1;
}
