import { isClauseEnd } from './clauses.js';
import { DEGREE, NEGATION_IDIOMS, NEGATION_REACH, NEGATORS } from './lexicon/modifiers.js';
import type { Token } from './tokenize.js';

/** A word that negates what follows: "not", "never", "no", any "-n't". */
export function isNegator(word: string): boolean {
  return NEGATORS.has(word) || word.endsWith("n't");
}

/**
 * Whether a word token negates what follows it, given the token after it: "not", "never", "no", any
 * "-n't", but not in an idiom ("no doubt", "nothing but", "not only").
 */
export function negates(token: Token, next: Token | undefined): boolean {
  const negator = token.entry?.negator ?? isNegator(token.text);
  return negator && !(next?.kind === 'word' && NEGATION_IDIOMS.has(next.text));
}

/** Index of a negator within reach before `index` in the same clause, or -1. */
export function negatorBefore(
  tokens: readonly Token[],
  index: number,
  reach = NEGATION_REACH,
): number {
  let words = 0;
  for (let at = index - 1; at >= 0 && words < reach; at -= 1) {
    const token = tokens[at];
    if (token === undefined || isClauseEnd(token)) {
      return -1;
    }
    if (token.kind !== 'word') {
      continue;
    }
    if (negates(token, tokens[at + 1])) {
      return at;
    }
    words += 1;
  }
  return -1;
}

/** The strengthening or softening word just before `index` ("very", "kind of"), if any. */
export function degreeBefore(
  tokens: readonly Token[],
  index: number,
): { word: string; factor: number } | undefined {
  for (let at = index - 1; at >= 0 && at >= index - 3; at -= 1) {
    const token = tokens[at];
    if (token?.kind !== 'word') {
      return undefined;
    }
    if (token.text === 'of' || token.text === 'a') {
      continue;
    }
    const factor = DEGREE.get(token.text);
    return factor === undefined ? undefined : { word: token.raw, factor };
  }
  return undefined;
}
