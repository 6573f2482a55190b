import { describe, expect, it } from 'vitest';
import { SourcePayloadError, type SourceHttpError } from '../../../domain/errors.js';
import type { Watch } from '../../../domain/watch.js';
import { FIRST_POLL_LOOKBACK_S } from '../../../sources/paging.js';
import { HackerNewsConnector } from '../../../sources/hackernews.js';
import type { FetchResult } from '../../../sources/types.js';
import { fixture, json, rejectionOf, type Handler } from '../../helpers/fake-source.js';
import { FIXTURE_NOW, sourceContext } from '../../helpers/clock.js';
import {
  allPages,
  expectStorable,
  fakeSourceForTests,
  pagesThroughEachKeyword,
  testWatch,
} from '../../helpers/connector-harness.js';
import { httpFailureCases } from '../../helpers/source-failures.js';

/** Answers like Algolia: the fixture for the asked keyword and page. */
const algolia: Handler = (request, response) => {
  const key = `${request.query.get('query')}|${request.query.get('page')}`;
  const pages: Record<string, string> = {
    'acme|0': 'hn-acme-page0.json',
    'acme|1': 'hn-acme-page1.json',
    'acme cloud|0': 'hn-acme-cloud-page0.json',
  };
  const name = pages[key];
  if (name) {
    json(response, fixture(name));
  } else {
    json(response, '{"message":"unexpected request"}', 400);
  }
};

const source = fakeSourceForTests(algolia);

const watch = (keywords: string[]): Watch =>
  testWatch({ keywords, sources: [{ type: 'hackernews' }] });

const CURSOR = '1699990000';

function connector(timeoutMs = 5000): HackerNewsConnector {
  return new HackerNewsConnector({ apiUrl: `${source.url}/api/v1`, timeoutMs }, sourceContext());
}

function fetchPage(
  keywords: string[],
  page: string | null = null,
  cursor: string | null = CURSOR,
  pageSize = 3,
  client = connector(),
): Promise<FetchResult> {
  return client.fetchPage({
    watch: watch(keywords),
    source: { type: 'hackernews' },
    cursor,
    page,
    pageSize,
  });
}

describe('HackerNewsConnector', () => {
  it('asks search_by_date for stories and comments of the keyword since the cursor', async () => {
    await fetchPage(['acme']);
    expect(source.requests).toHaveLength(1);
    const [request] = source.requests;
    expect(request?.path).toBe('/api/v1/search_by_date');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      query: 'acme',
      tags: '(story,comment)',
      numericFilters: `created_at_i>=${CURSOR}`,
      hitsPerPage: '3',
      page: '0',
    });
    expect(request?.headers.accept).toBe('application/json');
  });

  it('asks for at most 1000 hits a page', async () => {
    await fetchPage(['acme'], null, CURSOR, 5000);
    expect(source.requests[0]?.query.get('hitsPerPage')).toBe('1000');
  });

  it('looks back a week on the first poll', async () => {
    const before = Math.floor(FIXTURE_NOW / 1000) - FIRST_POLL_LOOKBACK_S;
    await fetchPage(['acme'], null, null);
    const filter = source.requests[0]?.query.get('numericFilters') ?? '';
    const since = Number(/^created_at_i>=(\d+)$/.exec(filter)?.[1]);
    expect(since).toBe(before);
  });

  it('normalises hits, cleaning the HTML and entities out of their text', async () => {
    const result = await fetchPage(['acme']);
    expect(result.mentions).toEqual([
      {
        watchId: 'acme',
        source: 'hackernews',
        externalId: '38000001',
        url: 'https://news.ycombinator.com/item?id=38000001',
        text: "Acme's billing page is broken again.\n\nI'm moving us to a competitor & won't look back. See https://status.acme.example/",
        author: { id: 'pat_ops', handle: 'pat_ops', name: null, followers: null },
        createdAt: new Date(1_700_000_300 * 1000),
        engagement: { likes: 0, replies: 0, shares: 0, score: 0 },
        lang: null,
        rating: null,
      },
      {
        watchId: 'acme',
        source: 'hackernews',
        externalId: '38000002',
        url: 'https://news.ycombinator.com/item?id=38000002',
        text: 'Show HN: We replaced Acme with a shell script',
        author: { id: 'dana', handle: 'dana', name: null, followers: null },
        createdAt: new Date(1_700_000_200 * 1000),
        engagement: { likes: 0, replies: 17, shares: 0, score: 42 },
        lang: null,
        rating: null,
      },
    ]);
    expectStorable(result.mentions);
  });

  it('skips and counts a hit without author or time', async () => {
    const result = await fetchPage(['acme']);
    expect(result.skipped).toEqual([{ reason: 'hit without id, time or author' }]);
  });

  it('joins a story title to its text and skips a comment with no text', async () => {
    const first = await fetchPage(['acme']);
    const result = await fetchPage(['acme'], first.nextPage);
    expect(result.skipped).toEqual([{ reason: 'hit 38000004: no text' }]);
    expect(result.mentions).toHaveLength(1);
    expect(result.mentions[0]?.text).toBe(
      'Ask HN: Is Acme worth it?\n\nDoes anyone use Acme in production?\n\nWe\'re thinking about it "seriously" <for real>.',
    );
    expect(result.mentions[0]?.engagement).toEqual({ likes: 0, replies: 2, shares: 0, score: 3 });
  });

  pagesThroughEachKeyword(source, fetchPage, {
    keywords: ['acme', 'acme cloud'],
    params: ['query', 'page'],
    asked: [
      ['acme', '0'],
      ['acme', '1'],
      ['acme cloud', '0'],
    ],
    cursor: '1700000500',
    ids: ['38000001', '38000002', '38000005', '38000009'],
  });

  it('asks every page of a poll from the same cursor', async () => {
    const pages = await allPages((page) => fetchPage(['acme', 'acme cloud'], page));
    expect(pages).toHaveLength(3);
    for (const request of source.requests) {
      expect(request.query.get('numericFilters')).toBe(`created_at_i>=${CURSOR}`);
    }
  });

  it('keeps the newest time seen on an earlier page as the final cursor', async () => {
    const first = await fetchPage(['acme']);
    const second = await fetchPage(['acme'], first.nextPage);
    expect(second.nextPage).toBeNull();
    expect(second.cursor).toBe('1700000300');
  });

  it('keeps the cursor where it was when nothing new came', async () => {
    source.setHandler((_request, response) => json(response, fixture('hn-empty.json')));
    const result = await fetchPage(['acme']);
    expect(result).toEqual({ mentions: [], skipped: [], cursor: CURSOR, nextPage: null });
  });

  it('keeps a hit whose counts have unexpected types, and cleans invalid UTF-8 out of its text', async () => {
    source.setHandler((_request, response) => {
      const head =
        '{"hits":[{"objectID":"1","created_at_i":1700000100,"author":"kim","comment_text":"Acme caf';
      const tail =
        ' ok","points":"12","num_comments":-3},' +
        '{"objectID":"2","created_at_i":1700000100,"author":"kim","story_text":7}],"page":0,"nbPages":1}';
      const body = Buffer.concat([Buffer.from(head), Buffer.from([0xc3, 0x28]), Buffer.from(tail)]);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
    });
    const result = await fetchPage(['acme']);
    expect(result.mentions).toHaveLength(1);
    expect(result.mentions[0]?.text).toBe('Acme caf( ok');
    expect(result.mentions[0]?.engagement).toEqual({ likes: 0, replies: 0, shares: 0, score: 0 });
    expect(result.skipped).toEqual([{ reason: 'hit 2: no text' }]);
  });

  it('fails a truncated page with SOURCE_PAYLOAD, and reads the page once the server recovers', async () => {
    source.setHandler((_request, response) =>
      json(response, fixture('hn-acme-page0.json').slice(0, 500)),
    );
    expect(await rejectionOf(fetchPage(['acme']))).toBeInstanceOf(SourcePayloadError);
    source.setHandler((request, response) =>
      source.requests.length === 2
        ? json(response, '{"message":"oops"}', 500)
        : algolia(request, response),
    );
    expect(((await rejectionOf(fetchPage(['acme']))) as SourceHttpError).status).toBe(500);
    expect((await fetchPage(['acme'])).mentions).toHaveLength(2);
  });

  it('waits for ratelimit-reset on a 429 that sends no Retry-After', async () => {
    source.setHandler((_request, response) => {
      response.writeHead(429, { 'ratelimit-reset': '12' });
      response.end();
    });
    expect(((await rejectionOf(fetchPage(['acme']))) as SourceHttpError).retryAfterMs).toBe(12_000);
  });

  httpFailureCases({
    name: 'hackernews',
    source,
    healthy: algolia,
    firstPage: (timeoutMs) => fetchPage(['acme'], null, CURSOR, 3, connector(timeoutMs)),
    wrongShapes: [{ body: '{"results":[],"page":"0"}' }],
  });
});
