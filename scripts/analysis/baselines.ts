import { ngramFeatures } from '../../analysis/adapt/features.js';
import { LABEL_INDEX, type LabelledText } from '../../analysis/adapt/fit.js';
import { argmax } from '../../analysis/adapt/gain.js';
import { learn, rowLogits, type LearnRow } from '../../analysis/adapt/learner.js';
import { prepare } from '../../analysis/adapt/prepare.js';
import { extract } from '../../analysis/extract.js';
import { SENTIMENT_LABELS, type SentimentLabel } from '../../domain/mention.js';

const ZERO: [number, number, number] = [0, 0, 0];
const BASELINE = { iterations: 100, l2Sparse: 1, l2Dense: 1, l2Bias: 0, balanced: false };

type Features = (text: string) => {
  dense: number[];
  ngrams: { buckets: number[]; values: number[] };
};

/** A logistic regression learned from zero on the given features; returns its classifier. */
function fitOn(examples: readonly LabelledText[], features: Features) {
  const rowOf = (text: string, target: number): LearnRow => {
    const { dense, ngrams } = features(text);
    return { offset: ZERO, dense, buckets: ngrams.buckets, values: ngrams.values, target };
  };
  const weights = learn(
    examples.map((example) => rowOf(example.text, LABEL_INDEX[example.label])),
    BASELINE,
  );
  return (text: string): SentimentLabel => {
    const row = rowOf(text, 0);
    return (
      SENTIMENT_LABELS[argmax(rowLogits(weights, ZERO, row.dense, row.buckets, row.values))] ??
      'neutral'
    );
  };
}

/** A plain logistic regression on word and character n-grams alone, for comparison. */
export function fitPlain(examples: readonly LabelledText[]) {
  return fitOn(examples, (text) => ({ dense: [], ngrams: ngramFeatures(extract(text).tokens) }));
}

/**
 * The analyzer's outputs as features next to the n-grams, all learned from zero (not from the
 * shipped model): the "plain stack" the issue compares against.
 */
export function fitStack(examples: readonly LabelledText[]) {
  return fitOn(examples, prepare);
}
