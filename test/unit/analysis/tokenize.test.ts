import { describe, expect, it } from 'vitest';
import { splitHashtag, tokenize } from '../../../analysis/tokenize.js';

const kinds = (text: string): string[] =>
  tokenize(text).map((token) => `${token.kind}:${token.text}`);

describe('tokenize', () => {
  it('keeps handles and URLs whole and lowercases words', () => {
    expect(kinds('@United Flight https://t.co/AbC')).toEqual([
      'handle:@united',
      'word:flight',
      'url:https://t.co/abc',
    ]);
  });

  it('splits a camelCase hashtag into its words after the tag itself', () => {
    const tokens = tokenize('#NeverAgain');
    expect(tokens.map((token) => token.text)).toEqual(['#neveragain', 'never', 'again']);
    expect(tokens.slice(1).every((token) => token.fromHashtag)).toBe(true);
  });

  it('splits hashtags at case changes, digits and underscores', () => {
    expect(splitHashtag('#iPhone15')).toEqual(['i', 'Phone', '15']);
    expect(splitHashtag('#worst_airline')).toEqual(['worst', 'airline']);
    expect(splitHashtag('#fail')).toEqual(['fail']);
  });

  it('splits ASCII hashtags (fast path) as it splits any other', () => {
    expect(splitHashtag('#ABCDef')).toEqual(['ABC', 'Def']);
    expect(splitHashtag('#GilmoreGirlsTop4')).toEqual(['Gilmore', 'Girls', 'Top', '4']);
    expect(splitHashtag('#NASA')).toEqual(['NASA']);
    expect(splitHashtag('#2pm')).toEqual(['2pm']);
    expect(splitHashtag('#CaféDeFlore')).toEqual(['Café', 'De', 'Flore']);
  });

  it('tells capitalised words from words in capitals', () => {
    expect(tokenize('Hello WORLD É').map((token) => token.allCaps)).toEqual([false, true, false]);
  });

  it('reads emoji (with skin tones) and emoticons as their own tokens', () => {
    expect(kinds('great 👍🏽 :) <3 :-(')).toEqual([
      'word:great',
      'emoji:👍🏽',
      'emoticon::)',
      'emoticon:<3',
      'emoticon::-(',
    ]);
  });

  it('cuts elongations to two letters and flags them', () => {
    const [token] = tokenize('sooooo');
    expect(token?.text).toBe('soo');
    expect(token?.elongated).toBe(true);
  });

  it('flags words in capitals but not single letters', () => {
    const tokens = tokenize('I HATE this');
    expect(tokens.map((token) => token.allCaps)).toEqual([false, true, false]);
  });

  it('turns "!!!", "?" and clause punctuation into tokens', () => {
    expect(kinds('why?! late, again!!!')).toEqual([
      'word:why',
      'question:?',
      'exclaim:!',
      'word:late',
      'stop:,',
      'word:again',
      'exclaim:!!!',
    ]);
  });

  it('keeps numbers with units and apostrophes inside words', () => {
    expect(kinds("don't wait 2hrs or 10/10")).toEqual([
      "word:don't",
      'word:wait',
      'number:2hrs',
      'word:or',
      'number:10/10',
    ]);
  });

  it('treats a line break as a clause stop', () => {
    expect(kinds('bad\ngood')).toEqual(['word:bad', 'stop:\n', 'word:good']);
  });
});
