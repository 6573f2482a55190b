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
}

// Emoticons only count when they stand alone, so "http://" or "8)" inside text do not match.
const EMOTICON = String.raw`(?<![\w:;=])(?:<\/?3+|[:;=8xX][-o^']?[)(\]\[dDpPoO/\\|*3@$]+|[)(\]\[dD/\\|][-o^']?[:;=8]|\^_*\^|[-T;]_+[-T;]|[oO]_[oO])(?![\w])`;
const PATTERN = new RegExp(
  [
    String.raw`(?<url>(?:https?:\/\/|www\.)\S+)`,
    String.raw`(?<handle>@\w+)`,
    String.raw`(?<hashtag>#[\p{L}\p{N}_]+)`,
    `(?<emoticon>${EMOTICON})`,
    String.raw`(?<number>\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|h|hr|hrs|hours?|mins?|days?|am|pm)?)(?![\p{L}])`,
    String.raw`(?<word>[\p{L}\p{M}\d][\p{L}\p{M}\d]*(?:['’][\p{L}]+)*)`,
    String.raw`(?<emoji>\p{Extended_Pictographic}(?:\uFE0F|[\u{1F3FB}-\u{1F3FF}]|\u200D\p{Extended_Pictographic})*)`,
    String.raw`(?<exclaim>!+)`,
    String.raw`(?<question>\?+)`,
    String.raw`(?<stop>[.;:,…]+|\s-\s|\n)`,
  ].join('|'),
  'gu',
);

const KINDS: readonly TokenKind[] = [
  'url',
  'handle',
  'hashtag',
  'emoticon',
  'number',
  'word',
  'emoji',
  'exclaim',
  'question',
  'stop',
];

function makeToken(kind: TokenKind, raw: string, fromHashtag = false): Token {
  const lower = raw.toLowerCase().replace(/’/g, "'");
  const squeezed = kind === 'word' ? lower.replace(/(\p{L})\1{2,}/gu, '$1$1') : lower;
  const letters = raw.replace(/[^\p{L}]/gu, '');
  return {
    kind,
    text: squeezed,
    raw,
    allCaps:
      kind === 'word' &&
      letters.length >= 2 &&
      letters === letters.toUpperCase() &&
      letters !== letters.toLowerCase(),
    elongated: squeezed !== lower,
    fromHashtag,
  };
}

/** "#NeverAgain" -> ["Never", "Again"]; "#fail" -> ["fail"]; "#iPhone15" -> ["i", "Phone", "15"]. */
export function splitHashtag(tag: string): string[] {
  const body = tag.replace(/^#/, '').replace(/_/g, ' ');
  return body
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .split(' ')
    .filter((part) => part.length > 0);
}

function kindOf(groups: Record<string, string | undefined>): TokenKind | undefined {
  return KINDS.find((kind) => groups[kind] !== undefined);
}

/** Splits social text into tokens: words, @handles, URLs, hashtags (and their words), emoji, emoticons, "!", "?" and clause stops. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(PATTERN)) {
    const kind = match.groups ? kindOf(match.groups) : undefined;
    if (kind === undefined) {
      continue;
    }
    const raw = match[0];
    tokens.push(makeToken(kind, raw.trim() || raw));
    if (kind === 'hashtag') {
      for (const part of splitHashtag(raw)) {
        tokens.push(makeToken(/^\d/.test(part) ? 'number' : 'word', part, true));
      }
    }
  }
  return tokens;
}
