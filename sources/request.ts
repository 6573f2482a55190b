import { SourceHttpError, SourceThrottledError } from '../domain/errors.js';
import { maskUrlSecrets } from '../domain/url-secrets.js';
import type { Clock } from './clock.js';
import {
  getText,
  parseJson,
  quotaSpent,
  resetOf,
  type HttpOptions,
  type JsonResponse,
  type SourceResponse,
} from './http.js';
import type { LimitScope, ProviderLimits } from './limits.js';

/** What every connector is given besides its own settings: the time, and the providers' limits. */
export interface SourceContext {
  now: Clock;
  limits: ProviderLimits;
}

/** How long a 429 that names no reset blocks its provider. */
export const DEFAULT_429_WAIT_MS = 60_000;

/** The scope of a request to `url`: source, host, credential and (optionally) method. */
export function scopeOf(
  source: string,
  url: string,
  credential: string | null,
  method?: string,
): LimitScope {
  return { source, host: new URL(url).host, credential, ...(method ? { method } : {}) };
}

/**
 * One request under the provider's limits: not sent while the provider's block holds
 * (ProviderBlockedError); a 429, quota or throttle answer blocks the provider until its reset; an
 * answer that says no request is left (a remaining count at or below 0) blocks it until the reset
 * too, so the next call waits instead of being refused.
 */
export async function limitedText(
  context: SourceContext,
  scope: LimitScope,
  source: string,
  url: string,
  options: HttpOptions,
): Promise<SourceResponse> {
  await context.limits.check(scope);
  let response: SourceResponse;
  try {
    response = await getText(source, url, { now: context.now, ...options });
  } catch (error) {
    if (error instanceof SourceHttpError && error.status === 429) {
      const reason = error instanceof SourceThrottledError ? error.reason : 'HTTP 429';
      await context.limits.block(scope, error.retryAfterMs ?? DEFAULT_429_WAIT_MS, reason);
    }
    throw error;
  }
  if (quotaSpent(response.headers)) {
    const wait = resetOf(response.headers, context.now()) ?? DEFAULT_429_WAIT_MS;
    await context.limits.block(scope, wait, 'remaining requests 0');
  }
  return response;
}

/** limitedText for a JSON page. */
export async function limitedJson(
  context: SourceContext,
  scope: LimitScope,
  source: string,
  url: string,
  options: HttpOptions,
): Promise<JsonResponse> {
  const { body, headers } = await limitedText(context, scope, source, url, options);
  return { body: parseJson(source, maskUrlSecrets(url), body), headers };
}
