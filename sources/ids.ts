/**
 * Orders snowflake-like ids sent as strings (Mastodon, X): numerically when both are digits (a
 * longer id is newer), else as text.
 */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) {
    return a.length - b.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The newest of some ids, or null when there are none. */
export function newestId(ids: string[]): string | null {
  return ids.reduce<string | null>(
    (newest, id) => (newest === null || compareIds(id, newest) > 0 ? id : newest),
    null,
  );
}
