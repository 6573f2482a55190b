/** The one way the app talks to the API: same origin, the session cookie, the CSRF token. */

let csrfToken: string | null = null;
let onSignedOut: () => void = () => undefined;

export function setCsrf(token: string | null): void {
  csrfToken = token;
}

export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

type Params = Record<string, unknown>;

export function query(params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      if (value !== '') {
        search.set(key, String(value));
      }
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export async function api<T>(
  path: string,
  init: { method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; body?: unknown } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) {
    headers['x-csrf-token'] = csrfToken;
  }
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (res.status === 401 && path !== '/auth/login') {
    onSignedOut();
  }
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as { detail?: string };
    throw new ApiError(res.status, problem.detail ?? res.statusText);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** A problem's detail ("sources.0.appId: message; name: message") by field path. */
export function fieldErrors(detail: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const part of detail.split('; ')) {
    const at = part.indexOf(': ');
    if (at > 0) {
      errors[part.slice(0, at)] = part.slice(at + 2);
    }
  }
  return errors;
}

/** Only http(s) links to posts: a javascript: or data: URL from a source never becomes a link. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) {
    return null;
  }
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
