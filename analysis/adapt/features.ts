import { fnv, unitOf } from '../model/features.js';
import type { Token } from '../tokenize.js';

/** The adaptation's n-gram features are hashed into 2^ADAPT_BITS buckets (per class). */
export const ADAPT_BITS = 18;
export const ADAPT_BUCKETS = 1 << ADAPT_BITS;
const MASK = ADAPT_BUCKETS - 1;

const FNV_OFFSET = 0x811c9dc5;
const WORD = fnv(FNV_OFFSET, 'w ');
const PAIR = fnv(FNV_OFFSET, 'b ');
const CHARS = fnv(FNV_OFFSET, 'c ');
/** Character n-grams of 3 to 5 characters, inside words padded with a space each side. */
const CHAR_MIN = 3;
const CHAR_MAX = 5;
const SPACE = 32;

/**
 * One text's n-grams as parallel arrays: `buckets[i]` weighs `values[i]`. Words and word pairs
 * form one block and character n-grams another, each scaled to unit length as TF-IDF's l2 norm
 * would, so long texts do not outvote short ones. `words[i]` is the word a unigram stands for (for
 * evidence), '' for every other feature.
 */
export interface NgramFeatures {
  buckets: number[];
  values: number[];
  words: string[];
}

// Units of the text in order; undefined where a URL, number or stop breaks the sequence.
function unitsOf(tokens: readonly Token[]): (string | undefined)[] {
  return tokens.map((token) => unitOf(token));
}

function pushWords(units: readonly (string | undefined)[], into: NgramFeatures): number {
  const start = into.buckets.length;
  let previous: string | undefined;
  for (const unit of units) {
    if (unit !== undefined) {
      into.buckets.push((fnv(WORD, unit) >>> 0) & MASK);
      into.words.push(unit);
      if (previous !== undefined) {
        into.buckets.push((fnv(fnv(PAIR, previous), ` ${unit}`) >>> 0) & MASK);
        into.words.push('');
      }
    }
    previous = unit;
  }
  return into.buckets.length - start;
}

// Character n-grams of one word, hashed as they grow from each start: no substring is built.
function pushChars(word: string, into: NgramFeatures): void {
  const length = word.length + 2;
  const codeAt = (at: number): number =>
    at === 0 || at === length - 1 ? SPACE : word.charCodeAt(at - 1);
  for (let start = 0; start + CHAR_MIN <= length; start += 1) {
    let hash = CHARS;
    for (let end = start; end < Math.min(start + CHAR_MAX, length); end += 1) {
      hash = Math.imul(hash ^ codeAt(end), 0x01000193);
      if (end - start + 1 >= CHAR_MIN) {
        into.buckets.push((hash >>> 0) & MASK);
        into.words.push('');
      }
    }
  }
}

function scale(values: number[], from: number, count: number): void {
  const norm = count > 0 ? 1 / Math.sqrt(count) : 0;
  for (let index = from; index < from + count; index += 1) {
    values[index] = norm;
  }
}

/** Word 1–2-grams and character 3–5-grams of a tokenised text. */
export function ngramFeatures(tokens: readonly Token[]): NgramFeatures {
  const features: NgramFeatures = { buckets: [], values: [], words: [] };
  const wordCount = pushWords(unitsOf(tokens), features);
  for (const token of tokens) {
    if (token.kind === 'word' || token.kind === 'hashtag') {
      pushChars(token.text, features);
    }
  }
  const charCount = features.buckets.length - wordCount;
  features.values.length = features.buckets.length;
  scale(features.values, 0, wordCount);
  scale(features.values, wordCount, charCount);
  return features;
}
