import { describe, expect, it } from 'vitest';
import { analyze } from '../../../analysis/analyze.js';

describe('complaint patterns that should not fire in positive or neutral contexts', () => {
  it.each([
    "Couldn't be happier with my Lumora bulbs",
    "Lumora's app couldn't get much better",
    "can't go wrong with Lumora",
    "can't get enough of this app",
    "Lumora didn't disappoint",
    'never had a problem with Lumora',
    'never had any issues with the bulbs',
    "can't beat the price",
  ])('reads a negated complaint that is praise as positive: %s', (text) => {
    const result = analyze(text);
    expect(result.label).toBe('positive');
    expect(result.intents).not.toContain('complaint');
  });

  it.each(["I'm going to buy another one", 'we are moving to a new flat next week'])(
    'does not read "going to" / "moving to" as churn: %s',
    (text) => {
      const result = analyze(text);
      expect(result.label).not.toBe('negative');
      expect(result.intents).not.toContain('churn_risk');
    },
  );

  it('does not read "no idea" alone as a complaint', () => {
    const result = analyze('I had no idea the bulbs could change colour');
    expect(result.label).not.toBe('negative');
  });

  it.each([
    '@ShopCo no idea where my package is',
    '@TelcoCo switching to another provider, done with this',
    "@TelcoCo can't get through to anyone",
    "@ShopCo didn't get my refund",
  ])('still catches the complaint: %s', (text) => {
    const result = analyze(text);
    expect(result.label).toBe('negative');
    expect(result.intents).toContain('complaint');
  });
});

describe('complaints that are over', () => {
  it.each([
    'Love that I never have to wait on hold anymore',
    'No more waiting in line, love the new app',
    'no more dropped calls since I switched',
    'Switched to Lumora last month and never looked back',
    'Amazing, it only took an hour to install everything',
  ])('reads them as positive: %s', (text) => {
    const result = analyze(text);
    expect(result.label).toBe('positive');
    expect(result.evidence.join(' ')).not.toContain('sarcastic');
  });

  it.each(['@TelcoCo took an hour to answer', '@TelcoCo so I have to wait on hold again?'])(
    'still reads a wait as a complaint: %s',
    (text) => {
      expect(analyze(text).label).toBe('negative');
    },
  );
});
