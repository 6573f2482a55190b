import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../api/app.js';
import { createLogger } from '../../../config/logger.js';
import { createRig, type TestRig } from '../../helpers/env.js';

const PASSWORD = 'a long enough password';
const HOUR = 3_600_000;

let rig: TestRig;
let server: Server;
let base: string;
// The sessions' clock: each test moves it; nothing reads the real one for expiry.
let clock = Date.UTC(2026, 10, 2, 9);

interface Signed {
  cookie: string;
  csrf: string;
}

async function signIn(email: string, password = PASSWORD, ip?: string): Promise<Response> {
  return fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(ip && { 'x-forwarded-for': ip }) },
    body: JSON.stringify({ email, password }),
  });
}

async function session(email: string): Promise<Signed> {
  const res = await signIn(email);
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie, csrf: ((await res.json()) as { csrf: string }).csrf };
}

const me = (s: Signed) => fetch(`${base}/auth/me`, { headers: { cookie: s.cookie } });

beforeAll(async () => {
  rig = await createRig('session');
  for (const role of ['admin', 'agent'] as const) {
    await rig.store.users.create({ email: `${role}@x.test`, name: role, role, password: PASSWORD });
  }
  const app = createApp({
    store: rig.store,
    redis: rig.redis,
    log: createLogger('silent'),
    queues: [],
    options: {
      keyPrefix: rig.config.queuePrefix,
      sessions: { idleMs: 2 * HOUR, maxMs: 24 * HOUR },
      signIn: { perAccount: 2, perIp: 4, windowS: 600 },
      trustProxy: true,
      now: () => clock,
      stream: { pollMs: 100, settleMs: 50, keyCheckMs: 100 },
    },
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rig.cleanup();
});

describe('sessions', () => {
  it('sets an HttpOnly SameSite=Strict cookie, Secure only over TLS', async () => {
    const plain = await signIn('agent@x.test');
    expect(plain.headers.get('set-cookie')).toMatch(
      /^earshot_session=[\w-]{43}; Max-Age=86400; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    const proxied = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ email: 'agent@x.test', password: PASSWORD }),
    });
    expect(proxied.headers.get('set-cookie')).toContain('; Secure;');
  });

  it('acts for the user on the API routes, with the role of the user', async () => {
    const agent = await session('agent@x.test');
    expect((await fetch(`${base}/alerts`, { headers: { cookie: agent.cookie } })).status).toBe(200);
    const users = await fetch(`${base}/users`, { headers: { cookie: agent.cookie } });
    expect(users.status).toBe(403);
    const body = (await (await me(agent)).json()) as { email: string; permissions: string[] };
    expect(body.email).toBe('agent@x.test');
    expect(body.permissions).toEqual(['read', 'triage', 'advocates']);
  });

  it('refuses a state change without the CSRF token, and takes it with the token', async () => {
    const admin = await session('admin@x.test');
    const create = (headers: Record<string, string>) =>
      fetch(`${base}/users`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({
          email: 'new@x.test',
          name: 'New',
          role: 'marketing',
          password: PASSWORD,
        }),
      });
    const refused = await create({});
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/^x-csrf-token: /);
    expect((await create({ 'x-csrf-token': 'a'.repeat(32) })).status).toBe(403);
    expect(await rig.store.users.byEmail('new@x.test')).toBeNull();
    expect((await create({ 'x-csrf-token': admin.csrf })).status).toBe(201);
  });

  it('ends after the idle time, and after the absolute time even when in use', async () => {
    const idle = await session('agent@x.test');
    clock += 2 * HOUR - 1000;
    expect((await me(idle)).status).toBe(200);
    clock += 2 * HOUR - 1000;
    expect((await me(idle)).status).toBe(200);
    clock += 2 * HOUR;
    expect((await me(idle)).status).toBe(401);
    const busy = await session('agent@x.test');
    for (let hour = 0; hour < 23; hour += 1) {
      clock += HOUR;
      expect((await me(busy)).status).toBe(200);
    }
    clock += HOUR;
    expect((await me(busy)).status).toBe(401);
  });

  it('signs out everywhere, and ends sessions when an admin disables the user', async () => {
    const one = await session('agent@x.test');
    const two = await session('agent@x.test');
    const out = await fetch(`${base}/auth/logout-all`, {
      method: 'POST',
      headers: { cookie: one.cookie, 'x-csrf-token': one.csrf },
    });
    expect(out.status).toBe(200);
    expect((await me(one)).status).toBe(401);
    expect((await me(two)).status).toBe(401);
    const three = await session('agent@x.test');
    const admin = await session('admin@x.test');
    const agent = await rig.store.users.byEmail('agent@x.test');
    const disable = await fetch(`${base}/users/${agent!.id}`, {
      method: 'PATCH',
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrf,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ disabled: true }),
    });
    expect(disable.status).toBe(200);
    expect((await me(three)).status).toBe(401);
    expect((await signIn('agent@x.test')).status).toBe(401);
  });
});

describe('sign-in throttle', () => {
  it('locks an account after its failures, and an address after its own', async () => {
    await rig.store.users.create({
      email: 'target@x.test',
      name: 't',
      role: 'agent',
      password: PASSWORD,
    });
    expect((await signIn('target@x.test', 'wrong password', '10.9.0.1')).status).toBe(401);
    expect((await signIn('target@x.test', 'wrong password', '10.9.0.2')).status).toBe(401);
    const locked = await signIn('target@x.test', PASSWORD, '10.9.0.3');
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { detail: string }).detail).toMatch(
      /too many failed sign-ins for this account; try again in 10 minutes/,
    );
    for (const email of ['a@x.test', 'b@x.test', 'c@x.test', 'd@x.test']) {
      expect((await signIn(email, 'wrong password', '10.9.0.9')).status).toBe(401);
    }
    const sprayed = await signIn('admin@x.test', PASSWORD, '10.9.0.9');
    expect(sprayed.status).toBe(429);
    expect(((await sprayed.json()) as { detail: string }).detail).toContain('for this address');
    expect((await signIn('admin@x.test', PASSWORD, '10.9.0.10')).status).toBe(200);
  });
});

describe('alert streams of web app sessions', () => {
  it('stay open while the session lives, and end when it is signed out', async () => {
    const signed = await signIn('admin@x.test', PASSWORD, '10.9.2.1');
    expect(signed.status).toBe(200);
    const cookie = signed.headers.get('set-cookie')!.split(';')[0]!;
    const { csrf } = (await signed.json()) as { csrf: string };
    const stream = await fetch(`${base}/alerts/stream`, { headers: { cookie } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    let text = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          return;
        }
        text += Buffer.from(value).toString('utf8');
      }
    })();
    // Several session checks (every 100 ms here) pass without ending a live session's stream.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(text).not.toContain('event: revoked');
    const out = await fetch(`${base}/auth/logout-all`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(out.status).toBe(200);
    await reading;
    expect(text).toContain('event: revoked');
  });
});
