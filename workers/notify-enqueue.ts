import {
  severityRank,
  type PendingNotice,
  type RaiseOutcome,
  type Severity,
} from '../domain/alert.js';
import type { Watch } from '../domain/watch.js';
import type { StageDeps } from './deps.js';

/** True when some channel of the watch takes notices of this severity: only then is one owed. */
export function noticeWanted(watch: Watch | null): (severity: Severity) => boolean {
  const channels = watch?.alerting?.channels ?? [];
  return (severity) =>
    channels.some((channel) => severityRank(severity) >= severityRank(channel.minSeverity));
}

/**
 * Hands the notifications raises owe (new or escalated alerts, or ones a crashed run left owing) to
 * every channel of the watch whose minimum severity they reach, one notify job each, then clears
 * them in one write. Job ids are deterministic, so handing the same notice twice queues nothing
 * twice. Returns how many raises opened or changed an alert.
 */
export async function notifyOutcomes(
  deps: StageDeps,
  watch: Watch | null,
  outcomes: RaiseOutcome[],
): Promise<number> {
  const queued: Array<{ alertId: string; notice: PendingNotice }> = [];
  for (const { alertId, pendingNotice: notice } of outcomes) {
    if (notice && alertId) {
      if (watch) {
        await queueNotice(deps, watch, alertId, notice);
      }
      queued.push({ alertId, notice });
    }
  }
  await deps.store.alerts.noticesQueued(queued);
  return outcomes.filter((o) => o.kind !== 'unchanged' && o.kind !== 'suppressed').length;
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
