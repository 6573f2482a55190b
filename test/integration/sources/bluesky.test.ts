import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SourcePayloadError, type SourceHttpError } from '../../../domain/errors.js';
import { NewMention } from '../../../domain/mention.js';
import type { Watch } from '../../../domain/watch.js';
import { BlueskyConnector } from '../../../workers/sources/bluesky.js';
import type { FetchResult } from '../../../workers/sources/types.js';
import { fakeBluesky } from '../../helpers/fake-bluesky.js';
import {
  fixture,
  json,
  rejectionOf,
  startFakeSource,
  type FakeSource,
} from '../../helpers/fake-source.js';

const SINCE = '1795168800'; // 2026-11-20T10:00:00Z
let source: FakeSource;

beforeAll(async () => {
  source = await startFakeSource(fakeBluesky);
});
afterEach(() => source.reset());
afterAll(() => source.close());

const watch: Watch = {
  id: 'lumora',
  name: 'Lumora',
  keywords: ['lumora', 'lumora hub'],
  exclusions: [],
  sources: [{ type: 'bluesky' }],
  schedule: '*/5 * * * *',
  enabled: true,
};

function fetchPage(
  page: string | null = null,
  cursor: string | null = SINCE,
  token?: string,
): Promise<FetchResult> {
  return new BlueskyConnector({ apiUrl: source.url, token, timeoutMs: 5000 }).fetchPage({
    watch,
    source: { type: 'bluesky' },
    cursor,
    page,
    pageSize: 25,
  });
}

async function pollAll(cursor: string | null) {
  const results: FetchResult[] = [];
  let page: string | null = null;
  do {
    const result = await fetchPage(page, cursor);
    results.push(result);
    page = result.nextPage;
  } while (page !== null);
  return results;
}

describe('BlueskyConnector', () => {
  it('searches the latest posts of each keyword since the cursor, without auth unless given', async () => {
    await fetchPage();
    const [request] = source.requests;
    expect(request?.path).toBe('/xrpc/app.bsky.feed.searchPosts');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      q: 'lumora',
      sort: 'latest',
      since: '2026-11-20T10:00:00.000Z',
      limit: '25',
    });
    expect(request?.headers.authorization).toBeUndefined();
    await fetchPage(null, SINCE, 'jwt-token');
    expect(source.requests[1]?.headers.authorization).toBe('Bearer jwt-token');
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
    for (const mention of mentions) {
      expect(NewMention.safeParse(mention).success).toBe(true);
    }
  });

  it('pages with the cursor to the end of each keyword and stores the newest time last', async () => {
    const results = await pollAll(SINCE);
    expect(source.requests.map((r) => [r.query.get('q'), r.query.get('cursor')])).toEqual([
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
    expect(source.requests.filter((r) => r.query.get('cursor') === '2')).toHaveLength(1);
    expect(results.at(-1)?.cursor).toBe('1795169100');
  });

  it('waits for an epoch ratelimit-reset on 429, and reads the page after a 502', async () => {
    const reset = Math.floor(Date.now() / 1000) + 30;
    source.setHandler((_request, response) => {
      response.writeHead(429, { 'ratelimit-remaining': '0', 'ratelimit-reset': String(reset) });
      response.end('{"error":"RateLimitExceeded"}');
    });
    const limited = (await rejectionOf(fetchPage())) as SourceHttpError;
    expect(limited.retryAfterMs).toBeGreaterThan(25_000);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(30_000);
    source.setHandler((request, response) =>
      source.requests.length === 2 ? json(response, '{}', 502) : fakeBluesky(request, response),
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
      source.setHandler((_request, response) => json(response, body));
      expect(await rejectionOf(fetchPage())).toBeInstanceOf(SourcePayloadError);
    }
  });
});
