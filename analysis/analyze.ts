import type { MentionAnalysis, SentimentLabel } from '../domain/mention.js';
import { modelEvidence, ruleEvidence } from './evidence.js';
import { extract, type Extracted } from './extract.js';
import { detectIntents } from './intents.js';
import { featureName } from './model/features.js';
import { predict, strongestPulls } from './model/linear.js';
import { TRAINED_MODEL } from './model/trained.js';
import type { AnalyzeOptions } from './types.js';

export type { AnalyzeOptions } from './types.js';

/** Model features named in the evidence, at most, and the least pull worth naming. */
const MODEL_EVIDENCE = { limit: 3, floor: 0.1 };

function evidenceFor(found: Extracted, label: SentimentLabel): string[] {
  const rules = ruleEvidence(found.rules.contributions);
  if (label === 'neutral') {
    return rules;
  }
  const direction = label === 'positive' ? 1 : -1;
  const pulls = strongestPulls(TRAINED_MODEL, found.sparse, direction, MODEL_EVIDENCE);
  return [...rules, ...modelEvidence(pulls, (origin) => featureName(found.tokens, origin))];
}

/**
 * Scores one text: rules (lexicons, phrases, negation, contrast, emoji) feed a small linear model
 * over words and word pairs. Pure and deterministic: the same text and options give the same result.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): MentionAnalysis {
  const found = extract(text, options);
  const { label, probabilities } = predict(TRAINED_MODEL, found.sparse, found.dense);
  const [negative, , positive] = probabilities;
  return {
    label,
    score: positive - negative,
    confidence: Math.max(negative, probabilities[1], positive),
    intents: detectIntents(found.rules, label, found.tokens),
    evidence: evidenceFor(found, label),
  };
}
