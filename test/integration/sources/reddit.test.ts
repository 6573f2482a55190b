import { describe, expect, it } from 'vitest';
import { ProviderBlockedError, SourceHttpError } from '../../../domain/errors.js';
import type { Watch, WatchSourceOf } from '../../../domain/watch.js';
import { RedditConnector } from '../../../sources/reddit.js';
import type { FetchResult } from '../../../sources/types.js';
import { fixture, json, rejectionOf, type Handler } from '../../helpers/fake-source.js';
import { sourceContext } from '../../helpers/clock.js';
import {
  expectStorable,
  fakeSourceForTests,
  pagesThroughEachKeyword,
  testWatch,
} from '../../helpers/connector-harness.js';
import { httpFailureCases } from '../../helpers/source-failures.js';

/** Answers like Reddit's search: the fixture for the asked phrase and `after`. */
const reddit: Handler = (request, response) => {
  const key = `${request.query.get('q')}|${request.query.get('after') ?? ''}`;
  const pages: Record<string, string> = {
    '"acme"|': 'reddit-acme-page1.json',
    '"acme"|t3_abc003': 'reddit-acme-page2.json',
    '"acme cloud"|': 'reddit-acme-cloud.json',
  };
  const name = pages[key];
  if (name) {
    json(response, fixture(name));
  } else {
    json(response, '{"message": "Bad Request", "error": 400}', 400);
  }
};

const USER_AGENT = 'earshot-test/1.0 (integration tests)';
const CURSOR = '1700000000';

const source = fakeSourceForTests(reddit);

const watch = (keywords: string[]): Watch => testWatch({ keywords, sources: [{ type: 'reddit' }] });

function connector(timeoutMs = 5000, context = sourceContext()): RedditConnector {
  return new RedditConnector({ apiUrl: source.url, userAgent: USER_AGENT, timeoutMs }, context);
}

interface PageOptions {
  source?: WatchSourceOf<'reddit'>;
  cursor?: string | null;
  pageSize?: number;
  client?: RedditConnector;
}

function fetchPage(
  keywords: string[],
  page: string | null = null,
  options: PageOptions = {},
): Promise<FetchResult> {
  return (options.client ?? connector()).fetchPage({
    watch: watch(keywords),
    source: options.source ?? { type: 'reddit' },
    cursor: options.cursor === undefined ? CURSOR : options.cursor,
    page,
    pageSize: options.pageSize ?? 3,
  });
}

describe('RedditConnector', () => {
  it('searches all of Reddit for the quoted keyword, newest first, with a User-Agent', async () => {
    await fetchPage(['acme']);
    expect(source.requests).toHaveLength(1);
    const [request] = source.requests;
    expect(request?.path).toBe('/search.json');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      q: '"acme"',
      sort: 'new',
      limit: '3',
      raw_json: '1',
    });
    expect(request?.headers['user-agent']).toBe(USER_AGENT);
    expect(request?.headers.accept).toBe('application/json');
  });

  it('restricts the search to the subreddit of a subreddit source', async () => {
    await fetchPage(['acme'], null, { source: { type: 'reddit', subreddit: 'devops' } });
    const [request] = source.requests;
    expect(request?.path).toBe('/r/devops/search.json');
    expect(request?.query.get('restrict_sr')).toBe('1');
    expect(request?.query.get('q')).toBe('"acme"');
  });

  it('asks for at most 100 posts a page', async () => {
    await fetchPage(['acme'], null, { pageSize: 500 });
    expect(source.requests[0]?.query.get('limit')).toBe('100');
  });

  it('normalises posts, keeping a deleted author apart from other deleted authors', async () => {
    const result = await fetchPage(['acme']);
    expect(result.mentions).toEqual([
      {
        watchId: 'acme',
        source: 'reddit',
        externalId: 'abc001',
        url: 'https://www.reddit.com/r/devops/comments/abc001/acme_support_ghosted_me/',
        text: 'Acme support ghosted me for two weeks\n\nOpened a ticket & nothing for two weeks. <Not> happy.',
        author: { id: 't2_aaa111', handle: 'frustrated_dev', name: null, followers: null },
        createdAt: new Date(1_700_000_400 * 1000),
        engagement: { likes: 57, replies: 23, shares: 0, score: 57 },
        lang: null,
        rating: null,
      },
      {
        watchId: 'acme',
        source: 'reddit',
        externalId: 'abc002',
        url: 'https://www.reddit.com/r/smallbusiness/comments/abc002/acme_is_great_for_small_teams/',
        text: 'Acme is actually great for small teams',
        author: { id: 'deleted:abc002', handle: '[deleted]', name: null, followers: null },
        createdAt: new Date(1_700_000_300 * 1000),
        engagement: { likes: 5, replies: 1, shares: 0, score: 5 },
        lang: null,
        rating: null,
      },
    ]);
    expectStorable(result.mentions);
  });

  it('reads a fractional created_utc to the millisecond', async () => {
    source.setHandler((_request, response) =>
      json(response, fixture('reddit-acme-cloud.json').replace('1700000600.0', '1700000600.25')),
    );
    const result = await fetchPage(['acme']);
    expect(result.mentions[0]?.createdAt.getTime()).toBe(1_700_000_600_250);
  });

  it('skips and counts a post without time or permalink', async () => {
    const result = await fetchPage(['acme']);
    expect(result.skipped).toEqual([{ reason: 't3 item without id, author, time or text' }]);
  });

  pagesThroughEachKeyword(source, fetchPage, {
    keywords: ['acme', 'acme cloud'],
    params: ['q', 'after'],
    asked: [
      ['"acme"', null],
      ['"acme"', 't3_abc003'],
      ['"acme cloud"', null],
    ],
    cursor: '1700000600',
    ids: ['abc001', 'abc002', 'abc004', 'abc006'],
  });

  it('stops paging when it reaches posts older than the cursor', async () => {
    const first = await fetchPage(['acme']);
    const second = await fetchPage(['acme'], first.nextPage);
    // The listing still offers `after: t3_abc005`, but abc005 is older than the cursor.
    expect(second.nextPage).toBeNull();
    expect(second.cursor).toBe('1700000400');
    expect(second.mentions.map((mention) => mention.externalId)).toEqual(['abc004']);
    expect(second.skipped).toEqual([]);
    expect(source.requests).toHaveLength(2);
  });

  it('leaves out every post older than the cursor', async () => {
    const result = await fetchPage(['acme'], null, { cursor: '1700000350' });
    expect(result.mentions.map((mention) => mention.externalId)).toEqual(['abc001']);
    expect(result.nextPage).toBeNull();
    expect(result.cursor).toBe('1700000400');
  });

  it('fails retryably on a 429 with its rate-limit headers and passes on the Retry-After', async () => {
    source.setHandler((_request, response) => {
      const limits = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '7' };
      response.writeHead(429, {
        'retry-after': '7',
        ...limits,
        'content-type': 'application/json',
      });
      response.end('{"message": "Too Many Requests", "error": 429}');
    });
    const error = await rejectionOf(fetchPage(['acme']));
    expect(error).toBeInstanceOf(SourceHttpError);
    expect(error).toMatchObject({ code: 'SOURCE_HTTP', source: 'reddit', status: 429 });
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 7000 });
  });

  it('stops asking when the remaining count reads "0.0", until the reset it names', async () => {
    source.setHandler((request, response) => {
      // Reddit sends its counts as decimals; 0.0 is none left.
      response.writeHead(200, {
        'content-type': 'application/json',
        'x-ratelimit-used': '100',
        'x-ratelimit-remaining': '0.0',
        'x-ratelimit-reset': '42',
      });
      response.end(fixture('reddit-acme-page1.json'));
    });
    const client = connector(5000, sourceContext());
    const run = () => fetchPage(['acme'], null, { client });
    expect((await run()).mentions.length).toBeGreaterThan(0);
    const blocked = await rejectionOf(run());
    expect(blocked).toBeInstanceOf(ProviderBlockedError);
    expect((blocked as ProviderBlockedError).retryAfterMs).toBe(42_000);
    expect(source.requests).toHaveLength(1);
  });

  httpFailureCases({
    name: 'reddit',
    source,
    healthy: reddit,
    firstPage: (timeoutMs) => fetchPage(['acme'], null, { client: connector(timeoutMs) }),
    wrongShapes: [
      {
        body: '{"kind": "Listing", "data": {"after": null, "children": "none"}}',
        message: 'not a Listing',
      },
    ],
  });
});
