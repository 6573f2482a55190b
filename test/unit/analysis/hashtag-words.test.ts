import { describe, expect, it } from 'vitest';
import { expandHashtagWords, segment } from '../../../analysis/hashtag-words.js';
import { tokenize } from '../../../analysis/tokenize.js';

describe('hashtag words', () => {
  it('splits run-together lowercase hashtags into the fewest known words', () => {
    expect(segment('neveragain')).toEqual(['never', 'again']);
    expect(segment('worstserviceever')).toEqual(['worst', 'service', 'ever']);
    expect(segment('mannequinchallenge')).toBeUndefined();
  });

  it('replaces the hashtag word with its parts and keeps other tokens', () => {
    const tokens = expandHashtagWords(tokenize('so done #neveragain'));
    expect(tokens.map((token) => token.text)).toEqual([
      'so',
      'done',
      '#neveragain',
      'never',
      'again',
    ]);
    expect(tokens.slice(3).every((token) => token.fromHashtag)).toBe(true);
  });

  it('leaves short and already known hashtag words alone', () => {
    expect(expandHashtagWords(tokenize('#fail #unacceptable')).map((token) => token.text)).toEqual([
      '#fail',
      'fail',
      '#unacceptable',
      'unacceptable',
    ]);
  });
});
