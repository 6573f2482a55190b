import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../../api/problem.js';
import { startApi, type TestApi } from '../../helpers/api.js';
import { createRig, type TestRig } from '../../helpers/env.js';
import { seedAlert } from '../../helpers/seed.js';

/** The problem body of a response, after checking it is one. */
async function problemOf(response: Response): Promise<Problem> {
  expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
  const problem = (await response.json()) as Problem;
  expect(problem.status).toBe(response.status);
  expect(problem.requestId).toBe(response.headers.get('x-request-id'));
  return problem;
}

describe('API problem bodies: the catalogue code and the request id', () => {
  let rig: TestRig;
  let api: TestApi;
  let alertId: string;
  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    rig = await createRig('api_codes');
    api = await startApi(rig, { rateLimitPerMinute: 1000 });
    alertId = await seedAlert(rig, { authorId: 'a1' });
  });

  afterAll(async () => {
    await api.close();
    await rig.cleanup();
  });

  it('UNAUTHENTICATED without a key, FORBIDDEN for a role without the permission', async () => {
    expect((await problemOf(await api.call('/alerts', { role: null }))).code).toBe(
      'UNAUTHENTICATED',
    );
    const patch = await api.call(`/alerts/${alertId}`, {
      role: 'marketing',
      method: 'PATCH',
      headers: json,
      body: JSON.stringify({ status: 'acknowledged' }),
    });
    expect(patch.status).toBe(403);
    expect((await problemOf(patch)).code).toBe('FORBIDDEN');
  });

  it('NOT_FOUND for a missing watch, CONFLICT for a move the status table forbids', async () => {
    const missing = await api.call('/watches/nobody-here');
    expect(missing.status).toBe(404);
    expect((await problemOf(missing)).code).toBe('NOT_FOUND');
    const close = { method: 'PATCH', headers: json, body: JSON.stringify({ status: 'dismissed' }) };
    expect((await api.call(`/alerts/${alertId}`, close)).status).toBe(200);
    const reopen = await api.call(`/alerts/${alertId}`, {
      ...close,
      body: JSON.stringify({ status: 'open' }),
    });
    expect(reopen.status).toBe(409);
    expect((await problemOf(reopen)).code).toBe('CONFLICT');
  });

  it('RATE_LIMITED past the per-key budget', async () => {
    const limited = await startApi(rig, { rateLimitPerMinute: 1 });
    try {
      expect((await limited.call('/watches')).status).toBe(200);
      const over = await limited.call('/watches');
      expect(over.status).toBe(429);
      expect((await problemOf(over)).code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });

  it("reuses a caller's plain X-Request-Id and replaces one with odd bytes", async () => {
    const kept = await api.call('/nowhere', { headers: { 'x-request-id': 'edge-42.a' } });
    expect((await problemOf(kept)).requestId).toBe('edge-42.a');
    const replaced = await api.call('/nowhere', { headers: { 'x-request-id': 'a b<script>' } });
    expect((await problemOf(replaced)).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
