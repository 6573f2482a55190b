import { describe, expect, it } from 'vitest';
import { analyze } from '../../../analysis/analyze.js';

describe('things that did not happen, and being cut off', () => {
  it.each([
    "@AirlineCo my bag didn't make it to Denver",
    "@ShopCo the tracking hasn't updated in a week",
    "@TelcoCo my refund hasn't been processed",
    '@TelcoCo your chat agent just disconnected me',
    '@TelcoCo price went up again without any notice',
    "@BankCo app won't let me log in",
    '@ShopCo order was missing two items',
    '@TelcoCo I need to speak to someone who can fix this',
    '@AirlineCo nobody at the desk, nobody answering the phone',
  ])('labels a complaint with no negative word as negative: %s', (text) => {
    const result = analyze(text);
    expect(result.label).toBe('negative');
    expect(result.intents).toContain('complaint');
  });

  it('leaves requests and plain "let me" alone', () => {
    expect(analyze('let me know if you need anything').label).not.toBe('negative');
    expect(analyze('@CabCo driver dropped me off right at the door, thanks').label).toBe(
      'positive',
    );
  });
});

describe('rhetorical questions, regret and overdue promises', () => {
  it.each([
    '@TelcoCo how hard is it to answer a phone',
    '@TelcoCo is it too much to ask for a router that works',
    '@AirlineCo I wish I had never booked with you',
    '@AirlineCo should have gone with another airline',
    '@ShopCo my package should have arrived 3 days ago',
    '@ParcelCo it was supposed to be delivered on Monday',
    '@BankCo two hours on the phone, what a waste of time',
  ])('labels a complaint with no negative word as negative: %s', (text) => {
    const result = analyze(text);
    expect(result.label).toBe('negative');
    expect(result.intents).toContain('complaint');
  });

  it('reads "would fly again" as a recommendation and "yeah right" as doubt', () => {
    const again = analyze('@AirlineCo smooth boarding, would fly again');
    expect(again.label).toBe('positive');
    expect(again.intents).toContain('recommendation');
    expect(analyze('yeah right').score).toBeLessThan(0);
  });

  it('keeps a wish that is no regret positive', () => {
    expect(analyze('I wish I could go to the concert tomorrow').label).not.toBe('negative');
  });
});
