/**
 * What the store itself allows, by kind of operation, on documents shaped like mentions:
 * `npm run bench:store -- [--docs N] [--in-flight K]`. The pipeline's writes are bounded by these:
 * each mention is inserted once and then updated by `_id` (its analysis, its author's profile, its
 * flagged mark), so its rate cannot pass the update rate divided by the updates per mention.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MongoClient, ObjectId, type Document } from 'mongodb';
import { fmt, insertRate, intArg, serviceUrls } from './common.js';

/** Updates per bulkWrite call. */
const UPDATE_BATCH = 100;

function mentionLike(i: number): Document {
  return {
    _id: new ObjectId(),
    watchId: `w${i % 4}`,
    source: 'replay',
    externalId: `m${i}`,
    text: `Acme mention number ${i}: the order arrived late and support never answered`,
    author: { id: `a${i % 5000}`, handle: `a${i % 5000}`, followers: i % 5000 },
    createdAt: new Date(Date.UTC(2026, 9, 1) + i * 1000),
    pending: true,
  };
}

/** Runs `work(i)` for i in [0, n), `inFlight` at a time; returns operations per second. */
async function rate(n: number, inFlight: number, work: (i: number) => Promise<unknown>) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let i = next++; i < n; i = next++) {
        await work(i);
      }
    }),
  );
  return n / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const n = intArg('docs', 20_000);
  const inFlight = intArg('in-flight', 16);
  const { mongoUrl } = serviceUrls();
  const client = await new MongoClient(mongoUrl).connect();
  const db = client.db(`bench_store_${randomBytes(3).toString('hex')}`);
  try {
    const collection = db.collection('mentions');
    const docs = Array.from({ length: n }, (_, i) => mentionLike(i));
    const ids = docs.map((doc) => doc._id as ObjectId);
    const rows: Array<[string, number]> = [];
    rows.push(['insertMany, 1,000 a call, unordered (docs/s)', await insertRate(collection, docs)]);
    rows.push([
      `findOne by _id, ${inFlight} in flight`,
      await rate(n, inFlight, (i) => collection.findOne({ _id: ids[i] })),
    ]);
    rows.push([
      `updateOne by _id ($set), ${inFlight} in flight`,
      await rate(n, inFlight, (i) =>
        collection.updateOne({ _id: ids[i] }, { $set: { analysedAt: new Date() } }),
      ),
    ]);
    const started = performance.now();
    for (let i = 0; i < n; i += UPDATE_BATCH) {
      const ops = ids.slice(i, i + UPDATE_BATCH).map((_id) => ({
        updateOne: { filter: { _id }, update: { $unset: { pending: '' } } },
      }));
      await collection.bulkWrite(ops, { ordered: false });
    }
    rows.push([
      `bulkWrite of updateOne by _id, ${UPDATE_BATCH} a call`,
      n / ((performance.now() - started) / 1000),
    ]);
    console.log(`${fmt(n)} mention-shaped documents, one collection`);
    for (const [what, perSecond] of rows) {
      console.log(`${what.padEnd(48)} ${fmt(perSecond).padStart(8)} /s`);
    }
  } finally {
    await db.dropDatabase();
    await client.close();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:store: ${(error as Error).message}`);
  process.exit(1);
});
