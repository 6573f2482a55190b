import { describe, expect, it } from 'vitest';
import { scoreRules } from '../../../analysis/rules.js';
import { watchTerms } from '../../../analysis/terms.js';
import { tokenize } from '../../../analysis/tokenize.js';
import type { AnalyzeOptions, Contribution, RuleResult } from '../../../analysis/types.js';

function rules(text: string, options: AnalyzeOptions = {}): RuleResult {
  return scoreRules(tokenize(text), watchTerms(options), options.starRating);
}

function entry(result: RuleResult, label: string): Contribution {
  const found = result.contributions.find(
    (item) => item.label.toLowerCase() === label.toLowerCase(),
  );
  if (found === undefined) {
    throw new Error(`no contribution "${label}" in ${JSON.stringify(result.contributions)}`);
  }
  return found;
}

describe('negation', () => {
  it('flips and dampens a word after a negator', () => {
    expect(entry(rules('good'), 'good').value).toBe(3);
    const negated = entry(rules("the movie isn't great"), 'great');
    expect(negated.value).toBeCloseTo(-2.22);
    expect(negated.notes).toContain('negated by "isn\'t"');
  });

  it('stops at a clause stop and after three words', () => {
    expect(entry(rules('not now. great'), 'great').value).toBe(3);
    expect(entry(rules('no one said the food was great'), 'great').value).toBe(3);
  });

  it('turns a negated praise phrase into a complaint without praise', () => {
    const phrase = entry(rules('the agent was not very helpful'), 'very helpful');
    expect(phrase.value).toBeLessThan(0);
    expect(phrase.intents).not.toContain('praise');
  });
});

describe('customer-service word corrections', () => {
  it('reads "slow" as a complaint, as strong as "crashed"', () => {
    expect(entry(rules('the app is slow'), 'slow').value).toBe(-2);
    expect(entry(rules('the app is a bit slow'), 'slow').value).toBeCloseTo(-1.4);
  });
});

describe('degree words, capitals, elongation and "!"', () => {
  it('strengthens after "very" and softens after "kind of"', () => {
    expect(entry(rules('very good'), 'good').value).toBeCloseTo(3.9);
    expect(entry(rules('kind of good'), 'good').value).toBeCloseTo(1.8);
  });

  it('counts capitals as emphasis only when the text mixes cases', () => {
    expect(entry(rules('I LOVE it'), 'LOVE').value).toBeCloseTo(4.2);
    expect(entry(rules('I LOVE IT'), 'LOVE').value).toBe(3);
  });

  it('strengthens an elongated word', () => {
    expect(entry(rules('goood'), 'goood').value).toBeCloseTo(3.6);
  });

  it('raises the total with exclamation marks, up to four', () => {
    expect(rules('good!!!').total).toBeCloseTo(3 * 1.21);
    expect(rules('good!!!!!!!!').total).toBeCloseTo(3 * 1.28);
  });
});

describe('contrast', () => {
  it('weights the clause after "but" over the clause before', () => {
    const result = rules('The food was good but the service was terrible');
    expect(entry(result, 'good').value).toBeCloseTo(1.5);
    expect(entry(result, 'terrible').value).toBeCloseTo(-4.5);
    expect(result.total).toBeLessThan(0);
  });

  it('softens the clause opened by "although"', () => {
    const result = rules('Although the staff were nice, the flight was awful');
    expect(entry(result, 'nice').value).toBeCloseTo(1.5);
    expect(entry(result, 'awful').value).toBe(-3);
  });
});

describe('emoji and emoticons', () => {
  it('scores emoji, skin tones and emoticons', () => {
    expect(entry(rules('ok 😡'), '😡').value).toBe(-3.5);
    expect(entry(rules('thumbs 👍🏽'), '👍🏽').value).toBe(2);
    expect(entry(rules('meh :('), ':(').value).toBe(-2.5);
    expect(rules('see you <3').total).toBe(3);
  });
});

describe('customer-service phrases', () => {
  it('finds complaints that contain no negative word', () => {
    const cancelled = rules('flight cancelled and nobody called back');
    expect(cancelled.complaint).toBeLessThanOrEqual(-5);
    expect(cancelled.intents.has('complaint')).toBe(true);
    expect(entry(rules('on hold for 2 hours'), 'on hold for 2 hours').value).toBe(-3.5);
    expect(rules('still waiting for my refund').total).toBeLessThan(-2);
    expect(rules('been sitting on the tarmac for 3 hours').total).toBeLessThan(-3);
  });

  it('marks churn and praise phrases with their intents', () => {
    expect(rules('switching to verizon next month').intents.has('churn_risk')).toBe(true);
    expect(rules('I want to cancel my subscription').intents.has('churn_risk')).toBe(true);
    const praise = rules('the crew went above and beyond');
    expect(entry(praise, 'above and beyond').value).toBe(3.5);
    expect(praise.intents.has('praise')).toBe(true);
  });

  it('does not count politeness as praise inside a complaint', () => {
    const thanks = entry(rules('please help, my order never arrived. thanks'), 'thanks');
    expect(thanks.value).toBe(0);
    expect(thanks.notes).toContain('politeness in a complaint');
    expect(entry(rules('thanks'), 'thanks').value).toBe(2);
  });
});

describe('sarcasm and questions', () => {
  it('reads praise next to a strong complaint as sarcasm', () => {
    const result = rules('Love how my flight got cancelled again');
    expect(entry(result, 'love').value).toBeLessThan(0);
    expect(result.sarcasm).toBe(true);
  });

  it('reads #sarcasm as a marker that turns praise around', () => {
    const result = rules('great, another delay #sarcasm');
    expect(entry(result, 'great').value).toBeCloseTo(-1.8);
    expect(result.sarcasm).toBe(true);
  });

  it('halves praise that is only asked about', () => {
    expect(entry(rules('is it any good?'), 'good').value).toBe(1.5);
    expect(rules('is it any good?').question).toBe(true);
  });
});

describe('per-watch options', () => {
  it('adds custom words and phrases with their own weight', () => {
    const result = rules('my Zapster shows the blue screen again', {
      extraTerms: { Zapster: 1, 'blue screen': -3 },
    });
    expect(entry(result, 'Zapster')).toMatchObject({ value: 1, source: 'custom' });
    expect(entry(result, 'blue screen').value).toBe(-3);
  });

  it('clamps custom weights to the AFINN scale and skips ones that are not numbers', () => {
    const result = rules('zap zop', { extraTerms: { zap: 50, zop: Number.NaN } });
    expect(result.contributions.map((item) => [item.label, item.value])).toEqual([['zap', 5]]);
  });

  it('ignores listed words, such as a brand that is also an English word', () => {
    const options = { ignoreTerms: ['Kind'] };
    expect(rules('Kind bars restocked', options).contributions).toEqual([]);
    expect(rules('Kind bars restocked').total).toBe(2);
  });

  it('counts a one-star rating as strong negative evidence', () => {
    const result = rules('fine', { starRating: 1 });
    expect(entry(result, '1 stars')).toMatchObject({ value: -4, intents: ['complaint'] });
    expect(result.total).toBeLessThan(0);
  });
});
