import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { RateLimitedError } from '../domain/errors.js';

export interface IpLimits {
  /** Requests per client IP per minute, any route, before the key is looked at. */
  perMinute: number;
  /** Failed authentications (401) per client IP per minute; past it, no key is looked up. */
  authFailuresPerMinute: number;
}

function redisStore(redis: Redis, prefix: string): RedisStore {
  return new RedisStore({
    prefix,
    sendCommand: (command: string, ...args: string[]) =>
      redis.call(command, ...args) as Promise<RedisReply>,
  });
}

/** The client's address as `trust proxy` decides it (TRUST_PROXY); IPv6 by its /56. */
const clientIp = (req: Request): string => ipKeyGenerator(req.ip ?? 'unknown');

/**
 * Two per-IP limits that run before authentication, counted in Redis so that every replica shares
 * them: one on all requests, and a tighter one on requests that end in 401, so that guessing keys
 * or signatures is slow and costs no store lookup once the budget is spent.
 */
export function perIpRateLimits(redis: Redis, prefix: string, limits: IpLimits): RequestHandler[] {
  const common = {
    windowMs: 60_000,
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
    keyGenerator: clientIp,
    // A proxy's header without TRUST_PROXY is ignored on purpose; no warning per request.
    validate: { xForwardedForHeader: false },
  };
  return [
    rateLimit({
      ...common,
      limit: limits.perMinute,
      identifier: 'ip',
      store: redisStore(redis, `${prefix}:ratelimit-ip:`),
      handler: (_req, _res, next) => {
        next(
          new RateLimitedError(
            `client: more than ${limits.perMinute} requests a minute from this address`,
          ),
        );
      },
    }),
    rateLimit({
      ...common,
      limit: limits.authFailuresPerMinute,
      identifier: 'auth-failures',
      skipSuccessfulRequests: true,
      requestWasSuccessful: (_req, res) => res.statusCode !== 401,
      store: redisStore(redis, `${prefix}:ratelimit-authfail:`),
      handler: (_req, _res, next) => {
        next(
          new RateLimitedError(
            `authorization: more than ${limits.authFailuresPerMinute} failed authentications a minute from this address`,
          ),
        );
      },
    }),
  ];
}
