import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { SourceName } from '../domain/mention.js';

/** Requests per minute a source may be sent, across every watch and every worker process. */
export type SourceRates = Partial<Record<SourceName, number>>;

/**
 * Earshot's own request quota per source (per source and host where a source has many hosts, such
 * as Mastodon instances or feeds), in Redis so that all workers share it. BullMQ's own limiter is
 * per queue, and one poll queue serves every source, so it cannot keep one busy source from
 * starving the others; this one is asked before each request instead.
 */
export class SourceQuota {
  private readonly limiters = new Map<SourceName, RateLimiterRedis>();

  constructor(redis: Redis, prefix: string, rates: SourceRates) {
    for (const [source, perMinute] of Object.entries(rates) as Array<[SourceName, number]>) {
      this.limiters.set(
        source,
        new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: `${prefix}:quota:${source}`,
          points: perMinute,
          duration: 60,
        }),
      );
    }
  }

  /** Takes one request from the quota: 0 when granted, else how many ms until one is free. */
  async take(source: SourceName, key: string): Promise<number> {
    const limiter = this.limiters.get(source);
    if (!limiter) {
      return 0;
    }
    try {
      await limiter.consume(key);
      return 0;
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        return Math.max(1, error.msBeforeNext);
      }
      throw error;
    }
  }
}
