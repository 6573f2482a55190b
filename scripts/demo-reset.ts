/** Empties the demo's database and queues so that every demo run starts from nothing. */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { loadConfig } from '../config/index.js';
import { QUEUE_NAMES } from '../jobs/catalogue.js';

const config = loadConfig();
const client = await MongoClient.connect(config.mongo.url, { serverSelectionTimeoutMS: 5000 });
await client.db(config.mongo.db).dropDatabase();
await client.close();
const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
for (const name of QUEUE_NAMES) {
  const queue = new Queue(name, { connection: redis, prefix: config.queuePrefix });
  await queue.obliterate({ force: true });
  await queue.close();
}
redis.disconnect();
