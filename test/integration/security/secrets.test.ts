import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../api/app.js';
import { createLogger } from '../../../config/logger.js';
import { startApi, type TestApi } from '../../helpers/api.js';
import { createRig, type TestRig } from '../../helpers/env.js';

/** A pino destination that keeps every line. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

const FEED = 'https://reader:hunter2@feeds.example.com/acme.xml?token=s3cr3t&page=2';
const INSTANCE = 'https://bot:pa55@mastodon.example';

describe('secrets in source URLs and misplaced API keys', () => {
  let rig: TestRig;
  let api: TestApi;
  let logged: ReturnType<typeof capture>;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    rig = await createRig('secrets');
    api = await startApi(rig);
    logged = capture();
    const app = createApp({
      store: rig.store,
      redis: rig.redis,
      log: createLogger('info', 'earshot', logged.stream),
      queues: Object.values(rig.producer.queues),
      options: { keyPrefix: `${rig.config.queuePrefix}-logged` },
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await api.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rig.cleanup();
  });

  const json = { 'content-type': 'application/json' };

  it('masks user info and token values of source URLs, and keeps them when the watch is sent back', async () => {
    const watch = {
      id: 'creds',
      name: 'Creds',
      keywords: ['acme'],
      sources: [
        { type: 'rss', url: FEED },
        { type: 'mastodon', instance: INSTANCE },
      ],
      schedule: '*/5 * * * *',
    };
    const created = await api.call('/watches', {
      method: 'POST',
      headers: json,
      body: JSON.stringify(watch),
    });
    expect(created.status).toBe(201);
    const shown = (await (
      await api.call('/watches/creds', { role: 'marketing' })
    ).json()) as typeof watch;
    expect(shown.sources).toEqual([
      { type: 'rss', url: 'https://***:***@feeds.example.com/acme.xml?token=***&page=2' },
      { type: 'mastodon', instance: 'https://***:***@mastodon.example/' },
    ]);
    const listed = await (await api.call('/watches')).text();
    expect(listed).not.toMatch(/hunter2|s3cr3t|pa55/);

    const back = await api.call('/watches/creds', {
      method: 'PUT',
      headers: json,
      body: JSON.stringify(shown),
    });
    expect(back.status).toBe(200);
    const stored = await rig.store.watches.get('creds');
    expect(stored?.sources.map((s) => s.url ?? s.instance)).toEqual([FEED, INSTANCE]);

    const changed = {
      ...shown,
      sources: [{ type: 'rss', url: 'https://feeds.example.com/new.xml' }],
    };
    await api.call('/watches/creds', {
      method: 'PUT',
      headers: json,
      body: JSON.stringify(changed),
    });
    expect((await rig.store.watches.get('creds'))?.sources).toEqual([
      { type: 'rss', url: 'https://feeds.example.com/new.xml' },
    ]);
  });

  it("masks channels' URLs and secrets, keeps them for a saved id, refuses them for a new one", async () => {
    const slack = 'https://hooks.slack.example/services/T000/B000/XXXXSECRET';
    const hook = 'https://hooks.example.com/earshot';
    const watch = {
      id: 'chans',
      name: 'Chans',
      keywords: ['acme'],
      sources: [{ type: 'hackernews' }],
      schedule: '*/5 * * * *',
      alerting: {
        channels: [
          { id: 'team', type: 'slack', url: slack },
          { id: 'ops', type: 'webhook', url: hook, secret: 'a-webhook-secret-of-32-chars!!' },
        ],
      },
    };
    const post = (body: unknown) =>
      api.call('/watches', { method: 'POST', headers: json, body: JSON.stringify(body) });
    const put = (body: unknown) =>
      api.call('/watches/chans', { method: 'PUT', headers: json, body: JSON.stringify(body) });
    expect((await post(watch)).status).toBe(201);
    const shown = (await (await api.call('/watches/chans')).json()) as typeof watch;
    expect(JSON.stringify(shown)).not.toMatch(/XXXXSECRET|earshot|a-webhook-secret/);
    // Sent back as shown, with one more channel and one severity changed: the secrets stay.
    const more = {
      ...shown,
      alerting: {
        channels: [
          { ...shown.alerting.channels[0], minSeverity: 'high' },
          shown.alerting.channels[1],
          { id: 'night', type: 'slack', url: 'https://hooks.slack.example/services/T1/B1/N' },
        ],
      },
    };
    expect((await put(more)).status).toBe(200);
    const stored = (await rig.store.watches.get('chans'))?.alerting?.channels;
    expect(stored?.map((c) => [c.id, c.url, c.secret, c.minSeverity])).toEqual([
      ['team', slack, undefined, 'high'],
      ['ops', hook, 'a-webhook-secret-of-32-chars!!', 'medium'],
      ['night', 'https://hooks.slack.example/services/T1/B1/N', undefined, 'medium'],
    ]);
    // A renamed channel with the masked URL would store the mask: refused, naming the field.
    const renamed = {
      ...shown,
      alerting: { channels: [{ ...shown.alerting.channels[0], id: 'team-2' }] },
    };
    const refused = await put(renamed);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(
      /^alerting\.channels\.0\.url: the full URL/,
    );
    const copied = await post({ ...shown, id: 'copy' });
    expect(copied.status).toBe(400);
    expect(((await copied.json()) as { detail: string }).detail).toMatch(
      /^alerting\.channels\.0\.url:/,
    );
    expect((await rig.store.watches.get('chans'))?.alerting?.channels).toHaveLength(3);
  });

  it('masks URL credentials in log bindings, fields and errors', () => {
    const log = createLogger('info', 'earshot', logged.stream);
    log.child({ sourceKey: `rss:${FEED}` }).info({ url: FEED }, 'poll finished');
    log.warn({ err: new Error(`rss answered HTTP 500 for ${FEED}`) }, 'job failed');
    const text = logged.lines.slice(-2).join('\n');
    expect(text).toContain('rss:https://***:***@feeds.example.com/acme.xml?token=***&page=2');
    expect(text).toContain('rss answered HTTP 500 for https://***:***@feeds.example.com');
    expect(text).not.toMatch(/hunter2|s3cr3t/);
  });

  it.each([
    ['/alerts?key=KEY', {}, 'key'],
    ['/alerts?api_key=KEY', {}, 'api_key'],
    ['/alerts?access_token=KEY', {}, 'access_token'],
    ['/alerts', { 'x-api-key': 'KEY' }, 'x-api-key'],
    // Under names nobody listed: found by the key's own shape.
    ['/alerts?bearer=KEY', {}, 'bearer'],
    ['/alerts?limit=5&authorization=Bearer%20KEY', {}, 'authorization'],
    ['/alerts', { 'x-auth-token': 'KEY' }, 'x-auth-token'],
  ])('answers 400 to a key in %s %o, and logs no key', async (path, headers, field) => {
    const key = api.keys.admin;
    const response = await fetch(`${base}${path.replace('KEY', key)}`, {
      headers: Object.fromEntries(
        Object.entries(headers).map(([k, v]) => [k, v.replace('KEY', key)]),
      ),
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { detail: string; instance: string };
    const { detail } = problem;
    expect(problem.instance).not.toContain(key);
    expect(detail).toMatch(
      new RegExp(`^${field}: API keys are read only from "Authorization: Bearer <key>"`),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const line = logged.lines.find(
      (l) => l.includes('"statusCode":400') && l.includes(path.split('?')[0]!),
    );
    expect(line).toBeDefined();
    expect(logged.lines.join('\n')).not.toContain(key);
  });

  it("keeps the web app's session token out of the request log", async () => {
    const password = 'a long enough password';
    await rig.store.users.create({ email: 'logged@x.test', name: 'L', role: 'agent', password });
    const response = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'logged@x.test', password }),
    });
    expect(response.status).toBe(200);
    const token = /earshot_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const line = logged.lines.find((l) => l.includes('"url":"/auth/login"'));
    expect(line).toContain('"statusCode":200');
    expect(logged.lines.join('\n')).not.toContain(token);
  });
});
