import { InvalidInputError } from '../domain/errors.js';
import type { AlertChannel, Watch } from '../domain/watch.js';

/** What stands in for a channel's secret, and for the path of its URL, in what the API serves. */
export const REDACTED = '********';

/** A Slack incoming-webhook URL is its own secret: only the origin is shown. */
function maskUrl(url: string): string {
  return `${new URL(url).origin}/${REDACTED}`;
}

/** A watch as the API shows it: notification URLs and secrets masked. */
export function redactChannels<T extends Watch>(watch: T): T {
  if (!watch.alerting?.channels.length) {
    return watch;
  }
  const channels = watch.alerting.channels.map((channel) => ({
    ...channel,
    url: maskUrl(channel.url),
    ...(channel.secret !== undefined && { secret: REDACTED }),
  }));
  return { ...watch, alerting: { ...watch.alerting, channels } };
}

// A masked value where no stored channel has that id (a new or renamed channel) would be stored
// as the channel's URL or secret, and every notification would fail: refused, naming the field.
function refuseMasked(channel: Record<string, unknown>, index: number): void {
  const path = `alerting.channels.${index}`;
  if (typeof channel.url === 'string' && channel.url.endsWith(`/${REDACTED}`)) {
    throw new InvalidInputError(
      `${path}.url: the full URL (a masked one is kept only for a saved channel's id)`,
    );
  }
  if (channel.secret === REDACTED) {
    throw new InvalidInputError(
      `${path}.secret: the secret itself (a masked one is kept only for a saved channel's id)`,
    );
  }
}

/**
 * A watch body sent back as GET showed it keeps the stored URL and secret of each channel (matched
 * by id) wherever the masked value came back unchanged; a new value replaces the stored one. A
 * masked value on a channel with no stored match (`stored` null for a new watch) is refused.
 */
export function restoreChannels(body: Record<string, unknown>, stored: Watch | null): unknown {
  const alerting = body.alerting as { channels?: unknown } | undefined;
  if (!alerting || !Array.isArray(alerting.channels)) {
    return body;
  }
  const byId = new Map<string, AlertChannel>(
    (stored?.alerting?.channels ?? []).map((c) => [c.id, c]),
  );
  const channels = alerting.channels.map((raw: unknown, index) => {
    const channel = raw as Record<string, unknown>;
    const before = typeof channel.id === 'string' ? byId.get(channel.id) : undefined;
    if (!before) {
      refuseMasked(channel, index);
      return raw;
    }
    return {
      ...channel,
      ...(channel.url === maskUrl(before.url) && { url: before.url }),
      ...(channel.secret === REDACTED && { secret: before.secret }),
    };
  });
  return { ...body, alerting: { ...alerting, channels } };
}
