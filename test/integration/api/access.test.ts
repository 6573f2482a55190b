import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access.js';
import { startApi, type TestApi } from '../../helpers/api.js';
import { createRig, type TestRig } from '../../helpers/env.js';
import { seedAlert } from '../../helpers/seed.js';

const WATCH = {
  id: 'roles-watch',
  name: 'Roles',
  keywords: ['Acme'],
  sources: [{ type: 'hackernews' }],
  schedule: '*/5 * * * *',
};

describe('API access: keys, roles, rate limit, CORS', () => {
  let rig: TestRig;
  let api: TestApi;
  let alertId: string;

  beforeAll(async () => {
    rig = await createRig('api_access');
    api = await startApi(rig);
    alertId = await seedAlert(rig, { authorId: 'grumpy' });
  });

  afterAll(async () => {
    await api.close();
    await rig.cleanup();
  });

  type Call = { method?: string; path: string; body?: unknown; allowed: Role[] };
  const all: Role[] = ['admin', 'manager', 'agent', 'marketing'];
  const calls = (): Call[] => [
    { path: '/alerts', allowed: all },
    { path: `/alerts/${alertId}`, allowed: all },
    {
      method: 'PATCH',
      path: `/alerts/${alertId}`,
      body: { tags: ['x'] },
      allowed: ['admin', 'manager', 'agent'],
    },
    { path: '/advocates', allowed: all },
    { path: '/advocates.csv', allowed: all },
    { path: '/mentions', allowed: all },
    { path: '/authors/grumpy', allowed: all },
    { path: '/stats', allowed: all },
    { path: '/watches', allowed: all },
    { method: 'POST', path: '/watches', body: WATCH, allowed: ['admin', 'manager'] },
    { method: 'PUT', path: `/watches/${WATCH.id}`, body: WATCH, allowed: ['admin', 'manager'] },
    { method: 'DELETE', path: `/watches/${WATCH.id}`, allowed: ['admin', 'manager'] },
    { path: '/metrics', allowed: ['admin'] },
    { path: '/admin/queues', allowed: ['admin'] },
    { path: '/openapi.json', allowed: all },
  ];

  it('lets each role do what it may and refuses the rest with 403', async () => {
    const outcomes: string[] = [];
    for (const role of all) {
      for (const call of calls()) {
        const response = await api.call(call.path, {
          role,
          method: call.method ?? 'GET',
          ...(call.body !== undefined && {
            body: JSON.stringify(call.body),
            headers: { 'content-type': 'application/json' },
          }),
        });
        await response.arrayBuffer();
        const allowed = call.allowed.includes(role);
        // A refused role gets 403; an allowed one anything else (a DELETE of a watch deleted by
        // the previous role is a 404, which still means the role got through).
        outcomes.push(`${role} ${call.method ?? 'GET'} ${call.path} ${allowed ? 'ok' : 403}`);
        expect(
          allowed ? response.status !== 403 && response.status < 500 : response.status === 403,
          `${role} ${call.method ?? 'GET'} ${call.path} → ${response.status}`,
        ).toBe(true);
        if (call.method === 'DELETE' && allowed) {
          await api.call('/watches', {
            method: 'POST',
            body: JSON.stringify(WATCH),
            headers: { 'content-type': 'application/json' },
          });
        }
      }
    }
    expect(outcomes.length).toBe(all.length * calls().length);
  });

  it('answers 401 without a key, with a bad key and with a revoked key; probes stay public', async () => {
    const none = await api.call('/alerts', { role: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/problem\+json/);
    expect(((await none.json()) as { detail: string }).detail).toMatch(/^authorization:/);
    const wrong = await fetch(`${api.base}/alerts`, {
      headers: { authorization: 'Bearer esk_not_a_key_we_ever_issued' },
    });
    expect(wrong.status).toBe(401);
    const { key } = await rig.store.keys.create('short-lived', 'agent');
    const before = await fetch(`${api.base}/alerts`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(before.status).toBe(200);
    expect(await rig.store.keys.revoke('short-lived')).toBe(true);
    const after = await fetch(`${api.base}/alerts`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(after.status).toBe(401);
    expect((await api.call('/healthz', { role: null })).status).toBe(200);
  });

  it('stores only a hash of each key', async () => {
    const docs = await rig.db.collection('api_keys').find({}).toArray();
    const secrets = Object.values(api.keys);
    for (const doc of docs) {
      expect(secrets).not.toContain(doc._id);
      expect(JSON.stringify(doc)).not.toContain(secrets[0]);
    }
    expect(docs.length).toBeGreaterThanOrEqual(4);
  });

  it('limits requests per key, counting in Redis, and leaves other keys alone', async () => {
    const limited = await startApi(rig, { rateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await limited.call('/watches', { role: 'agent' })).status);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect((await limited.call('/watches', { role: 'marketing' })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('sends no CORS headers unless origins are configured', async () => {
    const plain = await api.call('/alerts', { headers: { origin: 'https://app.example.com' } });
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    const withCors = await startApi(rig, { corsOrigins: ['https://app.example.com'] });
    try {
      const allowed = await withCors.call('/alerts', {
        headers: { origin: 'https://app.example.com' },
      });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      const other = await withCors.call('/alerts', { headers: { origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await withCors.close();
    }
  });
});
