import { severityRank } from '../domain/alert.js';
import type { Watch } from '../domain/watch.js';
import type { PendingNotice, RaiseOutcome } from '../domain/alert.js';
import type { StageDeps } from './deps.js';

/**
 * Hands the notification a raise owes (a new or escalated alert, or one a crashed run left owing) to
 * every channel of the watch whose minimum severity it reaches, one notify job each, then clears it.
 * Job ids are deterministic, so handing the same notice twice queues nothing twice. Returns 1 when
 * the raise opened or changed an alert, else 0.
 */
export async function notifyOutcome(
  deps: StageDeps,
  watch: Watch | null,
  outcome: RaiseOutcome,
): Promise<number> {
  const notice = outcome.pendingNotice;
  if (notice && outcome.alertId) {
    if (watch) {
      await queueNotice(deps, watch, outcome.alertId, notice);
    }
    await deps.store.alerts.noticeQueued(outcome.alertId, notice);
  }
  return outcome.kind === 'unchanged' || outcome.kind === 'suppressed' ? 0 : 1;
}

/** One notify job per channel of the watch whose minimum severity the notice reaches. */
async function queueNotice(
  deps: StageDeps,
  watch: Watch,
  alertId: string,
  notice: PendingNotice,
): Promise<void> {
  for (const channel of watch.alerting?.channels ?? []) {
    if (severityRank(notice.severity) >= severityRank(channel.minSeverity)) {
      await deps.producer.enqueue('notify', {
        alertId,
        watchId: watch.id,
        channelId: channel.id,
        event: notice.event,
        severity: notice.severity,
      });
    }
  }
}
