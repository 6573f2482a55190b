import type { Job } from 'bullmq';
import type { Readable } from 'node:stream';
import type { Alert } from '../domain/alert.js';
import { EgressRefusedError, NotifyDeliveryError } from '../domain/errors.js';
import type { AlertChannel } from '../domain/watch.js';
import { guardedFetch } from '../egress/guarded-fetch.js';
import type { NotifyJob } from '../jobs/catalogue.js';
import { slackMessage, webhookBody } from '../notify/messages.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signature } from '../notify/sign.js';
import type { StageDeps } from './deps.js';

type Outcome = 'sent' | 'skipped';

/** A channel's answer is never read (its body is dropped unread); the cap is a second guard. */
const RESPONSE_MAX_BYTES = 64 * 1024;

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

async function deliver(
  channel: AlertChannel,
  alert: Alert,
  event: NotifyJob['event'],
  timeoutMs: number,
): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  let body: string;
  if (channel.type === 'slack') {
    body = slackMessage(alert, event);
  } else {
    body = webhookBody(alert, event);
    const timestamp = String(Math.floor(Date.now() / 1000));
    headers[TIMESTAMP_HEADER] = timestamp;
    headers[SIGNATURE_HEADER] = signature(channel.secret ?? '', timestamp, body);
  }
  let status: number;
  try {
    // The guarded client: no private addresses, no signature sent on to another host.
    const response = await guardedFetch(channel.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
      maxBytes: RESPONSE_MAX_BYTES,
    });
    status = response.status;
    (response.body as Readable | null)?.destroy();
  } catch (error) {
    if (error instanceof EgressRefusedError) {
      throw error;
    }
    // Only the error's name: a network error's message may carry the URL.
    throw new NotifyDeliveryError(channel.id, null, `not reachable (${(error as Error).name})`);
  }
  if (status < 200 || status >= 300) {
    throw new NotifyDeliveryError(channel.id, status, `answered HTTP ${status}`);
  }
}
