import type { Job } from 'bullmq';
import { EgressRefusedError, NotifyDeliveryError } from '../domain/errors.js';
import type { NotifyJob } from '../jobs/catalogue.js';
import { deliver } from '../notify/deliver.js';
import type { StageDeps } from './deps.js';

type Outcome = 'sent' | 'skipped';

/**
 * Delivers one alert event to one channel. A failure throws, so BullMQ retries with backoff; the
 * last failed attempt (or a permanent refusal) counts against the channel, which is marked failing
 * after `NOTIFY_FAIL_LIMIT` such deliveries and then skipped. Logs name the channel, never its URL.
 */
export async function processNotify(job: Job<NotifyJob>, deps: StageDeps): Promise<Outcome> {
  const { alertId, watchId, channelId, event } = job.data;
  const log = deps.log.child({ jobId: job.id, watchId, channelId, alertId });
  const watch = await deps.store.watches.get(watchId);
  const channel = watch?.alerting?.channels.find((c) => c.id === channelId);
  const alert = await deps.store.alerts.get(alertId);
  if (!channel || !alert) {
    log.warn('notification dropped: channel or alert no longer exists');
    return 'skipped';
  }
  if (await deps.store.channels.isFailing(watchId, channel)) {
    log.warn('notification skipped: channel is marked failing');
    return 'skipped';
  }
  try {
    await deliver(channel, alert, event, deps.config.notify.timeoutMs);
  } catch (error) {
    const permanent =
      (error instanceof NotifyDeliveryError && !error.retryable) ||
      error instanceof EgressRefusedError;
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (permanent || last) {
      const failing = await deps.store.channels.recordFailure(
        watchId,
        channel,
        (error as Error).message,
        deps.config.notify.failLimit,
      );
      log.warn({ failing }, 'notification not delivered');
    }
    throw error;
  }
  await deps.store.channels.recordSuccess(watchId, channel);
  log.info({ event, severity: alert.severity }, 'notification delivered');
  return 'sent';
}
