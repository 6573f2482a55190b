import type { Adaptation } from './adapt/fit.js';
import { analyzeFor } from './adapt/score.js';
import type { AnalyzeOptions } from './types.js';
import type { MentionAnalysis } from '../domain/mention.js';

/**
 * Scores a batch of texts of one watch. One options object per star rating: the analyzer caches its
 * per-watch tables by the options' identity. With the watch's learned model (used only when its
 * cross-validated gain is positive), as `analyzeFor`.
 */
export function analyzeBatch(
  items: Array<{ text: string; rating: number | null }>,
  base: AnalyzeOptions,
  model: Adaptation | null = null,
): MentionAnalysis[] {
  const rated = new Map<number, AnalyzeOptions>();
  const optionsFor = (rating: number | null): AnalyzeOptions => {
    if (rating === null) {
      return base;
    }
    const options = rated.get(rating) ?? { ...base, starRating: rating };
    rated.set(rating, options);
    return options;
  };
  return items.map((item) => analyzeFor(model, item.text, optionsFor(item.rating)));
}
