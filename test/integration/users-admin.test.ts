import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRig, type TestRig } from '../helpers/env.js';

// main.ts calls ensureAdmin with ADMIN_EMAIL and ADMIN_PASSWORD at every start-up.
const NOW = new Date('2026-11-02T10:00:00Z');

describe('UsersRepository.ensureAdmin (ADMIN_EMAIL + ADMIN_PASSWORD at start-up)', () => {
  let rig: TestRig;

  beforeAll(async () => {
    rig = await createRig('users_admin');
  });

  afterAll(async () => {
    await rig.cleanup();
  });

  it('creates the admin once, and a second start-up keeps the same user and password', async () => {
    const first = await rig.store.users.ensureAdmin('boss@example.com', 'first admin pw', NOW);
    expect(first).toMatchObject({ email: 'boss@example.com', role: 'admin', disabledAt: null });
    const again = await rig.store.users.ensureAdmin('boss@example.com', 'first admin pw', NOW);
    expect(again.id).toBe(first.id);
    expect(
      (await rig.store.users.list()).filter((u) => u.email === 'boss@example.com'),
    ).toHaveLength(1);
    expect((await rig.store.users.verify('boss@example.com', 'first admin pw'))?.id).toBe(first.id);
  });

  it('makes an existing, disabled user of that email an active admin with the given password', async () => {
    const agent = await rig.store.users.create(
      { email: 'lead@example.com', name: 'Lead', role: 'agent', password: 'old password 1' },
      NOW,
    );
    await rig.store.users.update(agent.id, { disabled: true }, NOW);
    const admin = await rig.store.users.ensureAdmin('lead@example.com', 'new password 2', NOW);
    expect(admin).toMatchObject({ id: agent.id, role: 'admin', disabledAt: null, name: 'Lead' });
    expect(await rig.store.users.verify('lead@example.com', 'old password 1')).toBeNull();
    expect((await rig.store.users.verify('lead@example.com', 'new password 2'))?.role).toBe(
      'admin',
    );
  });
});
