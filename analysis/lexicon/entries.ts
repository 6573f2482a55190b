import { WordMap } from '../word-map.js';
import { NEGATORS } from './modifiers.js';
import { VADER_LEXICON } from './vader.js';
import { WORD_VALENCE } from './words.js';

/** What the lexicons say about one word, found with one lookup when the word is tokenised. */
export interface WordEntry {
  /** AFINN valence with Earshot's corrections (lexicon/words.ts); undefined when not listed. */
  valence: number | undefined;
  /** VADER's mean valence; undefined when not listed. */
  vader: number | undefined;
  /** "not", "never", "no", any "-n't" ... */
  negator: boolean;
}

const UNLISTED: WordEntry = { valence: undefined, vader: undefined, negator: false };
const UNLISTED_NEGATOR: WordEntry = { ...UNLISTED, negator: true };

function build(): WordMap<WordEntry> {
  const entries = new Map<string, WordEntry>();
  const words = new Set([...WORD_VALENCE.keys(), ...VADER_LEXICON.keys(), ...NEGATORS]);
  for (const word of words) {
    entries.set(word, {
      valence: WORD_VALENCE.get(word),
      vader: VADER_LEXICON.get(word),
      negator: NEGATORS.has(word) || word.endsWith("n't"),
    });
  }
  return new WordMap(entries);
}

const ENTRIES = build();

/** The lexicon entry of a lowercased word (never undefined: unlisted words share one entry). */
export function wordEntry(word: string): WordEntry {
  return ENTRIES.get(word) ?? (word.endsWith("n't") ? UNLISTED_NEGATOR : UNLISTED);
}
