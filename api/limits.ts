import cors from 'cors';
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { RateLimitedError } from '../domain/errors.js';
import { principalOf } from './access.js';

/** Requests per key per minute, counted in Redis so that every API replica shares one budget. */
export function perKeyRateLimit(redis: Redis, prefix: string, perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (_req, res) => principalOf(res).name,
    skip: (_req, res) => res.locals.principal === undefined,
    store: new RedisStore({
      prefix: `${prefix}:ratelimit:`,
      sendCommand: (command: string, ...args: string[]) =>
        redis.call(command, ...args) as Promise<RedisReply>,
    }),
    handler: (_req, _res, next) => {
      next(
        new RateLimitedError(
          `authorization: this key made more than ${perMinute} requests in a minute`,
        ),
      );
    },
  });
}

/** CORS only for the configured origins; with none configured, no CORS headers at all. */
export function corsFor(origins: string[]): RequestHandler | null {
  return origins.length === 0 ? null : cors({ origin: origins, maxAge: 600 });
}
