import { POLITENESS, SARCASM_TAGS } from './lexicon/modifiers.js';
import type { Token } from './tokenize.js';
import type { Contribution } from './types.js';

const SARCASM_FLIP = -0.6;
/** A complaint this strong turns "great", "love", "awesome" in the same text sarcastic. */
const SARCASTIC_COMPLAINT = -2.5;
const SARCASM_WORDS: ReadonlySet<string> = new Set([
  'great',
  'love',
  'loving',
  'awesome',
  'wonderful',
  'fantastic',
  'perfect',
  'brilliant',
  'nice',
  'amazing',
  'lovely',
  'fun',
  'best',
  'good',
  'excellent',
  'cool',
  'yay',
]);

function complaintSum(contributions: readonly Contribution[]): number {
  return contributions
    .filter(
      (entry) =>
        entry.source === 'phrase' && entry.value < 0 && entry.intents.includes('complaint'),
    )
    .reduce((sum, entry) => sum + entry.value, 0);
}

function hasPraisePhrase(contributions: readonly Contribution[]): boolean {
  return contributions.some(
    (entry) => entry.source === 'phrase' && entry.intents.includes('praise'),
  );
}

function hasSarcasmTag(tokens: readonly Token[]): boolean {
  return tokens.some((token) => token.kind === 'hashtag' && SARCASM_TAGS.has(token.text.slice(1)));
}

function replaced(entry: Contribution, value: number, note: string): Contribution {
  return { ...entry, value, notes: [...entry.notes, note] };
}

function starContribution(stars: number): Contribution | undefined {
  const value = stars <= 1 ? -4 : stars <= 2 ? -3 : stars >= 5 ? 3 : stars >= 4 ? 2 : 0;
  if (value === 0) {
    return undefined;
  }
  return {
    label: `${stars} stars`,
    value,
    notes: ['rating'],
    intents: value < 0 ? ['complaint'] : ['praise'],
    source: 'stars',
  };
}

/**
 * Reads words against the rest of the text: politeness in a complaint is no praise, and
 * "great", "love", "awesome" next to a strong complaint (or with #sarcasm) are sarcasm.
 * Returns the adjusted contributions and whether sarcasm was read.
 */
export function adjustForContext(
  contributions: readonly Contribution[],
  tokens: readonly Token[],
  starRating?: number,
): { contributions: Contribution[]; sarcasm: boolean } {
  if (contributions.length === 0 && starRating === undefined) {
    return { contributions: [], sarcasm: hasSarcasmTag(tokens) };
  }
  const complaint = complaintSum(contributions);
  const praise = hasPraisePhrase(contributions);
  const tagged = hasSarcasmTag(tokens);
  const implied = complaint <= SARCASTIC_COMPLAINT && !praise;
  let sarcasm = false;
  const adjusted = contributions.map((entry) => {
    const word = entry.label.toLowerCase();
    if (entry.source !== 'word' || entry.value <= 0) {
      return entry;
    }
    if ((tagged || implied) && SARCASM_WORDS.has(word)) {
      sarcasm = true;
      return replaced(entry, entry.value * SARCASM_FLIP, 'sarcastic next to a complaint');
    }
    if (complaint < 0 && !praise && POLITENESS.has(word)) {
      return replaced(entry, 0, 'politeness in a complaint');
    }
    return entry;
  });
  const stars = starRating === undefined ? undefined : starContribution(starRating);
  return {
    contributions: stars === undefined ? adjusted : [...adjusted, stars],
    sarcasm: sarcasm || tagged,
  };
}
