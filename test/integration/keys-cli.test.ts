import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRig, type TestRig } from '../helpers/env.js';

const run = promisify(execFile);

// Every step runs the CLI as a process of its own, compiled by tsx as it starts: a few seconds
// each when the whole suite shares two cores (30 s was not enough for the users CLI's seven steps).
vi.setConfig({ testTimeout: 120_000 });

describe('keys CLI', () => {
  let rig: TestRig;

  beforeAll(async () => {
    rig = await createRig('keys_cli');
  });

  afterAll(async () => {
    await rig.cleanup();
  });

  const keys = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/keys.ts', ...args], {
      env: { ...process.env, ...rig.settings },
    });

  it('creates a key printed once, lists it without the secret, revokes it', async () => {
    const created = await keys('create', '--role', 'agent', '--name', 'support-desk');
    const key = created.stdout.trim();
    expect(key).toMatch(/^esk_[A-Za-z0-9_-]{43}$/);
    expect((await rig.store.keys.authenticate(key))?.role).toBe('agent');
    const listed = await keys('list');
    expect(listed.stdout).toMatch(/^support-desk\tagent\tesk_\S+…\t\S+\tactive$/m);
    expect(listed.stdout).not.toContain(key);
    await keys('revoke', '--name', 'support-desk');
    expect(await rig.store.keys.authenticate(key)).toBeNull();
    const refused = (await keys('create', '--role', 'boss', '--name', 'x').catch(
      (error: unknown) => error,
    )) as { code: number; stderr: string };
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--role/);
  });
});
