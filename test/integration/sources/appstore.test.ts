import { describe, expect, it } from 'vitest';
import { SourcePayloadError, type SourceHttpError } from '../../../domain/errors.js';
import { sourceKey, Watch, type WatchSourceOf } from '../../../domain/watch.js';
import { AppStoreConnector } from '../../../sources/appstore.js';
import type { FetchResult } from '../../../sources/types.js';
import { fakeAppStore } from '../../helpers/fake-appstore.js';
import { fixture, json, rejectionOf } from '../../helpers/fake-source.js';
import { sourceContext } from '../../helpers/clock.js';
import {
  allPages,
  expectStorable,
  fakeSourceForTests,
  lumoraWatch,
} from '../../helpers/connector-harness.js';

const source = fakeSourceForTests(fakeAppStore);
const APP: WatchSourceOf<'appstore'> = { type: 'appstore', appId: '1234567890', country: 'us' };
const watch = lumoraWatch({ sources: [APP] });

function fetchPage(page: string | null = null, cursor: string | null = null): Promise<FetchResult> {
  return new AppStoreConnector({ apiUrl: source.url, timeoutMs: 5000 }, sourceContext()).fetchPage({
    watch,
    source: APP,
    cursor,
    page,
    pageSize: 50,
  });
}

const pollAll = (cursor: string | null) => allPages((page) => fetchPage(page, cursor));

describe('AppStoreConnector', () => {
  it('reads the XML reviews feed of the app and country: rating, date, text with its line breaks', async () => {
    const { mentions, skipped } = await fetchPage();
    expect(source.requests[0]?.path).toBe(
      '/us/rss/customerreviews/page=1/id=1234567890/sortby=mostrecent/xml',
    );
    expect(mentions[0]).toEqual({
      watchId: 'lumora',
      source: 'appstore',
      externalId: 'us:9000000005',
      url: 'https://apps.apple.com/us/app/id1234567890?see-all=reviews',
      // The text form of the review, decoded once: its line break kept, not the HTML copy's.
      text: "Stopped working <again>\n\nSince the last update the app can't find my bulbs.\nUseless & slow.",
      author: {
        id: 'https://itunes.apple.com/us/reviews/id505',
        handle: 'dimmed_dan',
        name: null,
        followers: null,
      },
      // The review's own `updated`, not the time of the poll.
      createdAt: new Date('2026-11-20T09:15:00Z'),
      engagement: { likes: 3, replies: 0, shares: 0, score: 3 },
      lang: null,
      rating: 1,
    });
    // A review that links to itself keeps that link. A negative vote sum is no like.
    expect(mentions[1]).toMatchObject({
      rating: 5,
      url: 'https://apps.apple.com/us/review/9000000004',
      text: 'Love it\n\nScenes & schedules just work 💡',
      createdAt: new Date('2026-11-20T06:40:00Z'),
      engagement: { likes: 0, score: -1 },
    });
    // The app's own entry (no rating) and a review with a rating that is no star count.
    expect(skipped).toHaveLength(2);
    expectStorable(mentions);
  });

  it('pages to an empty page, reads a one-review page, stores the newest id last', async () => {
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
        : response.end(fixture('appstore-lumora-page2.xml')),
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

  it('reads a review of the real feed: Japanese text with its line breaks, dated by updated', async () => {
    const sample = fixture('appstore-lumora-page1.xml').replace(
      /<entry>[\s\S]*<\/feed>/,
      `<entry>
        <updated>2020-08-12T04:06:20-07:00</updated>
        <id>6310006838</id>
        <title>髪型追加してもらいたい</title>
        <content type="text">いろんな髪型追加して欲しい
片方ツインテールとかさまざまな髪型追加してほしいです</content>
        <im:rating>5</im:rating>
        <author><name>単刀直入にさきいか</name><uri>https://itunes.apple.com/jp/reviews/id945418104</uri></author>
        <content type="html">&lt;b&gt;ignored&lt;/b&gt;</content>
      </entry></feed>`,
    );
    source.setHandler((_request, response) => response.end(sample));
    const { mentions } = await fetchPage();
    expect(mentions).toHaveLength(1);
    expect(mentions[0]?.text).toBe(
      '髪型追加してもらいたい\n\nいろんな髪型追加して欲しい\n片方ツインテールとかさまざまな髪型追加してほしいです',
    );
    expect(mentions[0]?.createdAt).toEqual(new Date('2020-08-12T11:06:20Z'));
    expect(mentions[0]?.author.handle).toBe('単刀直入にさきいか');
  });

  it('fails a truncated, an HTML or a feedless page with SOURCE_PAYLOAD', async () => {
    for (const body of [
      fixture('appstore-lumora-page1.xml').slice(0, 700),
      '<html><body>Apple - Page Not Found</body></html>',
      '{"errorMessage":"Bad request"}',
      '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
    ]) {
      source.setHandler((_request, response) => json(response, body));
      expect(await rejectionOf(fetchPage())).toBeInstanceOf(SourcePayloadError);
    }
  });
});
