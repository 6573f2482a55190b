import { describe, expect, it } from 'vitest';
import { analyze } from '../../../analysis/analyze.js';

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
