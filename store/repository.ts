import type { Collection, Db, Document, IndexDescription } from 'mongodb';
import { ensureIndexes } from './indexes.js';

/**
 * What a repository stands on: its collection, and the indexes its queries need, declared beside
 * those queries and created at start-up (connectStore). Callers see only the named methods.
 */
export abstract class Repository<T extends Document> {
  protected readonly collection: Collection<T>;

  constructor(
    db: Db,
    name: string,
    private readonly indexes: IndexDescription[] = [],
  ) {
    this.collection = db.collection<T>(name);
  }

  async ensureIndexes(): Promise<void> {
    if (this.indexes.length > 0) {
      await ensureIndexes(this.collection, this.indexes);
    }
  }
}
