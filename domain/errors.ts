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
 * Earshot's own per-source quota is spent: the poll waits `retryAfterMs` (a delayed retry that
 * does not count as a failed attempt) rather than ask the source and be refused.
 */
export class SourceQuotaError extends EarshotError {
  constructor(
    readonly quotaKey: string,
    readonly retryAfterMs: number,
  ) {
    super('SOURCE_QUOTA', `${quotaKey}: request quota spent, retry in ${retryAfterMs} ms`, {
      quotaKey,
      retryAfterMs,
    });
  }
}

/** Something the caller named does not exist (an alert, a watch, an author). */
export class NotFoundError extends EarshotError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} ${id} does not exist`, { what, id });
  }
}

/** A change that conflicts with the current state: a status move the table forbids, a taken id. */
export class ConflictError extends EarshotError {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super('CONFLICT', `${field}: ${detail}`, { field });
  }
}

/**
 * A source asked Earshot to wait: its rate-limit headers or body said the quota is spent, or it
 * sent a backoff. Retried like a 429 after `retryAfterMs`.
 */
export class SourceThrottledError extends SourceHttpError {
  constructor(source: string, url: string, retryAfterMs: number, reason: string) {
    super(source, 429, url, retryAfterMs);
    this.message = `${source} asked to wait ${Math.ceil(retryAfterMs / 1000)} s (${reason}) for ${url}`;
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

/**
 * A read ran past its time budget on the server (MongoDB's maxTimeMS) and was stopped there, so a
 * query the indexes cannot serve does not hold the store for minutes.
 */
export class QueryTimeoutError extends EarshotError {
  constructor(readonly limitMs: number) {
    super('QUERY_TIMEOUT', `the query ran past its ${limitMs} ms limit`, { limitMs });
  }
}
