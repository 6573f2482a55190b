/**
 * Every error Earshot raises on purpose, by code, with the HTTP status the API answers it with.
 * `api` says whether the API may show the error's message to the caller; the others are faults of
 * the server or of a worker (a source, a channel, the configuration) and reach a caller, if ever,
 * as a logged 500 with no detail.
 */
export const ERROR_CATALOGUE = {
  INVALID_INPUT: { status: 400, api: true },
  UNAUTHENTICATED: { status: 401, api: true },
  FORBIDDEN: { status: 403, api: true },
  NOT_FOUND: { status: 404, api: true },
  ROUTE_NOT_FOUND: { status: 404, api: true },
  CONFLICT: { status: 409, api: true },
  KEY_NAME_TAKEN: { status: 409, api: true },
  BODY_TOO_LARGE: { status: 413, api: true },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, api: true },
  REQUEST_TIMEOUT: { status: 408, api: true },
  RATE_LIMITED: { status: 429, api: true },
  SERVER_BUSY: { status: 503, api: true },
  QUERY_TIMEOUT: { status: 503, api: true },
  NOT_CONFIGURED: { status: 503, api: true },
  INTERNAL: { status: 500, api: false },
  CONFIG_INVALID: { status: 500, api: false },
  USAGE: { status: 400, api: false },
  SOURCE_HTTP: { status: 502, api: false },
  SOURCE_PAYLOAD: { status: 502, api: false },
  SOURCE_CONFIG: { status: 500, api: false },
  SOURCE_QUOTA: { status: 503, api: false },
  SOURCE_BLOCKED: { status: 503, api: false },
  NOTIFY_DELIVERY: { status: 502, api: false },
  EGRESS_REFUSED: { status: 502, api: false },
} as const satisfies Record<string, { status: number; api: boolean }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Every error Earshot raises on purpose carries a stable code; tests assert on codes. */
export class EarshotError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** The status the API answers with (named apart from `status`, a source's own HTTP status). */
  get httpStatus(): number {
    return ERROR_CATALOGUE[this.code].status;
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

/** Something the caller named does not exist (an alert, a watch, an author); `field` names it. */
export class NotFoundError extends EarshotError {
  constructor(what: string, id: string, field?: string) {
    super('NOT_FOUND', `${field ? `${field}: ` : ''}${what} ${id} does not exist`, { what, id });
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
  constructor(
    source: string,
    url: string,
    retryAfterMs: number,
    readonly reason: string,
  ) {
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

/**
 * Input the caller sent is not what the API takes: `detail` starts with the field it names
 * (`from: must be before to`). Zod's validation errors become this in the API's error middleware.
 */
export class InvalidInputError extends EarshotError {
  constructor(detail: string) {
    super('INVALID_INPUT', detail);
  }
}

/** No credential, or one the API does not accept (an unknown or revoked key, a bad signature). */
export class UnauthenticatedError extends EarshotError {
  constructor(detail: string) {
    super('UNAUTHENTICATED', detail);
  }
}

/** The caller is known but may not do this (a role without the permission, a closed webhook). */
export class ForbiddenError extends EarshotError {
  constructor(detail: string) {
    super('FORBIDDEN', detail);
  }
}

/** A key made more requests than its per-minute budget. */
export class RateLimitedError extends EarshotError {
  constructor(detail: string) {
    super('RATE_LIMITED', detail);
  }
}

/** The server holds as much of this kind of work as it takes at once; retry shortly. */
export class ServerBusyError extends EarshotError {
  constructor(detail: string) {
    super('SERVER_BUSY', detail);
  }
}

/** A request body that did not arrive in full in the time the route gives it. */
export class RequestTimeoutError extends EarshotError {
  constructor(detail: string) {
    super('REQUEST_TIMEOUT', detail);
  }
}

/** A request body of a type the route does not read. */
export class UnsupportedMediaTypeError extends EarshotError {
  constructor(detail: string) {
    super('UNSUPPORTED_MEDIA_TYPE', detail);
  }
}

/** A feature this process was started without (a webhook secret, a queue producer). */
export class NotConfiguredError extends EarshotError {
  constructor(detail: string) {
    super('NOT_CONFIGURED', detail);
  }
}

/** An API key name that is in use already. */
export class KeyNameTaken extends EarshotError {
  constructor(name: string) {
    super('KEY_NAME_TAKEN', `a key named "${name}" exists already`, { name });
  }
}

/** Bad configuration: every bad variable at once, each problem naming its variable. */
export class ConfigError extends EarshotError {
  constructor(readonly problems: string[]) {
    super('CONFIG_INVALID', `Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/** A command-line tool was called wrongly (an unknown command, queue or job). */
export class UsageError extends EarshotError {
  constructor(detail: string) {
    super('USAGE', detail);
  }
}

/**
 * A provider told Earshot to wait (a 429, a spent quota, a throttle, a backoff) and the wait is not
 * over: the request was not sent. The job is delayed until `until` without spending an attempt.
 */
export class ProviderBlockedError extends EarshotError {
  constructor(
    readonly limitKey: string,
    readonly until: number,
    readonly retryAfterMs: number,
    readonly reason: string,
  ) {
    super(
      'SOURCE_BLOCKED',
      `${limitKey}: provider asked to wait until ${new Date(until).toISOString()} (${reason})`,
      { limitKey, until, reason },
    );
  }
}

/**
 * An outbound request Earshot will not make: a forbidden scheme or address (loopback, private,
 * metadata, … unless EGRESS_ALLOW allows it), too many redirects, or a redirect to such a place.
 * Retrying cannot help, so the job fails at once. The message names the host, never a full URL
 * (a Slack webhook's path is its secret).
 */
export class EgressRefusedError extends EarshotError {
  constructor(
    readonly host: string,
    readonly reason: string,
  ) {
    super('EGRESS_REFUSED', `outbound request to ${host} refused: ${reason}`, { host, reason });
  }
}
