import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ProviderBlockedError } from '../domain/errors.js';
import type { Clock } from './clock.js';

/** A provider's own "wait until": set by a 429, a spent quota, a throttle or a backoff. */
export interface ProviderBlock {
  /** The key the block is kept under: `source|host|credential[|method]`. */
  key: string;
  /** Epoch ms when the provider said calls may resume. */
  until: number;
  /** What the provider answered (status, error name, header); never a credential. */
  reason: string;
}

/** Where blocks live: Redis in the service (shared by every worker), memory in unit tests. */
export interface BlockStore {
  get(keys: string[]): Promise<Array<ProviderBlock | null>>;
  /** Keeps the block until `until` unless a later one is kept already. */
  set(block: ProviderBlock, ttlMs: number): Promise<void>;
  list(): Promise<ProviderBlock[]>;
}

/** The scope of one request: whose limits it counts against. */
export interface LimitScope {
  source: string;
  /** The URL's host: Mastodon instances, feeds, a test server each have their own limits. */
  host: string;
  /** The credential the request carries (hashed into the key), or null for anonymous calls. */
  credential: string | null;
  /** The API method, for providers that limit per method (Stack Exchange's `backoff`). */
  method?: string;
}

/** A credential as a key part: a short digest, so the secret never reaches Redis or a log. */
function credentialPart(credential: string | null): string {
  return credential
    ? `cred-${createHash('sha256').update(credential).digest('hex').slice(0, 12)}`
    : 'anon';
}

export function scopeKey(scope: LimitScope, perMethod = false): string {
  const base = `${scope.source}|${scope.host}|${credentialPart(scope.credential)}`;
  return perMethod && scope.method ? `${base}|${scope.method}` : base;
}

/** Blocks in memory: one process only, for unit tests and tools without Redis. */
export class MemoryBlockStore implements BlockStore {
  private readonly blocks = new Map<string, ProviderBlock>();

  constructor(private readonly now: Clock) {}

  get(keys: string[]): Promise<Array<ProviderBlock | null>> {
    return Promise.resolve(
      keys.map((key) => {
        const block = this.blocks.get(key);
        return block && block.until > this.now() ? block : null;
      }),
    );
  }

  set(block: ProviderBlock): Promise<void> {
    const kept = this.blocks.get(block.key);
    if (!kept || kept.until < block.until) {
      this.blocks.set(block.key, block);
    }
    return Promise.resolve();
  }

  list(): Promise<ProviderBlock[]> {
    return Promise.resolve([...this.blocks.values()].filter((block) => block.until > this.now()));
  }
}

// Keeps the later of two blocks: a short backoff must not shorten a day-long quota block.
const SET_LATER = `
local kept = redis.call('GET', KEYS[1])
if kept then
  local keptUntil = tonumber(cjson.decode(kept)['until'])
  if keptUntil and keptUntil >= tonumber(ARGV[2]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1`;

/** Blocks in Redis under `<prefix>:limit:`, expiring with the block, shared by all workers. */
export class RedisBlockStore implements BlockStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private redisKey(key: string): string {
    return `${this.prefix}:limit:${key}`;
  }

  async get(keys: string[]): Promise<Array<ProviderBlock | null>> {
    if (keys.length === 0) {
      return [];
    }
    const values = await this.redis.mget(keys.map((key) => this.redisKey(key)));
    return values.map((value) => (value ? (JSON.parse(value) as ProviderBlock) : null));
  }

  async set(block: ProviderBlock, ttlMs: number): Promise<void> {
    await this.redis.eval(
      SET_LATER,
      1,
      this.redisKey(block.key),
      JSON.stringify(block),
      String(block.until),
      String(Math.max(1, Math.ceil(ttlMs))),
    );
  }

  async list(): Promise<ProviderBlock[]> {
    const blocks: ProviderBlock[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', this.redisKey('*'), 'COUNT', 200);
      cursor = next;
      const values = keys.length > 0 ? await this.redis.mget(keys) : [];
      for (const value of values) {
        if (value) {
          blocks.push(JSON.parse(value) as ProviderBlock);
        }
      }
    } while (cursor !== '0');
    return blocks;
  }
}

/**
 * The one place that remembers what providers asked: a 429, a spent quota, a throttle or a backoff
 * blocks that provider (per credential and host, and per method where the provider says so) until
 * its reset. Every connector asks before each request; a blocked request is never sent.
 */
export class ProviderLimits {
  constructor(
    private readonly store: BlockStore,
    private readonly now: Clock,
  ) {}

  /** Throws ProviderBlockedError when the scope (or its method) is blocked. */
  async check(scope: LimitScope): Promise<void> {
    const keys = [scopeKey(scope)];
    if (scope.method) {
      keys.push(scopeKey(scope, true));
    }
    const now = this.now();
    const blocks = (await this.store.get(keys)).filter(
      (block): block is ProviderBlock => block !== null && block.until > now,
    );
    const latest = blocks.sort((a, b) => b.until - a.until)[0];
    if (latest) {
      throw new ProviderBlockedError(latest.key, latest.until, latest.until - now, latest.reason);
    }
  }

  /** Blocks the scope (the whole credential, or only its method) for `waitMs` from now. */
  async block(scope: LimitScope, waitMs: number, reason: string, perMethod = false): Promise<void> {
    const wait = Math.max(1000, waitMs);
    const block = { key: scopeKey(scope, perMethod), until: this.now() + wait, reason };
    await this.store.set(block, wait);
  }

  /** Blocks in force now (for /metrics). */
  async active(): Promise<ProviderBlock[]> {
    const now = this.now();
    return (await this.store.list()).filter((block) => block.until > now);
  }
}

/** Limits kept in this process only (tests of one connector, tools). */
export function memoryLimits(now: Clock): ProviderLimits {
  return new ProviderLimits(new MemoryBlockStore(now), now);
}
