import { Router } from 'express';
import { ObjectId } from 'mongodb';
import { z } from 'zod';
import { INTENTS, SENTIMENT_LABELS, SourceName, type Mention } from '../../domain/mention.js';
import type { Store } from '../../store/db.js';
import type { ReadBudget } from '../../store/read-budget.js';
import { MENTION_ORDER } from '../../store/mention-search.js';
import { allow } from '../access.js';
import { cursorParam, keysetFor, pageOf } from '../cursor.js';
import { isoTime, limit, orderedRange, text, watchId } from '../query.js';

/** The list's name in its cursors: an /alerts cursor (also sorted `newest`) is refused here. */
const MENTIONS_SORT = 'mentions:newest';

export const MentionsQuery = z
  .object({
    watch: watchId.optional(),
    source: SourceName.optional(),
    label: z.enum(SENTIMENT_LABELS).optional(),
    intent: z.enum(INTENTS).optional(),
    author: z.string().min(1).max(200).optional().describe('author id at the source'),
    from: isoTime.optional().describe('created at or after'),
    to: isoTime.optional().describe('created before'),
    q: text.optional().describe('words in the text'),
    limit,
    cursor: cursorParam(2),
  })
  .strict()
  .superRefine(orderedRange);

const keysetOf = (mention: Mention) => [mention.createdAt, new ObjectId(mention.id)];

export function mentionsRouter(store: Store, budget: ReadBudget = {}): Router {
  const router = Router();
  router.get('/mentions', allow('read'), async (req, res) => {
    const query = MentionsQuery.parse(req.query);
    const after = keysetFor(query.cursor, MENTIONS_SORT, MENTION_ORDER.length);
    const mentions = await store.mentions.search(
      {
        watchId: query.watch,
        source: query.source,
        label: query.label,
        intent: query.intent,
        authorId: query.author,
        from: query.from,
        to: query.to,
        text: query.q,
      },
      query.limit + 1,
      after,
      budget,
    );
    res.json(pageOf(mentions, query.limit, MENTIONS_SORT, keysetOf));
  });
  return router;
}
