import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { signature as signBody } from '../../notify/sign.js';
import { createLogger } from '../../config/logger.js';
import type { Watch } from '../../domain/watch.js';
import { startWorkers } from '../../workers/index.js';
import { createRig, waitFor, type TestRig } from '../helpers/env.js';
import { countFlagged } from '../helpers/counts.js';

const SECRET = 'webhook-test-secret-0123456789';

const mention = (id: string, text: string, author = 'cust-1') => ({
  id,
  text,
  createdAt: '2026-11-20T10:00:00Z',
  url: `https://crm.example/tickets/${id}`,
  author: { id: author, handle: author, followers: 120 },
  engagement: { replies: 2 },
});

describe('inbound webhook: POST /ingest/:watchId → analyze → flag', () => {
  let rig: TestRig;
  let workers: Worker[];
  let server: Server;
  let unconfigured: Server;
  let base: string;

  const listen = async (app: ReturnType<typeof createApp>) => {
    const listening = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => listening.once('listening', resolve));
    return listening;
  };

  beforeAll(async () => {
    rig = await createRig('ingest', { WEBHOOK_SECRET: SECRET });
    const watch: Watch = {
      id: 'acme',
      name: 'Acme',
      keywords: ['Acme'],
      exclusions: [],
      sources: [{ type: 'webhook' }],
      schedule: '0 * * * *',
      enabled: true,
    };
    await rig.store.watches.upsert(watch);
    await rig.store.watches.upsert({ ...watch, id: 'polled', sources: [{ type: 'hackernews' }] });
    workers = startWorkers(rig.redis, rig.deps);
    const log = createLogger('silent');
    const deps = {
      store: rig.store,
      redis: rig.redis,
      log,
      producer: rig.producer,
      queues: Object.values(rig.producer.queues),
    };
    server = await listen(createApp({ ...deps, webhook: rig.config.webhook }));
    unconfigured = await listen(createApp(deps));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => unconfigured.close(resolve));
    await rig.cleanup();
  });

  async function post(
    body: string,
    options: {
      watch?: string;
      secret?: string;
      timestamp?: number;
      signature?: string;
      to?: string;
    } = {},
  ) {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const signature = options.signature ?? signBody(options.secret ?? SECRET, timestamp, body);
    return fetch(`${options.to ?? base}/ingest/${options.watch ?? 'acme'}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-earshot-timestamp': timestamp,
        'x-earshot-signature': signature,
      },
      body,
    });
  }

  const detail = async (response: Response) =>
    ((await response.json()) as { detail: string }).detail;
  const count = () => rig.store.mentions.count({ watchId: 'acme' });

  it('stores a signed batch, analyses and flags it; the same batch again stores nothing', async () => {
    const body = JSON.stringify({
      mentions: [
        mention('t-1', 'Acme support is terrible, my order is broken and nobody answers. Awful.'),
        mention('t-2', 'Love my Acme kettle, excellent support!', 'cust-2'),
      ],
    });
    const response = await post(body);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ received: 2, inserted: 2, duplicates: 0 });
    await waitFor('both flagged', async () => {
      const flagged = await countFlagged(rig.db, { watchId: 'acme' });
      return flagged === 2;
    });
    const [stored] = await rig.store.mentions.search(
      { watchId: 'acme', authorId: 'cust-1' },
      5,
      null,
    );
    expect(stored).toMatchObject({
      source: 'webhook',
      externalId: 't-1',
      url: 'https://crm.example/tickets/t-1',
      author: { id: 'cust-1', handle: 'cust-1', name: null, followers: 120 },
      engagement: { likes: 0, replies: 2, shares: 0, score: 0 },
    });
    expect(stored?.analysis?.label).toBe('negative');
    const analyzedAt = stored?.analysis?.analyzedAt;

    const again = await post(body);
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ received: 2, inserted: 0, duplicates: 2 });
    expect(await count()).toBe(2);
    const [same] = await rig.store.mentions.search(
      { watchId: 'acme', authorId: 'cust-1' },
      5,
      null,
    );
    expect(same?.analysis?.analyzedAt).toEqual(analyzedAt);
  });

  it('takes a single mention as the whole body', async () => {
    const response = await post(JSON.stringify(mention('t-3', 'Acme hub arrived today')));
    expect(response.status).toBe(202);
    expect(await count()).toBe(3);
  });

  it('answers 401 to a missing, wrong or stale signature, storing nothing', async () => {
    const body = JSON.stringify(mention('t-401', 'Acme unauthorised'));
    const missing = await fetch(`${base}/ingest/acme`, { method: 'POST', body });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await detail(missing)).toContain('X-Earshot-Signature');

    const wrongSecret = await post(body, { secret: 'another-secret-entirely-xyz' });
    expect(wrongSecret.status).toBe(401);
    expect(await detail(wrongSecret)).toContain('does not match');

    const tampered = await post(body, {
      signature: signBody(
        SECRET,
        String(Math.floor(Date.now() / 1000)),
        body.replace('t-401', 't-402'),
      ),
    });
    expect(tampered.status).toBe(401);

    const stale = Math.floor(Date.now() / 1000) - 3600;
    const old = await post(body, { timestamp: stale });
    expect(old.status).toBe(401);
    expect(await detail(old)).toContain('X-Earshot-Timestamp');
    expect(await rig.store.mentions.count({ watchId: 'acme' })).toBe(3);
  });

  it('answers 400 naming the field, and stores nothing of a batch with one bad item', async () => {
    const notJson = await post('{"mentions": [');
    expect(notJson.status).toBe(400);
    expect(await detail(notJson)).toBe('body: not JSON');

    const batch = JSON.stringify({
      mentions: [
        mention('t-10', 'Acme fine item'),
        { ...mention('t-11', 'Acme bad item'), createdAt: 'yesterday' },
        { ...mention('t-12', 'Acme bad author'), author: { handle: 'x' } },
      ],
    });
    const bad = await post(batch);
    expect(bad.status).toBe(400);
    const text = await detail(bad);
    expect(text).toContain('mentions[1].createdAt');
    expect(text).toContain('mentions[2].author.id');
    expect(text).not.toContain('mentions[0]');

    const unknownField = await post(JSON.stringify({ ...mention('t-13', 'Acme'), sentiment: 1 }));
    expect(unknownField.status).toBe(400);
    expect(await detail(unknownField)).toContain('sentiment');

    const empty = await post(JSON.stringify({ mentions: [] }));
    expect(empty.status).toBe(400);
    expect(await detail(empty)).toMatch(/^mentions:/);
    expect(await count()).toBe(3);
  });

  it('answers 404 for an unknown watch and 403 for a watch without a webhook source', async () => {
    const body = JSON.stringify(mention('t-20', 'Acme'));
    const unknown = await post(body, { watch: 'nobody' });
    expect(unknown.status).toBe(404);
    expect(await detail(unknown)).toContain('watchId');
    const polled = await post(body, { watch: 'polled' });
    expect(polled.status).toBe(403);
  });

  it('polls nothing for a webhook source when the scheduler asks', async () => {
    const before = await count();
    const id = await rig.producer.enqueue('poll', {
      watchId: 'acme',
      sourceKey: 'webhook',
      slot: '2026-11-20T10:00:00.000Z',
    });
    await waitFor('the poll done', async () => {
      const job = await rig.producer.queues.poll.getJob(id);
      return (await job?.getState()) === 'completed';
    });
    const job = await rig.producer.queues.poll.getJob(id);
    expect(job?.returnvalue).toMatchObject({ pages: 1, fetched: 0, inserted: 0 });
    expect(await count()).toBe(before);
    expect(await rig.store.cursors.get('acme', 'webhook')).toBeNull();
  });

  it('answers 503 when no WEBHOOK_SECRET is configured', async () => {
    const to = `http://127.0.0.1:${(unconfigured.address() as AddressInfo).port}`;
    const response = await post(JSON.stringify(mention('t-30', 'Acme')), { to });
    expect(response.status).toBe(503);
    expect(await detail(response)).toContain('WEBHOOK_SECRET');
  });
});
