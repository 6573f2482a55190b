import fetch from 'node-fetch';
import { SourceHttpError, SourcePayloadError } from '../../domain/errors.js';

export interface HttpOptions {
  timeoutMs: number;
  userAgent?: string;
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

/**
 * GETs JSON from a source. Errors are thrown, never retried here: the job fails and BullMQ retries
 * it with backoff (honouring Retry-After through the worker's backoff strategy).
 */
export async function getJson(source: string, url: string, options: HttpOptions): Promise<unknown> {
  const response = await fetch(url, {
    headers: { accept: 'application/json', 'user-agent': options.userAgent ?? 'earshot/0.1' },
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  if (!response.ok) {
    await response.arrayBuffer().catch(() => undefined);
    throw new SourceHttpError(
      source,
      response.status,
      url,
      parseRetryAfter(response.headers.get('retry-after')),
    );
  }
  const body = await response.text();
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
