import { htmlToText } from '../../analysis/text.js';

/** The longest mention text kept (the Mention schema's limit); longer bodies are cut. */
export const MAX_TEXT_CHARS = 40_000;

// Control characters (but tab and newlines) and the replacement character left by invalid UTF-8.
// eslint-disable-next-line no-control-regex
const NOISE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g;

/** Plain text as stored: noise removed, surrounding space trimmed, cut to the schema's limit. */
export function cleanText(text: string): string {
  return text.replace(NOISE, '').trim().slice(0, MAX_TEXT_CHARS).trim();
}

/** Plain text from an HTML fragment, entities decoded. */
export function htmlText(html: string): string {
  return cleanText(htmlToText(html.replace(NOISE, '')));
}

/** Non-empty parts joined by a blank line. */
export function joinParts(...parts: Array<string | null | undefined>): string {
  return cleanText(
    parts.filter((part): part is string => !!part && part.trim() !== '').join('\n\n'),
  );
}
