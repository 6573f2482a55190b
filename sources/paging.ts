import { z } from 'zod';

/** How far back the first poll of a since-time source looks. */
export const FIRST_POLL_LOOKBACK_S = 7 * 24 * 3600;

/**
 * The page token of a source searched newest-first, keyword by keyword: where the poll is, and the
 * newest item time seen so far (the next cursor, stored only when the poll finishes).
 */
export const SincePage = z.object({
  keyword: z.number().int().nonnegative(),
  page: z.string().nullable(),
  newest: z.number(),
});
export type SincePage = z.infer<typeof SincePage>;

export function decodeSincePage(token: string | null, since: number): SincePage {
  if (token === null) {
    return { keyword: 0, page: null, newest: since };
  }
  return SincePage.parse(JSON.parse(token));
}

/** The stored cursor's time, or (first poll) the lookback before `nowS`, the caller's clock. */
export function sinceFromCursor(cursor: string | null, nowS: number): number {
  const value = Number(cursor);
  return cursor !== null && Number.isFinite(value) ? value : nowS - FIRST_POLL_LOOKBACK_S;
}

/**
 * After one page: go on with the same keyword's next page, else the next keyword, else finish and
 * return the newest time seen as the cursor.
 */
export function advanceSincePage(
  state: SincePage,
  keywordCount: number,
  nextPage: string | null,
  since: number,
): { cursor: string | null; nextPage: string | null } {
  if (nextPage !== null) {
    return { cursor: null, nextPage: JSON.stringify({ ...state, page: nextPage }) };
  }
  if (state.keyword + 1 < keywordCount) {
    return {
      cursor: null,
      nextPage: JSON.stringify({ ...state, keyword: state.keyword + 1, page: null }),
    };
  }
  return { cursor: String(Math.max(state.newest, since)), nextPage: null };
}
