import type { Db } from 'mongodb';
import { PerWatchSource } from './per-watch-source.js';

interface CursorDoc {
  _id: string;
  watchId: string;
  sourceKey: string;
  value: string;
  updatedAt: Date;
}

/** Where each watch×source poll got to. Written only after the mentions before it are stored. */
export class CursorRepository extends PerWatchSource<CursorDoc> {
  constructor(db: Db) {
    super(db, 'cursors');
  }

  async get(watchId: string, sourceKey: string): Promise<string | null> {
    return (await this.find(watchId, sourceKey))?.value ?? null;
  }

  async set(watchId: string, sourceKey: string, value: string): Promise<void> {
    await this.collection.updateOne(
      this.idOf(watchId, sourceKey),
      { $set: { watchId, sourceKey, value, updatedAt: new Date() } },
      { upsert: true },
    );
  }
}
