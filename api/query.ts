import { z } from 'zod';

/**
 * A number as people write it in a query string: decimal digits with an optional fraction, nothing
 * else (`Number()` would also read `0x10`, `1e3`, ` 16 ` and the empty string).
 */
export function decimal(pattern: RegExp = /^\d{1,15}(\.\d{1,15})?$/) {
  return z.string().regex(pattern, 'a decimal number').transform(Number);
}

export const limit = decimal(/^\d{1,4}$/)
  .pipe(z.number().int().min(1).max(200))
  .default(50);

/** A 24-hex-digit id as MongoDB makes them; anything else is a 400, never a query. */
export const objectIdParam = z.string().regex(/^[0-9a-f]{24}$/, 'a 24-hex-digit id');

export const isoTime = z.iso.datetime({ offset: true }).pipe(z.coerce.date());

/** A free-text search: plain words, matched case-insensitively (never a pattern the user writes). */
export const text = z.string().trim().min(1).max(200);

/** A name as people and keys use it (assignee, key name). */
export const personName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/, 'letters, digits, dot, @, dash, underscore (1-64)');

/** Rejects a time range whose end is not after its start. */
export function orderedRange<T extends { from?: Date; to?: Date }>(query: T, ctx: z.RefinementCtx) {
  if (query.from && query.to && query.from >= query.to) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: 'must be before to' });
  }
}

export { WatchId as watchId } from '../domain/watch.js';
