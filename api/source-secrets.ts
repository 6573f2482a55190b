import { maskUrlSecrets } from '../domain/url-secrets.js';
import type { Watch, WatchSource } from '../domain/watch.js';

const URL_FIELDS = ['url', 'instance'] as const;

/** A watch as the API shows it: user info and credential-like query values of source URLs masked. */
export function redactSources<T extends Watch>(watch: T): T {
  const sources = watch.sources.map((source) => {
    const shown: WatchSource = { ...source };
    for (const field of URL_FIELDS) {
      const value = source[field];
      if (value !== undefined) {
        shown[field] = maskUrlSecrets(value);
      }
    }
    return shown;
  });
  return { ...watch, sources };
}

/**
 * A watch body sent back as GET showed it keeps each stored source URL whose masked form came back
 * unchanged (the same field of a stored source of the same type); a new value replaces it.
 */
export function restoreSources(
  body: Record<string, unknown>,
  stored: Watch | null,
): Record<string, unknown> {
  if (!stored || !Array.isArray(body.sources)) {
    return body;
  }
  const sources = body.sources.map((raw: unknown) => {
    if (!raw || typeof raw !== 'object') {
      return raw;
    }
    const source = { ...(raw as Record<string, unknown>) };
    for (const field of URL_FIELDS) {
      const before = stored.sources.find(
        (candidate) =>
          candidate.type === source.type &&
          candidate[field] !== undefined &&
          candidate[field] !== maskUrlSecrets(candidate[field]) &&
          maskUrlSecrets(candidate[field]) === source[field],
      );
      if (before) {
        source[field] = before[field];
      }
    }
    return source;
  });
  return { ...body, sources };
}
