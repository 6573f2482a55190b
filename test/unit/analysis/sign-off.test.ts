import { describe, expect, it } from 'vitest';
import { analyze } from '../../../analysis/analyze.js';
import { signOffStart } from '../../../analysis/context.js';
import { scoreRules } from '../../../analysis/rules.js';
import { watchTerms } from '../../../analysis/terms.js';
import { tokenize } from '../../../analysis/tokenize.js';
import type { Contribution, RuleResult } from '../../../analysis/types.js';

function rules(text: string): RuleResult {
  return scoreRules(tokenize(text), watchTerms({}));
}

function entry(result: RuleResult, label: string): Contribution | undefined {
  return result.contributions.find((item) => item.label.toLowerCase() === label.toLowerCase());
}

describe('sarcastic sign-offs', () => {
  it('finds a short closing sentence, not a long one or the only one', () => {
    expect(signOffStart(tokenize('Flight cancelled again. Great job @airline!'))).toBe(4);
    expect(signOffStart(tokenize('my wifi is down again, love it'))).toBe(6);
    expect(signOffStart(tokenize('Great job.'))).toBe(-1);
    expect(signOffStart(tokenize('Lost my bag. The crew at the gate were lovely though'))).toBe(-1);
  });

  it('turns praise that closes a strong complaint negative and drops its praise intent', () => {
    const result = rules('Flight cancelled and nobody called back. Well done @AirlineCo');
    const signOff = entry(result, 'Well done');
    expect(signOff?.value).toBeLessThan(0);
    expect(signOff?.notes).toContain('sarcastic sign-off after a complaint');
    expect(signOff?.intents).not.toContain('praise');
    expect(result.sarcasm).toBe(true);
  });

  it('labels sarcastic sign-offs negative, as complaints', () => {
    for (const text of [
      'Thanks @AirlineCo for losing my bag. Great job.',
      '@TelcoCo on hold for 2 hours. Great service!',
      '@ShopCo still waiting for my refund. Thanks so much',
      '@ISPCo internet down for the third time this week, love it',
    ]) {
      const result = analyze(text);
      expect(result.label, text).toBe('negative');
      expect(result.intents, text).toEqual(['complaint']);
      expect(result.evidence.join(' '), text).toContain('sarcastic');
    }
  });

  it('keeps praise after a "but", praise with no complaint before it, and mild complaints', () => {
    expect(
      entry(rules('Flight delayed 3 hours but the crew were great. Well done'), 'Well done')?.value,
    ).toBeGreaterThan(0);
    expect(entry(rules('Great job. Flight cancelled'), 'Great job')?.value).toBeGreaterThan(0);
    expect(
      entry(rules('Delivery was a bit late. Great job though'), 'Great job')?.value,
    ).toBeGreaterThan(0);
    expect(analyze('@AirlineCo got me on an earlier flight. Great job!').label).toBe('positive');
  });
});
