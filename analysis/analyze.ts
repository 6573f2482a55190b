import type { MentionAnalysis, SentimentLabel } from '../domain/mention.js';
import { modelEvidence, ruleEvidence } from './evidence.js';
import { extract, type Extracted } from './extract.js';
import { detectIntents } from './intents.js';
import { featureName } from './model/features.js';
import { labelOf, predict, strongestPulls, type Triple } from './model/linear.js';
import { TRAINED_MODEL } from './model/trained.js';
import type { AnalyzeOptions } from './types.js';

export type { AnalyzeOptions } from './types.js';

/**
 * A diminished text ("minor annoyance", "lags sometimes", "a bit slow") keeps its label but its
 * probabilities are flattened (each raised to this power and renormalised), which lowers |score| and
 * confidence.
 */
const DIMINISHED_TEMPER = 0.6;

function temper(probabilities: readonly number[], power: number): [number, number, number] {
  const raised = probabilities.map((value) => value ** power);
  const sum = raised.reduce((total, value) => total + value, 0);
  const [negative = 0, neutral = 0, positive = 0] = raised.map((value) => value / sum);
  return [negative, neutral, positive];
}

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
 * The analysis of an extracted text from its class probabilities: the one place label, score,
 * confidence, intents and evidence are made, shared with the per-watch adaptation (`adapt/`).
 */
export function analysisOf(
  found: Extracted,
  probabilities: Readonly<Triple>,
  extraEvidence: readonly string[] = [],
): MentionAnalysis {
  const label = labelOf(probabilities);
  const [negative, neutral, positive] = found.rules.diminished
    ? temper(probabilities, DIMINISHED_TEMPER)
    : probabilities;
  return {
    label,
    score: positive - negative,
    confidence: Math.max(negative, neutral, positive),
    intents: detectIntents(found.rules, label, found.tokens),
    evidence: [...evidenceFor(found, label), ...extraEvidence],
  };
}

/**
 * Scores one text: rules (lexicons, phrases, negation, contrast, emoji) feed a small linear model
 * over words and a second lexicon (VADER's). Pure and deterministic: the same text and options
 * give the same result.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): MentionAnalysis {
  const found = extract(text, options);
  return analysisOf(found, predict(TRAINED_MODEL, found.sparse, found.dense).probabilities);
}
