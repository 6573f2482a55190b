import type { MentionAnalysis } from '../../domain/mention.js';
import { analysisOf, analyze } from '../analyze.js';
import { CLASSES, labelOf, softmax } from '../model/linear.js';
import type { AnalyzeOptions } from '../types.js';
import type { Adaptation } from './fit.js';
import { adaptedLogits } from './fit.js';
import type { LearnedWeights } from './learner.js';
import type { NgramFeatures } from './features.js';
import { prepare } from './prepare.js';

/** Learned words named in the evidence, at most, and the least weight worth naming. */
const LEARNED_EVIDENCE = { limit: 2, floor: 0.1 };

/** Whether an adaptation may be used: only one whose cross-validated gain is positive. */
export function usable(adaptation: Adaptation | null): adaptation is Adaptation {
  return adaptation !== null && adaptation.gain > 0;
}

function signed(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return rounded < 0 ? `−${Math.abs(rounded)}` : `+${rounded}`;
}

// How hard a class's weights pull one bucket: towards positive (+) or negative (−), or, for a
// neutral text, towards neutral and away from both.
function pullOf(weights: LearnedWeights, bucket: number, label: number): number {
  const base = bucket * CLASSES;
  const negative = weights.sparse[base] ?? 0;
  const neutral = weights.sparse[base + 1] ?? 0;
  const positive = weights.sparse[base + 2] ?? 0;
  return label === 1 ? neutral - Math.max(negative, positive) : positive - negative;
}

/** `learned from 12 corrections: "delayed" −0.4`: the learned words that moved this text most. */
export function learnedEvidence(
  adaptation: Adaptation,
  ngrams: NgramFeatures,
  label: number,
): string {
  const direction = label === 0 ? -1 : 1;
  // The strongest few, kept sorted by hand: this runs for every mention of a watch with a model.
  const top: Array<{ word: string; pull: number }> = [];
  const { words, buckets } = ngrams;
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] as string;
    if (word === '' || top.some((entry) => entry.word === word)) {
      continue;
    }
    const pull = pullOf(adaptation.weights, buckets[index] ?? 0, label);
    if (pull * direction < LEARNED_EVIDENCE.floor) {
      continue;
    }
    let at = top.length;
    while (at > 0 && (top[at - 1] as { pull: number }).pull * direction < pull * direction) {
      at -= 1;
    }
    if (at < LEARNED_EVIDENCE.limit) {
      top.splice(at, 0, { word, pull });
      top.length = Math.min(top.length, LEARNED_EVIDENCE.limit);
    }
  }
  const named = top.map(({ word, pull }) => `"${word}" ${signed(pull)}`);
  const head = `learned from ${adaptation.corrections} corrections`;
  return named.length === 0 ? head : `${head}: ${named.join(', ')}`;
}

/**
 * Scores one text with a watch's adaptation, or exactly as `analyze` does when there is none or it
 * has shown no gain. Pure: the pipeline, the re-scoring job and the CLI all call this.
 */
export function analyzeFor(
  adaptation: Adaptation | null,
  text: string,
  options: AnalyzeOptions = {},
): MentionAnalysis {
  if (!usable(adaptation)) {
    return analyze(text, options);
  }
  const prepared = prepare(text, options);
  const probabilities = softmax(adaptedLogits(adaptation.weights, prepared));
  const label = labelOf(probabilities);
  const index = label === 'negative' ? 0 : label === 'neutral' ? 1 : 2;
  return analysisOf(prepared.found, probabilities, [
    learnedEvidence(adaptation, prepared.ngrams, index),
  ]);
}
