/**
 * End-to-end throughput of poll (with analysis) → flag into the store, with what carries over to
 * MongoDB: store commands and documents written per mention, worker CPU per mention, peak RSS:
 * `npm run bench:pipeline -- --mentions N [--watches W] [--authors A] [--workers K] [--worker-heap-mb M]`.
 * Worker and scheduler run as their own processes with the normal settings (as in production).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { ObjectId, type Db } from 'mongodb';
import { Producer } from '../../jobs/producer.js';
import { QUEUE_NAMES } from '../../jobs/catalogue.js';
import type { CommandStats } from '../../store/command-stats.js';
import { connectStore } from '../../store/db.js';
import {
  buildEarshot,
  cpuMs,
  fmt,
  insertRate,
  intArg,
  openBenchDb,
  peakRssMb,
  serviceUrls,
  sleep,
  startEarshot,
  stopProcess,
} from './common.js';
import { generateReplay, type GeneratedLine } from './generate.js';

/** The documents as the poll stage stores them. */
function storedDoc(watchId: string, line: GeneratedLine, now: Date) {
  return {
    _id: new ObjectId(),
    watchId,
    source: 'replay',
    externalId: line.id,
    url: line.url,
    text: line.text,
    author: { ...line.author, name: null },
    createdAt: new Date(line.createdAt),
    engagement: { likes: 0, replies: 0, shares: 0, score: 0 },
    lang: null,
    rating: null,
    ingestedAt: now,
    analysis: null,
  };
}

/** The store command counts an Earshot process wrote on exit (STORE_STATS_FILE). */
function readStats(file: string): CommandStats {
  if (!existsSync(file)) {
    throw new Error(`no store command counts in ${file}: did the process exit cleanly?`);
  }
  const stats = JSON.parse(readFileSync(file, 'utf8')) as CommandStats;
  rmSync(file);
  return stats;
}

function mergeCounts(all: Array<Record<string, number>>): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const counts of all) {
    for (const [name, n] of Object.entries(counts)) {
      merged[name] = (merged[name] ?? 0) + n;
    }
  }
  return merged;
}

/** Bare `insertMany` (unordered, 1,000 a call) of the same documents into a fresh collection. */
async function writeLimit(db: Db, files: ReturnType<typeof generateReplay>): Promise<number> {
  const collection = db.collection('bench_write_limit');
  const now = new Date();
  const docs = files.flatMap((file) =>
    file.lines.map((line) => storedDoc(file.watchId, line, now)),
  );
  const rate = await insertRate(collection, docs);
  await collection.drop();
  return rate;
}

interface StageTime {
  jobs: number;
  busySeconds: number;
  meanMs: number;
}

/** Processing time of each queue's completed jobs (BullMQ's processedOn → finishedOn). */
async function stageTimes(producer: Producer): Promise<Record<string, StageTime>> {
  const times: Record<string, StageTime> = {};
  for (const name of QUEUE_NAMES) {
    const jobs = await producer.queues[name].getCompleted(0, -1);
    const busy = jobs.reduce(
      (sum, job) => sum + ((job.finishedOn ?? 0) - (job.processedOn ?? 0)),
      0,
    );
    times[name] = {
      jobs: jobs.length,
      busySeconds: busy / 1000,
      meanMs: jobs.length ? busy / jobs.length : 0,
    };
  }
  return times;
}

/**
 * Mentions through the flag stage, from the hourly buckets (a few hundred small documents) rather
 * than a count over the mentions, which would load the store it measures.
 */
async function flaggedSoFar(db: Db): Promise<number> {
  const buckets = await db
    .collection<{ counts: { total: number } }>('rollups_hourly')
    .find({}, { projection: { 'counts.total': 1 } })
    .toArray();
  return buckets.reduce((sum, bucket) => sum + bucket.counts.total, 0);
}

async function main(): Promise<void> {
  const mentions = intArg('mentions', 100_000);
  const watchCount = intArg('watches', 4);
  const authors = intArg('authors', Math.max(10, Math.floor(mentions / 20)));
  const workerCount = intArg('workers', 1);
  const workerHeapMb = intArg('worker-heap-mb', 256);
  const { redisUrl, mongoUrl } = serviceUrls();
  buildEarshot();
  const id = `bench_pipeline_${randomBytes(3).toString('hex')}`;
  const settings = {
    REDIS_URL: redisUrl,
    MONGODB_URL: mongoUrl,
    MONGODB_DB: id,
    QUEUE_PREFIX: id,
    LOG_LEVEL: 'warn',
    SCHEDULER_TICK: '* * * * * *',
    // A poll drains its file: with the default cap (20 pages a poll) the schedule, not the
    // pipeline, would bound the rate (4 watches × 2,000 mentions every 5 s).
    POLL_MAX_PAGES: '10000',
  };
  const store = await connectStore(mongoUrl, id);
  const direct = await openBenchDb(mongoUrl, id);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const producer = new Producer(redis, id, 8);
  const children = [];
  try {
    const files = generateReplay(mentions, watchCount, authors);
    console.log(
      `mentions ${fmt(mentions)} over ${watchCount} watches and ${fmt(authors)} authors; ${workerCount} worker process(es), old space capped at ${workerHeapMb} MB`,
    );
    const limit = await writeLimit(direct.db, files);
    console.log(`write limit (bare insertMany, unordered, 1000 a call): ${fmt(limit)} docs/s`);

    for (const file of files) {
      await store.watches.upsert({
        id: file.watchId,
        name: file.watchId,
        keywords: ['Acme'],
        exclusions: [],
        sources: [{ type: 'replay', file: file.path }],
        schedule: '*/5 * * * * *', // empty polls between pages would only add noise
        enabled: true,
      });
    }
    const started = performance.now();
    // As docker-compose.yml runs the worker: V8's old space capped, so garbage is collected early.
    const statsFile = (name: string) => join(tmpdir(), `${id}-${name}.json`);
    const workers = Array.from({ length: workerCount }, (_, i) =>
      startEarshot('worker', { ...settings, STORE_STATS_FILE: statsFile(`worker${i + 1}`) }, [
        `--max-old-space-size=${workerHeapMb}`,
      ]),
    );
    const scheduler = startEarshot('scheduler', {
      ...settings,
      STORE_STATS_FILE: statsFile('scheduler'),
    });
    children.push(...workers, scheduler);
    const collection = direct.db.collection('mentions');
    let stored = 0;
    let flagged = 0;
    let storedAt = 0;
    while (flagged < mentions) {
      await sleep(2000);
      if (children.some((child) => child.exitCode !== null)) {
        throw new Error('an Earshot process exited during the run');
      }
      stored = storedAt ? mentions : await collection.estimatedDocumentCount();
      if (stored >= mentions && !storedAt) {
        storedAt = performance.now();
      }
      flagged = await flaggedSoFar(direct.db);
      const seconds = (performance.now() - started) / 1000;
      process.stderr.write(
        `  ${fmt(seconds, 0)} s: stored ${fmt(stored)}, flagged ${fmt(flagged)}\n`,
      );
    }
    const seconds = (performance.now() - started) / 1000;
    const rss = children.map((child) => peakRssMb(child.pid));
    const workerCpuMs = workers.reduce((sum, child) => sum + (cpuMs(child.pid) ?? NaN), 0);
    const checked = await collection.countDocuments();
    if (checked !== mentions || flagged !== mentions) {
      throw new Error(
        `the buckets counted ${fmt(flagged)} mentions, the store holds ${fmt(checked)}`,
      );
    }
    const stages = await stageTimes(producer);
    const rate = mentions / seconds;
    console.log(
      `pipeline: ${fmt(mentions)} mentions stored, analysed and flagged in ${fmt(seconds, 1)} s = ${fmt(rate)} mentions/s (${fmt((rate / limit) * 100, 1)}% of the write limit)`,
    );
    console.log(
      `  all stored after ${fmt((storedAt - started) / 1000, 1)} s (${fmt(mentions / ((storedAt - started) / 1000))} mentions/s through poll)`,
    );
    console.log('stage     jobs   busy s   mean ms/job   ms/mention');
    for (const [name, time] of Object.entries(stages)) {
      const perMention = (time.busySeconds * 1000) / mentions;
      console.log(
        `${name.padEnd(8)} ${String(time.jobs).padStart(5)} ${fmt(time.busySeconds, 1).padStart(8)} ${fmt(time.meanMs, 0).padStart(13)} ${fmt(perMention, 2).padStart(12)}`,
      );
    }
    console.log(
      `worker CPU: ${fmt(workerCpuMs / 1000, 1)} s = ${fmt(workerCpuMs / mentions, 3)} ms per mention`,
    );
    await Promise.all(children.map((child) => stopProcess(child)));
    const stats = [...workers.map((_, i) => `worker${i + 1}`), 'scheduler'].map((name) =>
      readStats(statsFile(name)),
    );
    const commands = stats.reduce((sum, s) => sum + s.commands, 0);
    const written = stats.reduce((sum, s) => sum + s.documentsWritten, 0);
    console.log(
      `store commands: ${fmt(commands)} = ${fmt(commands / mentions, 3)} per mention; documents written: ${fmt(written)} = ${fmt(written / mentions, 2)} per mention`,
    );
    console.log(`  by command: ${JSON.stringify(mergeCounts(stats.map((s) => s.byCommand)))}`);
    workers.forEach((_, i) => console.log(`peak RSS worker ${i + 1}: ${rss[i] ?? '?'} MB`));
    console.log(`peak RSS scheduler: ${rss[workerCount] ?? '?'} MB`);
    console.log(`peak RSS this script (generator, driver): ${peakRssMb(process.pid) ?? '?'} MB`);
  } finally {
    await Promise.all(children.map((child) => stopProcess(child)));
    await Promise.all(
      Object.values(producer.queues).map((queue) => queue.obliterate({ force: true })),
    );
    await producer.close();
    await direct.db.dropDatabase();
    await direct.close();
    await store.close();
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:pipeline: ${(error as Error).message}`);
  process.exit(1);
});
