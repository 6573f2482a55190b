import { expandHashtagWords } from './hashtag-words.js';
import { denseFeatures, sparseFeatures, type SparseFeatures } from './model/features.js';
import { scoreRules } from './rules.js';
import { watchTerms } from './terms.js';
import { tokenize, type Token } from './tokenize.js';
import type { AnalyzeOptions, RuleResult } from './types.js';

/** Everything the scorer reads from one text: its tokens, the rule results and the model features. */
export interface Extracted {
  tokens: Token[];
  rules: RuleResult;
  sparse: SparseFeatures;
  dense: number[];
}

/** The one path from text to features, shared by `analyze` and the training script. */
export function extract(text: string, options: AnalyzeOptions = {}): Extracted {
  const terms = watchTerms(options);
  const tokens = expandHashtagWords(tokenize(text));
  const rules = scoreRules(tokens, terms, options.starRating);
  const sparse = sparseFeatures(tokens, terms.ignore);
  return { tokens, rules, sparse, dense: denseFeatures(rules, sparse) };
}
