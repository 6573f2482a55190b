import type { MentionAnalysis, SentimentLabel } from '../domain/mention.js';
import { ruleEvidence } from './evidence.js';
import { detectIntents } from './intents.js';
import { scoreRules } from './rules.js';
import { watchTerms } from './terms.js';
import { tokenize } from './tokenize.js';
import type { AnalyzeOptions } from './types.js';

export type { AnalyzeOptions } from './types.js';

/** VADER's normalisation: maps a sum of AFINN-scale weights into (-1, 1). */
const NORMALISE_ALPHA = 15;
const NEUTRAL_BAND = 0.05;

function normalise(total: number): number {
  return total / Math.sqrt(total * total + NORMALISE_ALPHA);
}

/** Scores one text. Pure and deterministic: the same text and options give the same result. */
export function analyze(text: string, options: AnalyzeOptions = {}): MentionAnalysis {
  const tokens = tokenize(text);
  const rules = scoreRules(tokens, watchTerms(options), options.starRating);
  const score = normalise(rules.total);
  const label: SentimentLabel =
    score <= -NEUTRAL_BAND ? 'negative' : score >= NEUTRAL_BAND ? 'positive' : 'neutral';
  return {
    label,
    score,
    confidence: Math.abs(score),
    intents: detectIntents(rules, label, tokens),
    evidence: ruleEvidence(rules.contributions),
  };
}
