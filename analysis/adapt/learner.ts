import { CLASSES, type Triple } from '../model/linear.js';
import { ADAPT_BUCKETS } from './features.js';
import { minimize } from './lbfgs.js';

/** One labelled text as the learner sees it. */
export interface LearnRow {
  /** Fixed logits the learned ones are added to (the shipped model's), or zeros. */
  offset: Triple;
  dense: readonly number[];
  buckets: readonly number[];
  values: readonly number[];
  /** 0 negative, 1 neutral, 2 positive. */
  target: number;
}

/** Learned weights: added to a row's offset, all zero means "the offset unchanged". */
export interface LearnedWeights {
  /** Per n-gram bucket, one weight per class, flattened. */
  sparse: Float32Array;
  dense: Float32Array;
  bias: Float32Array;
}

export interface LearnSettings {
  /** Most L-BFGS iterations. */
  iterations: number;
  /**
   * L2 pull towards zero (towards the offset's own answer) of the n-gram weights, against the sum
   * of the rows' losses: a prior that this many disagreeing rows about outweigh.
   */
  l2Sparse: number;
  /** The same for the dense features (the shipped logits and rule outputs). */
  l2Dense: number;
  /** The same for the three biases, which move the class balance. */
  l2Bias: number;
  /** Weigh classes so each counts the same in total (aims at macro-F1 rather than accuracy). */
  balanced: boolean;
}

export function emptyWeights(denseCount: number): LearnedWeights {
  return {
    sparse: new Float32Array(ADAPT_BUCKETS * CLASSES),
    dense: new Float32Array(denseCount * CLASSES),
    bias: new Float32Array(CLASSES),
  };
}

/** The row's logits: offset plus what was learned. */
export function rowLogits(
  weights: LearnedWeights,
  offset: Readonly<Triple>,
  dense: readonly number[],
  buckets: readonly number[],
  values: readonly number[],
): Triple {
  const out: Triple = [
    offset[0] + (weights.bias[0] ?? 0),
    offset[1] + (weights.bias[1] ?? 0),
    offset[2] + (weights.bias[2] ?? 0),
  ];
  for (let index = 0; index < buckets.length; index += 1) {
    const base = (buckets[index] ?? 0) * CLASSES;
    const value = values[index] ?? 0;
    out[0] += value * (weights.sparse[base] ?? 0);
    out[1] += value * (weights.sparse[base + 1] ?? 0);
    out[2] += value * (weights.sparse[base + 2] ?? 0);
  }
  for (let feature = 0; feature < dense.length; feature += 1) {
    const value = dense[feature] ?? 0;
    const base = feature * CLASSES;
    out[0] += value * (weights.dense[base] ?? 0);
    out[1] += value * (weights.dense[base + 1] ?? 0);
    out[2] += value * (weights.dense[base + 2] ?? 0);
  }
  return out;
}

// Each class weighs the same in total; a class with no rows weighs nothing.
function balance(rows: readonly LearnRow[]): number[] {
  const counts = [0, 0, 0];
  rows.forEach((row) => (counts[row.target] = (counts[row.target] ?? 0) + 1));
  return counts.map((count) => (count === 0 ? 0 : rows.length / (CLASSES * count)));
}

/** The rows' buckets renumbered 0..K-1, so the optimiser only carries weights the rows touch. */
function compact(rows: readonly LearnRow[]) {
  const idOf = new Map<number, number>();
  const ids = rows.map((row) =>
    Int32Array.from(row.buckets, (bucket) => {
      let id = idOf.get(bucket);
      if (id === undefined) {
        id = idOf.size;
        idOf.set(bucket, id);
      }
      return id;
    }),
  );
  return { idOf, ids };
}

/** Layout of the parameter vector: 3 biases, then dense, then the touched buckets' weights. */
interface Layout {
  dense: number;
  sparse: number;
  length: number;
}

function layoutOf(denseCount: number, buckets: number): Layout {
  const dense = CLASSES;
  const sparse = dense + denseCount * CLASSES;
  return { dense, sparse, length: sparse + buckets * CLASSES };
}

// Regularised, class-weighted mean cross-entropy of the rows and its gradient.
function objectiveOf(
  rows: readonly LearnRow[],
  ids: readonly Int32Array[],
  layout: Layout,
  settings: LearnSettings,
): (x: Float64Array, gradient: Float64Array) => number {
  const classWeights = settings.balanced ? balance(rows) : [1, 1, 1];
  const total = rows.reduce((sum, row) => sum + (classWeights[row.target] ?? 1), 0) || 1;
  const logits = new Float64Array(CLASSES);
  return (x, gradient) => {
    gradient.fill(0);
    let loss = 0;
    rows.forEach((row, rowIndex) => {
      const rowIds = ids[rowIndex] as Int32Array;
      for (let label = 0; label < CLASSES; label += 1) {
        let value = (row.offset[label] ?? 0) + (x[label] as number);
        for (let feature = 0; feature < row.dense.length; feature += 1) {
          value +=
            (row.dense[feature] as number) *
            (x[layout.dense + feature * CLASSES + label] as number);
        }
        for (let index = 0; index < rowIds.length; index += 1) {
          value +=
            (row.values[index] as number) *
            (x[layout.sparse + (rowIds[index] as number) * CLASSES + label] as number);
        }
        logits[label] = value;
      }
      const top = Math.max(logits[0] as number, logits[1] as number, logits[2] as number);
      let sum = 0;
      for (let label = 0; label < CLASSES; label += 1) {
        sum += Math.exp((logits[label] as number) - top);
      }
      const weight = (classWeights[row.target] ?? 1) / total;
      loss += weight * (top + Math.log(sum) - (logits[row.target] as number));
      for (let label = 0; label < CLASSES; label += 1) {
        const error =
          weight *
          (Math.exp((logits[label] as number) - top) / sum - (label === row.target ? 1 : 0));
        gradient[label] = (gradient[label] as number) + error;
        for (let feature = 0; feature < row.dense.length; feature += 1) {
          const at = layout.dense + feature * CLASSES + label;
          gradient[at] = (gradient[at] as number) + error * (row.dense[feature] as number);
        }
        for (let index = 0; index < rowIds.length; index += 1) {
          const at = layout.sparse + (rowIds[index] as number) * CLASSES + label;
          gradient[at] = (gradient[at] as number) + error * (row.values[index] as number);
        }
      }
    });
    // The pulls are a fixed prior against the sum of the rows' losses (divided here, with the loss,
    // by the rows' total weight): the more corrections agree, the further they move the model.
    for (let at = 0; at < layout.length; at += 1) {
      const l2 =
        (at < layout.dense
          ? settings.l2Bias
          : at < layout.sparse
            ? settings.l2Dense
            : settings.l2Sparse) / total;
      const value = x[at] as number;
      loss += 0.5 * l2 * value * value;
      gradient[at] = (gradient[at] as number) + l2 * value;
    }
    return loss;
  };
}

/**
 * Multinomial logistic regression on top of fixed offsets: regularised mean cross-entropy,
 * minimised by L-BFGS over the whole batch. Deterministic: the same rows give the same weights.
 * The L2 pulls keep weights near zero, that is the offset's own answer, unless many rows agree.
 */
export function learn(rows: readonly LearnRow[], settings: LearnSettings): LearnedWeights {
  const denseCount = rows[0]?.dense.length ?? 0;
  const weights = emptyWeights(denseCount);
  if (rows.length === 0) {
    return weights;
  }
  const { idOf, ids } = compact(rows);
  const layout = layoutOf(denseCount, idOf.size);
  const { x } = minimize(
    objectiveOf(rows, ids, layout, settings),
    new Float64Array(layout.length),
    {
      iterations: settings.iterations,
      memory: 10,
      tolerance: 1e-5,
    },
  );
  weights.bias.set(x.subarray(0, layout.dense));
  weights.dense.set(x.subarray(layout.dense, layout.sparse));
  for (const [bucket, id] of idOf) {
    const from = layout.sparse + id * CLASSES;
    weights.sparse.set(x.subarray(from, from + CLASSES), bucket * CLASSES);
  }
  return weights;
}
