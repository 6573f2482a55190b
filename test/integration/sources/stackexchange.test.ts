import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { SourceHttpError } from '../../../domain/errors.js';
import {
  ProviderBlockedError,
  SourceConfigError,
  SourceThrottledError,
} from '../../../domain/errors.js';
import type { Watch, WatchSourceOf } from '../../../domain/watch.js';
import { StackExchangeConnector } from '../../../sources/stackexchange.js';
import type { FetchResult } from '../../../sources/types.js';
import { fixture, json, rejectionOf, type Handler } from '../../helpers/fake-source.js';
import { httpFailureCases } from '../../helpers/source-failures.js';
import { FIXTURE_NOW, sourceContext, stoppedClock } from '../../helpers/clock.js';
import {
  allPages,
  expectStorable,
  fakeSourceForTests,
  skipsAndCounts,
  testWatch,
} from '../../helpers/connector-harness.js';

/** Answers like /2.3/search/advanced, gzip-compressed as the real API always is. */
const stackexchange: Handler = (request, response) => {
  if (request.path !== '/2.3/search/advanced') {
    json(response, fixture('se-bad-parameter.json'), 400);
    return;
  }
  const name = request.query.get('page') === '2' ? 'se-search-page2.json' : 'se-search-page1.json';
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-encoding': 'gzip',
  });
  response.end(gzipSync(fixture(name)));
};

const source = fakeSourceForTests(stackexchange);

const SITE: WatchSourceOf<'stackexchange'> = { type: 'stackexchange', site: 'superuser' };
const watch = (keywords = ['acme']): Watch => testWatch({ keywords, sources: [SITE] });
const BASE = 1_795_168_800; // 2026-11-20T10:00:00Z, the newest fixture question
const CURSOR = String(BASE - 86_400);

const connector = (key: string | null = null, timeoutMs = 5000, context = sourceContext()) =>
  new StackExchangeConnector({ apiUrl: `${source.url}/2.3`, key, timeoutMs }, context);

function fetchPage(
  page: string | null = null,
  cursor: string | null = CURSOR,
  client = connector(),
  keywords = ['acme'],
  site = SITE,
): Promise<FetchResult> {
  return client.fetchPage({ watch: watch(keywords), source: site, cursor, page, pageSize: 4 });
}

describe('StackExchangeConnector', () => {
  it('asks search/advanced on the site, newest first, from the cursor, with bodies', async () => {
    await fetchPage();
    expect(source.requests[0]?.path).toBe('/2.3/search/advanced');
    expect(Object.fromEntries(source.requests[0]?.query ?? [])).toEqual({
      site: 'superuser',
      q: 'acme',
      sort: 'creation',
      order: 'desc',
      fromdate: CURSOR,
      page: '1',
      pagesize: '4',
      filter: 'withbody',
    });
  });

  it('sends the key when there is one and masks it in errors', async () => {
    source.setHandler((_request, response) =>
      json(response, fixture('se-bad-parameter.json'), 400),
    );
    const error = await rejectionOf(fetchPage(null, CURSOR, connector('secret-key-value')));
    expect(source.requests[0]?.query.get('key')).toBe('secret-key-value');
    expect((error as Error).message).not.toContain('secret-key-value');
    expect((error as SourceHttpError).retryable).toBe(false);
  });

  it('normalises questions: entities and HTML out, reputation as reach, deleted owners apart', async () => {
    const result = await fetchPage();
    expect(result.mentions[0]).toEqual({
      watchId: 'acme',
      source: 'stackexchange',
      externalId: 'superuser:1850005',
      url: 'https://superuser.com/questions/1850005/slug',
      text: 'Acme hub won\'t pair after the 2.1 update & resets itself\n\nSince Acme\'s firmware 2.1 my hub drops off Wi-Fi every hour.\n\nacme-cli status\n> offline\n\nIs this "normal"?',
      author: {
        id: 'superuser:4411',
        handle: "Pat O'Brien",
        name: "Pat O'Brien",
        followers: 15_321,
      },
      createdAt: new Date(BASE * 1000),
      engagement: { likes: 5, replies: 2, shares: 0, score: 5 },
      lang: null,
      rating: null,
    });
    const [, deleted, oddReputation] = result.mentions;
    expect(deleted?.author).toEqual({
      id: 'deleted:superuser:1850004',
      handle: 'user1234567',
      name: 'user1234567',
      followers: null,
    });
    expect(deleted?.engagement).toEqual({ likes: 0, replies: 0, shares: 0, score: -1 });
    expect(oddReputation?.author.followers).toBeNull();
    expectStorable(result.mentions);
  });

  skipsAndCounts('a question without a date and one without text', fetchPage, [
    'question without id or time',
    'question 1850000: no text',
  ]);

  it('pages while has_more, keyword by keyword, and returns the cursor after the last page', async () => {
    const results = await allPages(
      (page) => fetchPage(page, CURSOR, connector(), ['acme', 'acme hub']),
      10,
    );
    expect(source.requests.map((r) => `${r.query.get('q')} ${r.query.get('page')}`)).toEqual([
      'acme 1',
      'acme 2',
      'acme hub 1',
      'acme hub 2',
    ]);
    expect(results.slice(0, -1).every((r) => r.cursor === null)).toBe(true);
    expect(results.at(-1)?.cursor).toBe(String(BASE));
    expect(results.flatMap((r) => r.mentions).map((m) => m.externalId)).toHaveLength(8);
  });

  it('resumes from the cursor: asks fromdate and drops anything older the API still sends', async () => {
    const cursor = String(BASE - 700);
    const first = await fetchPage(null, cursor);
    expect(source.requests[0]?.query.get('fromdate')).toBe(cursor);
    expect(first.mentions.map((m) => m.externalId)).toEqual([
      'superuser:1850005',
      'superuser:1850004',
    ]);
  });

  it('honours a backoff per method: no search on any site until it ends', async () => {
    source.setHandler((_request, response) => {
      const body = JSON.parse(fixture('se-search-page1.json')) as Record<string, unknown>;
      json(response, JSON.stringify({ ...body, backoff: 10 }));
    });
    const client = connector();
    const first = await fetchPage(null, CURSOR, client);
    expect(first.mentions).toHaveLength(3);
    const error = await rejectionOf(fetchPage(first.nextPage, CURSOR, client));
    expect(error).toBeInstanceOf(ProviderBlockedError);
    expect((error as ProviderBlockedError).retryAfterMs).toBe(10_000);
    expect((error as ProviderBlockedError).limitKey).toMatch(/\|search\/advanced$/);
    // The backoff holds for the method, not the site: askubuntu must wait as well.
    const askubuntu: WatchSourceOf<'stackexchange'> = { type: 'stackexchange', site: 'askubuntu' };
    const other = await rejectionOf(fetchPage(null, CURSOR, client, ['acme'], askubuntu));
    expect(other).toBeInstanceOf(ProviderBlockedError);
    expect(source.requests).toHaveLength(1);
  });

  it('stops every call after a throttle_violation, for the seconds it names', async () => {
    source.setHandler((_request, response) => json(response, fixture('se-throttle.json'), 400));
    const clock = stoppedClock(FIXTURE_NOW);
    const client = connector(null, 5000, sourceContext(clock));
    expect(await rejectionOf(fetchPage(null, CURSOR, client))).toBeInstanceOf(SourceThrottledError);
    clock.advance(3_600_000);
    const blocked = await rejectionOf(fetchPage(null, CURSOR, client));
    expect(blocked).toBeInstanceOf(ProviderBlockedError);
    expect((blocked as ProviderBlockedError).retryAfterMs).toBe(82_626_000 - 3_600_000);
    expect(source.requests).toHaveLength(1);
  });

  it('waits for the quota when quota_remaining reaches 0', async () => {
    source.setHandler((_request, response) => {
      const body = JSON.parse(fixture('se-search-page1.json')) as Record<string, unknown>;
      json(response, JSON.stringify({ ...body, quota_remaining: 0 }));
    });
    const client = connector();
    await fetchPage(null, CURSOR, client);
    const error = await rejectionOf(fetchPage(null, CURSOR, client));
    expect(error).toBeInstanceOf(ProviderBlockedError);
    // The clock is 2026-11-20T12:00Z: the quota comes back at midnight UTC, 12 hours on.
    expect((error as ProviderBlockedError).retryAfterMs).toBe(12 * 3_600_000);
    expect(source.requests).toHaveLength(1);
  });

  it('retries a throttle_violation after the seconds the message names', async () => {
    source.setHandler((_request, response) => json(response, fixture('se-throttle.json'), 400));
    const error = await rejectionOf(fetchPage());
    expect(error).toBeInstanceOf(SourceThrottledError);
    expect((error as SourceThrottledError).retryable).toBe(true);
    expect((error as SourceThrottledError).retryAfterMs).toBe(82_626_000);
  });

  it('fails unrecoverably for a source without a site', async () => {
    const error = await rejectionOf(
      connector().fetchPage({
        watch: watch(),
        // The schema needs the field; a watch written to the store past it is still refused here.
        source: { type: 'stackexchange' } as WatchSourceOf<'stackexchange'>,
        cursor: CURSOR,
        page: null,
        pageSize: 4,
      }),
    );
    expect(error).toBeInstanceOf(SourceConfigError);
  });

  httpFailureCases({
    name: 'stackexchange',
    source,
    healthy: stackexchange,
    firstPage: (timeoutMs) => fetchPage(null, CURSOR, connector(null, timeoutMs)),
  });
});
