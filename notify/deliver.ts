import type { Readable } from 'node:stream';
import type { Alert } from '../domain/alert.js';
import { EgressRefusedError, NotifyDeliveryError } from '../domain/errors.js';
import type { AlertChannel } from '../domain/watch.js';
import { guardedFetch } from '../egress/guarded-fetch.js';
import { slackMessage, webhookBody } from './messages.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signature } from './sign.js';

/** A channel's answer is never read (its body is dropped unread); the cap is a second guard. */
const RESPONSE_MAX_BYTES = 64 * 1024;

/**
 * Sends one alert event to one channel through the guarded client: a Slack message, or the signed
 * JSON webhook body. Throws NotifyDeliveryError (or EgressRefusedError) when it was not accepted.
 */
export async function deliver(
  channel: AlertChannel,
  alert: Alert,
  event: 'new' | 'escalated',
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

/** What "send a test notification" sends: plainly a test, about no customer. */
export function testAlert(watchId: string, now: Date): Alert {
  return {
    id: '000000000000000000000000',
    type: 'disgruntled_customer',
    status: 'open',
    severity: 'low',
    watchId,
    source: null,
    authorId: null,
    authorHandle: null,
    reason: `Test notification from Earshot for watch ${watchId}: this channel works. No customer is involved.`,
    score: 0,
    factors: {},
    evidence: [],
    evidenceCount: 0,
    createdAt: now,
    updatedAt: now,
    assignee: null,
    tags: [],
    notes: [],
    history: [],
    closedAt: null,
  };
}
