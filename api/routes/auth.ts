import { Router } from 'express';
import { PERMISSIONS, type Permission, type Role } from '../../domain/access.js';
import { z } from 'zod';
import { Password, UserEmail } from '../../domain/user.js';
import type { Store } from '../../store/db.js';
import { principalOf } from '../access.js';
import { UnauthenticatedError } from '../../domain/errors.js';
import { clearSessionCookie, sessionOf, setSessionCookie, type SessionStore } from '../session.js';
import type { SignInThrottle } from '../sign-in-limits.js';

export const SignInBody = z
  .object({ email: UserEmail, password: z.string().min(1).max(200) })
  .strict();

export const PasswordChange = z
  .object({ current: z.string().min(1).max(200), password: Password })
  .strict();

/** What GET /auth/me answers: who is calling, and the CSRF token for a session's state changes. */
export interface Me {
  kind: 'user' | 'key';
  email: string | null;
  name: string;
  role: Role;
  /** What this caller may do, so the app shows only the controls the server would allow. */
  permissions: Permission[];
  csrf: string | null;
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((permission) =>
    (PERMISSIONS[permission] as readonly Role[]).includes(role),
  );
}

function refuse(): never {
  throw new UnauthenticatedError('session: sign in first');
}

/**
 * Sign-in for people. Mounted before the API-key check: POST /auth/login is public; the others need
 * the session (sessionAuth has already checked its CSRF token on the POSTs).
 */
export function authRouter(store: Store, sessions: SessionStore, throttle: SignInThrottle): Router {
  const router = Router();
  router.post('/auth/login', async (req, res) => {
    const { email, password } = SignInBody.parse(req.body ?? {});
    const ip = req.ip ?? 'unknown';
    await throttle.check(email, ip);
    const user = await store.users.verify(email, password);
    if (!user) {
      await throttle.failed(email, ip);
      throw new UnauthenticatedError('password: wrong email or password');
    }
    await throttle.succeeded(email);
    const { token, session } = await sessions.create(user);
    setSessionCookie(req, res, token, sessions.settings.maxMs);
    res.json({
      kind: 'user',
      email: user.email,
      name: user.name,
      role: user.role,
      permissions: permissionsOf(user.role),
      csrf: session.csrf,
    } satisfies Me);
  });
  router.post('/auth/logout', async (req, res) => {
    const current = sessionOf(res) ?? refuse();
    await sessions.destroy(current.token, current.session.userId);
    clearSessionCookie(req, res);
    res.status(204).end();
  });
  router.post('/auth/logout-all', async (req, res) => {
    const current = sessionOf(res) ?? refuse();
    const ended = await sessions.destroyAll(current.session.userId);
    clearSessionCookie(req, res);
    res.json({ ended });
  });
  return router;
}

/** GET /auth/me, behind the key-or-session check. */
export function meRouter(): Router {
  const router = Router();
  router.get('/auth/me', (_req, res) => {
    const current = sessionOf(res);
    const principal = principalOf(res);
    const me: Me = current
      ? {
          kind: 'user',
          email: current.session.email,
          name: current.session.name,
          role: current.session.role,
          permissions: permissionsOf(current.session.role),
          csrf: current.session.csrf,
        }
      : {
          kind: 'key',
          email: null,
          name: principal.name,
          role: principal.role,
          permissions: permissionsOf(principal.role),
          csrf: null,
        };
    res.set('Cache-Control', 'no-store').json(me);
  });
  return router;
}
