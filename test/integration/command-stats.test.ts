import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCommands, type CommandStats } from '../../store/command-stats.js';

describe('store command counts (the pipeline benchmark’s documents written)', () => {
  let client: MongoClient;
  let stats: CommandStats;
  const db = () => client.db(`command_stats_${process.pid}`);
  beforeAll(async () => {
    client = new MongoClient(process.env.MONGODB_URL ?? '', { monitorCommands: true });
    stats = countCommands(client);
    await client.connect();
  });
  afterAll(async () => {
    await db().dropDatabase();
    await client.close();
  });

  it('counts what an insert stored, not the duplicates it refused', async () => {
    const things = db().collection<{ _id: number }>('things');
    await things.insertMany([{ _id: 1 }, { _id: 2 }]);
    await things
      .insertMany([{ _id: 2 }, { _id: 3 }, { _id: 1 }], { ordered: false })
      .catch(() => {});
    await things.updateMany({}, { $set: { seen: true } });
    expect(stats.byCommand['written to things']).toBe(2 + 1 + 3);
    expect(stats.byCommand['insert things']).toBe(2);
  });
});
