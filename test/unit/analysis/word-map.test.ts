import { describe, expect, it } from 'vitest';
import { wordEntry } from '../../../analysis/lexicon/entries.js';
import { WORD_VALENCE } from '../../../analysis/lexicon/words.js';
import { WordMap } from '../../../analysis/word-map.js';

// Words of a made-up language: none is a key of the maps below.
function strangers(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `zq${index.toString(36)}x`);
}

describe('WordMap', () => {
  it('finds every key with its value', () => {
    const entries = new Map(Array.from({ length: 5000 }, (_, index) => [`word${index}`, index]));
    const words = new WordMap(entries);
    for (const [word, value] of entries) {
      expect(words.get(word)).toBe(value);
    }
  });

  it('answers undefined for words that are not keys, and turns most away before the map', () => {
    const entries = new Map(Array.from({ length: 5000 }, (_, index) => [`word${index}`, index]));
    const lookups: string[] = [];
    const watched = new Map(entries);
    watched.get = (word: string) => {
      lookups.push(word);
      return entries.get(word);
    };
    const words = new WordMap(watched);
    const others = strangers(10_000);
    for (const word of others) {
      expect(words.get(word)).toBeUndefined();
    }
    // 32 filter bits per key: about 3% get through; 10% would mean a broken filter.
    expect(lookups.length).toBeLessThan(others.length * 0.1);
  });

  it('keeps the lexicon lookup exact: listed words keep their valence, others have none', () => {
    for (const [word, valence] of [...WORD_VALENCE].slice(0, 2000)) {
      expect(wordEntry(word).valence).toBe(valence);
    }
    for (const word of strangers(2000)) {
      expect(wordEntry(word)).toMatchObject({ valence: undefined, vader: undefined });
    }
    expect(wordEntry("wouldn't").negator).toBe(true);
  });
});
