import { ObjectId } from 'mongodb';
import { z } from 'zod';
import type { PageCursor } from '../store/paging.js';

export const limit = z.coerce.number().int().min(1).max(200).default(50);

const CursorJson = z.object({
  at: z.string().datetime(),
  id: z.string().refine((id) => ObjectId.isValid(id)),
});

/** An opaque page cursor: base64url of the last item's sort time and id. */
export const cursor = z
  .string()
  .transform((value, ctx): PageCursor => {
    try {
      const parsed = CursorJson.parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
      return { at: new Date(parsed.at), id: parsed.id };
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a cursor this API returned' });
      return z.NEVER;
    }
  })
  .optional();

export function encodeCursor(item: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ at: item.createdAt.toISOString(), id: item.id })).toString(
    'base64url',
  );
}

/**
 * A page of at most `size` items and the cursor of the next page: callers fetch `size + 1`, so the
 * cursor is null exactly on the last page.
 */
export function page<T extends { createdAt: Date; id: string }>(fetched: T[], size: number) {
  const items = fetched.slice(0, size);
  const last = items.at(-1);
  return { items, nextCursor: fetched.length > size && last ? encodeCursor(last) : null };
}

export { WatchId as watchId } from '../domain/watch.js';
