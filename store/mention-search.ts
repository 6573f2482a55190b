import type { Intent, SentimentLabel, SourceName } from '../domain/mention.js';
import { escapeRegex } from './alert-search.js';
import type { SortKey } from './keyset.js';

/** What GET /mentions filters on. Every field but `text` leads an index (see mentions.ts). */
export interface MentionSearch {
  watchId?: string;
  source?: SourceName;
  label?: SentimentLabel;
  intent?: Intent;
  authorId?: string;
  from?: Date;
  to?: Date;
  text?: string;
}

export const MENTION_ORDER: SortKey[] = [
  { field: 'createdAt', dir: -1 },
  { field: '_id', dir: -1 },
];

export const MENTION_SEARCH_FIELDS = {
  watchId: 'watchId',
  source: 'source',
  label: 'analysis.label',
  intent: 'analysis.intents',
  authorId: 'author.id',
  from: 'createdAt',
  to: 'createdAt',
} as const satisfies Record<Exclude<keyof MentionSearch, 'text'>, string>;

export function mentionSearchFilter(search: MentionSearch): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  for (const field of ['watchId', 'source', 'label', 'intent', 'authorId'] as const) {
    if (search[field] !== undefined) {
      filter[MENTION_SEARCH_FIELDS[field]] = search[field];
    }
  }
  if (search.from !== undefined || search.to !== undefined) {
    filter.createdAt = {
      ...(search.from && { $gte: search.from }),
      ...(search.to && { $lt: search.to }),
    };
  }
  if (search.text !== undefined) {
    filter.text = { $regex: escapeRegex(search.text), $options: 'i' };
  }
  return filter;
}
