import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from '../../../analysis/phrases.js';
import { tokenize } from '../../../analysis/tokenize.js';

const matcher = new PhraseMatcher([
  { pattern: 'on hold', weight: -2, intents: ['complaint'] },
  { pattern: 'on hold for {duration}', weight: -3, intents: ['complaint'] },
  { pattern: 'never * back', weight: -3, intents: ['complaint'] },
  { pattern: 'cancel {det} subscription/account', weight: -3, intents: ['churn_risk'] },
  { pattern: 'did_not/didnt arrive', weight: -3, intents: ['complaint'] },
]);

const found = (text: string): string[] =>
  matcher.find(tokenize(text)).map((match) => `${match.rule.pattern} = ${match.text}`);

describe('PhraseMatcher', () => {
  it('prefers the longest pattern over a shorter one inside it', () => {
    expect(found('on hold for 2 hours')).toEqual(['on hold for {duration} = on hold for 2 hours']);
  });

  it('reads durations written as one token or as number words', () => {
    expect(found('on hold for 2hrs')).toHaveLength(1);
    expect(found('on hold for an hour')).toEqual(['on hold for {duration} = on hold for an hour']);
    expect(found('on hold for ages')).toEqual(['on hold = on hold']);
  });

  it('lets "*" skip up to three words but not across a clause stop', () => {
    expect(found('they never called me back')).toEqual(['never * back = never called me back']);
    expect(found('never. I went back')).toEqual([]);
    expect(found('never one two three four back')).toEqual([]);
  });

  it('matches alternatives, determiners and multi-word options', () => {
    expect(found('please cancel my account')).toEqual([
      'cancel {det} subscription/account = cancel my account',
    ]);
    expect(found('it did not arrive')).toEqual(['did_not/didnt arrive = did not arrive']);
    expect(found('it didnt arrive')).toHaveLength(1);
  });

  it('reports token positions of the original token list, skipping handles', () => {
    const tokens = tokenize('@acme on @bob hold');
    const [match] = matcher.find(tokens);
    expect(match?.start).toBe(1);
    expect(match?.end).toBe(4);
  });
});
