import type { Db } from 'mongodb';
import { Repository } from './repository.js';
import { ConflictError } from '../domain/errors.js';
import type { Watch } from '../domain/watch.js';
import { isDuplicateKey } from './duplicate-key.js';

type WatchDoc = Omit<Watch, 'id'> & { _id: string; updatedAt: Date };

/** A watch as stored: with the time of its last change, which the API shows. */
export type StoredWatch = Watch & { updatedAt: Date };

/**
 * The watches: seeded from the watches file, edited through the API. The scheduler reads enabled
 * watches on every tick, so a change is picked up at the next tick without a restart.
 */
export class WatchRepository extends Repository<WatchDoc> {
  constructor(db: Db) {
    super(db, 'watches');
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

  /** A watch with its `updatedAt`, as the API shows it. */
  async getStored(id: string): Promise<StoredWatch | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? toStoredWatch(doc) : null;
  }

  async listEnabled(): Promise<Watch[]> {
    const docs = await this.collection.find({ enabled: true }).sort({ _id: 1 }).toArray();
    return docs.map(toWatch);
  }

  /** Every watch (up to 1000), by id. */
  async list(): Promise<StoredWatch[]> {
    const docs = await this.collection.find({}).sort({ _id: 1 }).limit(1000).toArray();
    return docs.map(toStoredWatch);
  }

  /** Stores a new watch; a ConflictError when one by that id exists. */
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

function toStoredWatch({ _id, ...rest }: WatchDoc): StoredWatch {
  return { id: _id, ...rest };
}

function toWatch(doc: WatchDoc): Watch {
  const { updatedAt: _updatedAt, ...watch } = toStoredWatch(doc);
  return watch;
}
