import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { RateLimitedError } from '../domain/errors.js';

export interface SignInLimits {
  /** Failed sign-ins one account may have in the window before it is locked for the rest of it. */
  perAccount: number;
  /** Failed sign-ins one address may have in the window (password spraying across accounts). */
  perIp: number;
  windowS: number;
}

export const SIGN_IN_DEFAULTS: SignInLimits = { perAccount: 5, perIp: 30, windowS: 15 * 60 };

/** Counts failed sign-ins per account and per IP in Redis, shared by every API replica. */
export class SignInThrottle {
  private readonly account: RateLimiterRedis;
  private readonly ip: RateLimiterRedis;

  constructor(
    redis: Redis,
    prefix: string,
    readonly limits: SignInLimits,
  ) {
    const common = { storeClient: redis, duration: limits.windowS };
    this.account = new RateLimiterRedis({
      ...common,
      keyPrefix: `${prefix}:signin:account`,
      points: limits.perAccount,
    });
    this.ip = new RateLimiterRedis({
      ...common,
      keyPrefix: `${prefix}:signin:ip`,
      points: limits.perIp,
    });
  }

  /** Throws 429, saying when to try again, once either budget of failures is spent. */
  async check(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([this.account.get(email), this.ip.get(ip)]);
    const blocked = [
      { res: account, max: this.limits.perAccount, what: 'this account' },
      { res: address, max: this.limits.perIp, what: 'this address' },
    ].find(({ res, max }) => res !== null && res.consumedPoints >= max);
    if (blocked?.res) {
      const minutes = Math.max(1, Math.ceil(blocked.res.msBeforeNext / 60_000));
      throw new RateLimitedError(
        `email: too many failed sign-ins for ${blocked.what}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      );
    }
  }

  async failed(email: string, ip: string): Promise<void> {
    await Promise.all([this.account.penalty(email, 1), this.ip.penalty(ip, 1)]);
  }

  /** A right password clears the account's count (not the address's). */
  async succeeded(email: string): Promise<void> {
    await this.account.delete(email);
  }
}
