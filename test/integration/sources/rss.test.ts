import { describe, expect, it } from 'vitest';
import { SourcePayloadError, type SourceHttpError } from '../../../domain/errors.js';
import { sourceKey, Watch } from '../../../domain/watch.js';
import { RssConnector } from '../../../sources/rss.js';
import type { FetchResult } from '../../../sources/types.js';
import { FEED_ETAG, FEED_LAST_MODIFIED, fakeFeeds } from '../../helpers/fake-feeds.js';
import { fixture, rejectionOf } from '../../helpers/fake-source.js';
import { FIXTURE_NOW, sourceContext } from '../../helpers/clock.js';
import {
  expectStorable,
  fakeSourceForTests,
  lumoraWatch,
} from '../../helpers/connector-harness.js';

const source = fakeSourceForTests(fakeFeeds);
const watch = lumoraWatch();

function fetchFeed(path: string, cursor: string | null = null): Promise<FetchResult> {
  return new RssConnector({ timeoutMs: 5000 }, sourceContext()).fetchPage({
    watch,
    source: { type: 'rss', url: `${source.url}${path}` },
    cursor,
    page: null,
    pageSize: 100,
  });
}

const xml = (body: string, status = 200) => {
  source.setHandler((_request, response) => {
    response.writeHead(status, { 'content-type': 'text/xml' });
    response.end(body);
  });
};

describe('RssConnector', () => {
  it('reads an RSS 2.0 feed whole: HTML and entities to text, creator, date, language', async () => {
    const result = await fetchFeed('/news.xml');
    expect(result.nextPage).toBeNull();
    expect(result.mentions[0]).toEqual({
      watchId: 'lumora',
      source: 'rss',
      externalId: 'https://hometech.example/2026/nov/20/lumora-recall',
      url: 'https://hometech.example/2026/nov/20/lumora-recall',
      text: 'Lumora recalls 40,000 smart plugs over overheating\n\nThe company says no injuries were reported & customers get a refund.\n\nContinue reading...',
      author: {
        id: `${new URL(source.url).host}:Sam Ortiz`,
        handle: 'Sam Ortiz',
        name: null,
        followers: null,
      },
      createdAt: new Date('2026-11-20T10:15:00Z'),
      engagement: { likes: 0, replies: 0, shares: 0, score: 0 },
      lang: 'en-gb',
      rating: null,
    });
    // content:encoded wins over description; CDATA and named entities are read; dc:date dates it.
    expect(result.mentions[1]).toMatchObject({
      externalId: 'hometech-98765',
      text: "Review: Lumora's new hub is finally fast\n\nSetup took five minutes — a first for Lumora.",
      author: { handle: 'Home Tech Weekly' },
      createdAt: new Date('2026-11-19T08:00:00Z'),
    });
    // No readable date: dated when first seen.
    expect(result.mentions[2]?.createdAt).toEqual(new Date(FIXTURE_NOW));
    expect(result.skipped).toEqual([{ reason: 'item (no id, link or title): no id or no text' }]);
    expectStorable(result.mentions);
  });

  it('reads Atom (Google Alerts): redirect links unwrapped, empty authors, offsets', async () => {
    const { mentions } = await fetchFeed('/alerts.xml');
    expect(mentions.map((m) => [m.url, m.author.handle, m.createdAt.toISOString()])).toEqual([
      [
        'https://news.example.org/lumora-outage?ref=rss',
        'Google Alert - Lumora',
        '2026-11-20T10:40:00.000Z',
      ],
      ['https://blog.example.de/lumora-test', 'Jana', '2026-11-20T08:00:00.000Z'],
    ]);
    expect(mentions[0]?.text).toBe(
      'Lumora customers report outages after update\n\nUsers of Lumora smart bulbs said on Friday that the app "keeps spinning" ...',
    );
    expect(mentions[1]?.text).toBe('Über Lumora: Lampen im Test\n\nDie Lumora-Lampen überzeugen.');
  });

  it('reads Atom text constructs by their type: text kept as written, html and xhtml parsed', async () => {
    const { mentions } = await fetchFeed('/typed.atom');
    expect(mentions.map((m) => m.text)).toEqual([
      'Why <div> beats <table> &amp; more\n\nThe Lumora hub is fine.\nBut the app logs me out every day.\n\nTwo stars <sigh>',
      'Fish & chips and Lumora\n\nLumora lamps are great.\n\nReally <3',
      'Lumora in XHTML\n\nSetup & pairing: easy.\n\nLumora works.',
    ]);
    // An entry without an author takes the feed's.
    expect(mentions.map((m) => m.author.handle)).toEqual([
      'Lumora Community Forum',
      'Jana',
      'Lumora Community Forum',
    ]);
    expect(mentions[0]?.url).toBe('https://forum.lumora.example/reviews/101');
  });

  it('keeps the validators as the cursor and asks conditionally: a 304 is nothing new', async () => {
    const first = await fetchFeed('/news.xml');
    expect(JSON.parse(first.cursor!)).toEqual({
      etag: FEED_ETAG,
      lastModified: FEED_LAST_MODIFIED,
    });
    const second = await fetchFeed('/news.xml', first.cursor);
    expect(source.requests[1]?.headers['if-none-match']).toBe(FEED_ETAG);
    expect(source.requests[1]?.headers['if-modified-since']).toBe(FEED_LAST_MODIFIED);
    expect(second).toEqual({ mentions: [], skipped: [], cursor: null, nextPage: null });
  });

  it('gives the same ids on an overlapping re-read, so the store keeps each item once', async () => {
    const first = await fetchFeed('/news.xml');
    const again = await fetchFeed('/news.xml', JSON.stringify({}));
    expect(again.mentions.map((m) => m.externalId)).toEqual(
      first.mentions.map((m) => m.externalId),
    );
  });

  it('needs a url, keys the source by it and its quota by host', () => {
    const bad = Watch.safeParse({ ...watch, sources: [{ type: 'rss' }] });
    expect(bad.error?.issues[0]?.path).toEqual(['sources', 0, 'url']);
    expect(sourceKey({ type: 'rss', url: 'https://a.example/feed' })).toBe(
      'rss:https://a.example/feed',
    );
    expect(
      new RssConnector({ timeoutMs: 1 }, sourceContext()).quotaKey({
        type: 'rss',
        url: 'https://a.example/f',
      }),
    ).toBe('rss:a.example');
  });

  it('fails on 429 with Retry-After and reads the feed after a 500', async () => {
    source.setHandler((_request, response) => {
      response.writeHead(429, { 'retry-after': '120' });
      response.end();
    });
    expect(((await rejectionOf(fetchFeed('/news.xml'))) as SourceHttpError).retryAfterMs).toBe(
      120_000,
    );
    xml('<html>Internal error</html>', 500);
    expect(((await rejectionOf(fetchFeed('/news.xml'))) as SourceHttpError).retryable).toBe(true);
    source.setHandler(fakeFeeds);
    expect((await fetchFeed('/news.xml')).mentions).toHaveLength(3);
  });

  it('fails a truncated feed, an HTML page and JSON with SOURCE_PAYLOAD', async () => {
    for (const body of [
      fixture('rss-lumora-news.xml').slice(0, 1500),
      '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body></body></html>',
      '{"items": []}',
    ]) {
      xml(body);
      expect(await rejectionOf(fetchFeed('/news.xml'))).toBeInstanceOf(SourcePayloadError);
    }
  });
});
