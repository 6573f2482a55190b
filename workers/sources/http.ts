import fetch, { type Headers } from 'node-fetch';
import { SourceHttpError, SourcePayloadError } from '../../domain/errors.js';

/** A page larger than this is refused rather than parsed: no real API page comes near it. */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

export interface HttpOptions {
  timeoutMs: number;
  userAgent?: string;
  /** Extra request headers (credentials). Never logged. */
  headers?: Record<string, string>;
  /**
   * Reads an error answer the generic handling cannot (an API's own rate-limit headers, a quota
   * reason in the body); returning an error replaces the plain SourceHttpError.
   */
  onError?: (status: number, body: string, headers: Headers, shownUrl: string) => Error | undefined;
}

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

const SECRET_PARAMS = ['key', 'api_key', 'access_token'];

/** The URL as errors and logs show it: credentials in the query string masked. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  for (const name of SECRET_PARAMS) {
    if (parsed.searchParams.has(name)) {
      parsed.searchParams.set(name, '***');
    }
  }
  return parsed.toString();
}

/** A parsed JSON page and the headers it came with (rate-limit headers live there). */
export interface JsonResponse {
  body: unknown;
  headers: Headers;
}

/**
 * GETs JSON from a source, with its headers. Errors are thrown, never retried here: the job fails
 * and BullMQ retries it with backoff (honouring Retry-After through the worker's backoff strategy).
 */
export async function getJsonResponse(
  source: string,
  url: string,
  options: HttpOptions,
): Promise<JsonResponse> {
  const shown = redactUrl(url);
  const response = await fetch(url, {
    headers: {
      accept: 'application/json',
      'user-agent': options.userAgent ?? 'earshot/0.1',
      ...options.headers,
    },
    signal: AbortSignal.timeout(options.timeoutMs),
    size: MAX_BODY_BYTES,
  });
  const body = await response.text().catch((error: { type?: string; message?: string }) => {
    if (error.type === 'max-size') {
      throw new SourcePayloadError(source, shown, `body over ${MAX_BODY_BYTES} bytes`);
    }
    throw new SourcePayloadError(source, shown, `body cut short: ${error.message ?? 'unknown'}`);
  });
  if (!response.ok) {
    throw (
      options.onError?.(response.status, body, response.headers, shown) ??
      new SourceHttpError(
        source,
        response.status,
        shown,
        parseRetryAfter(response.headers.get('retry-after')),
      )
    );
  }
  try {
    return { body: JSON.parse(body) as unknown, headers: response.headers };
  } catch {
    throw new SourcePayloadError(
      source,
      shown,
      `not JSON (starts with ${JSON.stringify(body.slice(0, 40))})`,
    );
  }
}

/** GETs JSON from a source; see getJsonResponse. */
export async function getJson(source: string, url: string, options: HttpOptions): Promise<unknown> {
  return (await getJsonResponse(source, url, options)).body;
}
