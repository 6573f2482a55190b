import { Router } from 'express';
import { z } from 'zod';
import { KeyName, Role, type ApiKey } from '../../domain/access.js';
import { NotFoundError } from '../../domain/errors.js';
import { NewUser, Password, UserName } from '../../domain/user.js';
import type { Store } from '../../store/db.js';
import { allow } from '../access.js';
import { objectIdParam } from '../query.js';
import type { SessionStore } from '../session.js';

export const UserPatch = z
  .object({
    name: UserName.optional(),
    role: Role.optional(),
    disabled: z.boolean().optional(),
    password: Password.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, {
    path: ['body'],
    message: 'name at least one of name, role, disabled, password',
  });

export const KeyBody = z.object({ name: KeyName, role: Role }).strict();

/** POST /keys: the new key's record and, this once, the key itself. */
export type CreatedKey = ApiKey & { key: string };

/** Admins manage people and API keys here; the CLIs (npm run users / keys) do the same. */
export function teamRouter(store: Store, sessions: SessionStore): Router {
  const router = Router();
  router.get('/users', allow('team'), async (_req, res) => {
    res.json({ items: await store.users.list() });
  });
  router.post('/users', allow('team'), async (req, res) => {
    const body = NewUser.parse(req.body ?? {});
    res.status(201).json(await store.users.create(body));
  });
  router.patch('/users/:id', allow('team'), async (req, res) => {
    const id = objectIdParam.parse(req.params.id);
    const change = UserPatch.parse(req.body ?? {});
    const user = await store.users.update(id, change);
    if (!user) {
      throw new NotFoundError('user', id);
    }
    // A session carries its role: any change to who the user is or may be ends their sessions.
    if (change.role !== undefined || change.disabled || change.password !== undefined) {
      await sessions.destroyAll(id);
    }
    res.json(user);
  });
  router.get('/keys', allow('team'), async (_req, res) => {
    res.json({ items: await store.keys.list() });
  });
  router.post('/keys', allow('team'), async (req, res) => {
    const { name, role } = KeyBody.parse(req.body ?? {});
    // A taken name is KeyNameTaken, a 409 naming the key.
    const { key, record } = await store.keys.create(name, role);
    res.status(201).json({ ...record, key } satisfies CreatedKey);
  });
  router.delete('/keys/:name', allow('team'), async (req, res) => {
    const name = KeyName.parse(req.params.name);
    if (!(await store.keys.revoke(name))) {
      throw new NotFoundError('key', name);
    }
    res.status(204).end();
  });
  return router;
}
