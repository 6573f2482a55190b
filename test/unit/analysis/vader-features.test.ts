import { describe, expect, it } from 'vitest';
import { extract } from '../../../analysis/extract.js';
import { DENSE_NAMES } from '../../../analysis/model/features.js';
import type { AnalyzeOptions } from '../../../analysis/types.js';

const SCORE = DENSE_NAMES.indexOf('VADER lexicon score');
const POSITIVE = DENSE_NAMES.indexOf('VADER positive words');
const NEGATIVE = DENSE_NAMES.indexOf('VADER negative words');

function vader(text: string, options: AnalyzeOptions = {}): number[] {
  const { dense } = extract(text, options);
  return [dense[SCORE] ?? Number.NaN, dense[POSITIVE] ?? Number.NaN, dense[NEGATIVE] ?? Number.NaN];
}

describe('VADER lexicon features', () => {
  it('scores slang the rules do not know', () => {
    const [score, positive, negative] = vader('@ShopCo order arrived, tyvm');
    expect(score).toBeGreaterThan(0);
    expect(positive).toBeGreaterThan(0);
    expect(negative).toBe(0);
    expect(vader('@ShopCo my order is fubar')[2]).toBeLessThan(0);
  });

  it('flips a negated word', () => {
    expect(vader('@ShopCo not fubar after all')[0]).toBeGreaterThan(0);
  });

  it('leaves words the rules score to the rules, which read them in context', () => {
    expect(vader('Thanks @AirlineCo for losing my bag. Great job.')).toEqual([0, 0, 0]);
  });

  it('drops ignored terms', () => {
    expect(vader('tyvm', { ignoreTerms: ['tyvm'] })).toEqual([0, 0, 0]);
  });
});
