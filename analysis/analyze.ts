import type { MentionAnalysis } from '../domain/mention.js';
import { combinedEvidence } from './evidence.js';
import { extract } from './extract.js';
import { detectIntents } from './intents.js';
import { predict, pulls } from './model/linear.js';
import { TRAINED_MODEL } from './model/trained.js';
import type { AnalyzeOptions } from './types.js';

export type { AnalyzeOptions } from './types.js';

/**
 * Scores one text: rules (lexicons, phrases, negation, contrast, emoji) feed a small linear model
 * over words and word pairs. Pure and deterministic: the same text and options give the same result.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): MentionAnalysis {
  const { tokens, rules, sparse, dense } = extract(text, options);
  const { label, probabilities } = predict(TRAINED_MODEL, sparse, dense);
  const [negative, , positive] = probabilities;
  return {
    label,
    score: positive - negative,
    confidence: Math.max(...probabilities),
    intents: detectIntents(rules, label, tokens),
    evidence: combinedEvidence(rules.contributions, pulls(TRAINED_MODEL, sparse, dense), label),
  };
}
