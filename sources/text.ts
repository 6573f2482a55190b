import { convert } from 'html-to-text';
import { MAX_TEXT } from '../domain/mention.js';

/**
 * Customers' words as Earshot keeps them. One rule per kind of input, so that nothing is decoded
 * twice and nothing plain is read as HTML:
 * - plain text (X, Bluesky, YouTube's textOriginal, Reddit bodies, Atom type="text", App Store
 *   reviews) keeps its line breaks and its characters, `<` and `&` included;
 * - HTML (Mastodon content, HN, Stack Exchange bodies, Atom type="html", RSS descriptions) is
 *   parsed once, its entities decoded once, its block elements turned into line breaks.
 */

// Control characters (but tab and newlines) and the replacement character left by invalid UTF-8.
// eslint-disable-next-line no-control-regex
const NOISE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g;

/** Text cut to what a mention may hold, without splitting a surrogate pair. */
export function clip(text: string): string {
  if (text.length <= MAX_TEXT) {
    return text;
  }
  const end = /[\uD800-\uDBFF]/.test(text.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
  return text.slice(0, end);
}

/** Plain text as stored: line endings as \n, noise removed, ends trimmed, clipped. */
export function plainText(text: string): string {
  return clip(text.replace(/\r\n?/g, '\n').replace(NOISE, '').trim()).trim();
}

/** Plain text from an HTML fragment: tags parsed, entities decoded once, links and images dropped. */
export function htmlText(html: string): string {
  const text = convert(html.replace(NOISE, ''), {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
    ],
  });
  return plainText(text);
}

const BASIC_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/**
 * Plain text in which only `&`, `<` and `>` come escaped (X's tweet text): those three decoded,
 * once; everything else, line breaks included, kept as sent.
 */
export function escapedText(text: string): string {
  return plainText(text.replace(/&(amp|lt|gt);/g, (entity) => BASIC_ENTITIES[entity] ?? entity));
}

/** Non-empty parts (already plain text) joined by a blank line. */
export function joinParts(...parts: Array<string | null | undefined>): string {
  return plainText(
    parts.filter((part): part is string => !!part && part.trim() !== '').join('\n\n'),
  );
}
