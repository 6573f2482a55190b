import { describe, expect, it } from 'vitest';
import { analyze } from '../../../analysis/analyze.js';

describe('analyze', () => {
  it.each([
    '@AirlineCo flight cancelled and nobody called back',
    '@TelcoCo on hold for 2 hours and still no answer',
    '@ShopCo still waiting for my refund',
    '@AirlineCo lost my bag and the desk just shrugged',
    '@ShopCo my order arrived damaged and the box was open',
    '@BankCo locked out of my account for the 3rd time this week',
    '@BankCo my card got declined even though I have money in the account',
    '@ParcelCo says delivery attempted, I was home all day',
    '@TravelCo the hotel had no record of my booking',
    '@AirlineCo you had one job',
    '@TelcoCo I was promised a callback yesterday. nothing',
    '@TelcoCo every time I call I get a different answer',
    '@AirlineCo 45 min in line at the counter and only one agent working',
  ])('labels a complaint with no negative word as negative: %s', (text) => {
    const result = analyze(text);
    expect(result.label).toBe('negative');
    expect(result.score).toBeLessThan(0);
    expect(result.intents).toContain('complaint');
  });

  it.each([
    '@AirlineCo thank you so much for getting me on an earlier flight!',
    '@ShopCo shout out to Maria, she went above and beyond',
    'I LOVE this app 😍',
  ])('labels praise as positive with the praise intent: %s', (text) => {
    const result = analyze(text);
    expect(result.label).toBe('positive');
    expect(result.score).toBeGreaterThan(0);
    expect(result.intents).toContain('praise');
  });

  it('names what moved the score in the evidence', () => {
    const result = analyze('on hold for 2 hours with @TelcoCo');
    expect(result.evidence[0]).toBe('"on hold for 2 hours" (-3.5, phrase)');
    const cancelled = analyze('@AirlineCo flight cancelled and nobody called back');
    expect(cancelled.evidence.some((line) => line.startsWith('model: cancelled ('))).toBe(true);
  });

  it('finds churn, recommendation, purchase and question intents', () => {
    expect(analyze('@TelcoCo switching to another provider, cancel my contract').intents).toEqual([
      'complaint',
      'churn_risk',
    ]);
    expect(analyze('highly recommend @ShopCo, fast delivery').intents).toContain('recommendation');
    expect(analyze('thinking about buying the new phone').intents).toContain('purchase_intent');
    expect(analyze('how do I reset my password').intents).toContain('question');
    expect(analyze('how do I reset my password').intents).not.toContain('praise');
  });

  it('drops praise from a negative text and recommendation from a question', () => {
    expect(analyze('Thanks @AirlineCo for losing my bag. Great job.').intents).toEqual([
      'complaint',
    ]);
    const asking = analyze('Can anyone recommend a good phone?');
    expect(asking.intents).toContain('question');
    expect(asking.intents).not.toContain('recommendation');
  });

  it('keeps score in [-1, 1] and confidence in [0, 1], even for extreme text', () => {
    const result = analyze('WORST WORST WORST 😡😡😡😡 never again!!!!!!!! @x #fail');
    expect(result.score).toBeGreaterThanOrEqual(-1);
    expect(result.score).toBeLessThan(-0.5);
    expect(result.confidence).toBeGreaterThan(0.5);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it('keeps a long, repetitive complaint negative: each word feature counts once', () => {
    const result = analyze('still on hold for 2 hours!!! '.repeat(800));
    expect(result.label).toBe('negative');
    expect(result.intents).toContain('complaint');
  });

  it('accepts empty and odd text without throwing', () => {
    expect(analyze('').label).toBe('neutral');
    expect(analyze('   ').evidence).toEqual([]);
    expect(analyze('🤷‍♀️ ¯\\_(ツ)_/¯').evidence[0]).toBe('"🤷‍♀️" (-1)');
  });

  it('lets a one-star rating turn a bland review negative', () => {
    expect(analyze('it is an app', { starRating: 1 }).label).toBe('negative');
  });

  it('gives the same result for the same input and options (deterministic)', () => {
    const options = { extraTerms: { zapster: 2 }, ignoreTerms: ['apple'] };
    const text = 'Apple store said my Zapster is fine but it keeps crashing!! :(';
    const first = analyze(text, options);
    const runs = Array.from({ length: 5 }, () => analyze(text, { ...options }));
    for (const run of runs) {
      expect(run).toEqual(first);
    }
  });
});
