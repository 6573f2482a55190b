import type { RequestHandler, Response } from 'express';
import { PERMISSIONS, type Permission, type Principal } from '../domain/access.js';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors.js';
import type { Store } from '../store/db.js';

/**
 * The only routes served without an API key: probes for orchestrators, and the inbound webhook,
 * which authenticates each request with its own HMAC signature.
 */
export const PUBLIC_ROUTES: ReadonlyArray<{ method: string; path: RegExp }> = [
  { method: 'GET', path: /^\/healthz\/?$/ },
  { method: 'GET', path: /^\/readyz\/?$/ },
  { method: 'POST', path: /^\/ingest\/[^/]+\/?$/ },
];

export function isPublic(method: string, path: string): boolean {
  const verb = method === 'HEAD' ? 'GET' : method;
  return PUBLIC_ROUTES.some((route) => route.method === verb && route.path.test(path));
}

export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) {
    throw new UnauthenticatedError('authorization: an API key is required');
  }
  return principal;
}

/** `Authorization: Bearer <key>` on every route but the public ones; 401 without a valid key. */
export function authenticate(store: Store): RequestHandler {
  return async (req, res, next) => {
    // A principal already found is the web app's session user (api/session.ts).
    if (isPublic(req.method, req.path) || res.locals.principal) {
      next();
      return;
    }
    const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(req.get('authorization') ?? '');
    const key = match?.[1] ? await store.keys.authenticate(match[1]) : null;
    if (!key) {
      res.set('WWW-Authenticate', 'Bearer realm="earshot"');
      throw new UnauthenticatedError(
        'authorization: send a valid API key as "Authorization: Bearer <key>"',
      );
    }
    res.locals.principal = { name: key.name, role: key.role } satisfies Principal;
    next();
  };
}

/** 403 unless the caller's role holds the permission. */
export function allow(permission: Permission): RequestHandler {
  return (_req, res, next) => {
    const { role, name } = principalOf(res);
    if (!(PERMISSIONS[permission] as readonly string[]).includes(role)) {
      throw new ForbiddenError(
        `role: key "${name}" has role ${role}, which may not do this (needs ${PERMISSIONS[permission].join(' or ')})`,
      );
    }
    next();
  };
}
