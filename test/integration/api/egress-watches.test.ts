import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../helpers/api.js';
import { createRig, type TestRig } from '../../helpers/env.js';

const PROBES = [
  'http://127.0.0.1:8080/feed',
  'http://[::1]/feed',
  'http://169.254.169.254/latest/meta-data/',
  'http://2130706433/feed',
  'http://0x7f.1/feed',
  'http://[::ffff:127.0.0.1]/feed',
  'http://10.0.0.5/feed',
  'http://100.64.1.1/feed',
];

describe('watch URLs at a literal forbidden address (EGRESS_ALLOW unset)', () => {
  let rig: TestRig;
  let api: TestApi;

  beforeAll(async () => {
    // An empty value means unset: only public addresses are allowed, as in a default deployment.
    rig = await createRig('egress_watches', { EGRESS_ALLOW: '' });
    api = await startApi(rig);
  });
  afterAll(async () => {
    await api.close();
    await rig.cleanup();
  });

  const body = (id: string, extra: object) =>
    JSON.stringify({ id, name: 'W', keywords: ['Acme'], schedule: '*/5 * * * *', ...extra });
  const send = (method: string, path: string, json: string) =>
    api.call(path, {
      role: 'manager',
      method,
      body: json,
      headers: { 'content-type': 'application/json' },
    });

  it.each(PROBES)(
    'answers 400 naming the field for an RSS url, an instance and a channel: %s',
    async (url) => {
      const cases = [
        [{ sources: [{ type: 'rss', url }] }, 'sources.0.url'],
        [{ sources: [{ type: 'mastodon', instance: url }] }, 'sources.0.instance'],
        [
          {
            sources: [{ type: 'hackernews' }],
            alerting: { channels: [{ id: 'ops', type: 'slack', url }] },
          },
          'alerting.channels.0.url',
        ],
      ] as const;
      for (const [extra, field] of cases) {
        const response = await send('POST', '/watches', body('w-probe', extra));
        expect(response.status).toBe(400);
        const problem = (await response.json()) as { detail: string };
        expect(problem.detail).toContain(`${field}: Earshot does not fetch from here`);
      }
      expect(await rig.store.watches.get('w-probe')).toBeNull();
    },
  );

  it('refuses the same on an edit, and keeps the stored watch', async () => {
    const good = { sources: [{ type: 'rss', url: 'https://feeds.example.com/acme.xml' }] };
    expect((await send('POST', '/watches', body('w-edit', good))).status).toBe(201);
    const bad = { sources: [{ type: 'rss', url: 'http://169.254.169.254/' }] };
    const response = await send('PUT', '/watches/w-edit', body('w-edit', bad));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toContain('cloud metadata');
    const stored = await rig.store.watches.get('w-edit');
    expect(stored?.sources[0]?.url).toBe('https://feeds.example.com/acme.xml');
  });
});
