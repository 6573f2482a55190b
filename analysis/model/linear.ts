import { SENTIMENT_LABELS, type SentimentLabel } from '../../domain/mention.js';
import { DENSE_NAMES, type SparseFeature } from './features.js';

export const CLASSES = SENTIMENT_LABELS.length;

/** A multinomial logistic regression over hashed sparse features and a few dense ones. */
export interface LinearModel {
  /** Per bucket, one weight per class (negative, neutral, positive), flattened. */
  sparse: Float32Array;
  /** Per dense feature, one weight per class, flattened. */
  dense: Float32Array;
  bias: Float32Array;
}

export interface Prediction {
  label: SentimentLabel;
  probabilities: [number, number, number];
}

/** Logits of the three classes. */
export function logits(
  model: LinearModel,
  sparse: readonly SparseFeature[],
  dense: readonly number[],
): [number, number, number] {
  const out: [number, number, number] = [
    model.bias[0] ?? 0,
    model.bias[1] ?? 0,
    model.bias[2] ?? 0,
  ];
  for (const { bucket } of sparse) {
    const base = bucket * CLASSES;
    out[0] += model.sparse[base] ?? 0;
    out[1] += model.sparse[base + 1] ?? 0;
    out[2] += model.sparse[base + 2] ?? 0;
  }
  dense.forEach((value, feature) => {
    const base = feature * CLASSES;
    out[0] += value * (model.dense[base] ?? 0);
    out[1] += value * (model.dense[base + 1] ?? 0);
    out[2] += value * (model.dense[base + 2] ?? 0);
  });
  return out;
}

export function softmax(values: readonly [number, number, number]): [number, number, number] {
  const top = Math.max(...values);
  const exps = values.map((value) => Math.exp(value - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return [(exps[0] ?? 0) / total, (exps[1] ?? 0) / total, (exps[2] ?? 0) / total];
}

export function predict(
  model: LinearModel,
  sparse: readonly SparseFeature[],
  dense: readonly number[],
): Prediction {
  const probabilities = softmax(logits(model, sparse, dense));
  const best = probabilities.indexOf(Math.max(...probabilities));
  return { label: SENTIMENT_LABELS[best] ?? 'neutral', probabilities };
}

export interface FeaturePull {
  name: string;
  /** Positive pushes towards "positive", negative towards "negative". */
  pull: number;
}

/** How much each feature pulls towards positive rather than negative: the model's evidence. */
export function pulls(
  model: LinearModel,
  sparse: readonly SparseFeature[],
  dense: readonly number[],
): FeaturePull[] {
  const found: FeaturePull[] = sparse.map(({ bucket, name }) => ({
    name,
    pull: (model.sparse[bucket * CLASSES + 2] ?? 0) - (model.sparse[bucket * CLASSES] ?? 0),
  }));
  dense.forEach((value, feature) => {
    const weight =
      (model.dense[feature * CLASSES + 2] ?? 0) - (model.dense[feature * CLASSES] ?? 0);
    found.push({ name: DENSE_NAMES[feature] ?? `dense ${feature}`, pull: value * weight });
  });
  return found;
}
