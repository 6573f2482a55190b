import { z } from 'zod';
import cron from 'node-cron';
import { allowEntries, allowEntryProblem } from '../domain/egress-policy.js';
import { alertEnvShape } from './alerting.js';
import { parseTrustProxy } from './trust-proxy.js';
import { Password, UserEmail } from '../domain/user.js';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const num = (min: number, max: number) => z.coerce.number().min(min).max(max);
const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((value) => URL.canParse(value) && protocols.includes(new URL(value).protocol), {
      message: `must start with ${protocols.join(' or ')}//`,
    });

/**
 * Every setting Earshot reads, by the environment variable that sets it.
 * The README's configuration reference lists the same names and defaults.
 */
export const EnvSchema = z.object({
  REDIS_URL: url(['redis:', 'rediss:']),
  MONGODB_URL: url(['mongodb:', 'mongodb+srv:']),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/)
    .default('earshot'),
  /** Benchmarks only: count this process's store commands and write them to this file on exit. */
  STORE_STATS_FILE: z.string().min(1).optional(),
  // Braces allowed: a hash tag ({earshot}) keeps every queue key in one Redis Cluster slot.
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}-]{1,40}$/)
    .default('earshot'),
  PORT: int(0, 65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  ADMIN_API_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{24,200}$/, 'at least 24 characters of letters, digits, _ or -')
    .optional(),
  // The web app's sign-in (api/session.ts): an admin user made sure of at start-up and session
  // lifetimes. TRUST_PROXY (below) also decides whether session cookies get Secure.
  ADMIN_EMAIL: UserEmail.optional(),
  ADMIN_PASSWORD: Password.optional(),
  SESSION_IDLE_MINUTES: int(1, 7 * 24 * 60).default(120),
  SESSION_MAX_HOURS: int(1, 90 * 24).default(24),
  CORS_ORIGINS: z
    .string()
    .refine(
      (value) => value.split(',').every((origin) => /^https?:\/\/[^/\s]+$/.test(origin.trim())),
      'a comma-separated list of origins such as https://app.example.com',
    )
    .optional(),
  // Private or loopback hosts and ranges outbound requests may reach (docs/security.md).
  EGRESS_ALLOW: z
    .string()
    .superRefine((value, ctx) => {
      for (const entry of allowEntries(value)) {
        const problem = allowEntryProblem(entry);
        if (problem) {
          ctx.addIssue({ code: 'custom', message: `${problem} (hosts or CIDRs, comma-separated)` });
        }
      }
    })
    .optional(),
  RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(600),
  IP_RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(1200),
  AUTH_FAILURES_PER_MINUTE: int(1, 1_000_000).default(30),
  // Which proxies' X-Forwarded-For decides the client's address for the per-IP limits.
  TRUST_PROXY: z
    .string()
    .superRefine((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if (typeof parsed === 'object' && 'problem' in parsed) {
        ctx.addIssue({ code: 'custom', message: parsed.problem });
      }
    })
    .default('false'),
  INGEST_MAX_IN_FLIGHT: int(1, 10_000).default(16),
  INGEST_READ_TIMEOUT_MS: int(100, 600_000).default(10_000),
  STREAMS_PER_KEY: int(1, 10_000).default(5),
  STREAMS_MAX: int(1, 100_000).default(200),
  API_QUERY_TIMEOUT_MS: int(100, 600_000).default(10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WATCHES_FILE: z.string().optional(),
  SCHEDULER_TICK: z
    .string()
    .refine((expr) => cron.validate(expr), 'not a valid cron expression')
    .default('*/15 * * * * *'),
  SWEEP_SCHEDULE: z
    .string()
    .refine((expr) => cron.validate(expr), 'not a valid cron expression')
    .default('*/5 * * * *'),
  // Fractions allowed (0.05 = 3 s), so that the fault tests can sweep within seconds.
  SWEEP_GRACE_MINUTES: num(0.01, 24 * 60).default(10),
  FLAG_CONCURRENCY: int(1, 64).default(4),
  WORKER_CONCURRENCY: int(1, 64).default(4),
  WORKER_LOCK_MS: int(1000, 600_000).default(30_000),
  JOB_ATTEMPTS: int(1, 50).default(8),
  POLL_PAGE_SIZE: int(1, 1000).default(100),
  POLL_MAX_PAGES: int(1, 10_000).default(20),
  /** Mentions a poll hands to the flag stage at once (larger: fewer store commands per mention). */
  FLAG_BATCH_SIZE: int(1, 1000).default(500),
  HTTP_TIMEOUT_MS: int(100, 120_000).default(15_000),
  HN_API_URL: url(['http:', 'https:']).default('https://hn.algolia.com/api/v1'),
  REDDIT_API_URL: url(['http:', 'https:']).default('https://www.reddit.com'),
  REDDIT_USER_AGENT: z.string().min(1).default('earshot/0.1 (self-hosted social listening)'),
  HN_REQUESTS_PER_MINUTE: int(1, 100_000).default(100),
  REDDIT_REQUESTS_PER_MINUTE: int(1, 100_000).default(10),
  MASTODON_URL: url(['http:', 'https:']).default('https://mastodon.social'),
  MASTODON_TOKEN: z.string().min(1).optional(),
  MASTODON_REQUESTS_PER_MINUTE: int(1, 100_000).default(60),
  // The account's server (PDS / entryway): it opens the session and proxies app.bsky searches.
  BLUESKY_API_URL: url(['http:', 'https:']).default('https://bsky.social'),
  BLUESKY_IDENTIFIER: z.string().min(1).optional(),
  BLUESKY_APP_PASSWORD: z.string().min(1).optional(),
  BLUESKY_REQUESTS_PER_MINUTE: int(1, 100_000).default(100),
  RSS_REQUESTS_PER_MINUTE: int(1, 100_000).default(30),
  APPSTORE_API_URL: url(['http:', 'https:']).default('https://itunes.apple.com'),
  APPSTORE_REQUESTS_PER_MINUTE: int(1, 100_000).default(20),
  YOUTUBE_API_URL: url(['http:', 'https:']).default('https://www.googleapis.com/youtube/v3'),
  YOUTUBE_API_KEY: z.string().min(10).optional(),
  YOUTUBE_MAX_VIDEOS: int(1, 50).default(5),
  X_API_URL: url(['http:', 'https:']).default('https://api.x.com/2'),
  X_BEARER_TOKEN: z.string().min(10).optional(),
  X_CAP_RESET_DAY: int(1, 31).optional(),
  STACKEXCHANGE_API_URL: url(['http:', 'https:']).default('https://api.stackexchange.com/2.3'),
  STACKEXCHANGE_KEY: z.string().min(4).optional(),
  WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  WEBHOOK_MAX_SKEW_S: int(1, 3600).default(300),
  NOTIFY_ATTEMPTS: int(1, 50).default(5),
  NOTIFY_BACKOFF_MS: int(10, 600_000).default(5000),
  NOTIFY_TIMEOUT_MS: int(100, 120_000).default(10_000),
  NOTIFY_FAIL_LIMIT: int(1, 1000).default(3),
  // Per-watch learning from corrections (docs/learning.md).
  RETRAIN_EVERY: int(1, 100_000).default(20),
  RETRAIN_SCHEDULE: z
    .string()
    .refine((expr) => cron.validate(expr), 'not a valid cron expression')
    .default('0 3 * * *'),
  RESCORE_DAYS: int(0, 365).default(7),
  // The weights and thresholds of the alert scores (domain/alert-settings.ts, read by config/alerting.ts).
  ...alertEnvShape,
});
export type Env = z.infer<typeof EnvSchema>;
