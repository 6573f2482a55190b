import type { Filter } from 'mongodb';
import type { AlertStatus, AlertType } from '../domain/alert.js';
import { containing, createdBetween, equalities } from './filters.js';
import { order, type SortKey } from './keyset.js';

/** What GET /alerts and its stream filter on. Every field is backed by an index (see alerts.ts). */
export interface AlertSearch {
  type?: AlertType;
  status?: AlertStatus;
  /** Minimum severity rank (0 low … 3 critical). */
  minSeverityRank?: number;
  watchId?: string;
  assignee?: string;
  source?: string;
  authorId?: string;
  from?: Date;
  to?: Date;
  /** Words matched case-insensitively in the reason, the author's handle and evidence excerpts. */
  text?: string;
}

export const ALERT_SORTS = {
  newest: order(['createdAt', -1], ['_id', -1]),
  severity: order(['severityRank', -1], ['createdAt', -1], ['_id', -1]),
} as const satisfies Record<string, SortKey[]>;
export type AlertSort = keyof typeof ALERT_SORTS;

/** The stream's order: by last change, so a changed alert comes again. */
export const ALERT_CHANGES = order(['updatedAt', 1], ['_id', 1]);

/** The stored field each search field filters; the index test checks each leads an index. */
export const ALERT_SEARCH_FIELDS = {
  type: 'type',
  status: 'status',
  minSeverityRank: 'severityRank',
  watchId: 'watchId',
  assignee: 'assignee',
  source: 'source',
  authorId: 'authorId',
  from: 'createdAt',
  to: 'createdAt',
} as const satisfies Record<Exclude<keyof AlertSearch, 'text'>, string>;

const EQUAL_FIELDS = ['type', 'status', 'watchId', 'assignee', 'source', 'authorId'] as const;

export function alertSearchFilter(search: AlertSearch): Filter<Record<string, unknown>> {
  const filter: Record<string, unknown> = {
    ...equalities(search, ALERT_SEARCH_FIELDS, EQUAL_FIELDS),
    ...createdBetween(search.from, search.to),
  };
  if (search.minSeverityRank !== undefined) {
    filter.severityRank = { $gte: search.minSeverityRank };
  }
  if (search.text !== undefined) {
    const pattern = containing(search.text);
    filter.$and = [
      {
        $or: [{ reason: pattern }, { authorHandle: pattern }, { 'evidence.excerpt': pattern }],
      },
    ];
  }
  return filter;
}
