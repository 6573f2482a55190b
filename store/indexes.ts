import type { Collection, Document, IndexDescription } from 'mongodb';

/** Creates a collection's declared indexes in one command (indexes that exist are left as they are). */
export async function ensureIndexes<T extends Document>(
  collection: Collection<T>,
  indexes: IndexDescription[],
): Promise<void> {
  await collection.createIndexes(indexes);
}
