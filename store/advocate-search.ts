import type { SortKey } from './keyset.js';

/** What GET /advocates filters on; each field leads an index (see authors.ts). */
export interface AdvocateSearch {
  watchId?: string;
  source?: string;
  minScore: number;
  activeSince?: Date;
}

/** Best advocate first; ties by profile id so that pages are stable. */
export const ADVOCATE_ORDER: SortKey[] = [
  { field: 'advocateScore', dir: -1 },
  { field: '_id', dir: 1 },
];

export const ADVOCATE_SEARCH_FIELDS = {
  watchId: 'watchId',
  source: 'source',
  minScore: 'advocateScore',
  activeSince: 'lastSeen',
} as const satisfies Record<keyof AdvocateSearch, string>;

export function advocateSearchFilter(search: AdvocateSearch): Record<string, unknown> {
  const filter: Record<string, unknown> = { advocateScore: { $gte: search.minScore } };
  if (search.watchId !== undefined) {
    filter.watchId = search.watchId;
  }
  if (search.source !== undefined) {
    filter.source = search.source;
  }
  if (search.activeSince !== undefined) {
    filter.lastSeen = { $gte: search.activeSince };
  }
  return filter;
}
