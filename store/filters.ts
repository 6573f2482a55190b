/** Pieces of the filters the searches build, so each search states only what it filters on. */

/**
 * The entries of `values` that are set. The driver would store or match an undefined field as
 * null, so a filter or a `$set` is built from the set ones only.
 */
export function definedFields<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** Equality on each of `keys` that the search sets, under its stored field's name. */
export function equalities<S extends object, K extends keyof S>(
  search: S,
  fields: Record<K, string>,
  keys: readonly K[],
): Record<string, unknown> {
  return Object.fromEntries(
    keys.filter((key) => search[key] !== undefined).map((key) => [fields[key], search[key]]),
  );
}

/** `createdAt` in [from, to); nothing when neither end is given. */
export function createdBetween(from?: Date, to?: Date): Record<string, unknown> {
  if (from === undefined && to === undefined) {
    return {};
  }
  return { createdAt: { ...(from && { $gte: from }), ...(to && { $lt: to }) } };
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches a field that holds these words, in any case. */
export function containing(text: string): { $regex: string; $options: 'i' } {
  return { $regex: escapeRegex(text), $options: 'i' };
}
