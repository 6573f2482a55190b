import { equalities } from './filters.js';
import { order } from './keyset.js';

/** What GET /advocates filters on; each field leads an index (see authors.ts). */
export interface AdvocateSearch {
  watchId?: string;
  source?: string;
  minScore: number;
  activeSince?: Date;
}

/** Best advocate first; ties by profile id so that pages are stable. */
export const ADVOCATE_ORDER = order(['advocateScore', -1], ['_id', 1]);

export const ADVOCATE_SEARCH_FIELDS = {
  watchId: 'watchId',
  source: 'source',
  minScore: 'advocateScore',
  activeSince: 'lastSeen',
} as const satisfies Record<keyof AdvocateSearch, string>;

export function advocateSearchFilter(search: AdvocateSearch): Record<string, unknown> {
  return {
    advocateScore: { $gte: search.minScore },
    ...equalities(search, ADVOCATE_SEARCH_FIELDS, ['watchId', 'source']),
    ...(search.activeSince !== undefined && { lastSeen: { $gte: search.activeSince } }),
  };
}
