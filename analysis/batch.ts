import type { Adaptation } from './adapt/fit.js';
import { analyzeFor } from './adapt/score.js';
import type { AnalyzeOptions } from './types.js';
import type { MentionAnalysis } from '../domain/mention.js';

/** What scores a watch's texts: its learned model (or none), and the name stored with each analysis. */
export interface Scorer {
  /** "shipped", or the version in use ("v3") when its adaptation is used. */
  name: string;
  adaptation: Adaptation | null;
}

export const SHIPPED_SCORER: Scorer = { name: 'shipped', adaptation: null };

/**
 * Scores a batch of texts of one watch. One options object per star rating: the analyzer caches its
 * per-watch tables by the options' identity. With the watch's learned model (used only when its
 * cross-validated gain is positive), as `analyzeFor`; each analysis names the model that made it.
 */
export function analyzeBatch(
  items: Array<{ text: string; rating: number | null }>,
  base: AnalyzeOptions,
  scorer: Scorer = SHIPPED_SCORER,
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
  return items.map((item) => ({
    ...analyzeFor(scorer.adaptation, item.text, optionsFor(item.rating)),
    model: scorer.name,
  }));
}
