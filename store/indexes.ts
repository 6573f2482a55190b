import type { Collection, Document, IndexDescription } from 'mongodb';

/**
 * Creates indexes one by one. FerretDB v1 panics on a createIndexes command naming several indexes
 * that all exist already, which every restart would send; one index per command is safe on both.
 */
export async function ensureIndexes<T extends Document>(
  collection: Collection<T>,
  indexes: IndexDescription[],
): Promise<void> {
  for (const { key, ...options } of indexes) {
    await collection.createIndex(key, options);
  }
}
