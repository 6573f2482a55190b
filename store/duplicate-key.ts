/** True for MongoDB's duplicate-key error, which idempotent writes expect and absorb. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 11000;
}
