import { describe, expect, it } from 'vitest';
import { analyze } from '../../../analysis/analyze.js';
import { expandHashtagWords } from '../../../analysis/hashtag-words.js';
import { sparseFeatures } from '../../../analysis/model/features.js';
import { featureName } from '../../../analysis/model/features.js';
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

function modelUnits(text: string): string[] {
  const tokens = expandHashtagWords(tokenize(text));
  return sparseFeatures(tokens, new Set()).origins.map((origin) => featureName(tokens, origin));
}

describe('negator idioms', () => {
  it('does not negate after "no doubt", "nothing but", "not only", "no matter"', () => {
    expect(entry(rules('no doubt the best team'), 'best')?.value).toBe(3);
    expect(entry(rules('nothing but love for you guys'), 'love')?.value).toBeGreaterThan(0);
    expect(entry(rules('nothing but problems with this router'), 'problems')?.value).toBeLessThan(
      0,
    );
    expect(entry(rules('not only late but rude'), 'rude')?.value).toBeLessThan(0);
    expect(modelUnits('no doubt the best')).toEqual(['no', 'doubt', 'the', 'best']);
  });

  it('gives the idiom itself no sentiment', () => {
    const result = rules('no matter how I ask');
    expect(entry(result, 'no matter')?.value).toBe(0);
    expect(entry(result, 'no')).toBeUndefined();
    expect(entry(result, 'matter')).toBeUndefined();
  });

  it('still negates the words that follow a plain negator', () => {
    expect(entry(rules('the staff were not helpful'), 'helpful')?.value).toBeLessThan(0);
    expect(entry(rules('nothing good about it'), 'good')?.value).toBeLessThan(0);
    expect(modelUnits('not helpful')).toEqual(['not', 'NOT helpful']);
  });

  it('labels idiomatic praise positive and idiomatic complaints negative', () => {
    expect(analyze('@ShopCo nothing but love for you guys').label).toBe('positive');
    expect(analyze('@TelcoCo no matter how many times I call, nobody answers').label).toBe(
      'negative',
    );
  });
});
