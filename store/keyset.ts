import type { Collection, Document, Filter, FindCursor, ObjectId, WithId } from 'mongodb';

/** One field of a sort order; the last key of every order is the unique id, so orders are total. */
export interface SortKey {
  field: string;
  dir: 1 | -1;
}

export type KeyValue = Date | number | string | ObjectId;

/** A position in a sort order: the sort values of the last item seen, in key order. */
export type Keyset = KeyValue[];

/**
 * Items strictly after `after` in the order `keys` (keyset pagination): stable while items are
 * added, because a position is a set of values, not an offset.
 */
export function keysetFilter(keys: SortKey[], after: Keyset | null): Record<string, unknown> {
  if (!after) {
    return {};
  }
  if (after.length !== keys.length) {
    throw new Error(`keyset of ${after.length} values for a sort of ${keys.length} keys`);
  }
  const branches = keys.map((key, index) => {
    const branch: Record<string, unknown> = {};
    for (let prior = 0; prior < index; prior += 1) {
      branch[keys[prior]!.field] = after[prior];
    }
    branch[key.field] = { [key.dir < 0 ? '$lt' : '$gt']: after[index] };
    return branch;
  });
  return { $or: branches };
}

/** A sort order from `[field, direction]` pairs, the unique id last. */
export function order(...keys: Array<[field: string, dir: 1 | -1]>): SortKey[] {
  return keys.map(([field, dir]) => ({ field, dir }));
}

export function sortOf(keys: SortKey[]): Record<string, 1 | -1> {
  return Object.fromEntries(keys.map((key) => [key.field, key.dir]));
}

/** The documents that match `filter` and come after `after`, in the order `keys`. */
export function findAfter<T extends Document>(
  collection: Collection<T>,
  filter: Record<string, unknown>,
  keys: SortKey[],
  after: Keyset | null,
): FindCursor<WithId<T>> {
  return collection
    .find({ $and: [filter, keysetFilter(keys, after)] } as Filter<T>)
    .sort(sortOf(keys));
}
