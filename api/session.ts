import { parse as parseCookies, serialize } from 'cookie';
import type { Request, RequestHandler, Response } from 'express';
import type { Redis } from 'ioredis';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal, Role } from '../domain/access.js';
import type { User } from '../domain/user.js';
import { ForbiddenError } from '../domain/errors.js';

export const SESSION_COOKIE = 'earshot_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionSettings {
  idleMs: number;
  maxMs: number;
}

export const SESSION_DEFAULTS: SessionSettings = { idleMs: 2 * 3_600_000, maxMs: 24 * 3_600_000 };

/** A signed-in person's session, as kept in Redis under the SHA-256 of its cookie value. */
export interface Session {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** The synchronizer token every state-changing request must echo in X-CSRF-Token. */
  csrf: string;
  createdAt: number;
  lastSeenAt: number;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Sessions in Redis: an idle expiry (the key's TTL, renewed on use) and an absolute one (checked on
 * read), plus a set of each user's sessions so that "sign out everywhere" can end them all.
 */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly settings: SessionSettings,
    private readonly now: () => number = Date.now,
  ) {}

  private key(token: string): string {
    return `${this.prefix}:session:${digest(token)}`;
  }

  private userKey(userId: string): string {
    return `${this.prefix}:user-sessions:${userId}`;
  }

  /** Starts a session; the returned token goes in the cookie and nowhere else. */
  async create(user: User): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const at = this.now();
    const session: Session = {
      userId: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      csrf: randomBytes(24).toString('base64url'),
      createdAt: at,
      lastSeenAt: at,
    };
    await this.redis
      .multi()
      .set(this.key(token), JSON.stringify(session), 'PX', this.settings.idleMs)
      .sadd(this.userKey(user.id), digest(token))
      .pexpire(this.userKey(user.id), this.settings.maxMs)
      .exec();
    return { token, session };
  }

  /** The session stored under this token and whether it is live now; null when there is none. */
  private async stored(
    token: string,
  ): Promise<{ session: Session; live: boolean; at: number } | null> {
    const raw = await this.redis.get(this.key(token));
    if (!raw) {
      return null;
    }
    const session = JSON.parse(raw) as Session;
    const at = this.now();
    const { maxMs, idleMs } = this.settings;
    const live = at - session.createdAt < maxMs && at - session.lastSeenAt < idleMs;
    return { session, live, at };
  }

  /** Whether this token's session is live, without renewing its idle clock (an open stream's check). */
  async isLive(token: string): Promise<boolean> {
    return (await this.stored(token))?.live ?? false;
  }

  /** The live session for this token, its idle clock renewed; null when unknown or expired. */
  async read(token: string): Promise<Session | null> {
    const found = await this.stored(token);
    if (!found) {
      return null;
    }
    const { session, live, at } = found;
    if (!live) {
      await this.destroy(token, session.userId);
      return null;
    }
    session.lastSeenAt = at;
    const ttl = Math.min(this.settings.idleMs, session.createdAt + this.settings.maxMs - at);
    await this.redis.set(this.key(token), JSON.stringify(session), 'PX', ttl);
    return session;
  }

  async destroy(token: string, userId: string): Promise<void> {
    await this.redis.multi().del(this.key(token)).srem(this.userKey(userId), digest(token)).exec();
  }

  /** Ends every session of the user (sign out everywhere, disable, role or password change). */
  async destroyAll(userId: string): Promise<number> {
    const ids = await this.redis.smembers(this.userKey(userId));
    const keys = ids.map((id) => `${this.prefix}:session:${id}`);
    await this.redis.del(this.userKey(userId), ...keys);
    return ids.length;
  }
}

export function sessionToken(req: Request): string | undefined {
  return parseCookies(req.get('cookie') ?? '')[SESSION_COOKIE];
}

/** HttpOnly, SameSite=Strict, and Secure whenever the request came over TLS (see TRUST_PROXY). */
function sessionCookie(req: Request, token: string, maxAgeS: number): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: maxAgeS,
  });
}

export function setSessionCookie(req: Request, res: Response, token: string, maxMs: number): void {
  res.append('Set-Cookie', sessionCookie(req, token, Math.floor(maxMs / 1000)));
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.append('Set-Cookie', sessionCookie(req, '', 0));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A request without an Authorization header but with a session cookie is the web app's: it gets the
 * session's user as its principal, and every state change must carry the session's CSRF token
 * (a cross-site form or fetch cannot read it). Requests with a key go on to api/access.ts unchanged.
 */
export function sessionAuth(sessions: SessionStore): RequestHandler {
  return async (req, res, next) => {
    const token = sessionToken(req);
    if (!token || req.get('authorization')) {
      next();
      return;
    }
    const session = await sessions.read(token);
    if (!session) {
      next();
      return;
    }
    if (!SAFE_METHODS.has(req.method) && !sameSecret(req.get(CSRF_HEADER) ?? '', session.csrf)) {
      throw new ForbiddenError(
        `${CSRF_HEADER}: a browser request that changes something must carry the session's CSRF token`,
      );
    }
    res.locals.session = session;
    res.locals.sessionToken = token;
    res.locals.principal = { name: session.email, role: session.role } satisfies Principal;
    next();
  };
}

export function sessionOf(res: Response): { session: Session; token: string } | null {
  const session = res.locals.session as Session | undefined;
  const token = res.locals.sessionToken as string | undefined;
  return session && token ? { session, token } : null;
}
