import { describe, expect, it } from 'vitest';
import {
  SourceConfigError,
  SourceHttpError,
  SourceThrottledError,
} from '../../../domain/errors.js';
import type { Watch, WatchSourceOf } from '../../../domain/watch.js';
import type { FetchResult } from '../../../sources/types.js';
import { untilQuotaReset, YouTubeConnector } from '../../../sources/youtube.js';
import { fixture, json, rejectionOf, type Handler } from '../../helpers/fake-source.js';
import { httpFailureCases } from '../../helpers/source-failures.js';
import { sourceContext, stoppedClock } from '../../helpers/clock.js';
import {
  allPages,
  expectStorable,
  fakeSourceForTests,
  skipsAndCounts,
  testWatch,
} from '../../helpers/connector-harness.js';

const KEY = 'test-youtube-key-123';

/** Answers like the Data API: threads by page token, channels, search, disabled comments. */
const youtube: Handler = (request, response) => {
  if (request.path === '/youtube/v3/commentThreads') {
    if (request.query.get('videoId') === 'vidAcme0002') {
      json(response, fixture('youtube-comments-disabled.json'), 403);
      return;
    }
    const token = request.query.get('pageToken');
    json(response, fixture(token ? 'youtube-threads-page2.json' : 'youtube-threads-page1.json'));
  } else if (request.path === '/youtube/v3/channels') {
    json(response, fixture('youtube-channels.json'));
  } else if (request.path === '/youtube/v3/search') {
    json(response, fixture('youtube-search.json'));
  } else {
    json(response, '{"error":{"code":404,"errors":[]}}', 404);
  }
};

const source = fakeSourceForTests(youtube);

const VIDEO: WatchSourceOf<'youtube'> = { type: 'youtube', videoId: 'vidAcme0001' };
const watch = (keywords = ['acme'], entry: WatchSourceOf<'youtube'> = VIDEO): Watch =>
  testWatch({ keywords, sources: [entry] });
/** 2026-11-20T00:00:00Z: before every fixture comment. */
const CURSOR = '1795132800';

function connector(
  apiKey: string | null = KEY,
  timeoutMs = 5000,
  context = sourceContext(),
): YouTubeConnector {
  return new YouTubeConnector(
    {
      apiUrl: `${source.url}/youtube/v3`,
      apiKey,
      searchMaxVideos: 2,
      timeoutMs,
    },
    context,
  );
}

function fetchPage(
  page: string | null = null,
  cursor: string | null = CURSOR,
  entry: WatchSourceOf<'youtube'> = VIDEO,
  keywords = ['acme'],
  client = connector(),
): Promise<FetchResult> {
  return client.fetchPage({
    watch: watch(keywords, entry),
    source: entry,
    cursor,
    page,
    pageSize: 5,
  });
}

const pollToEnd = (entry: WatchSourceOf<'youtube'>, cursor = CURSOR, keywords = ['acme']) =>
  allPages((page) => fetchPage(page, cursor, entry, keywords));

describe('YouTubeConnector', () => {
  it('asks commentThreads.list for a video, newest first, with the key in a header', async () => {
    await fetchPage();
    const [threads, channels] = source.requests;
    expect(threads?.path).toBe('/youtube/v3/commentThreads');
    expect(Object.fromEntries(threads?.query ?? [])).toEqual({
      part: 'snippet',
      videoId: 'vidAcme0001',
      order: 'time',
      maxResults: '5',
    });
    expect(threads?.headers['x-goog-api-key']).toBe(KEY);
    expect(channels?.path).toBe('/youtube/v3/channels');
    expect(channels?.query.get('part')).toBe('statistics');
    expect(channels?.query.get('id')?.split(',').sort()).toEqual([
      'UCdana0000000000000000',
      'UChidden00000000000000',
      'UCpatops00000000000000',
    ]);
    expect(source.requests.every((request) => !request.query.has('key'))).toBe(true);
  });

  it('asks for every thread related to a channel', async () => {
    await fetchPage(null, CURSOR, { type: 'youtube', channelId: 'UCacmeOfficial000000000' });
    expect(source.requests[0]?.query.get('allThreadsRelatedToChannelId')).toBe(
      'UCacmeOfficial000000000',
    );
    expect(source.requests[0]?.query.has('videoId')).toBe(false);
  });

  it('normalises a full page: plain text, HTML fallback, subscribers, deleted author', async () => {
    const result = await fetchPage();
    expect(result.mentions[0]).toEqual({
      watchId: 'acme',
      source: 'youtube',
      externalId: 'UgyAcme0001',
      url: 'https://www.youtube.com/watch?v=vidAcme0001&lc=UgyAcme0001',
      text: "Acme's new hub bricked my lights at 2:13 & support is terrible. Worst purchase ever, done with Acme.",
      author: {
        id: 'UCpatops00000000000000',
        handle: 'Pat Ops',
        name: 'Pat Ops',
        followers: 15_400,
      },
      createdAt: new Date('2026-11-20T10:00:00Z'),
      engagement: { likes: 12, replies: 3, shares: 0, score: 12 },
      lang: null,
      rating: null,
    });
    const [, html, deleted, hidden] = result.mentions;
    expect(html?.text).toBe('Love the Acme dimmer!\nWorks with everything <3 #acme');
    expect(html?.engagement.likes).toBe(7);
    expect(html?.author.followers).toBe(12);
    expect(deleted?.author).toEqual({
      id: 'deleted:UgyAcme0003',
      handle: '[deleted]',
      name: null,
      followers: null,
    });
    expect(deleted?.engagement).toEqual({ likes: 0, replies: 0, shares: 0, score: 0 });
    expect(hidden?.text).toBe('Acme  firmware 2.1 fixed it for me');
    expect(hidden?.author.followers).toBeNull();
    expectStorable(result.mentions);
  });

  skipsAndCounts('a thread without time, and one with blank text', fetchPage, [
    'thread without id or time',
    'thread UgyAcme0007: no text',
  ]);

  it('reads invalid UTF-8 without failing the page', async () => {
    source.setHandler((request, response) => {
      if (request.path.endsWith('/commentThreads')) {
        const text = fixture('youtube-threads-page1.json');
        const [before, after] = text.split('\ufffd\ufffd');
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          Buffer.concat([Buffer.from(before!), Buffer.from([0xff, 0xc3]), Buffer.from(after!)]),
        );
      } else {
        youtube(request, response);
      }
    });
    const result = await fetchPage();
    expect(result.mentions.map((m) => m.externalId)).toContain('UgyAcme0005');
    expect(result.mentions.at(-1)?.text).toBe('Acme  firmware 2.1 fixed it for me');
  });

  it('pages with pageToken to the end and returns the newest time as the cursor only then', async () => {
    const [first, second] = await pollToEnd(VIDEO);
    expect(first?.cursor).toBeNull();
    expect(
      source.requests.filter((r) => r.path.endsWith('/commentThreads'))[1]?.query.get('pageToken'),
    ).toBe('QURTSl9pMnBhZ2Uy');
    expect(second?.nextPage).toBeNull();
    expect(second?.cursor).toBe(String(Date.parse('2026-11-20T10:00:00Z') / 1000));
    expect([first, second].flatMap((r) => r?.mentions.map((m) => m.externalId))).toEqual([
      'UgyAcme0001',
      'UgyAcme0002',
      'UgyAcme0003',
      'UgyAcme0005',
      'UgyAcme0006',
    ]);
  });

  it('resumes from the cursor: stops at older comments without asking for the next page', async () => {
    const cursor = String(Date.parse('2026-11-20T09:00:00Z') / 1000);
    const results = await pollToEnd(VIDEO, cursor);
    expect(results).toHaveLength(1);
    // The comment exactly at the cursor time is read again (the store drops the repeat): no gap.
    expect(results[0]?.mentions.map((m) => m.externalId)).toEqual([
      'UgyAcme0001',
      'UgyAcme0002',
      'UgyAcme0003',
    ]);
    expect(results[0]?.cursor).toBe(String(Date.parse('2026-11-20T10:00:00Z') / 1000));
  });

  it('keeps the cursor where it was when nothing new came', async () => {
    const cursor = String(Date.parse('2026-11-21T00:00:00Z') / 1000);
    const results = await pollToEnd(VIDEO, cursor);
    expect(results).toEqual([
      { mentions: [], skipped: [{ reason: 'thread without id or time' }], cursor, nextPage: null },
    ]);
  });

  it('searches each keyword for its newest videos, then reads their threads, skipping disabled comments', async () => {
    const results = await pollToEnd({ type: 'youtube' }, CURSOR, ['acme', 'acme hub']);
    const calls = source.requests
      .filter((r) => !r.path.endsWith('/channels'))
      .map((r) =>
        `${r.path.split('/').at(-1)} ${r.query.get('q') ?? r.query.get('videoId')} ${r.query.get('pageToken') ?? ''}`.trim(),
      );
    expect(calls).toEqual([
      'search acme',
      'commentThreads vidAcme0001',
      'commentThreads vidAcme0001 QURTSl9pMnBhZ2Uy',
      'commentThreads vidAcme0002',
      'search acme hub',
      'commentThreads vidAcme0001',
      'commentThreads vidAcme0001 QURTSl9pMnBhZ2Uy',
      'commentThreads vidAcme0002',
    ]);
    const search = source.requests[0]!;
    expect(Object.fromEntries(search.query)).toEqual({
      part: 'id',
      q: 'acme',
      type: 'video',
      order: 'date',
      maxResults: '2',
    });
    expect(results.flatMap((r) => r.skipped.map((s) => s.reason))).toContain(
      'video vidAcme0002: comments unavailable',
    );
    expect(results.at(-1)?.cursor).toBe(String(Date.parse('2026-11-20T10:00:00Z') / 1000));
    expect(results.slice(0, -1).every((r) => r.cursor === null)).toBe(true);
  });

  it('fails the job when a watched video has comments disabled', async () => {
    const error = await rejectionOf(
      fetchPage(null, CURSOR, { type: 'youtube', videoId: 'vidAcme0002' }),
    );
    expect(error).toBeInstanceOf(SourceHttpError);
    expect((error as SourceHttpError).retryable).toBe(false);
  });

  it('waits for the quota reset when the daily quota is spent', async () => {
    source.setHandler((_request, response) =>
      json(response, fixture('youtube-quota-exceeded.json'), 403),
    );
    const error = await rejectionOf(fetchPage());
    expect(error).toBeInstanceOf(SourceThrottledError);
    // 2026-11-20T12:00Z to midnight Pacific (PST, 08:00Z).
    expect((error as SourceThrottledError).retryAfterMs).toBe(20 * 3_600_000);
    expect((error as Error).message).toContain('quota');
    // In summer (PDT) midnight Pacific is 07:00Z: the key is blocked until then, not an hour more.
    const july = sourceContext(stoppedClock(Date.parse('2026-07-20T12:00:00Z')));
    const summer = await rejectionOf(
      fetchPage(null, CURSOR, VIDEO, ['acme'], connector(KEY, 5000, july)),
    );
    expect((summer as SourceThrottledError).retryAfterMs).toBe(19 * 3_600_000);
  });

  it('counts the quota reset in Pacific time across clock changes', () => {
    const resetAfter = (iso: string) => {
      const now = Date.parse(iso);
      return new Date(now + untilQuotaReset(now)).toISOString();
    };
    expect(resetAfter('2026-11-20T07:59:59.500Z')).toBe('2026-11-20T08:00:00.000Z');
    expect(resetAfter('2026-11-20T08:00:00.000Z')).toBe('2026-11-21T08:00:00.000Z');
    // 8 March 2026 has 23 hours in Los Angeles, 1 November 25.
    expect(resetAfter('2026-03-08T09:00:00Z')).toBe('2026-03-09T07:00:00.000Z');
    expect(resetAfter('2026-03-07T09:00:00Z')).toBe('2026-03-08T08:00:00.000Z');
    expect(resetAfter('2026-11-01T08:00:00Z')).toBe('2026-11-02T08:00:00.000Z');
    expect(resetAfter('2026-10-31T09:00:00Z')).toBe('2026-11-01T07:00:00.000Z');
  });

  it('fails unrecoverably without an API key, before any request', async () => {
    const error = await rejectionOf(fetchPage(null, null, VIDEO, ['acme'], connector(null)));
    expect(error).toBeInstanceOf(SourceConfigError);
    expect((error as Error).message).toContain('YOUTUBE_API_KEY');
    expect(source.requests).toHaveLength(0);
  });

  httpFailureCases({
    name: 'youtube',
    source,
    healthy: youtube,
    firstPage: (timeoutMs) => fetchPage(null, CURSOR, VIDEO, ['acme'], connector(KEY, timeoutMs)),
  });
});
