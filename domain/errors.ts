/** Every error Earshot raises on purpose carries a stable code; tests assert on codes. */
export class EarshotError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A source answered with an HTTP error. 429 and 5xx are worth retrying; `retryAfterMs` says when. */
export class SourceHttpError extends EarshotError {
  constructor(
    readonly source: string,
    readonly status: number,
    readonly url: string,
    readonly retryAfterMs: number | null,
  ) {
    super('SOURCE_HTTP', `${source} answered HTTP ${status} for ${url}`, {
      source,
      status,
      url,
      retryAfterMs,
    });
  }

  get retryable(): boolean {
    return this.status === 429 || this.status === 408 || this.status >= 500;
  }
}

/** A source sent a page that cannot be read at all (not JSON, wrong envelope). The job retries. */
export class SourcePayloadError extends EarshotError {
  constructor(source: string, url: string, detail: string) {
    super('SOURCE_PAYLOAD', `${source} sent an unreadable page from ${url}: ${detail}`, {
      source,
      url,
    });
  }
}

/** A watch's source entry cannot be polled as configured (a missing file, an unknown source). */
export class SourceConfigError extends EarshotError {
  constructor(source: string, detail: string) {
    super('SOURCE_CONFIG', `${source}: ${detail}`, { source });
  }
}

/**
 * A notification channel did not take a message. The channel's URL is never in the message (a
 * Slack webhook URL is its secret). 408, 429 and 5xx and network errors are worth retrying.
 */
export class NotifyDeliveryError extends EarshotError {
  constructor(
    readonly channelId: string,
    readonly status: number | null,
    detail: string,
  ) {
    super('NOTIFY_DELIVERY', `channel ${channelId}: ${detail}`, { channelId, status });
  }

  get retryable(): boolean {
    return this.status === null || this.status === 429 || this.status === 408 || this.status >= 500;
  }
}
