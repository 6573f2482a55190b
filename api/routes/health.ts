import { Router } from 'express';
import type { Redis } from 'ioredis';
import type { Store } from '../../store/db.js';

async function check(probe: () => Promise<unknown>, timeoutMs = 2000): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/healthz` is liveness: the process answers, so there is no reason to restart it (a store outage
 * is not cured by a restart). `/readyz` is readiness: 200 when Redis and MongoDB both answer, else
 * 503 naming what failed, so a load balancer stops sending traffic until they are back.
 */
export function healthRouter(store: Store, redis: Redis): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [redisState, mongoState] = await Promise.all([
      check(() => redis.ping()),
      check(() => store.ping()),
    ]);
    const ok = redisState === 'ok' && mongoState === 'ok';
    res
      .status(ok ? 200 : 503)
      .json({ status: ok ? 'ok' : 'unavailable', redis: redisState, mongodb: mongoState });
  });
  return router;
}
