import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { Router } from 'express';
import { allow } from '../access.js';
import type { ApiMetrics } from '../metrics.js';

export const BULL_BOARD_PATH = '/admin/queues';

/** Prometheus metrics and the bull-board queue dashboard, for admins. */
export function opsRouter(metrics: ApiMetrics, queues: Queue[]): Router {
  const router = Router();
  router.get('/metrics', allow('ops'), metrics.serve);
  const board = new ExpressAdapter();
  board.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter: board,
  });
  router.use(BULL_BOARD_PATH, allow('ops'), board.getRouter() as Router);
  return router;
}
