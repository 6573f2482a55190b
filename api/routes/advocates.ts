import { Router } from 'express';
import { z } from 'zod';
import type { Store } from '../../store/db.js';
import { limit, watchId } from '../query.js';

const AdvocatesQuery = z
  .object({
    watch: watchId.optional(),
    minScore: z.coerce.number().min(0).default(0.01),
    limit,
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();

/** Authors ranked by advocate score (see README "Alerts"), best first. */
export function advocatesRouter(store: Store): Router {
  const router = Router();
  router.get('/advocates', async (req, res) => {
    const query = AdvocatesQuery.parse(req.query);
    const advocates = await store.authors.listAdvocates(
      { watchId: query.watch, minScore: query.minScore },
      query.limit,
      query.offset,
    );
    const next = advocates.length === query.limit ? query.offset + query.limit : null;
    res.json({ items: advocates, nextOffset: next });
  });
  return router;
}
