import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Db } from 'mongodb';
import { loadConfig, type Config } from '../../config/index.js';
import { createLogger } from '../../config/logger.js';
import { egressPolicy } from '../../domain/egress-policy.js';
import { setEgressPolicy } from '../../egress/settings.js';
import { Producer } from '../../jobs/producer.js';
import { connectStore, type Store } from '../../store/db.js';
import type { StageDeps } from '../../workers/deps.js';
import type { Clock } from '../../sources/clock.js';
import { createConnectors } from '../../sources/index.js';
import { SourceQuota } from '../../sources/quota.js';
import { FIXTURE_NOW, runningClock } from './clock.js';
import { openTestDb } from './db.js';

/** Settings for one test file: its own database and queue prefix on the shared services. */
export function testSettings(
  name: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const id = `t_${name}_${randomBytes(3).toString('hex')}`;
  return {
    REDIS_URL: process.env.REDIS_URL ?? '',
    MONGODB_URL: process.env.MONGODB_URL ?? '',
    MONGODB_DB: id,
    QUEUE_PREFIX: id,
    LOG_LEVEL: 'silent',
    // The fake sources and channels listen on loopback, which Earshot refuses unless allowed.
    EGRESS_ALLOW: '127.0.0.1,::1',
    ...extra,
  };
}

export interface TestRig {
  config: Config;
  settings: Record<string, string>;
  store: Store;
  /** The test's database, for looking at documents directly (the store has repositories only). */
  db: Db;
  redis: Redis;
  producer: Producer;
  deps: StageDeps;
  cleanup(): Promise<void>;
}

/** Connects to the real services with a fresh database and queue prefix; cleanup drops both. */
export async function createRig(
  name: string,
  extra: Record<string, string> = {},
  now: Clock = runningClock(FIXTURE_NOW),
): Promise<TestRig> {
  const settings = testSettings(name, extra);
  const config = loadConfig(settings);
  setEgressPolicy(egressPolicy(config.egressAllow));
  const store = await connectStore(config.mongo.url, config.mongo.db);
  const direct = await openTestDb(config.mongo.url, config.mongo.db);
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const producer = new Producer(redis, config.queuePrefix, config.worker.attempts, config.notify);
  await producer.applyLimits(config.worker.flagConcurrency);
  const log = createLogger('silent');
  const deps: StageDeps = {
    config,
    store,
    producer,
    connectors: createConnectors(config, redis, now),
    quota: new SourceQuota(redis, config.queuePrefix, config.sources.rates),
    log,
  };
  return {
    config,
    settings,
    store,
    db: direct.db,
    redis,
    producer,
    deps,
    async cleanup() {
      await Promise.all(
        Object.values(producer.queues).map((queue) => queue.obliterate({ force: true })),
      );
      await producer.close();
      // What the connectors keep in Redis: providers' blocks, the Bluesky session.
      for (const kind of ['limit', 'bluesky-session']) {
        const keys = await redis.keys(`${config.queuePrefix}:${kind}:*`);
        if (keys.length > 0) {
          await redis.del(...keys);
        }
      }
      await direct.db.dropDatabase();
      await direct.close();
      await store.close();
      redis.disconnect();
    },
  };
}

/** Polls until `check` returns true or the time runs out (then fails with `what`). */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}
