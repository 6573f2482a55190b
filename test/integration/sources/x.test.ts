import { describe, expect, it } from 'vitest';
import {
  SourceConfigError,
  SourceHttpError,
  SourceThrottledError,
  ProviderBlockedError,
} from '../../../domain/errors.js';
import type { Watch } from '../../../domain/watch.js';
import type { FetchResult } from '../../../sources/types.js';
import { searchQuery, untilCapReset, usableSinceId, XConnector } from '../../../sources/x.js';
import { fixture, json, rejectionOf, type Handler } from '../../helpers/fake-source.js';
import { httpFailureCases } from '../../helpers/source-failures.js';
import { sourceContext, stoppedClock } from '../../helpers/clock.js';
import {
  expectStorable,
  fakeSourceForTests,
  skipsAndCounts,
  testWatch,
} from '../../helpers/connector-harness.js';

const TOKEN = 'test-bearer-token-abc';
/** The clock of these tests: two hours after the newest fixture tweet. */
const NOW = Date.parse('2026-11-20T12:00:00Z');

/** Answers like recent search: page 1, then page 2 for its next_token, with rate-limit headers. */
const recent: Handler = (request, response) => {
  if (request.path !== '/2/tweets/search/recent') {
    json(response, '{"title":"Not Found"}', 404);
    return;
  }
  const page = request.query.get('next_token') ? 'x-search-page2.json' : 'x-search-page1.json';
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'x-rate-limit-limit': '450',
    'x-rate-limit-remaining': '448',
    'x-rate-limit-reset': String(Math.floor(NOW / 1000) + 900),
  });
  response.end(fixture(page));
};

const source = fakeSourceForTests(recent);

const watch = (keywords = ['acme'], exclusions: string[] = []): Watch =>
  testWatch({ keywords, exclusions, sources: [{ type: 'x' }] });

const connector = (
  token: string | null = TOKEN,
  timeoutMs = 5000,
  context = sourceContext(stoppedClock(NOW)),
  capResetDay: number | null = null,
) =>
  new XConnector(
    { apiUrl: `${source.url}/2`, bearerToken: token, timeoutMs, capResetDay },
    context,
  );

function fetchPage(
  page: string | null = null,
  cursor: string | null = null,
  client = connector(),
): Promise<FetchResult> {
  return client.fetchPage({ watch: watch(), source: { type: 'x' }, cursor, page, pageSize: 5 });
}

describe('XConnector', () => {
  it('asks recent search with the author expansion, the fields and the bearer token', async () => {
    await fetchPage();
    const [request] = source.requests;
    expect(request?.path).toBe('/2/tweets/search/recent');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      query: '("acme") -is:retweet',
      max_results: '10',
      expansions: 'author_id',
      'user.fields': 'public_metrics,username,name',
      'tweet.fields': 'created_at,public_metrics,lang,author_id',
    });
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('builds one query for every keyword, without the exclusions and retweets', () => {
    expect(searchQuery(watch(['acme', 'acme "cloud"'], ['acme festival']))).toBe(
      '("acme" OR "acme cloud") -"acme festival" -is:retweet',
    );
    const long = Array.from({ length: 60 }, (_, i) => `keyword number ${i}`);
    expect(() => searchQuery(watch(long))).toThrow(SourceConfigError);
  });

  it('normalises tweets joined to their authors, decoding the entities X escapes', async () => {
    const result = await fetchPage();
    expect(result.mentions[0]).toEqual({
      watchId: 'acme',
      source: 'x',
      externalId: '2123717988971446277',
      url: 'https://x.com/pat_ops/status/2123717988971446277',
      text: '@AcmeHelp third outage this week & still no refund. Switching away from Acme >:(',
      author: { id: '1001', handle: 'pat_ops', name: 'Pat Ops 🇬🇧', followers: 25_400 },
      createdAt: new Date('2026-11-20T10:00:00.000Z'),
      engagement: { likes: 40, replies: 6, shares: 4, score: 40 },
      lang: 'en',
      rating: null,
    });
    const [, undetermined, orphan] = result.mentions;
    expect(undetermined?.lang).toBeNull();
    expect(undetermined?.author.followers).toBe(12);
    // Author 1009 is missing from includes.users (the API reported it in `errors`).
    expect(orphan?.author).toEqual({ id: '1009', handle: '1009', name: null, followers: null });
    expect(orphan?.url).toBe('https://x.com/i/web/status/2123717988971446274');
    // Tweet text is plain: its line breaks stay, `<b>` is text, only X's three escapes decode.
    expect(orphan?.text).toBe(
      'Anyone tried Acme hubs with HomeKit?\n\n1. pairing\n2. scenes <-- this one & <b>no markup</b>',
    );
    expectStorable(result.mentions);
  });

  skipsAndCounts('a tweet without a time and one without text', fetchPage, [
    'tweet without id or time',
    'tweet 999999999999999999: no text',
  ]);

  it('keeps the "<3" of a tweet on the next page as text', async () => {
    const next = await fetchPage((await fetchPage()).nextPage);
    expect(next.mentions[0]?.text).toBe('Acme support sorted it in 5 minutes <3 kudos');
  });

  it('pages with next_token and returns the newest id as the cursor after the last page', async () => {
    const first = await fetchPage(null, '2123355601105846272');
    expect(first.cursor).toBeNull();
    const second = await fetchPage(first.nextPage, '2123355601105846272');
    expect(second.nextPage).toBeNull();
    expect(second.cursor).toBe('2123717988971446277');
    expect(source.requests[1]?.query.get('next_token')).toBe('b26v89c19zqg8o3fpds8l6n2jcb5sm1xw');
    expect(source.requests.every((r) => r.query.get('since_id') === '2123355601105846272')).toBe(
      true,
    );
    expect([...first.mentions, ...second.mentions].map((m) => m.externalId)).toEqual([
      '2123717988971446277',
      '2123717988971446276',
      '2123717988971446274',
      '2123717988971446273',
    ]);
  });

  it('resumes from the stored id and keeps it when nothing new came', async () => {
    source.setHandler((_request, response) => json(response, fixture('x-search-empty.json')));
    const result = await fetchPage(null, '2123717988971446277');
    expect(source.requests[0]?.query.get('since_id')).toBe('2123717988971446277');
    expect(result).toEqual({
      mentions: [],
      skipped: [],
      cursor: '2123717988971446277',
      nextPage: null,
    });
  });

  it('leaves out a since_id older than recent search accepts and searches its 7 days again', async () => {
    // 2123355601105846272 is a tweet id of 2026-11-19, 2120094110315446272 one of 2026-11-10.
    expect(usableSinceId('2123355601105846272', NOW)).toBe('2123355601105846272');
    expect(usableSinceId('2120094110315446272', NOW)).toBeNull();
    expect(usableSinceId('not-an-id', NOW)).toBeNull();
    await fetchPage(null, '2120094110315446272');
    expect(source.requests[0]?.query.has('since_id')).toBe(false);
  });

  it('waits for x-rate-limit-reset on a 429 that has no Retry-After, and sends nothing until then', async () => {
    const reset = Math.floor(NOW / 1000) + 900;
    const clock = stoppedClock(NOW);
    const client = connector(TOKEN, 5000, sourceContext(clock));
    source.setHandler((_request, response) => {
      response.writeHead(429, {
        'content-type': 'application/json',
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(reset),
      });
      response.end('{"title":"Too Many Requests","status":429}');
    });
    const error = await rejectionOf(fetchPage(null, null, client));
    expect(error).toBeInstanceOf(SourceHttpError);
    expect((error as SourceHttpError).retryable).toBe(true);
    expect((error as SourceHttpError).retryAfterMs).toBe(900_000);
    // The second call, a minute later, is not sent: the token is blocked until the reset.
    clock.advance(60_000);
    const blocked = await rejectionOf(fetchPage(null, null, client));
    expect(blocked).toBeInstanceOf(ProviderBlockedError);
    expect((blocked as ProviderBlockedError).retryAfterMs).toBe(840_000);
    expect(source.requests).toHaveLength(1);
    // At the reset, calls go out again.
    clock.advance(840_000);
    source.reset();
    expect((await fetchPage(null, null, client)).mentions).toHaveLength(3);
  });

  it('waits for the monthly Post cap to reset once X says it is spent, not for the window', async () => {
    // X's answer when the project's monthly cap is spent: a 429 with requests left in the window.
    source.setHandler((_request, response) => {
      response.writeHead(429, {
        'content-type': 'application/problem+json',
        'x-rate-limit-remaining': '449',
        'x-rate-limit-reset': String(Math.floor(NOW / 1000) + 900),
      });
      response.end(
        JSON.stringify({
          title: 'UsageCapExceeded',
          period: 'Monthly',
          scope: 'Product',
          detail: 'Usage cap exceeded: Monthly product cap',
          type: 'https://api.twitter.com/2/problems/usage-capped',
        }),
      );
    });
    const clock = stoppedClock(NOW);
    const client = connector(TOKEN, 5000, sourceContext(clock), 3);
    const error = await rejectionOf(fetchPage(null, null, client));
    expect(error).toBeInstanceOf(SourceThrottledError);
    expect((error as Error).message).toContain('monthly Post cap spent');
    // 2026-11-20T12:00Z to 2026-12-03T00:00Z, the next 3rd of a month.
    expect((error as SourceThrottledError).retryAfterMs).toBe(12.5 * 86_400_000);
    // A day later nothing is sent: the token waits for the reset, not for the 15-minute window.
    clock.advance(86_400_000);
    const blocked = await rejectionOf(fetchPage(null, null, client));
    expect(blocked).toBeInstanceOf(ProviderBlockedError);
    expect((blocked as ProviderBlockedError).retryAfterMs).toBe(11.5 * 86_400_000);
    expect(source.requests).toHaveLength(1);
  });

  it('asks again a day later when the cap reset day is not configured', async () => {
    source.setHandler((_request, response) =>
      json(response, '{"title":"UsageCapExceeded","period":"Monthly"}', 429),
    );
    const error = await rejectionOf(fetchPage());
    expect((error as SourceThrottledError).retryAfterMs).toBe(86_400_000);
  });

  it('counts the cap reset to midnight UTC of its day, the last day of a shorter month', () => {
    const resetAfter = (iso: string, day: number) => {
      const now = Date.parse(iso);
      return new Date(now + untilCapReset(now, day)).toISOString();
    };
    expect(resetAfter('2026-11-20T12:00:00Z', 25)).toBe('2026-11-25T00:00:00.000Z');
    expect(resetAfter('2026-11-25T00:00:00Z', 25)).toBe('2026-12-25T00:00:00.000Z');
    expect(resetAfter('2026-12-31T23:00:00Z', 1)).toBe('2027-01-01T00:00:00.000Z');
    expect(resetAfter('2027-02-10T00:00:00Z', 31)).toBe('2027-02-28T00:00:00.000Z');
    expect(resetAfter('2028-02-29T08:00:00Z', 30)).toBe('2028-03-30T00:00:00.000Z');
  });

  it('stops asking once x-rate-limit-remaining reaches 0, until the reset', async () => {
    const reset = Math.floor(NOW / 1000) + 60;
    source.setHandler((_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(reset),
      });
      response.end(fixture('x-search-page1.json'));
    });
    const client = connector();
    const first = await fetchPage(null, null, client);
    expect(first.mentions).toHaveLength(3);
    const error = await rejectionOf(fetchPage(first.nextPage, null, client));
    expect(error).toBeInstanceOf(ProviderBlockedError);
    expect((error as ProviderBlockedError).retryAfterMs).toBe(60_000);
    expect(source.requests).toHaveLength(1);
  });

  it('fails unrecoverably without a bearer token, before any request', async () => {
    const error = await rejectionOf(fetchPage(null, null, connector(null)));
    expect(error).toBeInstanceOf(SourceConfigError);
    expect((error as Error).message).toContain('X_BEARER_TOKEN');
    expect(source.requests).toHaveLength(0);
  });

  it('fails without retry on 401 (a revoked token)', async () => {
    source.setHandler((_request, response) => json(response, '{"title":"Unauthorized"}', 401));
    const error = await rejectionOf(fetchPage());
    expect((error as SourceHttpError).status).toBe(401);
    expect((error as SourceHttpError).retryable).toBe(false);
  });

  httpFailureCases({
    name: 'x',
    source,
    healthy: recent,
    firstPage: (timeoutMs) => fetchPage(null, null, connector(TOKEN, timeoutMs)),
  });
});
