import { SourceHttpError } from '../domain/errors.js';

const BASE_MS = 1000;
const MAX_MS = 10 * 60_000;

/**
 * Delay before a failed job's next attempt: what the source asked for (Retry-After, a rate-limit
 * reset, a quota's reset), however long, when it said; else exponential from one second, capped at
 * ten minutes. A provider's wait is not capped: retrying before it ends would reach the API, be
 * refused again and spend another attempt.
 */
export function retryDelay(attemptsMade: number, error: Error | undefined): number {
  if (error instanceof SourceHttpError && error.retryAfterMs !== null) {
    return Math.max(error.retryAfterMs, BASE_MS);
  }
  return Math.min(BASE_MS * 2 ** Math.max(0, attemptsMade - 1), MAX_MS);
}
