import { describe, expect, it } from 'vitest';
import { analyze } from '../../../analysis/analyze.js';
import { PhraseMatcher } from '../../../analysis/phrases.js';
import { tokenize } from '../../../analysis/tokenize.js';

const matcher = new PhraseMatcher([
  { pattern: 'took * {long}', weight: -2.5, intents: ['complaint'] },
  { pattern: 'on hold for {duration}', weight: -3.5, intents: ['complaint'] },
]);

const found = (text: string): string[] => matcher.find(tokenize(text)).map((match) => match.text);

describe('{long}: a duration long for a customer to wait', () => {
  it.each([
    'took 45 minutes',
    'took thirty minutes',
    'took an hour',
    'took 2hrs',
    'took 3 days',
    'took two weeks',
    'took 30mins',
  ])('matches a long wait: %s', (text) => {
    expect(found(text)).toEqual([text]);
  });

  it.each([
    'took two minutes',
    'took 5 min',
    'took 10 seconds',
    'took twenty minutes',
    'took only 2 hours',
    'took just a day',
    'took under an hour',
  ])('leaves short or short-framed durations alone: %s', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('still takes any duration where the pattern itself is about waiting', () => {
    expect(found('on hold for 5 minutes')).toEqual(['on hold for 5 minutes']);
  });
});

describe('durations in whole texts', () => {
  it.each([
    'Lumora bulbs are amazing, setup took two minutes. Love them!',
    'Setup took only 5 minutes, great',
    'Got my refund within an hour, thanks!',
    'Delivered in minutes.',
  ])('reads a short or quick duration as no complaint: %s', (text) => {
    const result = analyze(text);
    expect(result.label).toBe('positive');
    expect(result.score).toBeGreaterThan(0);
    expect(result.intents).not.toContain('complaint');
  });

  it('does not call "amazing" and "love" sarcastic next to a quick setup', () => {
    const result = analyze('Lumora bulbs are amazing, setup took two minutes. Love them!');
    expect(result.evidence.join(' ')).not.toContain('sarcastic');
  });

  it.each([
    '@TelcoCo on hold for 2 hours',
    '@ShopCo still waiting for my refund',
    '@ShopCo 3 weeks and no reply',
    '@AirlineCo flight cancelled and nobody called back',
    '@ShopCo the refund took 3 days and 4 emails',
    '@TelcoCo been 2 weeks, no engineer',
    "@ShopCo I still haven't received my refund",
    "@ShopCo can't get my refund",
  ])('still catches a long wait as a complaint: %s', (text) => {
    const result = analyze(text);
    expect(result.label).toBe('negative');
    expect(result.intents).toContain('complaint');
  });
});
