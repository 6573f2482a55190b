import { z } from 'zod';
import cron from 'node-cron';

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
  // Braces allowed: a hash tag ({earshot}) keeps every queue key in one Redis Cluster slot.
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}-]{1,40}$/)
    .default('earshot'),
  PORT: int(0, 65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
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
  FLAG_CONCURRENCY: int(1, 64).default(1),
  WORKER_CONCURRENCY: int(1, 64).default(4),
  WORKER_LOCK_MS: int(1000, 600_000).default(30_000),
  JOB_ATTEMPTS: int(1, 50).default(8),
  POLL_PAGE_SIZE: int(1, 1000).default(100),
  POLL_MAX_PAGES: int(1, 10_000).default(20),
  HTTP_TIMEOUT_MS: int(100, 120_000).default(15_000),
  HN_API_URL: url(['http:', 'https:']).default('https://hn.algolia.com/api/v1'),
  REDDIT_API_URL: url(['http:', 'https:']).default('https://www.reddit.com'),
  REDDIT_USER_AGENT: z.string().min(1).default('earshot/0.1 (self-hosted social listening)'),
  FLAG_NEGATIVE_SCORE: num(-1, 0).default(-0.75),
  FLAG_REPEAT_NEGATIVE: int(2, 100).default(3),
  FLAG_WINDOW_HOURS: int(1, 24 * 90).default(72),
  FLAG_LARGE_AUDIENCE: int(1, 1_000_000_000).default(10_000),
  ADVOCATE_MIN_POSITIVE: int(2, 100).default(3),
  ADVOCATE_MIN_DAYS: int(1, 365).default(2),
});
export type Env = z.infer<typeof EnvSchema>;
