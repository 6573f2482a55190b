/** A count an API may send as a number, a numeric string, null or nothing: a non-negative int. */
export function count(value: unknown): number {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number > 0
    ? Math.floor(number)
    : 0;
}

/** A reach figure (followers, subscribers, reputation), or null when the API does not say. */
export function reach(value: unknown): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number >= 0
    ? Math.floor(number)
    : null;
}
