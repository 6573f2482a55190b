import { describe, expect, it } from 'vitest';
import type { SourceHttpError } from '../../../domain/errors.js';
import { SourcePayloadError } from '../../../domain/errors.js';
import { sourceKey, Watch, type WatchSourceOf } from '../../../domain/watch.js';
import { RedditConnector } from '../../../sources/reddit.js';
import type { FetchResult } from '../../../sources/types.js';
import { fixture, json, rejectionOf, type Handler } from '../../helpers/fake-source.js';
import { sourceContext } from '../../helpers/clock.js';
import {
  expectStorable,
  fakeSourceForTests,
  lumoraWatch,
} from '../../helpers/connector-harness.js';

/** Answers like a subreddit's /new and /comments listings. */
const listings: Handler = (request, response) => {
  const key = `${request.path}|${request.query.get('after') ?? ''}`;
  const pages: Record<string, string> = {
    '/r/smarthome/new.json|': 'reddit-smarthome-new-page1.json',
    '/r/smarthome/new.json|t3_new003': 'reddit-smarthome-new-page2.json',
    '/r/smarthome/comments.json|': 'reddit-smarthome-comments.json',
  };
  const name = pages[key];
  json(response, name ? fixture(name) : '{"message": "Not Found", "error": 404}', name ? 200 : 404);
};

const NEW: WatchSourceOf<'reddit'> = { type: 'reddit', subreddit: 'smarthome', listing: 'new' };
const COMMENTS: WatchSourceOf<'reddit'> = {
  type: 'reddit',
  subreddit: 'smarthome',
  listing: 'comments',
};
const CURSOR = '1700000000';

const source = fakeSourceForTests(listings);
const watch: Watch = lumoraWatch({ keywords: ['lumora', 'lumora hub'], sources: [NEW] });

function fetchPage(
  listing: WatchSourceOf<'reddit'>,
  page: string | null = null,
  cursor: string | null = CURSOR,
): Promise<FetchResult> {
  return new RedditConnector(
    {
      apiUrl: source.url,
      userAgent: 'earshot-test',
      timeoutMs: 5000,
    },
    sourceContext(),
  ).fetchPage({
    watch,
    source: listing,
    cursor,
    page,
    pageSize: 25,
  });
}

describe('RedditConnector listings', () => {
  it('reads a subreddit’s newest posts once, not once per keyword, and pages to the end', async () => {
    const first = await fetchPage(NEW);
    expect(source.requests[0]?.path).toBe('/r/smarthome/new.json');
    expect(Object.fromEntries(source.requests[0]?.query ?? [])).toEqual({
      limit: '25',
      raw_json: '1',
    });
    expect(first.cursor).toBeNull();
    expect(first.mentions.map((m) => m.externalId)).toEqual(['new001', 'new002', 'new003']);
    expect(first.skipped).toEqual([{ reason: 't3 item without id, author, time or text' }]);
    const second = await fetchPage(NEW, first.nextPage);
    expect(source.requests[1]?.query.get('after')).toBe('t3_new003');
    // new005 is older than the cursor: the listing ends there although it offers `after`.
    expect(second.mentions.map((m) => m.externalId)).toEqual(['new004']);
    expect(second.nextPage).toBeNull();
    expect(second.cursor).toBe('1700000500');
  });

  it('normalises a post as sent (raw_json), a deleted author and a negative score', async () => {
    const { mentions } = await fetchPage(NEW);
    expect(mentions[0]).toMatchObject({
      text: 'Lumora hub keeps dropping my bulbs\n\nThird time this week &amp; support says "reboot".',
      url: 'https://www.reddit.com/r/smarthome/comments/new001/lumora_hub_keeps_dropping_my_b/',
      author: { id: 't2_maker_', handle: 'maker_jo', followers: null },
      engagement: { likes: 12, replies: 4, shares: 0, score: 12 },
    });
    expect(mentions[1]?.author).toEqual({
      id: 'deleted:new002',
      handle: '[deleted]',
      name: null,
      followers: null,
    });
    expect(mentions[2]?.engagement).toEqual({ likes: 0, replies: 0, shares: 0, score: -2 });
    expectStorable(mentions);
  });

  it('reads comments, building a permalink when the API leaves it out', async () => {
    const result = await fetchPage(COMMENTS);
    expect(source.requests[0]?.path).toBe('/r/smarthome/comments.json');
    expect(result.mentions).toEqual([
      {
        watchId: 'lumora',
        source: 'reddit',
        externalId: 't1_c0003',
        url: 'https://www.reddit.com/r/smarthome/comments/new001/lumora_hub/c0003/',
        text: 'Same here, my Lumora hub lost every bulb after the update <sigh>',
        author: { id: 't2_lamp_f', handle: 'lamp_fan', name: null, followers: null },
        createdAt: new Date(1_700_000_700_000),
        engagement: { likes: 5, replies: 0, shares: 0, score: 5 },
        lang: null,
        rating: null,
      },
      {
        watchId: 'lumora',
        source: 'reddit',
        externalId: 't1_c0001',
        url: 'https://www.reddit.com/r/smarthome/comments/new001/_/c0001/',
        text: 'Lumora support fixed mine in a day, try a factory reset',
        author: { id: 'deleted:t1_c0001', handle: '[deleted]', name: null, followers: null },
        createdAt: new Date(1_700_000_600_000),
        engagement: { likes: 1, replies: 0, shares: 0, score: 1 },
        lang: null,
        rating: null,
      },
    ]);
    expect(result.skipped).toEqual([
      { reason: 't1 c0002: no permalink or no text' },
      { reason: 't1 item without id, author, time or text' },
    ]);
    expect(result.nextPage).toBeNull();
    expect(result.cursor).toBe('1700000700');
  });

  it('resumes from the cursor: a second poll keeps only what is newer', async () => {
    const result = await fetchPage(COMMENTS, null, '1700000650');
    expect(result.mentions.map((m) => m.externalId)).toEqual(['t1_c0003']);
    expect(result.cursor).toBe('1700000700');
  });

  it('keys each listing apart and needs a subreddit for one', () => {
    expect(sourceKey(NEW)).toBe('reddit:r/smarthome/new');
    expect(sourceKey(COMMENTS)).toBe('reddit:r/smarthome/comments');
    expect(sourceKey({ type: 'reddit', subreddit: 'smarthome' })).toBe('reddit:r/smarthome');
    const bad = Watch.safeParse({ ...watch, sources: [{ type: 'reddit', listing: 'new' }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['sources', 0, 'subreddit']);
  });

  it('fails a truncated page with SOURCE_PAYLOAD', async () => {
    source.setHandler((_request, response) =>
      json(response, fixture('reddit-smarthome-comments.json').slice(0, 300)),
    );
    expect(await rejectionOf(fetchPage(COMMENTS))).toBeInstanceOf(SourcePayloadError);
  });

  it('honours x-ratelimit-reset on a 429 without Retry-After, and succeeds after a 500', async () => {
    source.setHandler((_request, response) => {
      response.writeHead(429, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '42' });
      response.end('Too Many Requests');
    });
    const limited = (await rejectionOf(fetchPage(COMMENTS))) as SourceHttpError;
    expect(limited.retryAfterMs).toBe(42_000);

    let calls = 0;
    source.setHandler((request, response) => {
      calls += 1;
      if (calls === 1) {
        json(response, '{"message": "Internal Server Error"}', 500);
      } else {
        listings(request, response);
      }
    });
    const failed = (await rejectionOf(fetchPage(COMMENTS))) as SourceHttpError;
    expect(failed.retryable).toBe(true);
    expect((await fetchPage(COMMENTS)).mentions).toHaveLength(2);
  });
});
