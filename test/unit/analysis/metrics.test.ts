import { describe, expect, it } from 'vitest';
import { pearson, score } from '../../../scripts/analysis/metrics.js';
import type { SentimentLabel } from '../../../domain/mention.js';

describe('benchmark metrics', () => {
  it('computes accuracy, macro averages and negative-class figures', () => {
    const gold: SentimentLabel[] = ['negative', 'negative', 'neutral', 'positive'];
    const predicted: SentimentLabel[] = ['negative', 'neutral', 'negative', 'positive'];
    const result = score(gold, predicted);
    expect(result.accuracy).toBe(0.5);
    expect(result.negativePrecision).toBe(0.5);
    expect(result.negativeRecall).toBe(0.5);
    expect(result.negativeF1).toBe(0.5);
    expect(result.macroRecall).toBeCloseTo((0.5 + 0 + 1) / 3);
    expect(result.macroF1).toBeCloseTo((0.5 + 0 + 1) / 3);
  });

  it('computes Pearson correlation', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBe(0);
  });
});
