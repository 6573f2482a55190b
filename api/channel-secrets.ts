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

/**
 * A watch body sent back as GET showed it keeps the stored URL and secret of each channel (matched
 * by id) wherever the masked value came back unchanged; a new value replaces the stored one.
 */
export function restoreChannels(body: Record<string, unknown>, stored: Watch | null): unknown {
  const alerting = body.alerting as { channels?: unknown } | undefined;
  if (!stored?.alerting || !alerting || !Array.isArray(alerting.channels)) {
    return body;
  }
  const byId = new Map<string, AlertChannel>(stored.alerting.channels.map((c) => [c.id, c]));
  const channels = alerting.channels.map((raw: unknown) => {
    const channel = raw as Record<string, unknown>;
    const before = typeof channel.id === 'string' ? byId.get(channel.id) : undefined;
    if (!before) {
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
