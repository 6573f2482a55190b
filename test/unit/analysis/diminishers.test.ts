import { describe, expect, it } from 'vitest';
import { analyze } from '../../../analysis/analyze.js';
import { shapeClauses } from '../../../analysis/clauses.js';
import { tokenize } from '../../../analysis/tokenize.js';

describe('diminishers', () => {
  it('reads "Minor annoyance: the widget lags sometimes" as mildly negative', () => {
    const result = analyze('Minor annoyance: the Lumora widget lags sometimes.');
    expect(result.label).toBe('negative');
    expect(Math.abs(result.score)).toBeLessThan(0.5);
    expect(result.evidence.join(' ')).toContain('diminished by "sometimes"');
  });

  it('reads "a bit slow today" as mildly negative', () => {
    const result = analyze('Lumora app is a bit slow today.');
    expect(result.label).toBe('negative');
    expect(Math.abs(result.score)).toBeLessThan(0.5);
  });

  it.each([
    ['the widget lags', 'the widget lags sometimes'],
    ['the widget lags', 'the widget slightly lags'],
    ['annoyed with the app', 'a little annoyed with the app'],
    ['the app is great', 'the app is sometimes great'],
    ['I love the new widget', 'I love the new widget a bit'],
  ])('damps score and confidence: "%s" vs "%s"', (plain, diminished) => {
    const strong = analyze(plain);
    const mild = analyze(diminished);
    expect(mild.label).toBe(strong.label);
    expect(Math.abs(mild.score)).toBeLessThan(Math.abs(strong.score));
    expect(mild.confidence).toBeLessThan(strong.confidence);
  });

  it('keeps a diminisher inside its clause and before a "but"', () => {
    const shape = shapeClauses(tokenize("it's a little thing but I love it. lags sometimes"));
    const words = tokenize("it's a little thing but I love it. lags sometimes").map(
      (token, index) => `${token.text}=${shape.diminisher?.[index] ?? '-'}`,
    );
    expect(words).toEqual([
      "it's=a little",
      'a=a little',
      'little=a little',
      'thing=a little',
      'but=-',
      'i=-',
      'love=-',
      'it=-',
      '.=-',
      'lags=sometimes',
      'sometimes=sometimes',
    ]);
  });

  it('does not take "little" without "a" as a diminisher', () => {
    expect(shapeClauses(tokenize('little help here')).diminisher).toBeNull();
  });

  it('still calls a real complaint with "sometimes" in it negative', () => {
    const result = analyze('@TelcoCo internet drops sometimes and I was on hold for 2 hours');
    expect(result.label).toBe('negative');
    expect(result.intents).toContain('complaint');
  });
});
