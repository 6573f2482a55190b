/**
 * What the store cannot hold, or should not: NUL (MongoDB keys are C strings, and a NUL in a
 * string made queries fail), unpaired UTF-16 surrogates (not valid UTF-8, so not valid BSON),
 * and dates outside the range a mention can have.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_MESSAGE =
  'contains a character that cannot be stored (NUL or an unpaired UTF-16 surrogate)';

export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/**
 * The path of the first string (or object key) in `value` that cannot be stored, or null. Paths
 * read as `mentions[2].author.id`.
 */
export function unstorablePath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') {
    return isStorableText(value) ? null : path || 'value';
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unstorablePath(item, `${path}[${index}]`);
      if (found) {
        return found;
      }
    }
    return null;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (!isStorableText(key)) {
        return at;
      }
      const found = unstorablePath(item, at);
      if (found) {
        return found;
      }
    }
  }
  return null;
}

/** No mention predates 2000; a few hours of clock skew are allowed, a day is not. */
export const EARLIEST_DATE = new Date('2000-01-01T00:00:00Z');
export const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

/** Why a mention's date cannot be taken (it would sit on top of every "newest" list), or null. */
export function dateProblem(date: Date, nowMs: number): string | null {
  if (Number.isNaN(date.getTime())) {
    return 'not a date';
  }
  if (date < EARLIEST_DATE) {
    return 'before 2000-01-01';
  }
  if (date.getTime() > nowMs + FUTURE_SLACK_MS) {
    return 'more than a day in the future';
  }
  return null;
}
