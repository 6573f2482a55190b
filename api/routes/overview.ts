import { Router } from 'express';
import { z } from 'zod';
import type { Store } from '../../store/db.js';
import type { WatchOverview } from '../../store/overview.js';
import { allow } from '../access.js';
import { isoTime, orderedRange, watchId } from '../query.js';

const DAY_MS = 86_400_000;

export const OverviewQuery = z
  .object({ watch: watchId.optional(), from: isoTime.optional(), to: isoTime.optional() })
  .strict()
  .superRefine(orderedRange);

/** GET /overview. */
export interface OverviewBody {
  from: Date;
  to: Date;
  items: WatchOverview[];
}

/** Per watch: open alerts by severity, top intents and spikes in the range (default: last 7 days). */
export function overviewRouter(store: Store): Router {
  const router = Router();
  router.get('/overview', allow('read'), async (req, res) => {
    const query = OverviewQuery.parse(req.query);
    const to = query.to ?? new Date();
    const from = query.from ?? new Date(to.getTime() - 7 * DAY_MS);
    const items = await store.overview.watches({ from, to, watchId: query.watch });
    res.json({ from, to, items } satisfies OverviewBody);
  });
  return router;
}
