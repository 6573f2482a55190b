import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';

export interface BulkOutcome {
  /** The ids of documents the upserts inserted, by operation index. */
  upsertedIds: Record<number, unknown>;
  /** Operations refused on a unique key (a failed guard of an upsert), by index. */
  failed: Set<number>;
}

/**
 * One unordered bulkWrite. Duplicate-key refusals are expected (they are how a guarded upsert says
 * that its guard failed) and are returned by index; any other error is thrown.
 */
export async function bulkUnordered<D extends Document>(
  collection: Collection<D>,
  operations: Array<AnyBulkWriteOperation<D>>,
): Promise<BulkOutcome> {
  if (operations.length === 0) {
    return { upsertedIds: {}, failed: new Set() };
  }
  try {
    const result = await collection.bulkWrite(operations, { ordered: false });
    return { upsertedIds: result.upsertedIds, failed: new Set() };
  } catch (error) {
    const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
    const list = (
      Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : []
    ) as Array<{ code: number; index: number }>;
    if (list.length === 0 || !list.every((entry) => entry.code === 11000)) {
      throw error;
    }
    const result = (error as { result?: { upsertedIds?: Record<number, unknown> } }).result;
    return {
      upsertedIds: result?.upsertedIds ?? {},
      failed: new Set(list.map((entry) => entry.index)),
    };
  }
}
