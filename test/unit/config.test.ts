import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_SETTINGS } from '../../domain/alert-settings.js';
import { loadConfig } from '../../config/index.js';
import { ConfigError } from '../../domain/errors.js';
import { loadWatchesFile } from '../../config/watches.js';

const REQUIRED = { REDIS_URL: 'redis://localhost:6379', MONGODB_URL: 'mongodb://localhost:27017' };

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'earshot-config-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeTemp(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content, 'utf8');
  return path;
}

/** The ConfigError a call throws; fails the test when it throws nothing or something else. */
function configErrorOf(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}

describe('loadConfig', () => {
  it('applies every default when only the required variables are set', () => {
    const config = loadConfig({ ...REQUIRED });
    expect(config).toEqual({
      redisUrl: 'redis://localhost:6379',
      mongo: { url: 'mongodb://localhost:27017', db: 'earshot' },
      queuePrefix: 'earshot',
      api: {
        port: 3000,
        host: '127.0.0.1',
        adminKey: undefined,
        corsOrigins: [],
        rateLimitPerMinute: 600,
        ipRateLimitPerMinute: 1200,
        authFailuresPerMinute: 30,
        trustProxy: false,
        ingestInFlight: 16,
        ingestReadMs: 10_000,
        streams: { perKey: 5, total: 200 },
        queryTimeoutMs: 10_000,
      },
      web: { admin: null, sessionIdleMs: 7_200_000, sessionMaxMs: 86_400_000 },
      logLevel: 'info',
      watchesFile: undefined,
      scheduler: { tick: '*/15 * * * * *', sweepSchedule: '*/5 * * * *', sweepGraceMs: 600_000 },
      worker: { concurrency: 4, flagConcurrency: 4, lockMs: 30_000, attempts: 8 },
      poll: { pageSize: 100, maxPages: 20, flagBatch: 500, httpTimeoutMs: 15_000 },
      sources: {
        hackernews: { apiUrl: 'https://hn.algolia.com/api/v1' },
        reddit: {
          apiUrl: 'https://www.reddit.com',
          userAgent: 'earshot/0.1 (self-hosted social listening)',
        },
        rates: { hackernews: 100, reddit: 10, mastodon: 60, bluesky: 100, rss: 30, appstore: 20 },
        mastodon: { defaultUrl: 'https://mastodon.social', token: undefined },
        bluesky: {
          apiUrl: 'https://bsky.social',
          identifier: undefined,
          appPassword: undefined,
        },
        appstore: { apiUrl: 'https://itunes.apple.com' },
        youtube: {
          apiUrl: 'https://www.googleapis.com/youtube/v3',
          apiKey: null,
          searchMaxVideos: 5,
        },
        x: { apiUrl: 'https://api.x.com/2', bearerToken: null, capResetDay: null },
        stackexchange: { apiUrl: 'https://api.stackexchange.com/2.3', key: null },
      },
      webhook: { secret: null, maxSkewS: 300 },
      egressAllow: [],
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest's matcher
      flag: expect.objectContaining({
        repeatWindowHours: 24,
        negativityWeight: 4,
        repeatPoints: 2,
        severityHigh: 6.5,
        advocateMinPositive: 3,
        advocateMinDays: 2,
        spikeZ: 3,
        spikeMinCount: 5,
        cooldownHours: 24,
      }),
      notify: { attempts: 5, backoffMs: 5000, timeoutMs: 10_000, failLimit: 3 },
      learning: { retrainEvery: 20, retrainSchedule: '0 3 * * *', rescoreDays: 7 },
    });
    expect(Object.keys(config.flag)).toHaveLength(Object.keys(ALERT_SETTINGS).length);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('coerces numeric variables from their strings', () => {
    const config = loadConfig({
      ...REQUIRED,
      PORT: '8080',
      FLAG_SEVERITY_HIGH: '7.25',
      POLL_PAGE_SIZE: '25',
      REDIS_URL: 'rediss://cache.internal:6380',
    });
    expect(config.api.port).toBe(8080);
    expect(config.flag.severityHigh).toBe(7.25);
    expect(config.poll.pageSize).toBe(25);
    expect(config.redisUrl).toBe('rediss://cache.internal:6380');
  });

  it('treats an empty variable as unset and uses the default', () => {
    const config = loadConfig({ ...REQUIRED, PORT: '', LOG_LEVEL: '' });
    expect(config.api.port).toBe(3000);
    expect(config.logLevel).toBe('info');
  });

  it('reports every bad variable at once, each by name', () => {
    const error = configErrorOf(() =>
      loadConfig({
        REDIS_URL: 'http://localhost:6379',
        PORT: 'eighty',
        SCHEDULER_TICK: 'every minute',
      }),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.problems).toHaveLength(4);
    expect(error.problems).toContain('REDIS_URL: must start with redis: or rediss://');
    expect(error.problems).toContain('MONGODB_URL: is required but not set');
    expect(error.problems).toContain('SCHEDULER_TICK: not a valid cron expression');
    expect(error.problems.find((problem) => problem.startsWith('PORT: '))).toMatch(/number/);
    for (const problem of error.problems) {
      expect(error.message).toContain(problem);
    }
  });

  it('reports values out of range and outside an enumeration', () => {
    const error = configErrorOf(() =>
      loadConfig({
        ...REQUIRED,
        WORKER_CONCURRENCY: '0',
        FLAG_REPEAT_MAX: '2.5',
        LOG_LEVEL: 'loud',
        MONGODB_URL: 'postgres://localhost/earshot',
      }),
    );
    const names = error.problems.map((problem) => problem.split(':')[0]);
    expect(names.sort()).toEqual(
      ['FLAG_REPEAT_MAX', 'LOG_LEVEL', 'MONGODB_URL', 'WORKER_CONCURRENCY'].sort(),
    );
    expect(error.problems).toContain('MONGODB_URL: must start with mongodb: or mongodb+srv://');
  });

  it('names each bad source setting', () => {
    const error = configErrorOf(() =>
      loadConfig({
        ...REQUIRED,
        MASTODON_URL: 'ftp://mastodon.example',
        BLUESKY_API_URL: 'bsky',
        APPSTORE_REQUESTS_PER_MINUTE: '0',
        RSS_REQUESTS_PER_MINUTE: 'lots',
        X_CAP_RESET_DAY: '32',
      }),
    );
    const names = new Set(error.problems.map((problem) => problem.split(':')[0]));
    expect([...names].sort()).toEqual(
      [
        'APPSTORE_REQUESTS_PER_MINUTE',
        'BLUESKY_API_URL',
        'MASTODON_URL',
        'RSS_REQUESTS_PER_MINUTE',
        'X_CAP_RESET_DAY',
      ].sort(),
    );
    expect(error.problems).toContain('MASTODON_URL: must start with http: or https://');
  });

  it('reads the API settings and reports bad ones by name', () => {
    const config = loadConfig({
      ...REQUIRED,
      ADMIN_API_KEY: 'esk_0123456789abcdefghijklmnop',
      CORS_ORIGINS: 'https://a.example, http://localhost:5173',
      RATE_LIMIT_PER_MINUTE: '30',
      API_QUERY_TIMEOUT_MS: '2500',
    });
    expect(config.api.queryTimeoutMs).toBe(2500);
    expect(config.api.adminKey).toBe('esk_0123456789abcdefghijklmnop');
    expect(config.api.corsOrigins).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(config.api.rateLimitPerMinute).toBe(30);
    const error = configErrorOf(() =>
      loadConfig({
        ...REQUIRED,
        ADMIN_API_KEY: 'short',
        CORS_ORIGINS: '*',
        RATE_LIMIT_PER_MINUTE: '0',
        API_QUERY_TIMEOUT_MS: '10s',
      }),
    );
    expect(error.problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'ADMIN_API_KEY',
      'API_QUERY_TIMEOUT_MS',
      'CORS_ORIGINS',
      'RATE_LIMIT_PER_MINUTE',
    ]);
  });

  it("reads the web app's sign-in settings and names bad ones", () => {
    const config = loadConfig({
      ...REQUIRED,
      ADMIN_EMAIL: 'Boss@Example.com',
      ADMIN_PASSWORD: 'a long password',
      SESSION_IDLE_MINUTES: '30',
      SESSION_MAX_HOURS: '12',
    });
    expect(config.web).toEqual({
      admin: { email: 'boss@example.com', password: 'a long password' },
      sessionIdleMs: 1_800_000,
      sessionMaxMs: 43_200_000,
    });
    const bad = configErrorOf(() =>
      loadConfig({
        ...REQUIRED,
        ADMIN_EMAIL: 'not-an-email',
        ADMIN_PASSWORD: 'short',
        SESSION_IDLE_MINUTES: '0',
      }),
    );
    expect(bad.problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'ADMIN_EMAIL',
      'ADMIN_PASSWORD',
      'SESSION_IDLE_MINUTES',
    ]);
    const half = configErrorOf(() => loadConfig({ ...REQUIRED, ADMIN_EMAIL: 'boss@example.com' }));
    expect(half.problems).toEqual([
      'ADMIN_PASSWORD: is required when the other of ADMIN_EMAIL/ADMIN_PASSWORD is set',
    ]);
  });

  it('reads the web source credentials and names a bad one', () => {
    const config = loadConfig({
      ...REQUIRED,
      YOUTUBE_API_KEY: 'AIzaSyA-0123456789',
      X_BEARER_TOKEN: 'AAAAAAAAAAAAAAAAAAAAA',
      STACKEXCHANGE_KEY: 'abcd1234',
      WEBHOOK_SECRET: '0123456789abcdef',
    });
    expect(config.sources.youtube.apiKey).toBe('AIzaSyA-0123456789');
    expect(config.sources.x.bearerToken).toBe('AAAAAAAAAAAAAAAAAAAAA');
    expect(config.sources.stackexchange.key).toBe('abcd1234');
    expect(config.webhook).toEqual({ secret: '0123456789abcdef', maxSkewS: 300 });
    // Half a Bluesky account stops start-up, naming what is missing.
    const half = configErrorOf(() =>
      loadConfig({ ...REQUIRED, BLUESKY_IDENTIFIER: 'earshot.bsky.social' }),
    );
    expect(half.problems).toEqual([
      'BLUESKY_APP_PASSWORD: is required when the other of BLUESKY_IDENTIFIER/BLUESKY_APP_PASSWORD is set',
    ]);
    const error = configErrorOf(() =>
      loadConfig({
        ...REQUIRED,
        WEBHOOK_SECRET: 'short',
        X_API_URL: 'ftp://api.x.com/2',
        YOUTUBE_MAX_VIDEOS: '500',
      }),
    );
    expect(error.problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'WEBHOOK_SECRET',
      'X_API_URL',
      'YOUTUBE_MAX_VIDEOS',
    ]);
    expect(error.problems).toContain('WEBHOOK_SECRET: must be at least 16 characters');
  });

  it('reports a REDIS_URL that is not a URL at all as a problem', () => {
    const error = configErrorOf(() => loadConfig({ ...REQUIRED, REDIS_URL: 'not a url' }));
    expect(error.problems[0]).toMatch(/^REDIS_URL: /);
  });

  describe('with EARSHOT_CONFIG_FILE', () => {
    it('reads settings from the file, under the environment', () => {
      const path = writeTemp(
        'settings.json',
        JSON.stringify({
          REDIS_URL: 'redis://from-file:6379',
          MONGODB_URL: 'mongodb://from-file:27017',
          PORT: 4000,
          WORKER_CONCURRENCY: 2,
          LOG_LEVEL: 'debug',
        }),
      );
      const config = loadConfig({ EARSHOT_CONFIG_FILE: path, PORT: '5000', LOG_LEVEL: '' });
      expect(config.redisUrl).toBe('redis://from-file:6379');
      expect(config.mongo.url).toBe('mongodb://from-file:27017');
      expect(config.api.port).toBe(5000);
      expect(config.worker.concurrency).toBe(2);
      expect(config.logLevel).toBe('debug');
    });

    it('validates the values read from the file', () => {
      const path = writeTemp('bad-values.json', JSON.stringify({ ...REQUIRED, PORT: 70000 }));
      const error = configErrorOf(() => loadConfig({ EARSHOT_CONFIG_FILE: path }));
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatch(/^PORT: /);
    });

    it('names EARSHOT_CONFIG_FILE when the file does not exist', () => {
      const path = join(dir, 'missing.json');
      const error = configErrorOf(() => loadConfig({ ...REQUIRED, EARSHOT_CONFIG_FILE: path }));
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toContain(`EARSHOT_CONFIG_FILE: cannot read ${path}`);
      expect(error.problems[0]).toContain('ENOENT');
    });

    it('names EARSHOT_CONFIG_FILE when the file is not JSON', () => {
      const path = writeTemp('broken.json', '{ "PORT": 4000,');
      const error = configErrorOf(() => loadConfig({ ...REQUIRED, EARSHOT_CONFIG_FILE: path }));
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatch(/^EARSHOT_CONFIG_FILE: cannot read /);
    });

    it('names EARSHOT_CONFIG_FILE when the file holds something other than one object', () => {
      const path = writeTemp('array.json', JSON.stringify([{ PORT: 4000 }]));
      const error = configErrorOf(() => loadConfig({ ...REQUIRED, EARSHOT_CONFIG_FILE: path }));
      expect(error.problems).toEqual([
        `EARSHOT_CONFIG_FILE: ${path} must hold one JSON object of settings`,
      ]);
    });
  });
});

describe('loadWatchesFile', () => {
  const watch = (overrides: Record<string, unknown> = {}) => ({
    id: 'acme',
    name: 'Acme',
    keywords: ['acme'],
    sources: [{ type: 'hackernews' }],
    schedule: '*/5 * * * *',
    ...overrides,
  });

  it('reads a valid file and applies the watch defaults', () => {
    const path = writeTemp(
      'watches-ok.json',
      JSON.stringify([
        watch({
          sources: [
            { type: 'hackernews' },
            { type: 'reddit', subreddit: 'devops' },
            { type: 'replay', file: 'demo/mentions.jsonl' },
          ],
        }),
        watch({ id: 'acme-cloud', name: 'Acme Cloud', exclusions: ['coyote'], enabled: false }),
      ]),
    );
    const watches = loadWatchesFile(path);
    expect(watches).toHaveLength(2);
    expect(watches[0]).toEqual({
      id: 'acme',
      name: 'Acme',
      keywords: ['acme'],
      exclusions: [],
      sources: [
        { type: 'hackernews' },
        { type: 'reddit', subreddit: 'devops' },
        { type: 'replay', file: 'demo/mentions.jsonl' },
      ],
      schedule: '*/5 * * * *',
      enabled: true,
    });
    expect(watches[1]?.exclusions).toEqual(['coyote']);
    expect(watches[1]?.enabled).toBe(false);
  });

  it('names the file and the field path of a bad cron expression', () => {
    const path = writeTemp(
      'watches-cron.json',
      JSON.stringify([watch({ schedule: '61 * * * *' })]),
    );
    const error = configErrorOf(() => loadWatchesFile(path));
    expect(error.problems).toEqual([
      `WATCHES_FILE ${path}: [0.schedule] not a valid cron expression`,
    ]);
  });

  it('names the file and the field path of a replay source without a file', () => {
    const path = writeTemp(
      'watches-replay.json',
      JSON.stringify([
        watch(),
        watch({ id: 'other', sources: [{ type: 'hackernews' }, { type: 'replay' }] }),
      ]),
    );
    const error = configErrorOf(() => loadWatchesFile(path));
    expect(error.problems).toEqual([
      `WATCHES_FILE ${path}: [1.sources.1.file] replay needs a file`,
    ]);
  });

  it('names the field of a Stack Exchange source without a site and a YouTube one with two targets', () => {
    const path = writeTemp(
      'watches-web.json',
      JSON.stringify([
        watch({
          sources: [
            { type: 'stackexchange' },
            { type: 'youtube', videoId: 'vidAcme0001', channelId: 'UCacmeOfficial000000000' },
          ],
        }),
      ]),
    );
    const error = configErrorOf(() => loadWatchesFile(path));
    expect(error.problems).toEqual([
      `WATCHES_FILE ${path}: [0.sources.0.site] stackexchange needs a site`,
      `WATCHES_FILE ${path}: [0.sources.1.channelId] youtube takes a videoId or a channelId, not both`,
    ]);
  });

  it('reports the problems of several watches at once', () => {
    const path = writeTemp(
      'watches-many.json',
      JSON.stringify([watch({ schedule: 'nope' }), watch({ id: 'Bad Id', keywords: [] })]),
    );
    const error = configErrorOf(() => loadWatchesFile(path));
    const fields = error.problems.map((problem) => /\[([^\]]*)\]/.exec(problem)?.[1]);
    expect(fields.sort()).toEqual(['0.schedule', '1.id', '1.keywords'].sort());
    for (const problem of error.problems) {
      expect(problem.startsWith(`WATCHES_FILE ${path}: `)).toBe(true);
    }
  });

  it('rejects two watches with the same id', () => {
    const path = writeTemp(
      'watches-dup.json',
      JSON.stringify([watch(), watch({ id: 'other' }), watch({ name: 'Acme again' })]),
    );
    const error = configErrorOf(() => loadWatchesFile(path));
    expect(error.problems).toEqual([`WATCHES_FILE ${path}: watch id acme appears twice`]);
  });

  it('names WATCHES_FILE when the file cannot be read', () => {
    const path = join(dir, 'no-such-watches.json');
    const error = configErrorOf(() => loadWatchesFile(path));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain(`WATCHES_FILE: cannot read ${path}`);
  });
});
