import { afterAll, afterEach, beforeAll } from 'vitest';
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
