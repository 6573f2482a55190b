import fetch, { FetchError, type Response } from 'node-fetch';
import type { Readable } from 'node:stream';
import { EgressRefusedError } from '../domain/errors.js';
import { bareHost, urlRefusal, type EgressPolicy } from '../domain/egress-policy.js';
import { guardedAgent, type Refusal } from './guarded-lookup.js';
import { MAX_REDIRECTS, becomesGet, headersForHop, isRedirect } from './redirects.js';
import { currentEgressPolicy } from './settings.js';

export interface GuardedRequest {
  /** @defaultValue 'GET' */
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Covers the whole request, redirects included. */
  signal?: AbortSignal;
  /** The largest body read; node-fetch fails the read past it (`type: 'max-size'`). */
  maxBytes: number;
  /** @defaultValue the process's policy (EGRESS_ALLOW) */
  policy?: EgressPolicy;
}

function refuseUrl(url: URL, policy: EgressPolicy): void {
  const refusal = urlRefusal(url, policy);
  if (refusal) {
    throw new EgressRefusedError(bareHost(url) || url.protocol, refusal);
  }
}

/**
 * User info in a URL (an on-premises feed behind basic auth) as the Authorization header: fetch
 * refuses URLs with credentials. Being a header, it stays behind on a redirect to another origin.
 */
function withoutUserInfo(url: URL, headers: Record<string, string> = {}) {
  if (!url.username && !url.password) {
    return { target: url.href, headers };
  }
  const user = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  const target = new URL(url.href);
  target.username = '';
  target.password = '';
  const basic = `Basic ${Buffer.from(user, 'utf8').toString('base64')}`;
  return { target: target.href, headers: { authorization: basic, ...headers } };
}

async function hop(url: URL, method: string, request: GuardedRequest, policy: EgressPolicy) {
  let refused: Refusal | null = null;
  const { target, headers } = withoutUserInfo(url, request.headers);
  try {
    return await fetch(target, {
      method,
      headers,
      body: method === 'GET' ? undefined : request.body,
      signal: request.signal,
      size: request.maxBytes,
      redirect: 'manual',
      agent: guardedAgent(url.protocol, policy, (refusal) => {
        refused = refusal;
      }),
    });
  } catch (error) {
    const refusal = refused as Refusal | null;
    if (refusal && error instanceof FetchError) {
      throw new EgressRefusedError(refusal.host, refusal.reason);
    }
    throw error;
  }
}

/**
 * The one way Earshot makes outbound requests (sources, notification channels). Every hop is
 * checked twice: the URL before the request (scheme, literal addresses) and the resolved address
 * at connect time (guarded-lookup.ts). Redirects are followed by hand, at most MAX_REDIRECTS, each
 * checked again; credentials and signatures stay behind when a redirect leaves the origin.
 * A refusal throws EgressRefusedError; HTTP errors come back as responses, as with fetch.
 */
export async function guardedFetch(url: string, request: GuardedRequest): Promise<Response> {
  const policy = request.policy ?? currentEgressPolicy();
  let current = new URL(url);
  let method = request.method ?? 'GET';
  let headers = request.headers ?? {};
  for (let redirects = 0; ; redirects += 1) {
    refuseUrl(current, policy);
    const response = await hop(current, method, { ...request, headers }, policy);
    const location = response.headers.get('location');
    if (!isRedirect(response.status) || location === null) {
      return response;
    }
    (response.body as Readable | null)?.destroy();
    if (redirects === MAX_REDIRECTS) {
      throw new EgressRefusedError(bareHost(current), `more than ${MAX_REDIRECTS} redirects`);
    }
    const next = new URL(location, current);
    headers = headersForHop(headers, current, next);
    if (becomesGet(response.status, method)) {
      method = 'GET';
    }
    current = next;
  }
}
