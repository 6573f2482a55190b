import { htmlToText } from '../../analysis/text.js';

/** The longest text a stored mention may have (see `NewMention`). */
export const MAX_TEXT = 40_000;

/** Text cut to what a mention may hold, without splitting a surrogate pair. */
export function clip(text: string): string {
  if (text.length <= MAX_TEXT) {
    return text;
  }
  const end = /[\uD800-\uDBFF]/.test(text.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
  return text.slice(0, end);
}

/** Plain text from HTML or entity-escaped text, clipped; the replacement character dropped. */
export function cleanText(html: string): string {
  return clip(
    htmlToText(html)
      .replace(/\uFFFD/g, '')
      .trim(),
  );
}

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
