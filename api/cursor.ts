import { ObjectId } from 'mongodb';
import { z } from 'zod';
import { InvalidInputError } from '../domain/errors.js';
import type { KeyValue, Keyset } from '../store/keyset.js';

const Encoded = z.object({
  s: z.string(),
  v: z.array(
    z.union([
      z.object({ d: z.iso.datetime() }).strict(),
      z.object({ n: z.number() }).strict(),
      z.object({ s: z.string().max(500) }).strict(),
      z.object({ o: z.string().regex(/^[0-9a-f]{24}$/) }).strict(),
    ]),
  ),
});

function encodeValue(value: KeyValue): Record<string, unknown> {
  if (value instanceof Date) {
    return { d: value.toISOString() };
  }
  if (value instanceof ObjectId) {
    return { o: value.toHexString() };
  }
  return typeof value === 'number' ? { n: value } : { s: value };
}

function decodeValue(value: z.infer<typeof Encoded>['v'][number]): KeyValue {
  if ('d' in value) {
    return new Date(value.d);
  }
  if ('o' in value) {
    return new ObjectId(value.o);
  }
  return 'n' in value ? value.n : value.s;
}

/** An opaque cursor: base64url JSON of the sort it belongs to and the last item's sort values. */
export function encodeCursor(sort: string, keyset: Keyset): string {
  return Buffer.from(JSON.stringify({ s: sort, v: keyset.map(encodeValue) })).toString('base64url');
}

/** The `cursor` query parameter of a list sorted by `sortOf(query)`; decoded values only. */
export function cursorParam(length: number) {
  return z
    .string()
    .max(2000)
    .transform((value, ctx): { sort: string; keyset: Keyset } => {
      try {
        const parsed = Encoded.parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
        if (parsed.v.length > length) {
          throw new Error('too many values');
        }
        return { sort: parsed.s, keyset: parsed.v.map(decodeValue) };
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not a cursor this API returned' });
        return z.NEVER;
      }
    })
    .optional();
}

/** The keyset to continue from, checking the cursor was made for this sort. */
export function keysetFor(
  cursor: { sort: string; keyset: Keyset } | undefined,
  sort: string,
  length: number,
): Keyset | null {
  if (!cursor) {
    return null;
  }
  if (cursor.sort !== sort || cursor.keyset.length !== length) {
    throw new InvalidInputError(`cursor: made for another sort or list`);
  }
  return cursor.keyset;
}

/** One page of a list, as the list routes answer: `{ items, nextCursor }`. */
export type Page<T> = ReturnType<typeof pageOf<T>>;

/** A page of at most `size` items (callers fetch `size + 1`) and the cursor of the next page. */
export function pageOf<T>(fetched: T[], size: number, sort: string, keysetOf: (item: T) => Keyset) {
  const items = fetched.slice(0, size);
  const last = items.at(-1);
  return {
    items,
    nextCursor: fetched.length > size && last ? encodeCursor(sort, keysetOf(last)) : null,
  };
}
