import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../api/app.js';
import { signature as signBody } from '../../../notify/sign.js';
import { createLogger } from '../../../config/logger.js';
import type { PollJob } from '../../../jobs/catalogue.js';
import { processPoll } from '../../../workers/poll.js';
import { startApi, type TestApi } from '../../helpers/api.js';
import { createRig, type TestRig } from '../../helpers/env.js';
import { seedAlert } from '../../helpers/seed.js';

const SECRET = 'webhook-test-secret-0123456789';
const json = { 'content-type': 'application/json' };

const item = (id: string, extra: object = {}) => ({
  id,
  text: 'Acme broke again',
  createdAt: '2026-11-20T10:00:00Z',
  author: { id: 'cust-1', handle: 'cust-1' },
  ...extra,
});

describe('input the store cannot hold is refused at the edge', () => {
  let rig: TestRig;
  let api: TestApi;
  let ingest: Server;
  let ingestBase: string;
  let alertId: string;

  beforeAll(async () => {
    rig = await createRig('unstorable', { WEBHOOK_SECRET: SECRET });
    api = await startApi(rig);
    await rig.store.watches.upsert({
      id: 'hooked',
      name: 'Hooked',
      keywords: ['Acme'],
      exclusions: [],
      sources: [{ type: 'webhook' }],
      schedule: '0 * * * *',
      enabled: true,
    });
    const app = createApp({
      store: rig.store,
      redis: rig.redis,
      log: createLogger('silent'),
      producer: rig.producer,
      queues: Object.values(rig.producer.queues),
      webhook: rig.config.webhook,
      options: { keyPrefix: rig.config.queuePrefix },
    });
    ingest = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => ingest.once('listening', resolve));
    ingestBase = `http://127.0.0.1:${(ingest.address() as AddressInfo).port}`;
    alertId = await seedAlert(rig, { authorId: 'a1' });
  });
  afterAll(async () => {
    await api.close();
    ingest.closeAllConnections();
    await new Promise((resolve) => ingest.close(resolve));
    await rig.cleanup();
  });

  const post = (body: unknown) => {
    const raw = JSON.stringify(body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    return fetch(`${ingestBase}/ingest/hooked`, {
      method: 'POST',
      body: raw,
      headers: {
        ...json,
        'x-earshot-timestamp': timestamp,
        'x-earshot-signature': signBody(SECRET, timestamp, raw),
      },
    });
  };
  const detail = async (response: Response) => {
    expect(response.status).toBe(400);
    return ((await response.json()) as { detail: string }).detail;
  };
  const stored = () => rig.db.collection('mentions').countDocuments({ watchId: 'hooked' });

  it.each([
    [
      'a NUL in the text',
      item('m2', { text: 'Acme\u0000broke' }),
      'mentions[1].text: contains a character',
    ],
    [
      'a NUL in an author id',
      item('m2', { author: { id: 'c\u0000', handle: 'c' } }),
      'mentions[1].author.id: contains a character',
    ],
    ['a lone surrogate', item('m2', { text: 'Acme \ud800 broke' }), 'mentions[1].text: contains'],
    ['a NUL in a key', { ...item('m2'), 'x\u0000': 1 }, 'mentions[1].x\u0000: contains'],
    [
      'the year 9999',
      item('m2', { createdAt: '9999-01-01T00:00:00Z' }),
      'mentions[1].createdAt: more than a day in the future',
    ],
    [
      'a date before 2000',
      item('m2', { createdAt: '1999-12-31T23:59:59Z' }),
      'mentions[1].createdAt: before 2000-01-01',
    ],
  ])(
    'stores no mention of an ingest batch with %s in its second item',
    async (_name, bad, field) => {
      const text = await detail(await post({ mentions: [item('m1'), bad, item('m3')] }));
      expect(text).toMatch(/^nothing stored; /);
      expect(text).toContain(field);
      expect(await stored()).toBe(0);
    },
  );

  it('answers 400 naming the field for NUL in a keyword, a note, a query and a path', async () => {
    const watch = await api.call('/watches', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        id: 'w',
        name: 'W',
        keywords: ['a\u0000'],
        sources: [{ type: 'hackernews' }],
        schedule: '*/5 * * * *',
      }),
    });
    expect(await detail(watch)).toMatch(
      /^keywords\[0\]: contains a character that cannot be stored/,
    );
    const note = await api.call(`/alerts/${alertId}`, {
      method: 'PATCH',
      headers: json,
      body: JSON.stringify({ note: 'called \u0000 them' }),
    });
    expect(await detail(note)).toMatch(/^note: /);
    expect(await detail(await api.call('/mentions?q=%00'))).toMatch(/^q: /);
    expect(await detail(await api.call('/authors/a%00b'))).toMatch(/^path: /);
  });

  it('skips and counts a source item with a NUL or an impossible date, keeping the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-unstorable-'));
    const file = join(dir, 'mentions.jsonl');
    const line = (id: string, createdAt: string, text = 'Acme is fine') =>
      JSON.stringify({ id, text, createdAt, author: { id: 'u1', handle: 'u1' } });
    const lines = [
      line('ok', '2026-10-01T10:00:00Z'),
      line('nul', '2026-10-01T10:00:00Z', 'Acme \u0000 fine'),
      line('future', '9999-01-01T00:00:00Z'),
      line('old', '1970-01-01T00:00:00Z'),
    ];
    writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
    await rig.store.watches.upsert({
      id: 'replayed',
      name: 'Replayed',
      keywords: ['acme'],
      exclusions: [],
      sources: [{ type: 'replay', file }],
      schedule: '*/5 * * * *',
      enabled: true,
    });
    const job = {
      id: 'p1',
      data: { watchId: 'replayed', sourceKey: `replay:${file}`, slot: '2026-12-01T00:00:00.000Z' },
    };
    const outcome = await processPoll(job as unknown as Job<PollJob>, rig.deps);
    expect(outcome).toMatchObject({ fetched: 4, skipped: 3, inserted: 1 });
    const ids = await rig.db
      .collection('mentions')
      .find({ watchId: 'replayed' })
      .map((m) => m.externalId as string)
      .toArray();
    expect(ids).toEqual(['ok']);
  });
});
