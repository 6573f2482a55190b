import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SessionStore } from '../../api/session.js';
import { createRig, type TestRig } from '../helpers/env.js';

const run = promisify(execFile);

// Every step runs the CLI as a process of its own, compiled by tsx as it starts: a few seconds
// each when the whole suite shares two cores (30 s was not enough for the users CLI's seven steps).
vi.setConfig({ testTimeout: 120_000 });

describe('users CLI', () => {
  let rig: TestRig;

  beforeAll(async () => {
    rig = await createRig('users_cli');
  });

  afterAll(async () => {
    await rig.cleanup();
  });

  const users = (password: string | null, ...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/users.ts', ...args], {
      env: { ...process.env, ...rig.settings, ...(password && { USER_PASSWORD: password }) },
    });

  it('creates, lists, resets the password of and disables a user, ending their sessions', async () => {
    await users(
      'first password!',
      'create',
      '--email',
      'Ann@Example.com',
      '--name',
      'Ann',
      '--role',
      'agent',
    );
    expect((await rig.store.users.verify('ann@example.com', 'first password!'))?.role).toBe(
      'agent',
    );
    expect((await users(null, 'list')).stdout).toMatch(
      /^ann@example\.com\tAnn\tagent\t\S+\tactive$/m,
    );

    const sessions = new SessionStore(rig.redis, rig.config.queuePrefix, {
      idleMs: 60_000,
      maxMs: 600_000,
    });
    const user = (await rig.store.users.byEmail('ann@example.com'))!;
    const { token } = await sessions.create(user);
    await users('second password', 'reset-password', '--email', 'ann@example.com');
    expect(await rig.store.users.verify('ann@example.com', 'first password!')).toBeNull();
    expect(await rig.store.users.verify('ann@example.com', 'second password')).not.toBeNull();
    expect(await sessions.read(token)).toBeNull();

    await users(null, 'disable', '--email', 'ann@example.com');
    expect(await rig.store.users.verify('ann@example.com', 'second password')).toBeNull();
    expect((await users(null, 'list')).stdout).toMatch(/\tdisabled \S+$/m);

    const short = (await users(
      'short',
      'create',
      '--email',
      'bo@example.com',
      '--name',
      'Bo',
      '--role',
      'agent',
    ).catch((error: unknown) => error)) as { code: number; stderr: string };
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/^users: password: at least 10 characters/);
    const taken = (await users(
      'a fine password',
      'create',
      '--email',
      'ann@example.com',
      '--name',
      'A',
      '--role',
      'agent',
    ).catch((error: unknown) => error)) as { code: number; stderr: string };
    expect(taken.stderr).toMatch(/exists already/);
  });
});
