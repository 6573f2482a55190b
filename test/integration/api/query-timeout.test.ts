import { performance } from 'node:perf_hooks';
import { ObjectId } from 'mongodb';
import { needsRealMongo } from '../../helpers/real-mongo.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../helpers/api.js';
import { createRig, type TestRig } from '../../helpers/env.js';

/** Mentions enough that an unindexed text search takes well over the tight budget below. */
const MENTIONS = 5000;
const TIGHT_MS = 1;

describe('API list queries within API_QUERY_TIMEOUT_MS', () => {
  let rig: TestRig;
  let roomy: TestApi;
  let tight: TestApi;

  beforeAll(async () => {
    rig = await createRig('api_timeout');
    const createdAt = new Date('2026-11-01T10:00:00Z');
    const docs = Array.from({ length: MENTIONS }, (_, i) => ({
      _id: new ObjectId(),
      watchId: 'w1',
      source: 'replay',
      externalId: `t${i}`,
      text: `filler mention ${i} about nothing in particular`,
      createdAt,
    }));
    await rig.db.collection('mentions').insertMany(docs, { ordered: false });
    roomy = await startApi(rig);
    tight = await startApi(rig, { queryTimeoutMs: TIGHT_MS });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([roomy.close(), tight.close()]);
    await rig.cleanup();
  });

  it('answers 503 naming the limit when a query runs past it, and 200 within a roomy one (MongoDB only)', async (context) => {
    const missing = await needsRealMongo(rig.db);
    if (missing) {
      context.skip(missing);
    }
    const path = '/mentions?q=words-no-mention-has';
    const started = performance.now();
    const ok = await roomy.call(path);
    const took = performance.now() - started;
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { items: unknown[] }).items).toEqual([]);
    // The store must need far longer than the tight budget, or the 503 below proves nothing.
    expect(took).toBeGreaterThan(10 * TIGHT_MS);

    const stopped = await tight.call(path);
    expect(stopped.status).toBe(503);
    expect(stopped.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await stopped.json()) as { detail: string };
    expect(problem.detail).toContain(`${TIGHT_MS} ms limit (API_QUERY_TIMEOUT_MS)`);
  });

  it('keeps cheap reads and writes outside the budget working', async () => {
    const health = await tight.call('/readyz', { role: null });
    expect(health.status).toBe(200);
    const watches = await tight.call('/watches');
    expect(watches.status).toBe(200);
  });
});
