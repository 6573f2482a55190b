import { isClauseEnd } from '../clauses.js';
import { negates } from '../word-context.js';
import { wordEntry } from '../lexicon/entries.js';
import { NEGATION_FACTOR, NEGATION_REACH } from '../lexicon/modifiers.js';
import { emojiValence, emoticonValence } from '../lexicon/emoji.js';
import { VADER_LEXICON } from '../lexicon/vader.js';
import type { Token } from '../tokenize.js';
import type { Contribution, RuleResult } from '../types.js';

/** Sparse features are hashed into this many buckets per class. */
export const HASH_BITS = 16;
const HASH_MASK = (1 << HASH_BITS) - 1;

/** Names of the dense features, in the order of `denseFeatures`. */
export const DENSE_NAMES = [
  'rule score',
  'positive words',
  'negative words',
  'complaint phrases',
  'praise phrases',
  'exclamation',
  'question',
  'sarcasm',
  'negation',
  'emoji',
  'strongest positive',
  'strongest negative',
  'positive count',
  'negative count',
  'VADER lexicon score',
  'VADER positive words',
  'VADER negative words',
] as const;

/**
 * Hashed features of one text as two parallel number arrays (no object per feature: this runs for
 * every mention). `origins[i]` says where feature i came from, for evidence: see `featureName`.
 */
export interface SparseFeatures {
  buckets: number[];
  origins: number[];
  /** VADER valences of the tokens the rules do not score, summed in the same pass: see vaderValence. */
  vaderPositive: number;
  vaderNegative: number;
}

const NEGATED_FLAG = 2;
const ORIGIN_SHIFT = 4;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bit, fed piece by piece: cheap, stable across runs and platforms, no string building. */
export function fnv(state: number, text: string): number {
  let hash = state;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash;
}

export function hashBucket(key: string): number {
  return (fnv(FNV_OFFSET, key) >>> 0) & HASH_MASK;
}

const UNIGRAM = fnv(FNV_OFFSET, 'u ');
const NEGATED = fnv(FNV_OFFSET, 'u NOT ');

/** Maps a sum of AFINN-scale weights into (-1, 1), as VADER does. */
export function squash(total: number, alpha = 15): number {
  return total / Math.sqrt(total * total + alpha);
}

// Which call last used each bucket: finding repeats costs one array read, with no allocation per
// text. A byte per bucket keeps the table small enough to stay in cache; it is cleared once every
// 255 calls. Calls never interleave (they are synchronous), so sharing it keeps results pure.
const lastCall = new Uint8Array(1 << HASH_BITS);
let call = 0;

function nextCall(): void {
  call += 1;
  if (call > 0xff) {
    lastCall.fill(0);
    call = 1;
  }
}

/**
 * The unit a token stands for in the model, or undefined for what carries no sentiment of its own:
 * @handles, URLs and numbers (as TweetEval masks them), and clause stops. Left out, they cannot
 * learn which accounts or links the training tweets' topics came with.
 */
export function unitOf(token: Token): string | undefined {
  switch (token.kind) {
    case 'word':
    case 'emoji':
    case 'emoticon':
    case 'hashtag':
      return token.text;
    case 'exclaim':
      return '!';
    case 'question':
      return '?';
    case 'handle':
      return '@user';
    case 'url':
    case 'number':
    case 'stop':
      return undefined;
  }
}

/**
 * Words, negated words ("not good" gives "NOT good") and emoji, hashed. No word pairs: fitted on
 * tweets they mostly learn topics and names; 5-fold cross-validation on the training file scored
 * them a tie, and they took half the features.
 */
export function sparseFeatures(
  tokens: readonly Token[],
  ignore: ReadonlySet<string>,
): SparseFeatures {
  const features: SparseFeatures = {
    buckets: [],
    origins: [],
    vaderPositive: 0,
    vaderNegative: 0,
  };
  nextCall();
  let negationLeft = 0;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as Token;
    const unit = unitOf(token);
    const negated = token.kind === 'word' && negationLeft > 0;
    negationLeft = nextNegationLeft(token, tokens[index + 1], negationLeft);
    const valence = vaderValence(token, negated, ignore);
    features.vaderPositive += Math.max(valence, 0);
    features.vaderNegative += Math.min(valence, 0);
    if (unit === undefined || (ignore.size > 0 && ignore.has(unit))) {
      continue;
    }
    add(
      features,
      (fnv(negated ? NEGATED : UNIGRAM, unit) >>> 0) & HASH_MASK,
      index * ORIGIN_SHIFT + (negated ? NEGATED_FLAG : 0),
    );
  }
  return features;
}

// Each feature counts once (present or not), so a long or repetitive text does not pile up weight.
function add(features: SparseFeatures, bucket: number, origin: number): void {
  if (lastCall[bucket] === call) {
    return;
  }
  lastCall[bucket] = call;
  features.buckets.push(bucket);
  features.origins.push(origin);
}

// A negator reaches the next few words of its clause.
function nextNegationLeft(token: Token, next: Token | undefined, left: number): number {
  if (isClauseEnd(token)) {
    return 0;
  }
  if (token.kind !== 'word') {
    return left;
  }
  return negates(token, next) ? NEGATION_REACH : Math.max(0, left - 1);
}

function unitAt(tokens: readonly Token[], index: number): string {
  const token = tokens[index];
  return token === undefined ? '' : (unitOf(token) ?? '');
}

/** Readable name of a feature, for evidence: "refund", "NOT good". */
export function featureName(tokens: readonly Token[], origin: number): string {
  const index = Math.floor(origin / ORIGIN_SHIFT);
  const flags = origin % ORIGIN_SHIFT;
  return flags === NEGATED_FLAG ? `NOT ${unitAt(tokens, index)}` : unitAt(tokens, index);
}

/** The rule results and VADER's lexicon as numbers in about [-1, 1], in the order of DENSE_NAMES. */
export function denseFeatures(rules: RuleResult, sparse: SparseFeatures): number[] {
  return [
    squash(rules.total),
    squash(rules.positive),
    squash(rules.negative),
    squash(rules.complaint),
    squash(rules.praise),
    rules.exclaims / 4,
    rules.question ? 1 : 0,
    rules.sarcasm ? 1 : 0,
    rules.negated > 0 ? 1 : 0,
    ...contributionShape(rules.contributions),
    squash(sparse.vaderPositive + sparse.vaderNegative, 8),
    squash(sparse.vaderPositive, 8),
    squash(sparse.vaderNegative, 8),
  ];
}

// Whether the rules score this token themselves (and so read it in context: sarcasm, politeness in
// a complaint, phrases).
function knownToRules(token: Token): boolean {
  if (token.kind === 'word') {
    const entry = token.entry ?? wordEntry(token.text);
    return entry.valence !== undefined || entry.negator;
  }
  if (token.kind === 'emoji') {
    return emojiValence(token.text) !== undefined;
  }
  return token.kind === 'emoticon' && emoticonValence(token.text) !== undefined;
}

// Kinds of token VADER's list can have an entry for (it has no handles, links or tags, but a few
// numbers: "86" is slang).
const HAS_VADER_ENTRIES: Readonly<Record<Token['kind'], boolean>> = {
  word: true,
  emoticon: true,
  emoji: true,
  number: true,
  handle: false,
  url: false,
  hashtag: false,
  exclaim: false,
  question: false,
  stop: false,
};

// VADER's valence of a token the rules do not know (slang, emoticons, words AFINN lacks), flipped
// when negated as the rules do; 0 for the rest.
function vaderValence(token: Token, negated: boolean, ignore: ReadonlySet<string>): number {
  if (!HAS_VADER_ENTRIES[token.kind]) {
    return 0;
  }
  // Most tokens are not in VADER's list: look that up first, the rest only for those that are.
  // Its only entries with capitals are emoticons (":D", "O_o").
  const valence =
    token.kind === 'word'
      ? (token.entry ?? wordEntry(token.text)).vader
      : (VADER_LEXICON.get(token.text) ??
        (token.kind === 'emoticon' ? VADER_LEXICON.get(token.raw) : undefined));
  if (valence === undefined || (ignore.size > 0 && ignore.has(token.text)) || knownToRules(token)) {
    return 0;
  }
  return negated ? valence * NEGATION_FACTOR : valence;
}

// How the contributions spread: emoji on their own, the strongest each way, how many each way.
function contributionShape(contributions: readonly Contribution[]): number[] {
  let emoji = 0;
  let strongestPositive = 0;
  let strongestNegative = 0;
  let positives = 0;
  let negatives = 0;
  for (const { value, source } of contributions) {
    emoji += source === 'emoji' ? value : 0;
    strongestPositive = Math.max(strongestPositive, value);
    strongestNegative = Math.min(strongestNegative, value);
    positives += value > 0 ? 1 : 0;
    negatives += value < 0 ? 1 : 0;
  }
  return [
    squash(emoji),
    strongestPositive / 5,
    strongestNegative / 5,
    Math.min(positives, 4) / 4,
    Math.min(negatives, 4) / 4,
  ];
}
