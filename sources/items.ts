import type { z } from 'zod';
import type { FetchResult } from './types.js';

/** What a connector says of an item it skips: one it cannot read, and one with no text. */
export interface SkipReasons<T> {
  unreadable: string;
  noText: (item: T) => string;
}

/**
 * The items of a page that `schema` reads and that have text (`textOf`), each with its text. Every
 * other item is skipped and counted in `skipped` with its reason, so a bad item never fails a page.
 */
export function readableItems<T>(
  raws: unknown[],
  schema: z.ZodType<T>,
  textOf: (item: T) => string,
  reasons: SkipReasons<T>,
  skipped: FetchResult['skipped'],
): Array<{ item: T; text: string }> {
  const readable: Array<{ item: T; text: string }> = [];
  for (const raw of raws) {
    const parsed = schema.safeParse(raw);
    const text = parsed.success ? textOf(parsed.data) : '';
    if (!parsed.success || text === '') {
      skipped.push({ reason: parsed.success ? reasons.noText(parsed.data) : reasons.unreadable });
    } else {
      readable.push({ item: parsed.data, text });
    }
  }
  return readable;
}
