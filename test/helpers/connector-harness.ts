import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { NewMention } from '../../domain/mention.js';
import type { Watch } from '../../domain/watch.js';
import type { FetchResult } from '../../sources/types.js';
import { startFakeSource, type FakeSource, type Handler } from './fake-source.js';

/**
 * The fake source of a connector's test file: started before its tests on a free port, reset after
 * each (the first handler back, the requests forgotten), closed after all. Read it in tests and
 * hooks only: it exists once `beforeAll` has run.
 */
export function fakeSourceForTests(handler: Handler): FakeSource {
  let started: FakeSource | undefined;
  const current = (): FakeSource => {
    if (!started) {
      throw new Error('the fake source is read before its beforeAll started it');
    }
    return started;
  };
  beforeAll(async () => {
    started = await startFakeSource(handler);
  });
  afterEach(() => current().reset());
  afterAll(() => current().close());
  return {
    get url() {
      return current().url;
    },
    get requests() {
      return current().requests;
    },
    setHandler: (next) => current().setHandler(next),
    reset: () => current().reset(),
    close: () => current().close(),
  };
}

/** The watch a connector test polls: Acme's, with what the test gives over it. */
export function testWatch(fields: Partial<Watch> = {}): Watch {
  return {
    id: 'acme',
    name: 'Acme',
    keywords: ['acme'],
    exclusions: [],
    sources: [],
    schedule: '*/5 * * * *',
    enabled: true,
    ...fields,
  };
}

/** Lumora's watch, the one the app, feed and social fixtures are written about. */
export const lumoraWatch = (fields: Partial<Watch> = {}): Watch =>
  testWatch({ id: 'lumora', name: 'Lumora', keywords: ['lumora'], ...fields });

/**
 * Every page of one poll, as the poll stage asks for them: `fetchPage(null)`, then each next page
 * until there is none. At most `limit` pages, so that a connector that never ends fails the test.
 */
export async function allPages(
  fetchPage: (page: string | null) => Promise<FetchResult>,
  limit = 20,
): Promise<FetchResult[]> {
  const results: FetchResult[] = [];
  let page: string | null = null;
  do {
    const result = await fetchPage(page);
    results.push(result);
    page = result.nextPage;
  } while (page !== null && results.length < limit);
  return results;
}

/** Every mention of a page is one the store takes (the `NewMention` schema); there is one at least. */
export function expectStorable(mentions: NewMention[]): void {
  expect(mentions.length).toBeGreaterThan(0);
  for (const mention of mentions) {
    expect(NewMention.safeParse(mention).success).toBe(true);
  }
}

/**
 * A test that the malformed items of a poll's first two pages are skipped and counted, each with
 * its reason: `reasons[0]` on the first page, `reasons[1]` on the next.
 */
export function skipsAndCounts(
  items: string,
  fetchPage: (page: string | null) => Promise<FetchResult>,
  reasons: [first: string, next: string],
): void {
  it(`skips and counts ${items}`, async () => {
    const first = await fetchPage(null);
    expect(first.skipped).toEqual([{ reason: reasons[0] }]);
    const second = await fetchPage(first.nextPage);
    expect(second.skipped).toEqual([{ reason: reasons[1] }]);
  });
}

/** How a poll of several keywords pages, for `pagesThroughEachKeyword`. */
export interface KeywordPaging {
  keywords: string[];
  /** The query parameters that tell the requests apart, and their values request by request. */
  params: [keyword: string, page: string];
  asked: Array<[string | null, string | null]>;
  /** The cursor the last page returns, and the ids of the mentions of all pages in order. */
  cursor: string;
  ids: string[];
}

/**
 * A test that a poll pages through each keyword in three pages and returns the cursor only with
 * the last: no page before it may move the cursor, or a failed poll would skip mentions.
 */
export function pagesThroughEachKeyword(
  source: FakeSource,
  fetchPage: (keywords: string[], page: string | null) => Promise<FetchResult>,
  paging: KeywordPaging,
): void {
  it('pages through each keyword and returns the cursor only after the last page', async () => {
    const first = await fetchPage(paging.keywords, null);
    expect(first.cursor).toBeNull();
    expect(first.nextPage).not.toBeNull();

    const second = await fetchPage(paging.keywords, first.nextPage);
    expect(second.cursor).toBeNull();
    expect(second.nextPage).not.toBeNull();

    const third = await fetchPage(paging.keywords, second.nextPage);
    expect(third.nextPage).toBeNull();
    expect(third.cursor).toBe(paging.cursor);

    const asked = source.requests.map((request) => paging.params.map((p) => request.query.get(p)));
    expect(asked).toEqual(paging.asked);
    const ids = [first, second, third].flatMap((result) =>
      result.mentions.map((m) => m.externalId),
    );
    expect(ids).toEqual(paging.ids);
  });
}
