import { Router } from 'express';
import { z } from 'zod';
import { SENTIMENT_LABELS, SourceName } from '../../domain/mention.js';
import type { Store } from '../../store/db.js';
import { cursor, limit, page, watchId } from '../query.js';

const MentionsQuery = z
  .object({
    watch: watchId.optional(),
    source: SourceName.optional(),
    label: z.enum(SENTIMENT_LABELS).optional(),
    author: z.string().min(1).max(200).optional(),
    limit,
    cursor,
  })
  .strict();

export function mentionsRouter(store: Store): Router {
  const router = Router();
  router.get('/mentions', async (req, res) => {
    const query = MentionsQuery.parse(req.query);
    const mentions = await store.mentions.list(
      { watchId: query.watch, source: query.source, label: query.label, authorId: query.author },
      query.limit + 1,
      query.cursor ?? null,
    );
    res.json(page(mentions, query.limit));
  });
  return router;
}
