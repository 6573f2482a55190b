import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SourcePayloadError, type SourceHttpError } from '../../../domain/errors.js';
import { NewMention } from '../../../domain/mention.js';
import { sourceKey, Watch, type WatchSource } from '../../../domain/watch.js';
import { AppStoreConnector } from '../../../workers/sources/appstore.js';
import type { FetchResult } from '../../../workers/sources/types.js';
import { fakeAppStore } from '../../helpers/fake-appstore.js';
import {
  fixture,
  json,
  rejectionOf,
  startFakeSource,
  type FakeSource,
} from '../../helpers/fake-source.js';

let source: FakeSource;
const APP: WatchSource = { type: 'appstore', appId: '1234567890', country: 'us' };

beforeAll(async () => {
  source = await startFakeSource(fakeAppStore);
});
afterEach(() => source.reset());
afterAll(() => source.close());

const watch: Watch = {
  id: 'lumora',
  name: 'Lumora',
  keywords: ['lumora'],
  exclusions: [],
  sources: [APP],
  schedule: '*/5 * * * *',
  enabled: true,
};

function fetchPage(page: string | null = null, cursor: string | null = null): Promise<FetchResult> {
  return new AppStoreConnector({ apiUrl: source.url, timeoutMs: 5000 }).fetchPage({
    watch,
    source: APP,
    cursor,
    page,
    pageSize: 50,
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

describe('AppStoreConnector', () => {
  it('reads the most recent reviews feed of the app and country, keeping the star rating', async () => {
    const before = Date.now();
    const { mentions, skipped } = await fetchPage();
    expect(source.requests[0]?.path).toBe(
      '/us/rss/customerreviews/page=1/id=1234567890/sortby=mostrecent/json',
    );
    expect(mentions[0]).toEqual({
      watchId: 'lumora',
      source: 'appstore',
      externalId: 'us:9000000005',
      url: 'https://apps.apple.com/us/app/id1234567890?see-all=reviews',
      text: "Stopped working\n\nSince the last update the app can't find my bulbs. Useless.",
      author: {
        id: 'https://itunes.apple.com/us/reviews/id505',
        handle: 'dimmed_dan',
        name: null,
        followers: null,
      },
      createdAt: new Date('2026-11-20T09:15:00Z'),
      engagement: { likes: 3, replies: 0, shares: 0, score: 3 },
      lang: null,
      rating: 1,
    });
    // No date in the JSON feed: dated when first seen. A negative vote sum is no like.
    expect(mentions[1]).toMatchObject({ rating: 5, engagement: { likes: 0, score: -1 } });
    expect(mentions[1]?.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    // The app's own entry (no rating) and a review with a rating that is no star count.
    expect(skipped).toHaveLength(2);
    for (const mention of mentions) {
      expect(NewMention.safeParse(mention).success).toBe(true);
    }
  });

  it('pages to an empty page, reads a one-review page given as an object, stores the newest id last', async () => {
    const results = await pollAll(null);
    expect(source.requests.map((r) => /page=(\d+)/.exec(r.path)?.[1])).toEqual(['1', '2', '3']);
    expect(results.flatMap((r) => r.mentions.map((m) => m.externalId))).toEqual([
      'us:9000000005',
      'us:9000000004',
      'us:9000000002',
    ]);
    expect(results.map((r) => r.cursor)).toEqual([null, null, '9000000005']);
  });

  it('resumes from the cursor: stops at the first review already seen', async () => {
    const results = await pollAll('9000000004');
    expect(source.requests).toHaveLength(1);
    expect(results.flatMap((r) => r.mentions.map((m) => m.externalId))).toEqual(['us:9000000005']);
    expect(results.at(-1)?.cursor).toBe('9000000005');
    const nothing = await pollAll('9000000005');
    expect(nothing.flatMap((r) => r.mentions)).toEqual([]);
    expect(nothing.at(-1)?.cursor).toBe('9000000005');
  });

  it('never asks past page 10', async () => {
    source.setHandler((request, response) =>
      request.path.includes('page=1/')
        ? fakeAppStore(request, response)
        : json(response, fixture('appstore-lumora-page2.json')),
    );
    const results = await pollAll(null);
    expect(source.requests).toHaveLength(10);
    expect(results.at(-1)?.nextPage).toBeNull();
  });

  it('needs an appId and keys the source by country and app', () => {
    const bad = Watch.safeParse({ ...watch, sources: [{ type: 'appstore', country: 'us' }] });
    expect(bad.error?.issues[0]?.path).toEqual(['sources', 0, 'appId']);
    expect(sourceKey(APP)).toBe('appstore:us:1234567890');
    expect(sourceKey({ type: 'appstore', appId: '42' })).toBe('appstore:us:42');
  });

  it('fails on 429 with Retry-After and reads the page after a 503', async () => {
    source.setHandler((_request, response) => {
      response.writeHead(429, { 'retry-after': '5' });
      response.end();
    });
    expect(((await rejectionOf(fetchPage())) as SourceHttpError).retryAfterMs).toBe(5000);
    source.setHandler((request, response) =>
      source.requests.length === 2 ? json(response, '{}', 503) : fakeAppStore(request, response),
    );
    expect(((await rejectionOf(fetchPage())) as SourceHttpError).retryable).toBe(true);
    expect((await fetchPage()).mentions).toHaveLength(2);
  });

  it('fails a truncated, an HTML or a feedless page with SOURCE_PAYLOAD', async () => {
    for (const body of [
      fixture('appstore-lumora-page1.json').slice(0, 700),
      '<html><body>Apple - Page Not Found</body></html>',
      '{"errorMessage":"Bad request"}',
    ]) {
      source.setHandler((_request, response) => json(response, body));
      expect(await rejectionOf(fetchPage())).toBeInstanceOf(SourcePayloadError);
    }
  });
});
