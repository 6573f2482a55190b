import { createServer, type Server } from 'node:http';
import { Redis } from 'ioredis';
import { createApp } from './api/app.js';
import { loadConfig, type Config } from './config/index.js';
import { ConfigError } from './domain/errors.js';
import { createLogger, type Logger } from './config/logger.js';
import { loadWatchesFile } from './config/watches.js';
import { egressPolicy } from './domain/egress-policy.js';
import { setEgressPolicy } from './egress/settings.js';
import { Producer } from './jobs/producer.js';
import { Scheduler } from './jobs/scheduler.js';
import { Sweeper } from './jobs/sweeper.js';
import { RetrainSchedule } from './services/learning/schedule.js';
import { connectStore, type Store } from './store/db.js';
import { startWorkers } from './workers/index.js';
import { SourceQuota } from './sources/quota.js';
import { systemClock } from './sources/clock.js';
import { createConnectors } from './sources/index.js';

const ROLES = ['api', 'worker', 'scheduler'] as const;
type Role = (typeof ROLES)[number];

function parseRoles(arg: string | undefined): Role[] {
  if (arg === undefined || arg === 'all') {
    return [...ROLES];
  }
  const roles = arg.split(',');
  const unknown = roles.find((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown !== undefined) {
    throw new ConfigError([`role "${unknown}" is not one of all, ${ROLES.join(', ')}`]);
  }
  return roles as Role[];
}

async function connectRedis(config: Config): Promise<Redis> {
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  redis.on('error', () => undefined); // reconnects on its own; failures surface in /healthz and jobs
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer in 5 s')), 5000)),
    ]);
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new ConfigError([`REDIS_URL: cannot reach Redis: ${(error as Error).message}`]);
  }
  return redis;
}

async function openStore(config: Config): Promise<Store> {
  try {
    return await connectStore(config.mongo.url, config.mongo.db, config.mongo.statsFile);
  } catch (error) {
    throw new ConfigError([`MONGODB_URL: cannot reach MongoDB: ${(error as Error).message}`]);
  }
}

async function main(): Promise<void> {
  const roles = parseRoles(process.argv[2]);
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  setEgressPolicy(egressPolicy(config.egressAllow));
  const watches = config.watchesFile ? loadWatchesFile(config.watchesFile) : [];
  const redis = await connectRedis(config);
  const store = await openStore(config);
  for (const watch of watches) {
    await store.watches.upsert(watch);
  }
  const producer = new Producer(redis, config.queuePrefix, config.worker.attempts, config.notify);
  await producer.applyLimits(config.worker.flagConcurrency);
  // The flag queue's global limit lives in Redis: a Redis restarted without persistence forgets it,
  // and flag jobs would then run side by side. Set it again on every reconnection.
  redis.on('ready', () => {
    producer.applyLimits(config.worker.flagConcurrency).catch((error: unknown) => {
      log.error({ err: error }, 'could not restore the flag concurrency limit');
    });
  });
  const stops: Array<() => Promise<void>> = [];

  if (roles.includes('worker')) {
    const workers = startWorkers(redis, {
      config,
      store,
      producer,
      connectors: createConnectors(config, redis, systemClock),
      quota: new SourceQuota(redis, config.queuePrefix, config.sources.rates),
      log,
    });
    stops.push(async () => {
      await Promise.all(workers.map((worker) => worker.close()));
    });
  }
  if (roles.includes('scheduler')) {
    const scheduler = new Scheduler(store, producer, log);
    const sweeper = new Sweeper(store, producer, log, config.scheduler.sweepGraceMs);
    const retrain = new RetrainSchedule(store, producer, log, config.learning.retrainSchedule);
    scheduler.start(config.scheduler.tick);
    sweeper.start(config.scheduler.sweepSchedule);
    retrain.start();
    stops.unshift(
      () => scheduler.stop(),
      () => sweeper.stop(),
      () => retrain.stop(),
    );
  }
  if (roles.includes('api')) {
    if (config.api.adminKey) {
      await store.keys.ensureAdmin(config.api.adminKey);
    }
    if (config.web.admin) {
      await store.users.ensureAdmin(config.web.admin.email, config.web.admin.password);
    }
    const app = createApp({
      store,
      redis,
      log,
      queues: Object.values(producer.queues),
      producer,
      webhook: config.webhook,
      retrainEvery: config.learning.retrainEvery,
      rescoreDays: config.learning.rescoreDays,
      options: {
        keyPrefix: config.queuePrefix,
        corsOrigins: config.api.corsOrigins,
        rateLimitPerMinute: config.api.rateLimitPerMinute,
        ipLimits: {
          perMinute: config.api.ipRateLimitPerMinute,
          authFailuresPerMinute: config.api.authFailuresPerMinute,
        },
        trustProxy: config.api.trustProxy,
        ingestInFlight: config.api.ingestInFlight,
        ingestReadMs: config.api.ingestReadMs,
        stream: config.api.streams,
        queryTimeoutMs: config.api.queryTimeoutMs,
        sessions: { idleMs: config.web.sessionIdleMs, maxMs: config.web.sessionMaxMs },
      },
    });
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(config.api.port, config.api.host, resolve));
    const url = `http://${config.api.host}:${config.api.port}`;
    log.info({ url, app: `${url}/app/` }, 'API and web app listening');
    stops.unshift(() => closeServer(server));
  }
  log.info({ roles, watches: watches.length }, 'earshot started');
  onShutdown(log, async () => {
    for (const stop of stops) {
      await stop();
    }
    await producer.close();
    await store.close();
    redis.disconnect();
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/** SIGTERM/SIGINT: stop taking work, let active jobs finish, then exit; a second signal forces it. */
function onShutdown(log: Logger, drain: () => Promise<void>): void {
  let draining = false;
  const handler = (signal: string) => {
    if (draining) {
      process.exit(1);
    }
    draining = true;
    log.info({ signal }, 'draining before exit');
    drain().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`earshot: ${error.message}\n`);
  } else {
    process.stderr.write(`earshot: failed to start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
