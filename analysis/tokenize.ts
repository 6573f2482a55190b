import { wordEntry, type WordEntry } from './lexicon/entries.js';
/** What a token is; the scorer treats each kind differently. */
export type TokenKind =
  | 'word'
  | 'number'
  | 'handle'
  | 'url'
  | 'hashtag'
  | 'emoji'
  | 'emoticon'
  | 'exclaim'
  | 'question'
  | 'stop';

export interface Token {
  kind: TokenKind;
  /** Lowercased, curly apostrophes straightened, letter runs of 3+ cut to 2 ("sooo" -> "soo"). */
  text: string;
  /** As written. */
  raw: string;
  /** Written in capitals ("LOVE"), two letters or more. */
  allCaps: boolean;
  /** Had a letter repeated 3+ times ("sooo"). */
  elongated: boolean;
  /** Came from splitting a hashtag ("#NeverAgain" -> never, again). */
  fromHashtag: boolean;
  /** For words, what the lexicons say about `text`, looked up once here. */
  entry?: WordEntry;
}

const EMOTICON = String.raw`<\/?3+|[:;=8xX][-o^']?[)(\]\[dDpPoO/\\|*3@$]+|[)(\]\[dD/\\|][-o^']?[:;=8]|\^_*\^|[-T;]_+[-T;]|[oO]_[oO]`;
/** A whole whitespace-separated chunk that is an emoticon (so "xD" or "D:" are not words). */
const LONE_EMOTICON = new RegExp(`^(?:${EMOTICON})$`);
/** A plain word, maybe followed by punctuation: most chunks of most texts. */
const PLAIN_WORD = /^([A-Za-z]+(?:['’][A-Za-z]+)?)([.,;:]+|!+|\?+)?$/;
const PLAIN_NUMBER = /^\d+$/;
const PLAIN_HANDLE = /^(@\w+)([.,;:]+|!+|\?+)?$/;
/** A hashtag of ASCII letters, digits and "_" alone: most of them. */
const PLAIN_HASHTAG = /^#\w+$/;
const URL_START = /^(?:https?:\/\/|www\.)/i;
const DASHES = new Set(['-', '–', '—', '|']);
// Inside a chunk, in priority order; group n is KINDS[n - 1].
const PIECES = new RegExp(
  [
    String.raw`(@\w+)`,
    String.raw`(#[\p{L}\p{N}_]+)`,
    String.raw`(\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|h|hr|hrs|hours?|mins?|days?|am|pm)?)(?![\p{L}])`,
    String.raw`([\p{L}\p{M}\d]+(?:['’][\p{L}]+)*)`,
    `(${EMOTICON})`,
    String.raw`(\p{Extended_Pictographic}(?:\uFE0F|[\u{1F3FB}-\u{1F3FF}]|\u200D\p{Extended_Pictographic})*)`,
    String.raw`(!+)`,
    String.raw`(\?+)`,
    String.raw`([.;:,…]+)`,
  ].join('|'),
  'gu',
);
const KINDS: readonly TokenKind[] = [
  'handle',
  'hashtag',
  'number',
  'word',
  'emoticon',
  'emoji',
  'exclaim',
  'question',
  'stop',
];
const ELONGATION = /(\p{L})\1{2,}/gu;

// Three of the same character in a row ("sooo"); a loop is much cheaper than a Unicode regex here.
function hasLetterRun(word: string): boolean {
  for (let index = 2; index < word.length; index += 1) {
    const char = word.charCodeAt(index);
    if (char === word.charCodeAt(index - 1) && char === word.charCodeAt(index - 2) && char > 64) {
      return true;
    }
  }
  return false;
}

// A lower-case ASCII letter anywhere: most capitalised words ("Hello") are told apart by this alone.
function hasAsciiLower(raw: string): boolean {
  for (let index = 0; index < raw.length; index += 1) {
    if (isLower(raw.charCodeAt(index))) {
      return true;
    }
  }
  return false;
}

function isAllCaps(raw: string, lower: string): boolean {
  return (
    raw.length >= 2 &&
    raw !== lower &&
    !hasAsciiLower(raw) &&
    raw === raw.toUpperCase() &&
    /\p{L}.*\p{L}/u.test(raw)
  );
}

function makeToken(kind: TokenKind, raw: string, fromHashtag = false): Token {
  const lowered = raw.toLowerCase();
  const lower = lowered.includes('’') ? lowered.replace(/’/g, "'") : lowered;
  const elongated = kind === 'word' && hasLetterRun(lower);
  const text = elongated ? lower.replace(ELONGATION, '$1$1') : lower;
  return {
    kind,
    text,
    raw,
    allCaps: kind === 'word' && isAllCaps(raw, lowered),
    elongated,
    fromHashtag,
    entry: kind === 'word' ? wordEntry(text) : undefined,
  };
}

const LOWERCASE_TAG = /^#[a-z]+$/;
const ASCII_TAG = /^#[A-Za-z0-9]+$/;

const isLower = (code: number): boolean => code >= 97 && code <= 122;
const isUpper = (code: number): boolean => code >= 65 && code <= 90;
const isDigit = (code: number): boolean => code >= 48 && code <= 57;

// splitHashtag's three rules, for a tag of ASCII letters and digits, in one pass without regexes:
// a break before an upper-case letter after a lower-case one ("NeverAgain"), before the last of
// a run of capitals that opens a word ("ABCDef" -> ABC Def), and between a letter and a digit.
function splitAsciiTag(tag: string): string[] {
  const parts: string[] = [];
  let start = 1;
  for (let at = 2; at < tag.length; at += 1) {
    const before = tag.charCodeAt(at - 1);
    const code = tag.charCodeAt(at);
    const breaks =
      (isUpper(code) &&
        (isLower(before) || (isUpper(before) && isLower(tag.charCodeAt(at + 1))))) ||
      (isDigit(code) && !isDigit(before));
    if (breaks) {
      parts.push(tag.slice(start, at));
      start = at;
    }
  }
  parts.push(tag.slice(start));
  return parts;
}

/** "#NeverAgain" -> ["Never", "Again"]; "#fail" -> ["fail"]; "#iPhone15" -> ["i", "Phone", "15"]. */
export function splitHashtag(tag: string): string[] {
  // Most hashtags are one lowercase run ("#fail", "#neveragain"): nothing to split here.
  if (LOWERCASE_TAG.test(tag)) {
    return [tag.slice(1)];
  }
  if (ASCII_TAG.test(tag)) {
    return splitAsciiTag(tag);
  }
  const body = tag.replace(/^#/, '').replace(/_/g, ' ');
  return body
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .split(' ')
    .filter((part) => part.length > 0);
}

// The regex's capture groups tried in order: the first that took part in the match names the kind.
function pieceKind(match: RegExpExecArray): TokenKind | undefined {
  for (let group = 1; group < match.length; group += 1) {
    if (match[group] !== undefined) {
      return KINDS[group - 1];
    }
  }
  return undefined;
}

function pushPieces(chunk: string, tokens: Token[]): void {
  // exec with lastIndex walks the same matches as matchAll, without an iterator and a copy of the
  // regex per chunk. PIECES is global and shared, so it is reset before and after.
  PIECES.lastIndex = 0;
  for (let match = PIECES.exec(chunk); match !== null; match = PIECES.exec(chunk)) {
    if (match[0] === '') {
      PIECES.lastIndex += 1;
    }
    const kind = pieceKind(match);
    if (kind === undefined) {
      continue;
    }
    if (kind === 'hashtag') {
      pushHashtag(match[0], tokens);
    } else {
      tokens.push(makeToken(kind, match[0]));
    }
  }
  PIECES.lastIndex = 0;
}

// The tag, then its words ("#NeverAgain" -> #neveragain, never, again).
function pushHashtag(tag: string, tokens: Token[]): void {
  tokens.push(makeToken('hashtag', tag));
  for (const part of splitHashtag(tag)) {
    tokens.push(makeToken(/^\d/.test(part) ? 'number' : 'word', part, true));
  }
}

const PUNCTUATION_KIND: Record<string, TokenKind> = { '!': 'exclaim', '?': 'question' };

function pushPunctuation(punctuation: string | undefined, tokens: Token[]): void {
  if (punctuation !== undefined) {
    tokens.push(makeToken(PUNCTUATION_KIND[punctuation.charAt(0)] ?? 'stop', punctuation));
  }
}

function pushPlainWord(word: string, punctuation: string | undefined, tokens: Token[]): void {
  tokens.push(makeToken('word', word));
  pushPunctuation(punctuation, tokens);
}

/** Emoticons made only of letters, which would otherwise read as words. */
const LETTER_EMOTICONS: ReadonlySet<string> = new Set(['xD', 'XD', 'xd', 'xP', 'XP', 'xp']);

const HAS_UPPER = 1;
const HAS_LOWER = 2;
const NOT_LETTERS = 4;

// Whether a chunk is ASCII letters only (most chunks of most texts are), and which cases it has.
function asciiLetterCases(chunk: string): number {
  let cases = 0;
  for (let index = 0; index < chunk.length; index += 1) {
    const code = chunk.charCodeAt(index);
    if (isLower(code)) {
      cases |= HAS_LOWER;
    } else if (isUpper(code)) {
      cases |= HAS_UPPER;
    } else {
      return NOT_LETTERS;
    }
  }
  return cases;
}

// makeToken's word for a chunk of ASCII letters, with what the scan already knows: no curly
// apostrophe, and capitals exactly when there is no lower-case letter in two or more letters.
function asciiWord(raw: string, cases: number): Token {
  const lower = (cases & HAS_UPPER) === 0 ? raw : raw.toLowerCase();
  const elongated = hasLetterRun(lower);
  const text = elongated ? lower.replace(ELONGATION, '$1$1') : lower;
  return {
    kind: 'word',
    text,
    raw,
    allCaps: raw.length >= 2 && (cases & HAS_LOWER) === 0,
    elongated,
    fromHashtag: false,
    entry: wordEntry(text),
  };
}

// Fast paths first: most chunks are a plain word (maybe with a comma or "!"), a number or a handle.
function pushChunk(chunk: string, tokens: Token[]): void {
  const cases = asciiLetterCases(chunk);
  if (cases !== NOT_LETTERS) {
    // The letter emoticons are all two letters long: most words skip the lookup.
    const emoticon = chunk.length === 2 && LETTER_EMOTICONS.has(chunk);
    tokens.push(emoticon ? makeToken('emoticon', chunk) : asciiWord(chunk, cases));
    return;
  }
  const plain = PLAIN_WORD.exec(chunk);
  const handle = plain === null ? PLAIN_HANDLE.exec(chunk) : null;
  if (plain?.[1] !== undefined) {
    pushPlainWord(plain[1], plain[2], tokens);
  } else if (handle?.[1] !== undefined) {
    tokens.push(makeToken('handle', handle[1]));
    pushPunctuation(handle[2], tokens);
  } else if (PLAIN_HASHTAG.test(chunk)) {
    pushHashtag(chunk, tokens);
  } else if (PLAIN_NUMBER.test(chunk)) {
    tokens.push(makeToken('number', chunk));
  } else if (URL_START.test(chunk)) {
    tokens.push(makeToken('url', chunk));
  } else if (DASHES.has(chunk)) {
    tokens.push(makeToken('stop', chunk));
  } else if (chunk.length <= 6 && LONE_EMOTICON.test(chunk)) {
    tokens.push(makeToken('emoticon', chunk));
  } else {
    pushPieces(chunk, tokens);
  }
}

const NEWLINE = 10;

// What JavaScript's `\s` matches (WhiteSpace and LineTerminator): the ASCII ones, then the rest.
function isSpace(code: number): boolean {
  if (code < 0x80) {
    return code === 32 || (code >= 9 && code <= 13);
  }
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Splits social text into tokens: words, @handles, URLs, hashtags (and their words), emoji,
 * emoticons, "!", "?" and clause stops. Chunks are the runs between whitespace (as
 * `split(/\s+/)` has them), and each line break is a clause stop; found in one scan.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let start = -1;
  for (let at = 0; at <= text.length; at += 1) {
    const code = at < text.length ? text.charCodeAt(at) : NEWLINE;
    if (!isSpace(code)) {
      start = start < 0 ? at : start;
      continue;
    }
    if (start >= 0) {
      pushChunk(text.slice(start, at), tokens);
      start = -1;
    }
    if (code === NEWLINE && at < text.length) {
      tokens.push(makeToken('stop', '\n'));
    }
  }
  return tokens;
}
