import type { Collection, Db } from 'mongodb';
import type { Watch } from '../domain/watch.js';

type WatchDoc = Omit<Watch, 'id'> & { _id: string; updatedAt: Date };

export class WatchRepository {
  private readonly collection: Collection<WatchDoc>;

  constructor(db: Db) {
    this.collection = db.collection<WatchDoc>('watches');
  }

  /** Creates or replaces a watch by id (seeding from the watches file is this, once per start). */
  async upsert(watch: Watch): Promise<void> {
    const { id, ...rest } = watch;
    await this.collection.replaceOne(
      { _id: id },
      { ...rest, updatedAt: new Date() },
      { upsert: true },
    );
  }

  async get(id: string): Promise<Watch | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? toWatch(doc) : null;
  }

  async listEnabled(): Promise<Watch[]> {
    const docs = await this.collection.find({ enabled: true }).sort({ _id: 1 }).toArray();
    return docs.map(toWatch);
  }
}

function toWatch({ _id, updatedAt: _updatedAt, ...rest }: WatchDoc): Watch {
  return { id: _id, ...rest };
}
