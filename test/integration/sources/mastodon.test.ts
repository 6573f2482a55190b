import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceHttpError } from '../../../domain/errors.js';
import { SourceConfigError, SourcePayloadError } from '../../../domain/errors.js';
import { sourceKey, type Watch, type WatchSourceOf } from '../../../domain/watch.js';
import { MastodonConnector } from '../../../sources/mastodon.js';
import type { FetchResult } from '../../../sources/types.js';
import { fakeMastodon } from '../../helpers/fake-mastodon.js';
import { fixture, json, rejectionOf } from '../../helpers/fake-source.js';
import { FIXTURE_NOW, sourceContext } from '../../helpers/clock.js';
import {
  expectStorable,
  fakeSourceForTests,
  lumoraWatch,
} from '../../helpers/connector-harness.js';

const TOKEN = 'test-token';
const source = fakeSourceForTests(fakeMastodon('mastodon-tag-lumora.json', TOKEN));
let tag: WatchSourceOf<'mastodon'>;
beforeAll(() => {
  tag = { type: 'mastodon', instance: source.url, hashtag: 'lumora' };
});

const watch: Watch = lumoraWatch({ keywords: ['lumora', 'lumora strip'] });

const connector = (token: string | null = TOKEN, defaultUrl = source.url) =>
  new MastodonConnector(
    { defaultUrl, token: token ?? undefined, timeoutMs: 5000 },
    sourceContext(),
  );

function fetchPage(
  entry: WatchSourceOf<'mastodon'>,
  cursor: string | null,
  page: string | null = null,
  pageSize = 2,
): Promise<FetchResult> {
  return connector().fetchPage({ watch, source: entry, cursor, page, pageSize });
}

/** Runs one poll the way the poll stage does: the cursor advances after each page. */
async function poll(entry: WatchSourceOf<'mastodon'>, cursor: string | null, pageSize = 2) {
  const ids: string[] = [];
  let page: string | null = null;
  do {
    const result = await fetchPage(entry, cursor, page, pageSize);
    ids.push(...result.mentions.map((m) => m.externalId.split(':').pop()!));
    cursor = result.cursor ?? cursor;
    page = result.nextPage;
  } while (page !== null);
  return { ids, cursor };
}

describe('MastodonConnector', () => {
  it('reads only the newest page of a hashtag on the first poll, with the token of its instance', async () => {
    const result = await fetchPage(tag, null);
    const [request] = source.requests;
    expect(request?.path).toBe('/api/v1/timelines/tag/lumora');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({ limit: '2' });
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(result.mentions.map((m) => m.externalId)).toEqual([
      `${new URL(source.url).host}:113000000000000005`,
      `${new URL(source.url).host}:113000000000000004`,
    ]);
    expect(result.nextPage).toBeNull();
    expect(JSON.parse(result.cursor!)).toEqual({ '#lumora': '113000000000000005' });
  });

  it('normalises statuses: HTML to text, remote accounts, followers, counts, language', async () => {
    const { mentions } = await fetchPage(tag, null);
    const host = new URL(source.url).host;
    expect(mentions[0]).toEqual({
      watchId: 'lumora',
      source: 'mastodon',
      externalId: `${host}:113000000000000005`,
      url: 'https://social.example/@x/113000000000000005',
      text: "My #Lumora strip died after two weeks & support won't answer. Never again.",
      author: {
        id: `nightowl@${host}`,
        handle: `@nightowl@${host}`,
        name: 'Night Owl',
        followers: 15200,
      },
      createdAt: new Date('2026-11-20T10:05:00.000Z'),
      engagement: { likes: 4, replies: 3, shares: 2, score: 6 },
      lang: 'en',
      rating: null,
    });
    expect(mentions[1]?.author).toMatchObject({ id: 'pia@lights.example', followers: 87 });
    expect(mentions[1]?.lang).toBe('de');
    expectStorable(mentions);
  });

  it('pages forward with min_id from the cursor to the end, skipping and counting bad statuses', async () => {
    const pages: FetchResult[] = [];
    let cursor: string | null = JSON.stringify({ '#lumora': '113000000000000000' });
    let page: string | null = null;
    do {
      const result = await fetchPage(tag, cursor, page);
      pages.push(result);
      cursor = result.cursor ?? cursor;
      page = result.nextPage;
    } while (page !== null);
    expect(source.requests.map((r) => r.query.get('min_id'))).toEqual([
      '113000000000000000',
      '113000000000000002',
      '113000000000000004',
    ]);
    expect(pages.flatMap((p) => p.mentions.map((m) => m.externalId.split(':').pop()))).toEqual([
      '113000000000000001',
      '113000000000000004',
      '113000000000000005',
    ]);
    expect(pages.flatMap((p) => p.skipped)).toEqual([
      { reason: 'status without id or time' },
      { reason: 'status 113000000000000003: no text' },
    ]);
    const thread = pages[0]!.mentions[0]!;
    expect(thread.text).toBe('long post\n\nThread about #lumora scenes\nstep one: the app');
    expect(thread.url).toBe('https://social.example/users/x/statuses/113000000000000001');
    expect(thread.author.followers).toBeNull();
    expect(JSON.parse(cursor)).toEqual({ '#lumora': '113000000000000005' });
  });

  it('resumes from the cursor: a poll after the last one finds nothing and keeps the cursor', async () => {
    const first = await poll(tag, null);
    const second = await poll(tag, first.cursor);
    expect(second.ids).toEqual([]);
    expect(second.cursor).toBe(first.cursor);
    const overlapping = await poll(tag, JSON.stringify({ '#lumora': '113000000000000003' }));
    expect(overlapping.ids).toEqual(['113000000000000005', '113000000000000004']);
  });

  it('searches statuses per keyword with the token, each keyword with its own cursor', async () => {
    const search: WatchSourceOf<'mastodon'> = { type: 'mastodon' };
    const first = await fetchPage(search, null, null, 40);
    expect(first.nextPage).toBe('1');
    const request = source.requests[0];
    expect(request?.path).toBe('/api/v2/search');
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.query.get('q')).toBe('lumora');
    expect(request?.query.get('type')).toBe('statuses');
    const second = await fetchPage(search, first.cursor, first.nextPage, 40);
    expect(source.requests[1]?.query.get('q')).toBe('lumora strip');
    expect(second.nextPage).toBeNull();
    expect(Object.keys(JSON.parse(second.cursor!) as object)).toEqual(['lumora', 'lumora strip']);
  });

  it('refuses search without a token, and never sends the token to another instance', async () => {
    const error = await rejectionOf(
      connector(null).fetchPage({
        watch,
        source: { type: 'mastodon' },
        cursor: null,
        page: null,
        pageSize: 2,
      }),
    );
    expect(error).toBeInstanceOf(SourceConfigError);
    await connector(TOKEN, 'https://mastodon.example').fetchPage({
      watch,
      source: tag,
      cursor: null,
      page: null,
      pageSize: 2,
    });
    expect(source.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('keys sources and quotas by instance', () => {
    const host = new URL(source.url).host;
    expect(sourceKey(tag)).toBe(`mastodon:${host}:#lumora`);
    expect(sourceKey({ type: 'mastodon' })).toBe('mastodon:default:search');
    expect(connector().quotaKey(tag)).toBe(`mastodon:${host}`);
  });

  it('waits for an ISO x-ratelimit-reset on 429, and reads the page after a 500', async () => {
    const reset = new Date(FIXTURE_NOW + 60_000).toISOString();
    source.setHandler((_request, response) => {
      response.writeHead(429, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
      response.end('{"error":"Too many requests"}');
    });
    const limited = (await rejectionOf(fetchPage(tag, null))) as SourceHttpError;
    expect(limited.status).toBe(429);
    expect(limited.retryAfterMs).toBeGreaterThan(55_000);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(60_000);

    const real = fakeMastodon('mastodon-tag-lumora.json', TOKEN);
    source.setHandler((request, response) =>
      source.requests.length === 2
        ? json(response, '{"error":"oops"}', 503)
        : real(request, response),
    );
    expect(((await rejectionOf(fetchPage(tag, null))) as SourceHttpError).retryable).toBe(true);
    expect((await fetchPage(tag, null)).mentions).toHaveLength(2);
  });

  it('fails a truncated, an HTML or a wrongly shaped page with SOURCE_PAYLOAD', async () => {
    for (const body of [
      fixture('mastodon-tag-lumora.json').slice(0, 400),
      '<html><body>Mastodon is down for maintenance</body></html>',
      '{"error":"This method requires an authenticated user"}',
    ]) {
      source.setHandler((_request, response) => json(response, body));
      expect(await rejectionOf(fetchPage(tag, null))).toBeInstanceOf(SourcePayloadError);
    }
  });
});
