/**
 * Flag-stage throughput on the real store: stores N analysed mentions (the replay test mix: angry
 * repeat authors, fans, bystanders), runs the flag processor over them in batches, prints mentions/s.
 *   MONGODB_URL=… REDIS_URL=… npx tsx scripts/bench/flag.ts [N] [batch]
 */
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { analyze } from '../../analysis/analyze.js';
import { loadConfig } from '../../config/index.js';
import { createLogger } from '../../config/logger.js';
import type { NewMention } from '../../domain/mention.js';
import type { FlagJob } from '../../jobs/catalogue.js';
import { Producer } from '../../jobs/producer.js';
import { connectStore } from '../../store/db.js';
import { processFlag } from '../../workers/flag.js';
import { systemClock } from '../../sources/clock.js';
import { createConnectors } from '../../sources/index.js';
import { SourceQuota } from '../../sources/quota.js';
import { openBenchDb } from './common.js';

const total = Number(process.argv[2] ?? 500);
const batchSize = Number(process.argv[3] ?? 25);
const db = `bench_flag_${Date.now()}`;
const config = loadConfig({
  ...process.env,
  MONGODB_DB: db,
  QUEUE_PREFIX: db,
  LOG_LEVEL: 'silent',
});
const store = await connectStore(config.mongo.url, config.mongo.db);
const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
const producer = new Producer(redis, config.queuePrefix, 1);
const deps = {
  config,
  store,
  producer,
  connectors: createConnectors(config, redis, systemClock),
  quota: new SourceQuota(redis, config.queuePrefix, config.sources.rates),
  log: createLogger('silent'),
};

const texts = {
  angry: 'Acme support is terrible, my order is broken and nobody answers. Awful, I hate this.',
  happy: 'Love my new Acme kettle, great design and excellent support. Highly recommend Acme!',
  neutral: 'Acme opened a new shop on the high street today.',
};
const start = Date.UTC(2026, 9, 1);
const mentions: NewMention[] = Array.from({ length: total }, (_, k) => {
  const kind = k % 20 === 0 ? 'angry' : k % 20 === 1 ? 'happy' : 'neutral';
  const author = kind === 'neutral' ? `b${k}` : `${kind}${k % 7}`;
  return {
    watchId: 'bench',
    source: 'replay',
    externalId: `m${k}`,
    url: null,
    text: texts[kind],
    author: { id: author, handle: author, name: null, followers: 100 },
    createdAt: new Date(start + k * 60_000),
    engagement: { likes: 0, replies: 0, shares: 0, score: 0 },
    lang: null,
    rating: null,
  };
});
await store.mentions.insertNew(mentions);
const ids = await store.mentions.unanalyzedIds(
  'bench',
  'replay',
  mentions.map((m) => m.externalId),
);
await store.mentions.saveAnalyses(
  ids.map((id, k) => ({ id, analysis: analyze(mentions[k]!.text) })),
);

const began = performance.now();
for (let at = 0; at < ids.length; at += batchSize) {
  const data: FlagJob = { watchId: 'bench', mentionIds: ids.slice(at, at + batchSize) };
  await processFlag({ id: `bench-${at}`, data } as Job<FlagJob>, deps);
}
const seconds = (performance.now() - began) / 1000;
console.log(
  `flag: ${ids.length} mentions in batches of ${batchSize}: ${seconds.toFixed(2)} s, ${(ids.length / seconds).toFixed(1)} mentions/s`,
);
const direct = await openBenchDb(config.mongo.url, config.mongo.db);
await direct.db.dropDatabase();
await direct.close();
await store.close();
await producer.close();
redis.disconnect();
