import type { Collection, Document, Filter, WithId } from 'mongodb';

/** How many single-document reads or writes a batch keeps in flight at once. */
export const IN_FLIGHT = 16;

/**
 * Runs `task` over `items`, at most IN_FLIGHT at a time, and returns the results in order. Batches
 * go to the store as single-document operations by `_id`: FerretDB v1 answers those from its
 * primary key but evaluates `$in` (and every non-equality filter) by reading the whole collection,
 * and it slows down on large `bulkWrite`s. MongoDB takes them in its stride as well.
 */
export async function inFlight<T, R>(items: T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += IN_FLIGHT) {
    results.push(...(await Promise.all(items.slice(start, start + IN_FLIGHT).map(task))));
  }
  return results;
}

/** The documents with these `_id`s that also match `filter`, in the order of `ids`. */
export async function findByIdList<D extends Document & { _id: unknown }>(
  collection: Collection<D>,
  ids: D['_id'][],
  filter: Filter<D> = {},
): Promise<Array<WithId<D>>> {
  const found = await inFlight(ids, (_id) => collection.findOne({ ...filter, _id } as Filter<D>));
  return found.filter((doc): doc is WithId<D> => doc !== null);
}
