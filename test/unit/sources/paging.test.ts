import { describe, expect, it } from 'vitest';
import {
  FIRST_POLL_LOOKBACK_S,
  advanceSincePage,
  decodeSincePage,
  sinceFromCursor,
} from '../../../sources/paging.js';

describe('decodeSincePage', () => {
  it('starts at the first keyword with the since time as the newest seen', () => {
    expect(decodeSincePage(null, 1_700_000_000)).toEqual({
      keyword: 0,
      page: null,
      newest: 1_700_000_000,
    });
  });

  it('reads back a token that advanceSincePage wrote', () => {
    const { nextPage } = advanceSincePage(
      { keyword: 1, page: null, newest: 1_700_000_500 },
      3,
      't3_abc',
      1_700_000_000,
    );
    expect(decodeSincePage(nextPage, 1_700_000_000)).toEqual({
      keyword: 1,
      page: 't3_abc',
      newest: 1_700_000_500,
    });
  });

  it('refuses a token that is not JSON or not a page state', () => {
    expect(() => decodeSincePage('not json', 0)).toThrow(SyntaxError);
    expect(() =>
      decodeSincePage(JSON.stringify({ keyword: -1, page: null, newest: 0 }), 0),
    ).toThrow();
    expect(() => decodeSincePage(JSON.stringify({ keyword: 0, newest: 0 }), 0)).toThrow();
  });
});

describe('sinceFromCursor', () => {
  const now = 1_715_000_000;

  it('reads a stored cursor as epoch seconds', () => {
    expect(sinceFromCursor('1700000000', now)).toBe(1_700_000_000);
    expect(sinceFromCursor('1700000400.5', now)).toBe(1_700_000_400.5);
  });

  it('looks back a week on the first poll', () => {
    expect(FIRST_POLL_LOOKBACK_S).toBe(7 * 24 * 3600);
    expect(sinceFromCursor(null, now)).toBe(now - 7 * 24 * 3600);
  });

  it('looks back a week when the cursor is not a number', () => {
    expect(sinceFromCursor('t3_abc', now)).toBe(now - FIRST_POLL_LOOKBACK_S);
  });
});

describe('advanceSincePage', () => {
  const since = 1_700_000_000;

  it('goes on to the next page of the same keyword without a cursor', () => {
    const result = advanceSincePage({ keyword: 0, page: null, newest: since + 50 }, 2, '1', since);
    expect(result.cursor).toBeNull();
    expect(JSON.parse(result.nextPage ?? 'null')).toEqual({
      keyword: 0,
      page: '1',
      newest: since + 50,
    });
  });

  it('goes on to the next keyword from its first page when a keyword is done', () => {
    const result = advanceSincePage({ keyword: 0, page: '3', newest: since + 50 }, 2, null, since);
    expect(result.cursor).toBeNull();
    expect(JSON.parse(result.nextPage ?? 'null')).toEqual({
      keyword: 1,
      page: null,
      newest: since + 50,
    });
  });

  it('finishes after the last keyword with the newest time seen as the cursor', () => {
    expect(advanceSincePage({ keyword: 1, page: '2', newest: since + 90 }, 2, null, since)).toEqual(
      { cursor: String(since + 90), nextPage: null },
    );
  });

  it('never moves the cursor back before the since time', () => {
    expect(
      advanceSincePage({ keyword: 0, page: null, newest: since - 10 }, 1, null, since),
    ).toEqual({ cursor: String(since), nextPage: null });
  });
});
