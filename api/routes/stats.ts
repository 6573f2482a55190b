import { Router } from 'express';
import { z } from 'zod';
import { sumByDay } from '../../analysis/buckets.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { HourRollup } from '../../store/rollups.js';
import type { Store } from '../../store/db.js';
import type { ReadBudget } from '../../store/read-budget.js';
import { allow } from '../access.js';
import { watchId } from '../query.js';

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 400;

export const StatsQuery = z
  .object({
    watch: watchId.optional(),
    bucket: z.enum(['hour', 'day']).default('hour'),
    from: z.iso.datetime({ offset: true }).pipe(z.coerce.date()).optional(),
    to: z.iso.datetime({ offset: true }).pipe(z.coerce.date()).optional(),
  })
  .strict();

/** GET /stats: per watch, the mentions of each bucket by sentiment. */
export interface StatsBody {
  bucket: 'hour' | 'day';
  from: Date;
  to: Date;
  series: Array<{ watchId: string; buckets: Array<Pick<HourRollup, 'start' | 'counts'>> }>;
}

function byWatch(rows: HourRollup[]): Map<string, HourRollup[]> {
  const groups = new Map<string, HourRollup[]>();
  for (const row of rows) {
    groups.set(row.watchId, [...(groups.get(row.watchId) ?? []), row]);
  }
  return groups;
}

/** Mention volume and sentiment split per watch, per hour or day, from the hourly rollups. */
export function statsRouter(store: Store, budget: ReadBudget = {}): Router {
  const router = Router();
  router.get('/stats', allow('read'), async (req, res) => {
    const query = StatsQuery.parse(req.query);
    const to = query.to ?? new Date();
    const from = query.from ?? new Date(to.getTime() - 7 * DAY_MS);
    if (from >= to || to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
      throw new InvalidInputError(`from: must be before to, at most ${MAX_RANGE_DAYS} days apart`);
    }
    const hours = await store.rollups.list({ watchId: query.watch, from, to }, budget);
    const series = [...byWatch(hours)].map(([watch, rows]) => ({
      watchId: watch,
      buckets:
        query.bucket === 'hour'
          ? rows.map(({ start, counts }) => ({ start, counts }))
          : sumByDay(rows),
    }));
    res.json({ bucket: query.bucket, from, to, series } satisfies StatsBody);
  });
  return router;
}
