import type { Db } from 'mongodb';
import { ConflictError } from '../domain/errors.js';
import type { Watch } from '../domain/watch.js';
import { isDuplicateKey } from './duplicate-key.js';

type WatchDoc = Omit<Watch, 'id'> & { _id: string; updatedAt: Date };

function toWatch({ _id, updatedAt, ...rest }: WatchDoc): Watch & { updatedAt: Date } {
  return { id: _id, ...rest, updatedAt };
}

/**
 * Create, replace and delete for the API. The scheduler reads enabled watches from the store on
 * every tick, so a change here is picked up at the next tick without a restart.
 */
export class WatchAdmin {
  constructor(private readonly db: Db) {}

  private get collection() {
    return this.db.collection<WatchDoc>('watches');
  }

  async list(): Promise<Array<Watch & { updatedAt: Date }>> {
    const docs = await this.collection.find({}).sort({ _id: 1 }).limit(1000).toArray();
    return docs.map(toWatch);
  }

  async get(id: string): Promise<(Watch & { updatedAt: Date }) | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? toWatch(doc) : null;
  }

  async create(watch: Watch): Promise<void> {
    const { id, ...rest } = watch;
    try {
      await this.collection.insertOne({ _id: id, ...rest, updatedAt: new Date() });
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw new ConflictError('id', `a watch "${id}" exists already`);
      }
      throw error;
    }
  }

  /** Replaces an existing watch; false when there is none by that id. */
  async replace(watch: Watch): Promise<boolean> {
    const { id, ...rest } = watch;
    const result = await this.collection.replaceOne(
      { _id: id },
      { ...rest, updatedAt: new Date() },
    );
    return result.matchedCount === 1;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.collection.deleteOne({ _id: id });
    return result.deletedCount === 1;
  }
}
