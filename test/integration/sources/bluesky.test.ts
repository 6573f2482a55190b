import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import {
  ProviderBlockedError,
  SourceConfigError,
  SourcePayloadError,
  type SourceHttpError,
} from '../../../domain/errors.js';
import type { Watch } from '../../../domain/watch.js';
import { BlueskyConnector } from '../../../sources/bluesky.js';
import type { FetchResult } from '../../../sources/types.js';
import {
  BlueskySessions,
  MemorySessionStore,
  RedisSessionStore,
  type BlueskyAccount,
  type SessionStore,
} from '../../../sources/bluesky-session.js';
import { FIXTURE_NOW, sourceContext } from '../../helpers/clock.js';
import {
  BLUESKY_APP_PASSWORD,
  BLUESKY_IDENTIFIER,
  fakeBlueskyServer,
} from '../../helpers/fake-bluesky.js';
import { fixture, json, rejectionOf } from '../../helpers/fake-source.js';
import {
  allPages,
  expectStorable,
  fakeSourceForTests,
  lumoraWatch,
} from '../../helpers/connector-harness.js';

const SINCE = '1795168800'; // 2026-11-20T10:00:00Z
let server = fakeBlueskyServer();
const source = fakeSourceForTests((request, response) => server.handler(request, response));
// A fresh account server for each test: no session open, no token expired.
afterEach(() => {
  server = fakeBlueskyServer();
});

const watch: Watch = lumoraWatch({
  keywords: ['lumora', 'lumora hub'],
  sources: [{ type: 'bluesky' }],
});

/** A connector signed in as the fake server's account, its session kept in `store`. */
function connector(
  store: SessionStore = new MemorySessionStore(),
  account: Partial<BlueskyAccount> = {},
  context = sourceContext(),
): BlueskyConnector {
  const sessions = new BlueskySessions(
    {
      serviceUrl: source.url,
      identifier: BLUESKY_IDENTIFIER,
      appPassword: BLUESKY_APP_PASSWORD,
      timeoutMs: 5000,
      ...account,
    },
    store,
    context,
  );
  return new BlueskyConnector({ apiUrl: source.url, timeoutMs: 5000 }, context, sessions);
}

function fetchPage(
  page: string | null = null,
  cursor: string | null = SINCE,
  client = connector(),
): Promise<FetchResult> {
  return client.fetchPage({ watch, source: { type: 'bluesky' }, cursor, page, pageSize: 25 });
}

const searches = () => source.requests.filter((r) => r.path.endsWith('searchPosts'));
const calls = () => source.requests.map((r) => r.path.replace('/xrpc/', ''));

const pollAll = (cursor: string | null) => allPages((page) => fetchPage(page, cursor));

describe('BlueskyConnector', () => {
  it('searches the latest posts of each keyword since the cursor, with the session token', async () => {
    await fetchPage();
    const [request] = searches();
    expect(request?.path).toBe('/xrpc/app.bsky.feed.searchPosts');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      q: 'lumora',
      sort: 'latest',
      since: '2026-11-20T10:00:00.000Z',
      limit: '25',
    });
    expect(request?.headers.authorization).toBe('Bearer access-1');
    expect(request?.headers['atproto-proxy']).toBe('did:web:api.bsky.app#bsky_appview');
  });

  it('normalises posts with a permalink from the at:// URI and the handle', async () => {
    const { mentions, skipped } = await fetchPage();
    expect(mentions[0]).toEqual({
      watchId: 'lumora',
      source: 'bluesky',
      externalId: 'at://did:plc:aaa111/app.bsky.feed.post/3lb2aaa',
      url: 'https://bsky.app/profile/ray.bsky.social/post/3lb2aaa',
      text: "Lumora app logged me out again and the lights won't turn on 😡",
      author: { id: 'did:plc:aaa111', handle: 'ray.bsky.social', name: 'Ray', followers: null },
      createdAt: new Date('2026-11-20T10:05:00.000Z'),
      engagement: { likes: 12, replies: 4, shares: 4, score: 12 },
      lang: 'en',
      rating: null,
    });
    // A creation time in the future counts from the indexing; an invalid handle links by DID.
    expect(mentions[1]).toMatchObject({
      url: 'https://bsky.app/profile/did:plc:bbb222/post/3lb2bbb',
      createdAt: new Date('2026-11-20T10:04:00.000Z'),
      author: { name: null },
      lang: null,
    });
    expect(skipped).toEqual([{ reason: 'post without uri, author or time' }]);
    expectStorable(mentions);
  });

  it('pages with the cursor to the end of each keyword and stores the newest time last', async () => {
    const results = await pollAll(SINCE);
    expect(searches().map((r) => [r.query.get('q'), r.query.get('cursor')])).toEqual([
      ['lumora', null],
      ['lumora', '2'],
      ['lumora hub', null],
    ]);
    expect(results.map((r) => r.cursor)).toEqual([null, null, '1795169100']);
    expect(results.flatMap((r) => r.mentions.map((m) => m.externalId.split('/').pop()))).toEqual([
      '3lb2aaa',
      '3lb2bbb',
      '3lb2eee',
    ]);
    // A string likeCount is read as 0, not a lost post; a post without text is skipped.
    expect(results[1]?.mentions[0]?.engagement.likes).toBe(0);
    expect(results[1]?.skipped).toEqual([
      { reason: 'post at://did:plc:ddd444/app.bsky.feed.post/3lb2ddd: no text' },
    ]);
  });

  it('resumes from the stored cursor: older posts are left out and paging stops there', async () => {
    const results = await pollAll('1795168980'); // 10:03
    expect(results.flatMap((r) => r.mentions.map((m) => m.externalId.split('/').pop()))).toEqual([
      '3lb2aaa',
      '3lb2bbb',
    ]);
    expect(searches().filter((r) => r.query.get('cursor') === '2')).toHaveLength(1);
    expect(results.at(-1)?.cursor).toBe('1795169100');
  });

  it('waits for an epoch ratelimit-reset on 429 without asking again, and reads the page after a 502', async () => {
    const context = sourceContext();
    const client = connector(new MemorySessionStore(), {}, context);
    const reset = Math.floor(FIXTURE_NOW / 1000) + 30;
    source.setHandler((request, response) => {
      if (!request.path.endsWith('searchPosts')) {
        server.handler(request, response);
        return;
      }
      response.writeHead(429, { 'ratelimit-remaining': '0', 'ratelimit-reset': String(reset) });
      response.end('{"error":"RateLimitExceeded"}');
    });
    const limited = (await rejectionOf(fetchPage(null, SINCE, client))) as SourceHttpError;
    expect(limited.retryAfterMs).toBe(30_000);
    // The account is blocked until the reset: the next call is not sent.
    expect(await rejectionOf(fetchPage(null, SINCE, client))).toBeInstanceOf(ProviderBlockedError);
    expect(searches()).toHaveLength(1);
    source.setHandler((request, response) =>
      request.path.endsWith('searchPosts') && searches().length === 2
        ? json(response, '{}', 502)
        : server.handler(request, response),
    );
    expect(((await rejectionOf(fetchPage())) as SourceHttpError).status).toBe(502);
    expect((await fetchPage()).mentions).toHaveLength(2);
  });

  it('fails a truncated, an HTML or a wrongly shaped page with SOURCE_PAYLOAD', async () => {
    for (const body of [
      fixture('bluesky-lumora-page1.json').slice(0, 600),
      '<!doctype html><title>Bad gateway</title>',
      '{"posts":{"0":{}}}',
    ]) {
      source.setHandler((request, response) =>
        request.path.endsWith('searchPosts')
          ? json(response, body)
          : server.handler(request, response),
      );
      expect(await rejectionOf(fetchPage())).toBeInstanceOf(SourcePayloadError);
    }
  });

  it('opens one session and keeps using it', async () => {
    const client = connector();
    await fetchPage(null, SINCE, client);
    await fetchPage(null, SINCE, client);
    expect(calls()).toEqual([
      'com.atproto.server.createSession',
      'app.bsky.feed.searchPosts',
      'app.bsky.feed.searchPosts',
    ]);
    expect(JSON.parse(source.requests[0]!.body)).toEqual({
      identifier: BLUESKY_IDENTIFIER,
      password: BLUESKY_APP_PASSWORD,
    });
  });

  it('refreshes an expired access token once, with the refresh token, and retries the search', async () => {
    const client = connector();
    await fetchPage(null, SINCE, client);
    server.expireAccess();
    const { mentions } = await fetchPage(null, SINCE, client);
    expect(mentions).toHaveLength(2);
    expect(calls()).toEqual([
      'com.atproto.server.createSession',
      'app.bsky.feed.searchPosts',
      'app.bsky.feed.searchPosts',
      'com.atproto.server.refreshSession',
      'app.bsky.feed.searchPosts',
    ]);
    expect(source.requests[3]?.headers.authorization).toBe('Bearer refresh-1');
    expect(source.requests[4]?.headers.authorization).toBe('Bearer access-2');
  });

  it('opens a new session when the refresh token has expired too', async () => {
    const client = connector();
    await fetchPage(null, SINCE, client);
    server.expireAll();
    expect((await fetchPage(null, SINCE, client)).mentions).toHaveLength(2);
    expect(calls().slice(2)).toEqual([
      'app.bsky.feed.searchPosts',
      'com.atproto.server.refreshSession',
      'com.atproto.server.createSession',
      'app.bsky.feed.searchPosts',
    ]);
  });

  it('shares the session in Redis between workers: one sign-in, one refresh', async () => {
    const redis = new Redis(process.env.REDIS_URL ?? '');
    const prefix = `t_bsky_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    try {
      const store = () =>
        new RedisSessionStore(redis, prefix, `${source.url}|${BLUESKY_IDENTIFIER}`);
      const [one, two] = [connector(store()), connector(store())];
      await fetchPage(null, SINCE, one);
      await fetchPage(null, SINCE, two);
      server.expireAccess();
      await fetchPage(null, SINCE, one);
      await fetchPage(null, SINCE, two);
      expect(calls().filter((call) => call.startsWith('com.atproto'))).toEqual([
        'com.atproto.server.createSession',
        'com.atproto.server.refreshSession',
      ]);
      const keys = await redis.keys(`${prefix}:bluesky-session:*`);
      expect(keys).toHaveLength(1);
      // The key names neither the account nor the server in clear.
      expect(keys[0]).not.toContain(BLUESKY_IDENTIFIER);
    } finally {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) {
        await redis.del(...keys);
      }
      redis.disconnect();
    }
  });

  it('without credentials fails once, naming the variables, before any request', async () => {
    const error = await rejectionOf(
      fetchPage(null, SINCE, connector(new MemorySessionStore(), { appPassword: undefined })),
    );
    expect(error).toBeInstanceOf(SourceConfigError);
    expect((error as Error).message).toContain('BLUESKY_IDENTIFIER');
    expect((error as Error).message).toContain('BLUESKY_APP_PASSWORD');
    expect(source.requests).toHaveLength(0);
  });

  it('fails unrecoverably, naming the variables, when the server refuses the app password', async () => {
    const error = await rejectionOf(
      fetchPage(null, SINCE, connector(new MemorySessionStore(), { appPassword: 'wrong-pass' })),
    );
    expect(error).toBeInstanceOf(SourceConfigError);
    expect((error as Error).message).toMatch(/BLUESKY_APP_PASSWORD.*HTTP 401/);
    expect(searches()).toHaveLength(0);
  });
});
