import type { Triple } from '../model/linear.js';
import { ADAPT_BUCKETS } from './features.js';
import { minimize } from './lbfgs.js';

// negative, neutral, positive. A local constant: an imported binding costs a lookup in hot loops.
const CLASSES = 3;

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

// Per weights, one bit per bucket: does it carry any weight? Most n-grams of a new text were never
// learned; the bit (a 32 KB table that stays in cache) spares a read in the 3 MB weight table.
// Built on first use: weights are not changed once they score.
const presence = new WeakMap<LearnedWeights, Uint32Array>();

function presenceOf(weights: LearnedWeights): Uint32Array {
  let bits = presence.get(weights);
  if (!bits) {
    bits = new Uint32Array(weights.sparse.length / CLASSES / 32 + 1);
    for (let slot = 0; slot < weights.sparse.length; slot += 1) {
      if (weights.sparse[slot] !== 0) {
        const bucket = (slot / CLASSES) | 0;
        bits[bucket >>> 5] = (bits[bucket >>> 5] as number) | (1 << (bucket & 31));
      }
    }
    presence.set(weights, bits);
  }
  return bits;
}

/**
 * The sparse weights of the buckets that carry any, packed in bucket order, for scoring. A model
 * learned from a thousand corrections weighs about 19,000 buckets of 262,144, but a text's
 * n-grams are mostly among them, so reading them from the 3 MB table missed the cache on most
 * n-grams; packed, they take about 230 KB. A bucket's place in `packed` is its rank among the
 * weighed buckets: `before[word]` (how many are weighed in the 32-bucket words before it) plus
 * those weighed before it in its own word of `bits`.
 */
export interface PackedWeights {
  bits: Uint32Array;
  before: Uint32Array;
  packed: Float32Array;
}

const packedWeights = new WeakMap<LearnedWeights, PackedWeights>();

function bitCount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export function packedOf(weights: LearnedWeights): PackedWeights {
  let found = packedWeights.get(weights);
  if (!found) {
    const bits = presenceOf(weights);
    const before = new Uint32Array(bits.length);
    let total = 0;
    for (let word = 0; word < bits.length; word += 1) {
      before[word] = total;
      total += bitCount(bits[word] as number);
    }
    const packed = new Float32Array(total * CLASSES);
    let at = 0;
    const buckets = weights.sparse.length / CLASSES;
    for (let bucket = 0; bucket < buckets; bucket += 1) {
      if (((bits[bucket >>> 5] as number) & (1 << (bucket & 31))) !== 0) {
        packed.set(weights.sparse.subarray(bucket * CLASSES, bucket * CLASSES + CLASSES), at);
        at += CLASSES;
      }
    }
    found = { bits, before, packed };
    packedWeights.set(weights, found);
  }
  return found;
}

/** Where a bucket's three weights start in `packed`, or -1 when it carries none. */
export function packedAt(weights: PackedWeights, bucket: number): number {
  const word = weights.bits[bucket >>> 5] as number;
  const bit = 1 << (bucket & 31);
  if ((word & bit) === 0) {
    return -1;
  }
  return ((weights.before[bucket >>> 5] as number) + bitCount(word & (bit - 1))) * CLASSES;
}

/** The offset plus the biases: where a row's logits start. */
export function startLogits(weights: LearnedWeights, offset: Readonly<Triple>): Triple {
  return [
    offset[0] + (weights.bias[0] ?? 0),
    offset[1] + (weights.bias[1] ?? 0),
    offset[2] + (weights.bias[2] ?? 0),
  ];
}

/** Adds the learned weights of `buckets`, each feature weighing `values[index]`, to `out`. */
function addSparse(
  weights: LearnedWeights,
  out: Triple,
  buckets: readonly number[],
  values: readonly number[],
): void {
  const bits = presenceOf(weights);
  for (let index = 0; index < buckets.length; index += 1) {
    const bucket = buckets[index] ?? 0;
    if (((bits[bucket >>> 5] as number) & (1 << (bucket & 31))) === 0) {
      continue;
    }
    const base = bucket * CLASSES;
    const value = values[index] ?? 0;
    out[0] += value * (weights.sparse[base] ?? 0);
    out[1] += value * (weights.sparse[base + 1] ?? 0);
    out[2] += value * (weights.sparse[base + 2] ?? 0);
  }
}

/**
 * `addSparse` for one block of hashed n-grams, `buckets[from..to)`, that all weigh `value`: the
 * same sums in the same order. Its own function, so that each loop sees one kind of array.
 */
export function addBlock(
  weights: LearnedWeights,
  out: Triple,
  buckets: Int32Array,
  from: number,
  to: number,
  value: number,
): void {
  const { bits, before, packed } = packedOf(weights);
  let negative = out[0];
  let neutral = out[1];
  let positive = out[2];
  for (let index = from; index < to; index += 1) {
    const bucket = buckets[index] as number;
    const word = bits[bucket >>> 5] as number;
    const bit = 1 << (bucket & 31);
    if ((word & bit) === 0) {
      continue;
    }
    const base = ((before[bucket >>> 5] as number) + bitCount(word & (bit - 1))) * CLASSES;
    negative += value * (packed[base] as number);
    neutral += value * (packed[base + 1] as number);
    positive += value * (packed[base + 2] as number);
  }
  out[0] = negative;
  out[1] = neutral;
  out[2] = positive;
}

/** Adds the dense features' learned weights to `out`. */
export function addDense(weights: LearnedWeights, out: Triple, dense: readonly number[]): void {
  for (let feature = 0; feature < dense.length; feature += 1) {
    const value = dense[feature] ?? 0;
    const base = feature * CLASSES;
    out[0] += value * (weights.dense[base] ?? 0);
    out[1] += value * (weights.dense[base + 1] ?? 0);
    out[2] += value * (weights.dense[base + 2] ?? 0);
  }
}

/** The row's logits: offset plus what was learned. */
export function rowLogits(
  weights: LearnedWeights,
  offset: Readonly<Triple>,
  dense: readonly number[],
  buckets: readonly number[],
  values: readonly number[],
): Triple {
  const out = startLogits(weights, offset);
  addSparse(weights, out, buckets, values);
  addDense(weights, out, dense);
  return out;
}

// Each class weighs the same in total; a class with no rows weighs nothing.
function balance(rows: readonly LearnRow[]): number[] {
  const counts = [0, 0, 0];
  rows.forEach((row) => (counts[row.target] = (counts[row.target] ?? 0) + 1));
  return counts.map((count) => (count === 0 ? 0 : rows.length / (CLASSES * count)));
}

/** An n-gram seen in fewer rows than this gets no weight: it cannot generalise, and it costs. */
const MIN_ROWS = 2;

/**
 * The rows' buckets seen in at least MIN_ROWS rows, renumbered 0..K-1, so the optimiser only
 * carries weights that can matter; per row, their ids and values.
 */
function compact(rows: readonly LearnRow[]) {
  // Typed tables indexed by bucket rather than Maps: training compacts the rows once per fit.
  const rowsWith = new Int32Array(ADAPT_BUCKETS);
  const lastRow = new Int32Array(ADAPT_BUCKETS).fill(-1);
  rows.forEach((row, rowIndex) => {
    for (const bucket of row.buckets) {
      if (lastRow[bucket] !== rowIndex) {
        lastRow[bucket] = rowIndex;
        rowsWith[bucket] = (rowsWith[bucket] as number) + 1;
      }
    }
  });
  // Ids in the order buckets are first met; `bucketOf` maps them back.
  const idOf = new Int32Array(ADAPT_BUCKETS).fill(-1);
  const bucketOf: number[] = [];
  const ids: Int32Array[] = [];
  const values: Float64Array[] = [];
  for (const row of rows) {
    const rowIds: number[] = [];
    const rowValues: number[] = [];
    row.buckets.forEach((bucket, index) => {
      if ((rowsWith[bucket] as number) < MIN_ROWS) {
        return;
      }
      let id = idOf[bucket] as number;
      if (id < 0) {
        id = bucketOf.length;
        idOf[bucket] = id;
        bucketOf.push(bucket);
      }
      rowIds.push(id);
      rowValues.push(row.values[index] ?? 0);
    });
    ids.push(Int32Array.from(rowIds));
    values.push(Float64Array.from(rowValues));
  }
  return { bucketOf, ids, values };
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

// The L2 pull on x[from..to): adds it to the gradient and returns the loss with it added.
function addPull(
  x: Float64Array,
  gradient: Float64Array,
  from: number,
  to: number,
  l2: number,
  loss: number,
): number {
  let total = loss;
  for (let at = from; at < to; at += 1) {
    const value = x[at] as number;
    total += 0.5 * l2 * value * value;
    gradient[at] = (gradient[at] as number) + l2 * value;
  }
  return total;
}

// Regularised, class-weighted mean cross-entropy of the rows and its gradient.
function objectiveOf(
  rows: readonly LearnRow[],
  places: readonly Int32Array[],
  sparseValues: readonly Float64Array[],
  layout: Layout,
  settings: LearnSettings,
): (x: Float64Array, gradient: Float64Array) => number {
  const classWeights = settings.balanced ? balance(rows) : [1, 1, 1];
  const total = rows.reduce((sum, row) => sum + (classWeights[row.target] ?? 1), 0) || 1;
  return (x, gradient) => {
    gradient.fill(0);
    let loss = 0;
    for (let rowIndex = 0; rowIndex < rows.length; rowIndex += 1) {
      const row = rows[rowIndex] as LearnRow;
      const rowAt = places[rowIndex] as Int32Array;
      const values = sparseValues[rowIndex] as Float64Array;
      const { dense, offset, target } = row;
      // One pass for the three logits, one for the three gradients: the row's features are the
      // inner loop, classes unrolled.
      let l0 = offset[0] + (x[0] as number);
      let l1 = offset[1] + (x[1] as number);
      let l2 = offset[2] + (x[2] as number);
      for (let feature = 0; feature < dense.length; feature += 1) {
        const value = dense[feature] as number;
        const at = layout.dense + feature * CLASSES;
        l0 += value * (x[at] as number);
        l1 += value * (x[at + 1] as number);
        l2 += value * (x[at + 2] as number);
      }
      for (let index = 0; index < rowAt.length; index += 1) {
        const value = values[index] as number;
        const at = rowAt[index] as number;
        l0 += value * (x[at] as number);
        l1 += value * (x[at + 1] as number);
        l2 += value * (x[at + 2] as number);
      }
      const top = Math.max(l0, l1, l2);
      const e0 = Math.exp(l0 - top);
      const e1 = Math.exp(l1 - top);
      const e2 = Math.exp(l2 - top);
      const sum = e0 + e1 + e2;
      const weight = (classWeights[target] ?? 1) / total;
      loss += weight * (top + Math.log(sum) - (target === 0 ? l0 : target === 1 ? l1 : l2));
      const g0 = weight * (e0 / sum - (target === 0 ? 1 : 0));
      const g1 = weight * (e1 / sum - (target === 1 ? 1 : 0));
      const g2 = weight * (e2 / sum - (target === 2 ? 1 : 0));
      gradient[0] = (gradient[0] as number) + g0;
      gradient[1] = (gradient[1] as number) + g1;
      gradient[2] = (gradient[2] as number) + g2;
      for (let feature = 0; feature < dense.length; feature += 1) {
        const value = dense[feature] as number;
        const at = layout.dense + feature * CLASSES;
        gradient[at] = (gradient[at] as number) + g0 * value;
        gradient[at + 1] = (gradient[at + 1] as number) + g1 * value;
        gradient[at + 2] = (gradient[at + 2] as number) + g2 * value;
      }
      for (let index = 0; index < rowAt.length; index += 1) {
        const value = values[index] as number;
        const at = rowAt[index] as number;
        gradient[at] = (gradient[at] as number) + g0 * value;
        gradient[at + 1] = (gradient[at + 1] as number) + g1 * value;
        gradient[at + 2] = (gradient[at + 2] as number) + g2 * value;
      }
    }
    // The pulls are a fixed prior against the sum of the rows' losses (divided here, with the loss,
    // by the rows' total weight): the more corrections agree, the further they move the model.
    loss = addPull(x, gradient, 0, layout.dense, settings.l2Bias / total, loss);
    loss = addPull(x, gradient, layout.dense, layout.sparse, settings.l2Dense / total, loss);
    return addPull(x, gradient, layout.sparse, layout.length, settings.l2Sparse / total, loss);
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
  const { bucketOf, ids, values } = compact(rows);
  const layout = layoutOf(denseCount, bucketOf.length);
  // Each feature's place in the parameter vector, worked out once rather than at every evaluation.
  const places = ids.map((rowIds) => rowIds.map((id) => layout.sparse + id * CLASSES));
  const { x } = minimize(
    objectiveOf(rows, places, values, layout, settings),
    new Float64Array(layout.length),
    {
      iterations: settings.iterations,
      memory: 10,
      tolerance: 1e-5,
    },
  );
  weights.bias.set(x.subarray(0, layout.dense));
  weights.dense.set(x.subarray(layout.dense, layout.sparse));
  bucketOf.forEach((bucket, id) => {
    const from = layout.sparse + id * CLASSES;
    weights.sparse.set(x.subarray(from, from + CLASSES), bucket * CLASSES);
  });
  return weights;
}
