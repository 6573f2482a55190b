import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

// Holds the key for this job (or keeps it when it holds it already); 0 when another job holds it.
const CLAIM = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/**
 * One poll per watch×source waits out a provider's block. The scheduler adds a poll at every tick
 * of the watch's schedule; during a 20-hour quota wait each of them would meet the block and wait
 * too, and all of them would run at the reset, each spending the provider's fresh quota on what the
 * first one fetches (every poll reads from the stored cursor). So the first poll of a watch×source
 * to meet the block (or to be refused by the provider) holds the wait, in Redis until the reset,
 * and later polls of the same watch×source are dropped: the one that waits fetches what they would.
 */
export class ProviderWaits {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(watchId: string, sourceKey: string): string {
    const digest = createHash('sha256').update(`${watchId}\n${sourceKey}`).digest('hex');
    return `${this.prefix}:limit-wait:${digest.slice(0, 24)}`;
  }

  /** True when this job is the one that waits for the reset (`waitMs` from now) of its source. */
  async claim(
    jobId: string,
    poll: { watchId: string; sourceKey: string },
    waitMs: number,
  ): Promise<boolean> {
    const ttl = String(Math.max(1000, Math.ceil(waitMs)));
    const held = await this.redis.eval(
      CLAIM,
      1,
      this.key(poll.watchId, poll.sourceKey),
      jobId,
      ttl,
    );
    return held === 1;
  }
}
