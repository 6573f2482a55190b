import { fnv, unitOf } from '../model/features.js';
import type { Token } from '../tokenize.js';

/** The adaptation's n-gram features are hashed into 2^ADAPT_BITS buckets (per class). */
export const ADAPT_BITS = 18;
export const ADAPT_BUCKETS = 1 << ADAPT_BITS;
const MASK = ADAPT_BUCKETS - 1;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 32;
const WORD = fnv(FNV_OFFSET, 'w ');
const PAIR = fnv(FNV_OFFSET, 'b ');
const CHARS = fnv(FNV_OFFSET, 'c ');
/** Character n-grams of 3 to 5 characters, inside words padded with a space each side (pushChars
 * spells the three sizes out: change it with these). */
const CHAR_MIN = 3;
const CHAR_MAX = 5;

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

/**
 * One text's n-grams as `NgramFeatures` has them, in buffers that every call reuses: scoring a
 * text then builds no array per n-gram (a tweet has about 300). Calls never interleave (they are
 * synchronous), so sharing the buffers keeps results pure; read them before the next call.
 */
export interface NgramScratch {
  /** Word 1–2-grams first (`wordCount` of them), then character n-grams, `count` in all. */
  buckets: Int32Array;
  count: number;
  wordCount: number;
  /** Where each unigram sits in `buckets`, and its word, `unigramCount` of them in text order. */
  unigramAt: Int32Array;
  unigramWords: string[];
  unigramCount: number;
}

const scratch: NgramScratch = {
  buckets: new Int32Array(1024),
  count: 0,
  wordCount: 0,
  unigramAt: new Int32Array(256),
  unigramWords: [],
  unigramCount: 0,
};
// A word's characters padded with a space each side.
let padded = new Int32Array(64);

// Room in the scratch for `more` buckets.
function reserve(more: number): void {
  if (scratch.count + more > scratch.buckets.length) {
    const grown = new Int32Array(Math.max(scratch.buckets.length * 2, scratch.count + more));
    grown.set(scratch.buckets);
    scratch.buckets = grown;
  }
}

function push(bucket: number): void {
  reserve(1);
  scratch.buckets[scratch.count] = bucket;
  scratch.count += 1;
}

function pushUnigram(bucket: number, word: string): void {
  if (scratch.unigramCount === scratch.unigramAt.length) {
    const grown = new Int32Array(scratch.unigramAt.length * 2);
    grown.set(scratch.unigramAt);
    scratch.unigramAt = grown;
  }
  scratch.unigramAt[scratch.unigramCount] = scratch.count;
  scratch.unigramWords[scratch.unigramCount] = word;
  scratch.unigramCount += 1;
  push(bucket);
}

// Each unit, then the pair it closes with the unit before it ("b " + previous + " " + unit), both
// hashed in one pass over its characters; no pair string is built.
function pushWords(tokens: readonly Token[]): void {
  let pairOpen = 0;
  let previous = false;
  for (let index = 0; index < tokens.length; index += 1) {
    const unit = unitOf(tokens[index] as Token);
    if (unit === undefined) {
      previous = false;
      continue;
    }
    let word = WORD;
    let pair = previous ? Math.imul(pairOpen ^ SPACE, FNV_PRIME) : 0;
    let next = PAIR;
    for (let at = 0; at < unit.length; at += 1) {
      const code = unit.charCodeAt(at);
      word = Math.imul(word ^ code, FNV_PRIME);
      pair = Math.imul(pair ^ code, FNV_PRIME);
      next = Math.imul(next ^ code, FNV_PRIME);
    }
    pushUnigram((word >>> 0) & MASK, unit);
    if (previous) {
      push((pair >>> 0) & MASK);
    }
    pairOpen = next;
    previous = true;
  }
}

// Character n-grams of one word, hashed as they grow from each start: no substring is built.
function pushChars(word: string): void {
  const length = word.length + 2;
  if (padded.length < length) {
    padded = new Int32Array(length * 2);
  }
  padded[0] = SPACE;
  for (let at = 0; at < word.length; at += 1) {
    padded[at + 1] = word.charCodeAt(at);
  }
  padded[length - 1] = SPACE;
  // At most CHAR_MAX - CHAR_MIN + 1 n-grams start at each character.
  reserve(length * (CHAR_MAX - CHAR_MIN + 1));
  const { buckets } = scratch;
  let count = scratch.count;
  // The 3-, 4- and 5-gram from each start, written out: about twice as fast as an inner loop that
  // checks the length at each character (the same n-grams in the same order).
  for (let start = 0; start + CHAR_MIN <= length; start += 1) {
    let hash = Math.imul(CHARS ^ (padded[start] as number), FNV_PRIME);
    hash = Math.imul(hash ^ (padded[start + 1] as number), FNV_PRIME);
    hash = Math.imul(hash ^ (padded[start + 2] as number), FNV_PRIME);
    buckets[count] = (hash >>> 0) & MASK;
    count += 1;
    if (start + CHAR_MIN + 1 <= length) {
      hash = Math.imul(hash ^ (padded[start + 3] as number), FNV_PRIME);
      buckets[count] = (hash >>> 0) & MASK;
      count += 1;
      if (start + CHAR_MAX <= length) {
        hash = Math.imul(hash ^ (padded[start + 4] as number), FNV_PRIME);
        buckets[count] = (hash >>> 0) & MASK;
        count += 1;
      }
    }
  }
  scratch.count = count;
}

/** Hashes a tokenised text's word 1–2-grams and character 3–5-grams into the shared scratch. */
export function hashNgrams(tokens: readonly Token[]): NgramScratch {
  scratch.count = 0;
  scratch.unigramCount = 0;
  pushWords(tokens);
  scratch.wordCount = scratch.count;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as Token;
    if (token.kind === 'word' || token.kind === 'hashtag') {
      pushChars(token.text);
    }
  }
  return scratch;
}

/** The value of each feature of a block of `count`: one over the block's length. */
export function blockNorm(count: number): number {
  return count > 0 ? 1 / Math.sqrt(count) : 0;
}

/** Word 1–2-grams and character 3–5-grams of a tokenised text. */
export function ngramFeatures(tokens: readonly Token[]): NgramFeatures {
  const hashed = hashNgrams(tokens);
  const { count, wordCount } = hashed;
  const buckets = new Array<number>(count);
  const values = new Array<number>(count);
  const words = new Array<string>(count).fill('');
  const wordNorm = blockNorm(wordCount);
  const charNorm = blockNorm(count - wordCount);
  for (let index = 0; index < count; index += 1) {
    buckets[index] = hashed.buckets[index] as number;
    values[index] = index < wordCount ? wordNorm : charNorm;
  }
  for (let index = 0; index < hashed.unigramCount; index += 1) {
    words[hashed.unigramAt[index] as number] = hashed.unigramWords[index] as string;
  }
  return { buckets, values, words };
}
