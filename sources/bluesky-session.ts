import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { SourceConfigError, SourceHttpError, SourcePayloadError } from '../domain/errors.js';
import type { HttpOptions } from './http.js';
import type { LimitScope } from './limits.js';
import { limitedJson, scopeOf, type SourceContext } from './request.js';

/** The tokens of an atproto session (com.atproto.server.createSession / refreshSession). */
export const Session = z.object({ accessJwt: z.string().min(1), refreshJwt: z.string().min(1) });
export type Session = z.infer<typeof Session>;

/** Where the session lives: Redis in the service, so that every worker uses the same one. */
export interface SessionStore {
  get(): Promise<Session | null>;
  set(session: Session): Promise<void>;
  clear(): Promise<void>;
}

export class RedisSessionStore implements SessionStore {
  private readonly key: string;

  /** One session per account and server; the key names neither in clear. */
  constructor(
    private readonly redis: Redis,
    prefix: string,
    account: string,
  ) {
    const digest = createHash('sha256').update(account).digest('hex').slice(0, 16);
    this.key = `${prefix}:bluesky-session:${digest}`;
  }

  async get(): Promise<Session | null> {
    const value = await this.redis.get(this.key);
    const session = value ? Session.safeParse(JSON.parse(value)) : null;
    return session?.success ? session.data : null;
  }

  async set(session: Session): Promise<void> {
    await this.redis.set(this.key, JSON.stringify(session));
  }

  async clear(): Promise<void> {
    await this.redis.del(this.key);
  }
}

export class MemorySessionStore implements SessionStore {
  private session: Session | null = null;

  get(): Promise<Session | null> {
    return Promise.resolve(this.session);
  }

  set(session: Session): Promise<void> {
    this.session = session;
    return Promise.resolve();
  }

  clear(): Promise<void> {
    this.session = null;
    return Promise.resolve();
  }
}

/** The server refused a token as expired or invalid: refresh the session and try once more. */
export class ExpiredTokenError extends SourceHttpError {}

const XrpcError = z.object({ error: z.string() });

/** Reads an XRPC error body: ExpiredToken / InvalidToken become ExpiredTokenError. */
export function xrpcError(
  status: number,
  body: string,
  _headers: unknown,
  url: string,
): Error | undefined {
  let name: string | undefined;
  try {
    const parsed = XrpcError.safeParse(JSON.parse(body));
    name = parsed.success ? parsed.data.error : undefined;
  } catch {
    return undefined;
  }
  return name === 'ExpiredToken' || name === 'InvalidToken'
    ? new ExpiredTokenError('bluesky', status, url, null)
    : undefined;
}

export interface BlueskyAccount {
  /** The server that holds the account and proxies app.bsky calls (the PDS / entryway). */
  serviceUrl: string;
  identifier: string | undefined;
  appPassword: string | undefined;
  timeoutMs: number;
}

/**
 * Opens, keeps and refreshes the account's session: createSession once, refreshSession when the
 * access token expires, createSession again when the refresh token is spent as well.
 */
export class BlueskySessions {
  constructor(
    private readonly account: BlueskyAccount,
    private readonly store: SessionStore,
    private readonly context: SourceContext,
  ) {}

  /** The scope all of this account's calls count against. */
  scope(url: string, method?: string): LimitScope {
    return scopeOf('bluesky', url, this.account.identifier ?? null, method);
  }

  private credentials(): { identifier: string; password: string } {
    const { identifier, appPassword } = this.account;
    if (!identifier || !appPassword) {
      throw new SourceConfigError(
        'bluesky',
        'searching posts needs a session: set BLUESKY_IDENTIFIER (handle or DID) and ' +
          'BLUESKY_APP_PASSWORD (an app password); anonymous search is refused',
      );
    }
    return { identifier, password: appPassword };
  }

  /** The current session, opened when there is none. */
  async current(): Promise<Session> {
    this.credentials();
    return (await this.store.get()) ?? this.create();
  }

  /**
   * A fresh session after `failed` was refused: another worker's newer session if there is one,
   * else a refreshed one, else a new one.
   */
  async renew(failed: Session): Promise<Session> {
    const stored = await this.store.get();
    if (stored && stored.accessJwt !== failed.accessJwt) {
      return stored;
    }
    try {
      return await this.call('com.atproto.server.refreshSession', {
        method: 'POST',
        headers: { authorization: `Bearer ${failed.refreshJwt}` },
      });
    } catch (error) {
      if (error instanceof ExpiredTokenError) {
        await this.store.clear();
        return this.create();
      }
      throw error;
    }
  }

  private async create(): Promise<Session> {
    const { identifier, password } = this.credentials();
    try {
      return await this.call('com.atproto.server.createSession', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier, password }),
      });
    } catch (error) {
      if (error instanceof SourceHttpError && (error.status === 401 || error.status === 400)) {
        throw new SourceConfigError(
          'bluesky',
          `createSession refused BLUESKY_IDENTIFIER / BLUESKY_APP_PASSWORD (HTTP ${error.status})`,
        );
      }
      throw error;
    }
  }

  private async call(method: string, options: Partial<HttpOptions>): Promise<Session> {
    const url = `${this.account.serviceUrl.replace(/\/$/, '')}/xrpc/${method}`;
    const { body } = await limitedJson(this.context, this.scope(url), 'bluesky', url, {
      timeoutMs: this.account.timeoutMs,
      onError: xrpcError,
      ...options,
    });
    const session = Session.safeParse(body);
    if (!session.success) {
      throw new SourcePayloadError('bluesky', url, 'no accessJwt/refreshJwt in the session');
    }
    await this.store.set(session.data);
    return session.data;
  }
}
