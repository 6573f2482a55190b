import type { SentimentLabel } from '../../domain/mention.js';
import type { SparseFeatures } from './features.js';

/** negative, neutral, positive. */
export const CLASSES = 3;

/** A multinomial logistic regression over hashed sparse features and a few dense ones. */
export interface LinearModel {
  /** Per bucket, one weight per class (negative, neutral, positive), flattened. */
  sparse: Float32Array;
  /** Per dense feature, one weight per class, flattened. */
  dense: Float32Array;
  bias: Float32Array;
}

export type Triple = [number, number, number];

export interface Prediction {
  label: SentimentLabel;
  probabilities: Triple;
}

/** Logits of the three classes. */
export function logits(
  model: LinearModel,
  sparse: SparseFeatures,
  dense: readonly number[],
): Triple {
  const weights = model.sparse;
  let negative = model.bias[0] ?? 0;
  let neutral = model.bias[1] ?? 0;
  let positive = model.bias[2] ?? 0;
  for (const bucket of sparse.buckets) {
    const base = bucket * CLASSES;
    negative += weights[base] ?? 0;
    neutral += weights[base + 1] ?? 0;
    positive += weights[base + 2] ?? 0;
  }
  for (let feature = 0; feature < dense.length; feature += 1) {
    const value = dense[feature] ?? 0;
    const base = feature * CLASSES;
    negative += value * (model.dense[base] ?? 0);
    neutral += value * (model.dense[base + 1] ?? 0);
    positive += value * (model.dense[base + 2] ?? 0);
  }
  return [negative, neutral, positive];
}

export function softmax(values: Readonly<Triple>): Triple {
  const top = Math.max(values[0], values[1], values[2]);
  const negative = Math.exp(values[0] - top);
  const neutral = Math.exp(values[1] - top);
  const positive = Math.exp(values[2] - top);
  const total = negative + neutral + positive;
  return [negative / total, neutral / total, positive / total];
}

export function predict(
  model: LinearModel,
  sparse: SparseFeatures,
  dense: readonly number[],
): Prediction {
  const probabilities = softmax(logits(model, sparse, dense));
  return { label: labelOf(probabilities), probabilities };
}

/** The most probable class; ties go to negative, then neutral. */
export function labelOf([negative, neutral, positive]: Readonly<Triple>): SentimentLabel {
  return negative >= neutral && negative >= positive
    ? 'negative'
    : positive > neutral
      ? 'positive'
      : 'neutral';
}

/** A word feature that pulled the text towards positive (> 0) or negative (< 0). */
export interface FeaturePull {
  /** The feature's origin, see featureName. */
  origin: number;
  pull: number;
}

// Keeps `top` sorted strongest first and at most `limit` long; plain loops, as this runs per mention.
function insertStrongest(
  top: FeaturePull[],
  entry: FeaturePull,
  direction: number,
  limit: number,
): void {
  let at = top.length;
  while (at > 0 && (top[at - 1]?.pull ?? 0) * direction < entry.pull * direction) {
    at -= 1;
  }
  if (at < limit) {
    top.splice(at, 0, entry);
    top.length = Math.min(top.length, limit);
  }
}

/**
 * The few word features that pulled hardest in `direction` (1 positive, -1 negative), strongest
 * first: the model's own evidence next to the rules'. Pull = weight towards positive minus weight
 * towards negative. The dense features only restate the rules, so they are left out.
 */
export function strongestPulls(
  model: LinearModel,
  sparse: SparseFeatures,
  direction: number,
  { limit, floor }: { limit: number; floor: number },
): FeaturePull[] {
  const top: FeaturePull[] = [];
  const { buckets, origins } = sparse;
  for (let index = 0; index < buckets.length; index += 1) {
    const base = (buckets[index] ?? 0) * CLASSES;
    const pull = (model.sparse[base + 2] ?? 0) - (model.sparse[base] ?? 0);
    if (pull * direction >= floor) {
      insertStrongest(top, { origin: origins[index] ?? 0, pull }, direction, limit);
    }
  }
  return top;
}
