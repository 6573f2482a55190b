/** Redirects followed before a request is given up. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/**
 * Headers that may follow a redirect to another origin. Everything else (Authorization, cookies,
 * API keys, webhook signatures, conditional-GET validators) is meant for the first host only.
 */
const PORTABLE = new Set(['accept', 'accept-language', 'user-agent', 'content-type']);

/** The headers of the next hop: all of them on the same origin, only portable ones elsewhere. */
export function headersForHop(
  headers: Record<string, string>,
  from: URL,
  to: URL,
): Record<string, string> {
  if (from.origin === to.origin) {
    return headers;
  }
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => PORTABLE.has(name.toLowerCase())),
  );
}

/** 303, and 301/302 after a POST, turn the next request into a GET without a body (as browsers do). */
export function becomesGet(status: number, method: string): boolean {
  return status === 303 || ((status === 301 || status === 302) && method === 'POST');
}
