import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../domain/errors.js';
import type { SourceName } from '../domain/mention.js';
import type { AlertSettings } from '../domain/alert-settings.js';
import { allowEntries } from '../domain/egress-policy.js';
import { alertSettingsFromEnv } from './alerting.js';
import { EnvSchema, type Env } from './schema.js';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.js';

export interface Config {
  redisUrl: string;
  mongo: { url: string; db: string; statsFile: string | undefined };
  queuePrefix: string;
  api: {
    port: number;
    host: string;
    adminKey: string | undefined;
    corsOrigins: string[];
    rateLimitPerMinute: number;
    ipRateLimitPerMinute: number;
    authFailuresPerMinute: number;
    trustProxy: TrustProxy;
    ingestInFlight: number;
    ingestReadMs: number;
    streams: { perKey: number; total: number };
    queryTimeoutMs: number;
  };
  web: {
    admin: { email: string; password: string } | null;
    sessionIdleMs: number;
    sessionMaxMs: number;
  };
  logLevel: Env['LOG_LEVEL'];
  watchesFile: string | undefined;
  scheduler: { tick: string; sweepSchedule: string; sweepGraceMs: number };
  worker: { concurrency: number; flagConcurrency: number; lockMs: number; attempts: number };
  poll: { pageSize: number; maxPages: number; flagBatch: number; httpTimeoutMs: number };
  sources: {
    hackernews: { apiUrl: string };
    reddit: { apiUrl: string; userAgent: string };
    mastodon: { defaultUrl: string; token: string | undefined };
    bluesky: {
      apiUrl: string;
      identifier: string | undefined;
      appPassword: string | undefined;
    };
    appstore: { apiUrl: string };
    /** Requests per minute per source (per host for many-host sources), across all workers. */
    rates: Partial<Record<SourceName, number>>;
    youtube: { apiUrl: string; apiKey: string | null; searchMaxVideos: number };
    /** `capResetDay`: the day of the month X resets the project's Post cap, when known. */
    x: { apiUrl: string; bearerToken: string | null; capResetDay: number | null };
    stackexchange: { apiUrl: string; key: string | null };
  };
  webhook: { secret: string | null; maxSkewS: number };
  /** EGRESS_ALLOW's entries: hosts and ranges outbound requests may reach besides public ones. */
  egressAllow: string[];
  /** Defaults of the alert scores; a watch may override each (see README "Alerts"). */
  flag: AlertSettings;
  notify: { attempts: number; backoffMs: number; timeoutMs: number; failLimit: number };
  /** Per-watch models learned from corrections: when to retrain, how far back to re-score. */
  learning: { retrainEvery: number; retrainSchedule: string; rescoreDays: number };
}

type RawEnv = Record<string, string | undefined>;

/** Settings from EARSHOT_CONFIG_FILE (a JSON object of the same variable names), under the environment. */
function readConfigFile(env: RawEnv): RawEnv {
  const path = env.EARSHOT_CONFIG_FILE;
  if (!path) {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError([
      `EARSHOT_CONFIG_FILE: cannot read ${path}: ${(error as Error).message}`,
    ]);
  }
  const result = z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .safeParse(parsed);
  if (!result.success) {
    throw new ConfigError([`EARSHOT_CONFIG_FILE: ${path} must hold one JSON object of settings`]);
  }
  return Object.fromEntries(
    Object.entries(result.data).map(([key, value]) => [key, String(value)]),
  );
}

/** Drops empty strings so that `FOO=` means "unset", as in most shells' env files. */
function withoutEmpty(env: RawEnv): RawEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
}

/** Reads and validates every setting, reporting every bad variable at once. */
export function loadConfig(env: RawEnv = process.env): Config {
  const merged = { ...readConfigFile(env), ...withoutEmpty(env) };
  const result = EnvSchema.safeParse(merged);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const missing = merged[name] === undefined;
        return `${name}: ${missing ? 'is required but not set' : issue.message}`;
      }),
    );
  }
  const halves = PAIRS.flatMap(([a, b]) =>
    Boolean(result.data[a]) === Boolean(result.data[b])
      ? []
      : [`${result.data[a] ? b : a}: is required when the other of ${a}/${b} is set`],
  );
  if (halves.length > 0) {
    throw new ConfigError(halves);
  }
  return Object.freeze(toConfig(result.data));
}

/** Settings that only work together: one without the other is a mistake, not a choice. */
const PAIRS: Array<[keyof Env, keyof Env]> = [
  ['ADMIN_EMAIL', 'ADMIN_PASSWORD'],
  // A Bluesky session needs both; either alone would only fail at the first Bluesky poll.
  ['BLUESKY_IDENTIFIER', 'BLUESKY_APP_PASSWORD'],
];

function toConfig(env: Env): Config {
  return {
    redisUrl: env.REDIS_URL,
    mongo: { url: env.MONGODB_URL, db: env.MONGODB_DB, statsFile: env.STORE_STATS_FILE },
    queuePrefix: env.QUEUE_PREFIX,
    api: {
      port: env.PORT,
      host: env.HOST,
      adminKey: env.ADMIN_API_KEY,
      corsOrigins: env.CORS_ORIGINS?.split(',').map((origin) => origin.trim()) ?? [],
      rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
      ipRateLimitPerMinute: env.IP_RATE_LIMIT_PER_MINUTE,
      authFailuresPerMinute: env.AUTH_FAILURES_PER_MINUTE,
      trustProxy: parseTrustProxy(env.TRUST_PROXY) as TrustProxy,
      ingestInFlight: env.INGEST_MAX_IN_FLIGHT,
      ingestReadMs: env.INGEST_READ_TIMEOUT_MS,
      streams: { perKey: env.STREAMS_PER_KEY, total: env.STREAMS_MAX },
      queryTimeoutMs: env.API_QUERY_TIMEOUT_MS,
    },
    web: {
      admin:
        env.ADMIN_EMAIL && env.ADMIN_PASSWORD
          ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }
          : null,
      sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
      sessionMaxMs: env.SESSION_MAX_HOURS * 3_600_000,
    },
    logLevel: env.LOG_LEVEL,
    watchesFile: env.WATCHES_FILE,
    scheduler: {
      tick: env.SCHEDULER_TICK,
      sweepSchedule: env.SWEEP_SCHEDULE,
      sweepGraceMs: Math.round(env.SWEEP_GRACE_MINUTES * 60_000),
    },
    worker: {
      concurrency: env.WORKER_CONCURRENCY,
      flagConcurrency: env.FLAG_CONCURRENCY,
      lockMs: env.WORKER_LOCK_MS,
      attempts: env.JOB_ATTEMPTS,
    },
    poll: {
      pageSize: env.POLL_PAGE_SIZE,
      maxPages: env.POLL_MAX_PAGES,
      flagBatch: env.FLAG_BATCH_SIZE,
      httpTimeoutMs: env.HTTP_TIMEOUT_MS,
    },
    sources: {
      hackernews: { apiUrl: env.HN_API_URL },
      reddit: { apiUrl: env.REDDIT_API_URL, userAgent: env.REDDIT_USER_AGENT },
      rates: {
        hackernews: env.HN_REQUESTS_PER_MINUTE,
        reddit: env.REDDIT_REQUESTS_PER_MINUTE,
        mastodon: env.MASTODON_REQUESTS_PER_MINUTE,
        bluesky: env.BLUESKY_REQUESTS_PER_MINUTE,
        rss: env.RSS_REQUESTS_PER_MINUTE,
        appstore: env.APPSTORE_REQUESTS_PER_MINUTE,
      },
      mastodon: { defaultUrl: env.MASTODON_URL, token: env.MASTODON_TOKEN },
      bluesky: {
        apiUrl: env.BLUESKY_API_URL,
        identifier: env.BLUESKY_IDENTIFIER,
        appPassword: env.BLUESKY_APP_PASSWORD,
      },
      appstore: { apiUrl: env.APPSTORE_API_URL },
      youtube: {
        apiUrl: env.YOUTUBE_API_URL,
        apiKey: env.YOUTUBE_API_KEY ?? null,
        searchMaxVideos: env.YOUTUBE_MAX_VIDEOS,
      },
      x: {
        apiUrl: env.X_API_URL,
        bearerToken: env.X_BEARER_TOKEN ?? null,
        capResetDay: env.X_CAP_RESET_DAY ?? null,
      },
      stackexchange: { apiUrl: env.STACKEXCHANGE_API_URL, key: env.STACKEXCHANGE_KEY ?? null },
    },
    webhook: { secret: env.WEBHOOK_SECRET ?? null, maxSkewS: env.WEBHOOK_MAX_SKEW_S },
    egressAllow: allowEntries(env.EGRESS_ALLOW),
    flag: alertSettingsFromEnv(env),
    notify: {
      attempts: env.NOTIFY_ATTEMPTS,
      backoffMs: env.NOTIFY_BACKOFF_MS,
      timeoutMs: env.NOTIFY_TIMEOUT_MS,
      failLimit: env.NOTIFY_FAIL_LIMIT,
    },
    learning: {
      retrainEvery: env.RETRAIN_EVERY,
      retrainSchedule: env.RETRAIN_SCHEDULE,
      rescoreDays: env.RESCORE_DAYS,
    },
  };
}
