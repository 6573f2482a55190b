import type { Intent, SentimentLabel, SourceName } from '../domain/mention.js';
import { containing, createdBetween, equalities } from './filters.js';
import { order } from './keyset.js';

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

export const MENTION_ORDER = order(['createdAt', -1], ['_id', -1]);

export const MENTION_SEARCH_FIELDS = {
  watchId: 'watchId',
  source: 'source',
  label: 'analysis.label',
  intent: 'analysis.intents',
  authorId: 'author.id',
  from: 'createdAt',
  to: 'createdAt',
} as const satisfies Record<Exclude<keyof MentionSearch, 'text'>, string>;

const EQUAL_FIELDS = ['watchId', 'source', 'label', 'intent', 'authorId'] as const;

export function mentionSearchFilter(search: MentionSearch): Record<string, unknown> {
  return {
    ...equalities(search, MENTION_SEARCH_FIELDS, EQUAL_FIELDS),
    ...createdBetween(search.from, search.to),
    ...(search.text !== undefined && { text: containing(search.text) }),
  };
}
