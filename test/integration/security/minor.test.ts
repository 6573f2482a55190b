import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../helpers/api.js';
import { createRig, type TestRig } from '../../helpers/env.js';
import { seedAlert } from '../../helpers/seed.js';

describe('minor probes of #15: cursor kinds, content types, numbers', () => {
  let rig: TestRig;
  let api: TestApi;

  beforeAll(async () => {
    rig = await createRig('minor');
    api = await startApi(rig);
    for (const author of ['m1', 'm2', 'm3']) {
      await seedAlert(rig, { authorId: author });
    }
  });
  afterAll(async () => {
    await api.close();
    await rig.cleanup();
  });

  const problem = async (response: Response) =>
    [response.status, ((await response.json()) as { detail: string }).detail] as const;

  it('refuses an /alerts cursor on /mentions, and a /mentions cursor on /alerts', async () => {
    const alerts = (await (await api.call('/alerts?limit=1')).json()) as { nextCursor: string };
    const mentions = (await (await api.call('/mentions?limit=1')).json()) as { nextCursor: string };
    expect(alerts.nextCursor).toBeTruthy();
    expect(mentions.nextCursor).toBeTruthy();
    expect(await problem(await api.call(`/mentions?cursor=${alerts.nextCursor}`))).toEqual([
      400,
      'cursor: made for another sort or list',
    ]);
    expect(await problem(await api.call(`/alerts?cursor=${mentions.nextCursor}`))).toEqual([
      400,
      'cursor: made for another sort or list',
    ]);
    // Each list still takes its own.
    expect((await api.call(`/mentions?limit=1&cursor=${mentions.nextCursor}`)).status).toBe(200);
  });

  it('answers 415 to a body that is not JSON', async () => {
    const [status, detail] = await problem(
      await api.call('/watches', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: '{"id":"w"}',
      }),
    );
    expect(status).toBe(415);
    expect(detail).toBe('content-type: send the body as application/json, not text/plain');
  });

  it.each(['0x10', '1e1', ' 16', '16.0', '', '-1'])('refuses limit=%j', async (value) => {
    const [status, detail] = await problem(
      await api.call(`/alerts?limit=${encodeURIComponent(value)}`),
    );
    expect(status).toBe(400);
    expect(detail).toMatch(/^limit: /);
  });

  it('still reads a decimal limit and minScore', async () => {
    const page = (await (await api.call('/alerts?limit=2')).json()) as { items: unknown[] };
    expect(page.items).toHaveLength(2);
    expect((await api.call('/advocates?minScore=0.5')).status).toBe(200);
    expect((await api.call('/advocates?minScore=0x10')).status).toBe(400);
  });
});
