import type { Headers } from 'node-fetch';
import { SourceHttpError, SourcePayloadError } from '../domain/errors.js';
import { guardedFetch } from '../egress/guarded-fetch.js';
import { maskUrlSecrets } from '../domain/url-secrets.js';

export interface HttpOptions {
  timeoutMs: number;
  userAgent?: string;
  /** Extra request headers (credentials, conditional GET). Never logged. */
  headers?: Record<string, string>;
  /** The Accept header (default `application/json`). */
  accept?: string;
  /**
   * Reads an error answer the generic handling cannot (an API's own rate-limit headers, a quota
   * reason in the body); returning an error replaces the plain SourceHttpError.
   */
  onError?: (status: number, body: string, headers: Headers, shownUrl: string) => Error | undefined;
  /** POST (with `body`) for the few calls that are not reads, such as opening a session. */
  method?: 'GET' | 'POST';
  body?: string;
  /** The clock that rate-limit resets given as epoch times are read against (default: the system's). */
  now?: () => number;
}

/** The largest body read from a source; a bigger one fails the page rather than the worker. */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** Retry-After is either seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) {
    return null;
  }
  if (/^\d+$/.test(value.trim())) {
    return Number(value.trim()) * 1000;
  }
  // Every HTTP-date form starts with a day name; Date.parse alone accepts garbage such as "1.5".
  if (!/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/i.test(value.trim())) {
    return null;
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * A rate-limit reset header, in the forms the APIs use: seconds until the reset (Reddit's
 * `x-ratelimit-reset`, the IETF `ratelimit-reset`), epoch seconds (X's `x-rate-limit-reset`,
 * Bluesky's `ratelimit-reset`) or an ISO 8601 time (Mastodon's `x-ratelimit-reset`).
 */
export function parseRateLimitReset(value: string | null, now = Date.now()): number | null {
  const text = value?.trim();
  if (!text) {
    return null;
  }
  if (/^\d+(\.\d+)?$/.test(text)) {
    const seconds = Number(text);
    // No delta is a billion seconds (31 years): such a number is an epoch time.
    return seconds > 1e9 ? Math.max(0, seconds * 1000 - now) : Math.round(seconds * 1000);
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    return null;
  }
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

const RESET_HEADERS = ['x-ratelimit-reset', 'x-rate-limit-reset', 'ratelimit-reset'];
const REMAINING_HEADERS = [
  'x-ratelimit-remaining',
  'x-rate-limit-remaining',
  'ratelimit-remaining',
];

/**
 * How long a failed response asks us to wait: Retry-After when sent, else the rate-limit reset
 * when the response says the quota is spent (a 429, or a remaining count of 0). A 5xx's reset
 * header alone does not delay the retry: the quota was not the problem.
 */
export function retryAfterOf(
  status: number,
  headers: { get(name: string): string | null },
  now = Date.now(),
): number | null {
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
  if (retryAfter !== null) {
    return retryAfter;
  }
  if (status !== 429 && !quotaSpent(headers)) {
    return null;
  }
  return resetOf(headers, now);
}

/**
 * True when a remaining-requests header says none are left. Reddit sends decimals (`0.0`,
 * `599.0`), others integers; any number at or below zero is spent.
 */
export function quotaSpent(headers: { get(name: string): string | null }): boolean {
  return REMAINING_HEADERS.some((name) => {
    const value = headers.get(name)?.trim();
    return !!value && /^-?\d+(\.\d+)?$/.test(value) && Number(value) <= 0;
  });
}

/** The wait until the rate-limit window resets, from the first reset header that reads. */
export function resetOf(
  headers: { get(name: string): string | null },
  now = Date.now(),
): number | null {
  for (const name of RESET_HEADERS) {
    const reset = parseRateLimitReset(headers.get(name), now);
    if (reset !== null) {
      return reset;
    }
  }
  return null;
}

export interface SourceResponse {
  status: number;
  headers: Headers;
  body: string;
}

/**
 * GETs a source's page as text. Errors are thrown, never retried here: the job fails and BullMQ
 * retries it with backoff (honouring Retry-After through the worker's backoff strategy).
 * Invalid UTF-8 is decoded to U+FFFD rather than failing the page.
 */
export async function getText(
  source: string,
  url: string,
  options: HttpOptions,
): Promise<SourceResponse> {
  const shown = maskUrlSecrets(url);
  // Through the guarded client: a refused address or redirect throws EgressRefusedError.
  const response = await guardedFetch(url, {
    method: options.method ?? 'GET',
    ...(options.body !== undefined ? { body: options.body } : {}),
    headers: {
      accept: options.accept ?? 'application/json',
      'user-agent': options.userAgent ?? 'earshot/0.1',
      ...options.headers,
    },
    signal: AbortSignal.timeout(options.timeoutMs),
    maxBytes: MAX_BODY_BYTES,
  });
  const body = await response.text().catch((error: { type?: string; message?: string }) => {
    if (error.type === 'max-size') {
      throw new SourcePayloadError(source, shown, `body over ${MAX_BODY_BYTES} bytes`);
    }
    throw new SourcePayloadError(source, shown, `body cut short: ${error.message ?? 'unknown'}`);
  });
  if (!response.ok && response.status !== 304) {
    throw (
      options.onError?.(response.status, body, response.headers, shown) ??
      new SourceHttpError(
        source,
        response.status,
        shown,
        retryAfterOf(response.status, response.headers, options.now?.()),
      )
    );
  }
  return { status: response.status, headers: response.headers, body };
}

/** Parses a JSON page; a 200 with an HTML error page or a truncated body is a SourcePayloadError. */
export function parseJson(source: string, url: string, body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new SourcePayloadError(
      source,
      url,
      `not JSON (starts with ${JSON.stringify(body.slice(0, 40))})`,
    );
  }
}

/** A parsed JSON page and the headers it came with (rate-limit headers live there). */
export interface JsonResponse {
  body: unknown;
  headers: Headers;
}

/** GETs JSON from a source, with its headers. */
export async function getJsonResponse(
  source: string,
  url: string,
  options: HttpOptions,
): Promise<JsonResponse> {
  const { body, headers } = await getText(source, url, options);
  return { body: parseJson(source, maskUrlSecrets(url), body), headers };
}

/** GETs JSON from a source; see getJsonResponse. */
export async function getJson(source: string, url: string, options: HttpOptions): Promise<unknown> {
  return (await getJsonResponse(source, url, options)).body;
}
