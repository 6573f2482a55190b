import { CLASSES, logits, softmax, type LinearModel } from '../../analysis/model/linear.js';
import type { SparseFeatures } from '../../analysis/model/features.js';
import { seeded, shuffledIndices } from '../../analysis/adapt/random.js';

export interface TrainingRow {
  sparse: SparseFeatures;
  dense: number[];
  /** 0 negative, 1 neutral, 2 positive. */
  target: number;
}

export interface Settings {
  epochs: number;
  rate: number;
  l2: number;
  buckets: number;
  denseCount: number;
  seed: number;
}

/** Each class weighs the same in total, so the model aims at macro-recall rather than accuracy. */
function classWeights(rows: readonly TrainingRow[]): number[] {
  const counts = [0, 0, 0];
  rows.forEach((row) => (counts[row.target] = (counts[row.target] ?? 0) + 1));
  return counts.map((count) => (count === 0 ? 0 : rows.length / (CLASSES * count)));
}

// AdaGrad step on one weight array slot.
function step(
  weights: Float32Array,
  squares: Float32Array,
  at: number,
  gradient: number,
  settings: Settings,
): void {
  const full = gradient + settings.l2 * (weights[at] ?? 0);
  squares[at] = (squares[at] ?? 0) + full * full;
  weights[at] = (weights[at] ?? 0) - (settings.rate * full) / Math.sqrt((squares[at] ?? 0) + 1e-8);
}

/** Fits a multinomial logistic regression with class-balanced AdaGrad SGD. */
export function train(rows: readonly TrainingRow[], settings: Settings): LinearModel {
  const model: LinearModel = {
    sparse: new Float32Array(settings.buckets * CLASSES),
    dense: new Float32Array(settings.denseCount * CLASSES),
    bias: new Float32Array(CLASSES),
  };
  const squares = {
    sparse: new Float32Array(model.sparse.length),
    dense: new Float32Array(model.dense.length),
    bias: new Float32Array(CLASSES),
  };
  const weightOf = classWeights(rows);
  // Seeded, so that training gives the same weights every run.
  const next = seeded(settings.seed);
  for (let epoch = 0; epoch < settings.epochs; epoch += 1) {
    for (const index of shuffledIndices(rows.length, next)) {
      const row = rows[index];
      if (row === undefined) {
        continue;
      }
      const probabilities = softmax(logits(model, row.sparse, row.dense));
      for (let label = 0; label < CLASSES; label += 1) {
        const error =
          ((probabilities[label] ?? 0) - (label === row.target ? 1 : 0)) *
          (weightOf[row.target] ?? 1);
        step(model.bias, squares.bias, label, error, { ...settings, l2: 0 });
        for (const bucket of row.sparse.buckets) {
          step(model.sparse, squares.sparse, bucket * CLASSES + label, error, settings);
        }
        row.dense.forEach((value, feature) =>
          step(model.dense, squares.dense, feature * CLASSES + label, error * value, {
            ...settings,
            l2: 0,
          }),
        );
      }
    }
  }
  return model;
}
