import { wordEntry } from './lexicon/entries.js';
import { NEGATORS } from './lexicon/modifiers.js';
import { SERVICE_PATTERNS } from './lexicon/service.js';
import { WORD_VALENCE } from './lexicon/words.js';
import type { Token } from './tokenize.js';

/** Short words that glue hashtag phrases together ("#worstserviceever"). */
const GLUE =
  'a an the my our your i me we you it is so too very ever again all day time no more one'.split(
    ' ',
  );
const MIN_LENGTH = 7;
/** Longer runs are not phrases anyone types as a hashtag, and the split costs length squared. */
const MAX_LENGTH = 40;
const MIN_PART = 2;
const MAX_PART = 14;
const MAX_PARTS = 4;

function patternWords(): string[] {
  return SERVICE_PATTERNS.flatMap((entry) =>
    entry.pattern.split(/[ /_]/).filter((word) => /^[a-z']+$/.test(word)),
  );
}

/** Words a lowercase hashtag may be made of: the lexicon, the service patterns and some glue. */
const VOCABULARY: ReadonlySet<string> = new Set([
  ...WORD_VALENCE.keys(),
  ...NEGATORS,
  ...patternWords(),
  ...GLUE,
]);

// Hashtags repeat a lot across mentions; remembering splits saves the search. Bounded.
const remembered = new Map<string, string[] | undefined>();
const REMEMBER_AT_MOST = 5000;

function rememberedSegment(text: string): string[] | undefined {
  if (remembered.has(text)) {
    return remembered.get(text);
  }
  if (remembered.size >= REMEMBER_AT_MOST) {
    remembered.clear();
  }
  const parts = segment(text);
  remembered.set(text, parts);
  return parts;
}

/** Fewest known words that spell `text` exactly, up to MAX_PARTS; undefined when there is none. */
export function segment(text: string): string[] | undefined {
  // best[i]: the shortest split of text[0, i), found left to right.
  const best: (string[] | undefined)[] = [[]];
  for (let end = MIN_PART; end <= text.length; end += 1) {
    for (let start = Math.max(0, end - MAX_PART); start <= end - MIN_PART; start += 1) {
      const before = best[start];
      const word = text.slice(start, end);
      if (before !== undefined && before.length < MAX_PARTS && VOCABULARY.has(word)) {
        const current = best[end];
        if (current === undefined || before.length + 1 < current.length) {
          best[end] = [...before, word];
        }
      }
    }
  }
  return best[text.length];
}

// The words a hashtag token splits into, or undefined when it stays whole.
function splitOf(token: Token): string[] | undefined {
  const { length } = token.text;
  if (
    !token.fromHashtag ||
    length < MIN_LENGTH ||
    length > MAX_LENGTH ||
    VOCABULARY.has(token.text)
  ) {
    return undefined;
  }
  const parts = rememberedSegment(token.text);
  return parts === undefined || parts.length < 2 ? undefined : parts;
}

/**
 * Splits run-together lowercase hashtag words ("#neveragain", "#worstserviceever") into the words
 * the rules know; camelCase hashtags were already split by the tokenizer. Builds a new array only
 * from the first token that splits (most texts have none: this runs for every text).
 */
export function expandHashtagWords(tokens: Token[]): Token[] {
  let expanded: Token[] | undefined;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as Token;
    const parts = splitOf(token);
    if (parts !== undefined) {
      expanded ??= tokens.slice(0, index);
      for (const part of parts) {
        expanded.push({ ...token, text: part, raw: part, entry: wordEntry(part) });
      }
    } else if (expanded !== undefined) {
      expanded.push(token);
    }
  }
  return expanded ?? tokens;
}
