import { isClauseEnd } from '../clauses.js';
import { negatorBefore } from '../modifiers.js';
import type { Token } from '../tokenize.js';
import type { RuleResult } from '../types.js';

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
] as const;

export interface SparseFeature {
  bucket: number;
  /** Readable name for evidence: the word, word pair or emoji. */
  name: string;
}

/** FNV-1a, 32 bit: cheap, stable across runs and platforms. */
export function hashBucket(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & HASH_MASK;
}

/** Maps a sum of AFINN-scale weights into (-1, 1), as VADER does. */
export function squash(total: number, alpha = 15): number {
  return total / Math.sqrt(total * total + alpha);
}

function unitOf(token: Token): string | undefined {
  switch (token.kind) {
    case 'word':
      return token.text;
    case 'handle':
      return '@user';
    case 'url':
      return '<url>';
    case 'number':
      return '<num>';
    case 'emoji':
    case 'emoticon':
    case 'hashtag':
      return token.text;
    case 'exclaim':
      return '!';
    case 'question':
      return '?';
    case 'stop':
      return undefined;
  }
}

/** Words, negated words ("not good" gives "NOT good"), word pairs and emoji, hashed. */
export function sparseFeatures(
  tokens: readonly Token[],
  ignore: ReadonlySet<string>,
): SparseFeature[] {
  const features: SparseFeature[] = [];
  let previous: string | undefined;
  tokens.forEach((token, index) => {
    const unit = isClauseEnd(token) && token.kind === 'stop' ? undefined : unitOf(token);
    if (unit === undefined || ignore.has(unit)) {
      previous = undefined;
      return;
    }
    const negated = token.kind === 'word' && negatorBefore(tokens, index) >= 0;
    const name = negated ? `NOT ${unit}` : unit;
    features.push({ bucket: hashBucket(`u ${name}`), name });
    if (previous !== undefined) {
      const pair = `${previous} ${unit}`;
      features.push({ bucket: hashBucket(`b ${pair}`), name: pair });
    }
    previous = unit;
  });
  return features;
}

/** The rule results as numbers in about [-1, 1], in the order of DENSE_NAMES. */
export function denseFeatures(rules: RuleResult): number[] {
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
  ];
}
