import type { SentimentLabel } from '../../domain/mention.js';
import type { AnalyzeOptions } from '../types.js';
import { argmax, macroF1 } from './gain.js';
import {
  learn,
  rowLogits,
  type LearnedWeights,
  type LearnRow,
  type LearnSettings,
} from './learner.js';
import { chooseOffsets, shiftedClass } from './offsets.js';
import { prepare, type Prepared } from './prepare.js';
import type { Triple } from '../model/linear.js';
import { seeded, shuffledIndices } from './random.js';

/** One text with the label a person gave it. */
export interface LabelledText {
  text: string;
  label: SentimentLabel;
  options?: AnalyzeOptions;
}

/** A watch's learned adaptation: weights on top of the shipped model, with its measured gain. */
export interface Adaptation {
  /** How many corrections it learned from. */
  corrections: number;
  /**
   * Out-of-fold macro-F1 on the corrections: the shipped analyzer's and the adapted one's; and the
   * pull toward the shipped outputs that cross-validation chose (see DENSE_PULLS).
   */
  cv: { folds: number; shipped: number; adapted: number; denseL2?: number };
  /** `cv.adapted - cv.shipped`; the adaptation is used only when this is positive. */
  gain: number;
  seed: number;
  weights: LearnedWeights;
}

export const LABEL_INDEX: Readonly<Record<SentimentLabel, number>> = {
  negative: 0,
  neutral: 1,
  positive: 2,
};

/**
 * Chosen by 5-fold cross-validation on corrections drawn from TweetEval's training file (see
 * docs/learning.md); the L2 pulls keep a handful of corrections from swinging the shipped model.
 */
export interface AdaptSettings extends LearnSettings {
  /** Rows at which class offsets chosen by cross-validation count half (see chooseOffsets). */
  offsetTrust: number;
}

export const ADAPT_SETTINGS: AdaptSettings = {
  iterations: 60,
  l2Sparse: 2,
  l2Dense: 30,
  l2Bias: 30,
  balanced: false,
  offsetTrust: 200,
};

/**
 * How strongly a watch's model is pulled toward the shipped analyzer's own outputs (the dense
 * weights' L2): brands differ in how well the shipped analyzer reads them, so each watch's
 * corrections choose between these by cross-validation. Ties go to the first, the stronger pull.
 */
export const DENSE_PULLS: readonly number[] = [ADAPT_SETTINGS.l2Dense, 3];

/** Fewer corrections than this cannot be cross-validated: no gain is claimed. */
export const MIN_CORRECTIONS = 5;
const FOLDS = 5;

export function rowOf(prepared: Prepared, target: number): LearnRow {
  return {
    offset: prepared.shipped,
    dense: prepared.dense,
    buckets: prepared.ngrams.buckets,
    values: prepared.ngrams.values,
    target,
  };
}

export function adaptedLogits(weights: LearnedWeights, prepared: Prepared) {
  const { shipped, dense, ngrams } = prepared;
  return rowLogits(weights, shipped, dense, ngrams.buckets, ngrams.values);
}

function foldsOf(count: number, seed: number): { folds: number; foldOf: number[] } {
  const folds = Math.min(FOLDS, count);
  const foldOf = new Array<number>(count).fill(0);
  shuffledIndices(count, seeded(seed ^ 0x5eed)).forEach((row, order) => {
    foldOf[row] = order % folds;
  });
  return { folds, foldOf };
}

/**
 * Out-of-fold predictions of the adaptation: each row is predicted by a model that never saw it,
 * with class offsets chosen on the other folds' out-of-fold logits.
 */
export function crossValidate(
  rows: readonly LearnRow[],
  prepared: readonly Prepared[],
  seed: number,
  settings: AdaptSettings = ADAPT_SETTINGS,
) {
  const { folds, foldOf } = foldsOf(rows.length, seed);
  const logits = new Array<Triple>(rows.length);
  for (let fold = 0; fold < folds; fold += 1) {
    const weights = learn(
      rows.filter((_, index) => foldOf[index] !== fold),
      settings,
    );
    rows.forEach((_, index) => {
      if (foldOf[index] === fold) {
        // Copied: the scorer's own arrays must not be the ones kept (see prepare).
        const [negative, neutral, positive] = adaptedLogits(weights, prepared[index] as Prepared);
        logits[index] = [negative, neutral, positive];
      }
    });
  }
  const gold = rows.map((row) => row.target);
  const predicted = new Array<number>(rows.length).fill(1);
  for (let fold = 0; fold < folds; fold += 1) {
    const others = rows.map((_, index) => index).filter((index) => foldOf[index] !== fold);
    const offsets = chooseOffsets(
      others.map((index) => logits[index] as Triple),
      others.map((index) => gold[index] as number),
      settings.offsetTrust,
    );
    rows.forEach((_, index) => {
      if (foldOf[index] === fold) {
        predicted[index] = shiftedClass(logits[index] as Triple, offsets);
      }
    });
  }
  return { folds, predicted, offsets: chooseOffsets(logits, gold, settings.offsetTrust) };
}

/** Trains a watch's adaptation from its corrections, deterministic for a seed. */
export function fitAdaptation(examples: readonly LabelledText[], seed = 1): Adaptation {
  const prepared = examples.map((example) => prepare(example.text, example.options));
  const rows = prepared.map((entry, index) =>
    rowOf(entry, LABEL_INDEX[(examples[index] as LabelledText).label]),
  );
  if (rows.length < MIN_CORRECTIONS) {
    return {
      corrections: rows.length,
      cv: { folds: 0, shipped: 0, adapted: 0 },
      gain: 0,
      seed,
      weights: learn(rows, ADAPT_SETTINGS),
    };
  }
  const gold = rows.map((row) => row.target);
  const best = bestPull(rows, prepared, seed, gold);
  const weights = learn(rows, best.settings);
  weights.bias[0] = (weights.bias[0] ?? 0) + best.offsets[0];
  weights.bias[2] = (weights.bias[2] ?? 0) + best.offsets[1];
  const shipped = macroF1(
    gold,
    prepared.map((entry) => argmax(entry.shipped)),
  );
  return {
    corrections: rows.length,
    cv: { folds: best.folds, shipped, adapted: best.adapted, denseL2: best.settings.l2Dense },
    gain: best.adapted - shipped,
    seed,
    weights,
  };
}

// The pull toward the shipped outputs with the best out-of-fold macro-F1, with its offsets.
function bestPull(
  rows: readonly LearnRow[],
  prepared: readonly Prepared[],
  seed: number,
  gold: readonly number[],
) {
  let best:
    (ReturnType<typeof crossValidate> & { settings: AdaptSettings; adapted: number }) | null = null;
  for (const l2Dense of DENSE_PULLS) {
    const settings = { ...ADAPT_SETTINGS, l2Dense };
    const trial = crossValidate(rows, prepared, seed, settings);
    const adapted = macroF1(gold, trial.predicted);
    if (!best || adapted > best.adapted + 1e-9) {
      best = { ...trial, settings, adapted };
    }
  }
  return best as NonNullable<typeof best>;
}
