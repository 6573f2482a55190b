import type { Db } from 'mongodb';
import { Repository } from './repository.js';

interface CursorDoc {
  _id: string;
  watchId: string;
  sourceKey: string;
  value: string;
  updatedAt: Date;
}

/** Where each watch×source poll got to. Written only after the mentions before it are stored. */
export class CursorRepository extends Repository<CursorDoc> {
  constructor(db: Db) {
    super(db, 'cursors');
  }

  async get(watchId: string, sourceKey: string): Promise<string | null> {
    const doc = await this.collection.findOne({ _id: `${watchId}|${sourceKey}` });
    return doc?.value ?? null;
  }

  async set(watchId: string, sourceKey: string, value: string): Promise<void> {
    await this.collection.updateOne(
      { _id: `${watchId}|${sourceKey}` },
      { $set: { watchId, sourceKey, value, updatedAt: new Date() } },
      { upsert: true },
    );
  }
}
