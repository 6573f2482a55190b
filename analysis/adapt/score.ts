import type { MentionAnalysis } from '../../domain/mention.js';
import { analysisOf, analyze } from '../analyze.js';
import { labelOf, softmax } from '../model/linear.js';
import type { AnalyzeOptions } from '../types.js';
import type { Adaptation } from './fit.js';
import { blockNorm, hashNgrams, type NgramScratch } from './features.js';
import {
  addBlock,
  addDense,
  packedAt,
  packedOf,
  startLogits,
  type PackedWeights,
} from './learner.js';
import { readShipped } from './prepare.js';

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
// neutral text, towards neutral and away from both. A bucket without weights pulls 0.
function pullOf(weights: PackedWeights, bucket: number, label: number): number {
  const base = packedAt(weights, bucket);
  const negative = base < 0 ? 0 : (weights.packed[base] as number);
  const neutral = base < 0 ? 0 : (weights.packed[base + 1] as number);
  const positive = base < 0 ? 0 : (weights.packed[base + 2] as number);
  return label === 1 ? neutral - Math.max(negative, positive) : positive - negative;
}

function listed(top: readonly { word: string }[], word: string): boolean {
  for (let index = 0; index < top.length; index += 1) {
    if ((top[index] as { word: string }).word === word) {
      return true;
    }
  }
  return false;
}

/** `learned from 12 corrections: "delayed" −0.4`: the learned words that moved this text most. */
export function learnedEvidence(
  adaptation: Adaptation,
  ngrams: NgramScratch,
  label: number,
): string {
  const direction = label === 0 ? -1 : 1;
  // The strongest few, kept sorted by hand: this runs for every mention of a watch with a model.
  const top: Array<{ word: string; pull: number }> = [];
  const { unigramWords, unigramAt, buckets } = ngrams;
  const packed = packedOf(adaptation.weights);
  for (let index = 0; index < ngrams.unigramCount; index += 1) {
    const word = unigramWords[index] as string;
    if (word === '' || listed(top, word)) {
      continue;
    }
    const pull = pullOf(packed, buckets[unigramAt[index] as number] ?? 0, label);
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
 * has shown no gain. Pure: the pipeline, the re-scoring job and the CLI all call this. The logits
 * are `rowLogits` of the text's prepared row, summed in the same order, read from the shared
 * n-gram scratch rather than from arrays built for the text.
 */
export function analyzeFor(
  adaptation: Adaptation | null,
  text: string,
  options: AnalyzeOptions = {},
): MentionAnalysis {
  if (!usable(adaptation)) {
    return analyze(text, options);
  }
  const { found, shipped, dense } = readShipped(text, options);
  const ngrams = hashNgrams(found.tokens);
  const { weights } = adaptation;
  const logits = startLogits(weights, shipped);
  const { buckets, count, wordCount } = ngrams;
  addBlock(weights, logits, buckets, 0, wordCount, blockNorm(wordCount));
  addBlock(weights, logits, buckets, wordCount, count, blockNorm(count - wordCount));
  addDense(weights, logits, dense);
  const probabilities = softmax(logits);
  const label = labelOf(probabilities);
  const index = label === 'negative' ? 0 : label === 'neutral' ? 1 : 2;
  return analysisOf(found, probabilities, [learnedEvidence(adaptation, ngrams, index)]);
}
