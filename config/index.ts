import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { EnvSchema, type Env } from './schema.js';

export interface Config {
  redisUrl: string;
  mongo: { url: string; db: string };
  queuePrefix: string;
  api: { port: number; host: string };
  logLevel: Env['LOG_LEVEL'];
  watchesFile: string | undefined;
  scheduler: { tick: string; sweepSchedule: string; sweepGraceMs: number };
  worker: { concurrency: number; flagConcurrency: number; lockMs: number; attempts: number };
  poll: { pageSize: number; maxPages: number; httpTimeoutMs: number };
  sources: {
    hackernews: { apiUrl: string };
    reddit: { apiUrl: string; userAgent: string };
  };
  flag: FlagThresholds;
}

/** Thresholds of the flag stage; see README "Alerts". */
export interface FlagThresholds {
  negativeScore: number;
  repeatNegative: number;
  windowHours: number;
  largeAudience: number;
  advocateMinPositive: number;
  advocateMinDays: number;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
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
  return Object.freeze(toConfig(result.data));
}

function toConfig(env: Env): Config {
  return {
    redisUrl: env.REDIS_URL,
    mongo: { url: env.MONGODB_URL, db: env.MONGODB_DB },
    queuePrefix: env.QUEUE_PREFIX,
    api: { port: env.PORT, host: env.HOST },
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
      httpTimeoutMs: env.HTTP_TIMEOUT_MS,
    },
    sources: {
      hackernews: { apiUrl: env.HN_API_URL },
      reddit: { apiUrl: env.REDDIT_API_URL, userAgent: env.REDDIT_USER_AGENT },
    },
    flag: {
      negativeScore: env.FLAG_NEGATIVE_SCORE,
      repeatNegative: env.FLAG_REPEAT_NEGATIVE,
      windowHours: env.FLAG_WINDOW_HOURS,
      largeAudience: env.FLAG_LARGE_AUDIENCE,
      advocateMinPositive: env.ADVOCATE_MIN_POSITIVE,
      advocateMinDays: env.ADVOCATE_MIN_DAYS,
    },
  };
}
