import { Router } from 'express';
import { z } from 'zod';
import { ALERT_STATUSES, ALERT_TYPES } from '../../domain/alert.js';
import type { Store } from '../../store/db.js';
import { cursor, limit, page, watchId } from '../query.js';

const AlertsQuery = z
  .object({
    type: z.enum(ALERT_TYPES).optional(),
    status: z.enum(ALERT_STATUSES).optional(),
    watch: watchId.optional(),
    limit,
    cursor,
  })
  .strict();

export function alertsRouter(store: Store): Router {
  const router = Router();
  router.get('/alerts', async (req, res) => {
    const query = AlertsQuery.parse(req.query);
    const alerts = await store.alerts.list(
      { type: query.type, status: query.status, watchId: query.watch },
      query.limit + 1,
      query.cursor ?? null,
    );
    res.json(page(alerts, query.limit));
  });
  return router;
}
