import { describe, expect, it } from 'vitest';
import { expandHashtagWords } from '../../../analysis/hashtag-words.js';
import { wordEntry } from '../../../analysis/lexicon/entries.js';
import { tokenize } from '../../../analysis/tokenize.js';

describe('word entries', () => {
  it('gives each word its AFINN and VADER valences and whether it negates', () => {
    expect(wordEntry('good')).toMatchObject({ valence: 3, negator: false });
    expect(wordEntry('good').vader).toBeGreaterThan(0);
    expect(wordEntry('help')).toMatchObject({ valence: 0 });
    expect(wordEntry('never').negator).toBe(true);
    expect(wordEntry("mustn't")).toEqual({ valence: undefined, vader: undefined, negator: true });
    expect(wordEntry('router')).toEqual({ valence: undefined, vader: undefined, negator: false });
  });

  it('is looked up when words are tokenised, hashtag words included', () => {
    const tokens = expandHashtagWords(tokenize('sooo BAD #worstserviceever @x'));
    const entries = tokens.map((token) => token.entry?.valence);
    expect(tokens.map((token) => token.text)).toEqual([
      'soo',
      'bad',
      '#worstserviceever',
      'worst',
      'service',
      'ever',
      '@x',
    ]);
    expect(entries).toEqual([undefined, -3, undefined, -3, undefined, undefined, undefined]);
  });
});
