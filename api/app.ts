import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../config/logger.js';
import type { Store } from '../store/db.js';
import { notFound, problemHandler } from './problem.js';
import { advocatesRouter } from './routes/advocates.js';
import { alertsRouter } from './routes/alerts.js';
import { healthRouter } from './routes/health.js';
import { mentionsRouter } from './routes/mentions.js';
import { statsRouter } from './routes/stats.js';

export interface ApiDeps {
  store: Store;
  redis: Redis;
  log: Logger;
}

export function createApp({ store, redis, log }: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: log,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  app.use(express.json({ limit: '100kb' }));
  app.use(healthRouter(store, redis));
  app.use(alertsRouter(store));
  app.use(advocatesRouter(store));
  app.use(mentionsRouter(store));
  app.use(statsRouter(store));
  app.use(notFound);
  app.use(problemHandler(log));
  return app;
}
