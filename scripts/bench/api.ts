/**
 * Read throughput of the API against the same queries made with the driver, on a loaded store:
 * `npm run bench:api -- [--mentions N] [--alerts N] [--authors N] [--duration S] [--connections 1,10,50]
 * [--query-timeout-ms MS] [--key KEY]` (the key, or EARSHOT_API_KEY, is sent as a bearer token and as
 * x-api-key). The data is loaded straight into the store; the API runs as its own process
 * (`main.ts api`). API and driver queries share one time limit (API_QUERY_TIMEOUT_MS, default the
 * API's own); queries the store stops there are counted as `stopped`, not left to run for minutes.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { ObjectId, type Db } from 'mongodb';
import { API_DEFAULTS } from '../../api/app.js';
import { QueryTimeoutError } from '../../domain/errors.js';
import { connectStore } from '../../store/db.js';
import {
  buildEarshot,
  fmt,
  intArg,
  isLocalStore,
  openBenchDb,
  serviceUrls,
  sleep,
  startEarshot,
  stopProcess,
  stringArg,
} from './common.js';

/** What the API asks the store for on a default page: 50 items and one more to know if there is a next. */
const PAGE = 51;

const WATCHES = 5;
const LABELS = ['negative', 'neutral', 'positive'] as const;
const BATCH = 1000;

async function load(collection: string, db: Db, count: number, make: (i: number) => object) {
  const started = performance.now();
  for (let i = 0; i < count; i += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, count - i) }, (_, k) => make(i + k));
    await db.collection(collection).insertMany(docs, { ordered: false });
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `loaded ${fmt(count)} ${collection} in ${fmt(seconds, 1)} s (${fmt(count / seconds)}/s)`,
  );
}

const at = (i: number, n: number) =>
  new Date(Date.UTC(2026, 9, 1) + Math.floor((i / n) * 30 * 86_400_000));

function mention(i: number, n: number, authors: number) {
  const label = LABELS[i % 3]!;
  const author = `a${i % authors}`;
  return {
    _id: new ObjectId(),
    watchId: `w${i % WATCHES}`,
    source: 'replay',
    externalId: `m${i}`,
    url: `https://replay.test/${i}`,
    text: `Acme mention number ${i}, ${label} in tone`,
    author: { id: author, handle: author, name: null, followers: i % 5000 },
    createdAt: at(i, n),
    engagement: { likes: 0, replies: 0, shares: 0, score: 0 },
    lang: null,
    rating: null,
    ingestedAt: at(i, n),
    analysis: {
      label,
      score: label === 'negative' ? -0.8 : label === 'positive' ? 0.8 : 0,
      confidence: 0.8,
      intents: [],
      evidence: [],
      analyzedAt: at(i, n),
    },
  };
}

function alert(i: number, n: number) {
  const type = i % 2 === 0 ? 'disgruntled_customer' : 'emerging_advocate';
  const status = i % 4 < 2 ? 'open' : 'resolved';
  const watchId = `w${i % WATCHES}`;
  return {
    _id: new ObjectId(),
    type,
    status,
    ...(status === 'open' && { openKey: `${type}|${watchId}|replay|a${i}` }),
    watchId,
    source: 'replay',
    authorId: `a${i}`,
    authorHandle: `a${i}`,
    reason: 'benchmark',
    factors: {},
    severityRank: i % 4,
    evidence: [
      {
        mentionId: new ObjectId().toHexString(),
        excerpt: 'Acme…',
        url: null,
        score: -0.8,
        createdAt: at(i, n),
      },
    ],
    evidenceIds: [],
    evidenceCount: 1,
    createdAt: at(i, n),
    updatedAt: at(i, n),
  };
}

function author(i: number, n: number) {
  const watchId = `w${i % WATCHES}`;
  const positive = i % 7;
  return {
    _id: `${watchId}|replay|a${i}`,
    watchId,
    source: 'replay',
    authorId: `a${i}`,
    handle: `a${i}`,
    name: null,
    followers: i % 5000,
    counts: {
      negative: i % 3,
      neutral: 1,
      positive,
      total: positive + 1 + (i % 3),
      recommendations: 0,
    },
    recentNegativeAt: [],
    recentPositiveAt: [],
    recentNegativeIds: [],
    firstSeen: at(i, n),
    lastSeen: at(i, n),
    advocateScore: Math.max(0, positive - 2 * (i % 3)) * 1.5,
    appliedIds: [],
  };
}

/** Answers per second and latencies over every answer, and how many were stopped at the limit. */
interface Figures {
  rps: number;
  p50: number;
  p99: number;
  stopped: number;
}

function columns(figures: Figures, width: number): string {
  const rate = figures.rps < 10 ? fmt(figures.rps, 1) : fmt(figures.rps);
  return [
    rate.padStart(width),
    fmt(figures.p50, 1).padStart(8),
    fmt(figures.p99, 1).padStart(8),
    fmt(figures.stopped).padStart(7),
  ].join(' ');
}

/** `connections` loops calling `query` for `seconds`; latencies in ms, stopped queries included. */
async function driverRun(
  query: () => Promise<unknown>,
  connections: number,
  seconds: number,
): Promise<Figures> {
  const latencies: number[] = [];
  let stopped = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        try {
          await query();
        } catch (error) {
          if (!(error instanceof QueryTimeoutError)) {
            throw error;
          }
          stopped += 1;
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pick = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  // Queries still running at the deadline are waited for and counted over the whole elapsed time.
  const elapsed = (performance.now() - started) / 1000;
  return { rps: latencies.length / elapsed, p50: pick(0.5), p99: pick(0.99), stopped };
}

async function apiRun(
  url: string,
  connections: number,
  seconds: number,
  key: string | undefined,
  limitMs: number,
): Promise<Figures> {
  const options = {
    url,
    connections,
    // Long enough for a query the store stops at the limit to come back as a 503.
    timeout: Math.ceil(limitMs / 1000) + 10,
    headers: key ? { authorization: `Bearer ${key}` } : {},
  };
  let result = await autocannon({ ...options, duration: seconds });
  if (result['2xx'] + result.non2xx === 0) {
    // Nothing came back within the duration (queries slower than it): one request per
    // connection, waited for, so the row still says how long such a query takes.
    result = await autocannon({ ...options, amount: connections });
  }
  const stopped = result.statusCodeStats?.['503']?.count ?? 0;
  if (result.non2xx > stopped || result.errors > 0) {
    throw new Error(
      `${url}: ${result.non2xx - stopped} non-2xx answers besides 503s, ${result.errors} errors (an API key needed? --key)`,
    );
  }
  // autocannon's average is per whole second and rounds a slow query's rate down to nothing.
  const rps = (result['1xx'] + result['2xx'] + result.non2xx) / (result.duration || seconds);
  return { rps, p50: result.latency.p50, p99: result.latency.p99, stopped };
}

/**
 * The local store (mongo-java-server) holds everything in one JVM's memory and plans no index for
 * a range or sort: past this size its figures say nothing about MongoDB's.
 */
const LOCAL_STORE_MAX_MENTIONS = 100_000;

async function main(): Promise<void> {
  const { redisUrl, mongoUrl } = serviceUrls();
  const local = await isLocalStore(mongoUrl);
  const mentions = intArg('mentions', local ? LOCAL_STORE_MAX_MENTIONS : 1_000_000);
  const alerts = intArg('alerts', local ? 5_000 : 50_000);
  const authors = intArg('authors', local ? 10_000 : 100_000);
  if (local && mentions > LOCAL_STORE_MAX_MENTIONS) {
    console.log(
      `bench:api: ${mentions} mentions is past what the local store holds meaningfully (${LOCAL_STORE_MAX_MENTIONS}); figures at this size need MongoDB: MONGODB_URL=mongodb://… npm run bench:api -- --mentions ${mentions}`,
    );
    process.exit(2);
  }
  const seconds = intArg('duration', 5);
  // The API needs a key: the given one, else a fresh admin key the API process is started with.
  const key =
    stringArg('key') ?? process.env.EARSHOT_API_KEY ?? `bench_${randomBytes(24).toString('hex')}`;
  const concurrencies = (stringArg('connections') ?? '1,10,50').split(',').map(Number);
  const limitMs = intArg('query-timeout-ms', API_DEFAULTS.queryTimeoutMs);
  const budget = { maxTimeMS: limitMs };
  buildEarshot();
  const id = `bench_api_${randomBytes(3).toString('hex')}`;
  const store = await connectStore(mongoUrl, id); // creates the indexes before the load
  const direct = await openBenchDb(mongoUrl, id);
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const api = startEarshot('api', {
    REDIS_URL: redisUrl,
    MONGODB_URL: mongoUrl,
    MONGODB_DB: id,
    QUEUE_PREFIX: id,
    LOG_LEVEL: 'warn',
    PORT: String(port),
    ADMIN_API_KEY: key,
    // The per-key and per-address limits would measure themselves, not the queries.
    RATE_LIMIT_PER_MINUTE: '1000000',
    IP_RATE_LIMIT_PER_MINUTE: '1000000',
    API_QUERY_TIMEOUT_MS: String(limitMs),
  });
  try {
    await load('mentions', direct.db, mentions, (i) => mention(i, mentions, authors));
    await load('alerts', direct.db, alerts, (i) => alert(i, alerts));
    await load('authors', direct.db, authors, (i) => author(i, authors));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 50 && !(await fetch(`${base}/healthz`).catch(() => null))?.ok; i++) {
      await sleep(200);
    }
    const queries: Array<{ path: string; driver: () => Promise<unknown> }> = [
      {
        path: '/alerts?type=disgruntled_customer&status=open',
        driver: () =>
          store.alerts.triage.search(
            { type: 'disgruntled_customer', status: 'open' },
            'newest',
            PAGE,
            null,
            budget,
          ),
      },
      {
        path: '/alerts?watch=w1',
        driver: () => store.alerts.triage.search({ watchId: 'w1' }, 'newest', PAGE, null, budget),
      },
      {
        path: '/advocates?watch=w1',
        driver: () =>
          store.authors.advocates({ watchId: 'w1', minScore: 0.01 }, PAGE, null, budget),
      },
      {
        path: '/mentions?watch=w1',
        driver: () => store.mentions.search({ watchId: 'w1' }, PAGE, null, budget),
      },
      { path: '/mentions', driver: () => store.mentions.search({}, PAGE, null, budget) },
    ];
    console.log(
      `\n${seconds} s per point, limit 50 (the default page); stopped: queries the store ended at the ${fmt(limitMs)} ms limit (503 from the API)`,
    );
    console.log(
      'query                                            conc   API req/s   p50 ms   p99 ms stopped | driver q/s   p50 ms   p99 ms stopped',
    );
    for (const query of queries) {
      for (const connections of concurrencies) {
        const viaApi = await apiRun(`${base}${query.path}`, connections, seconds, key, limitMs);
        const direct = await driverRun(query.driver, connections, seconds);
        console.log(
          `${query.path.padEnd(48)} ${String(connections).padStart(4)} ${columns(viaApi, 11)} | ${columns(direct, 10)}`,
        );
      }
    }
  } finally {
    await stopProcess(api);
    await direct.db.dropDatabase();
    await direct.close();
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:api: ${(error as Error).message}`);
  process.exit(1);
});
