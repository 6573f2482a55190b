import { SENTIMENT_LABELS, type SentimentLabel } from '../../domain/mention.js';

export interface Scores {
  accuracy: number;
  macroF1: number;
  macroRecall: number;
  negativePrecision: number;
  negativeRecall: number;
  negativeF1: number;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function f1(precision: number, recall: number): number {
  return ratio(2 * precision * recall, precision + recall);
}

function perClass(
  gold: readonly SentimentLabel[],
  predicted: readonly SentimentLabel[],
  label: SentimentLabel,
) {
  const hits = gold.filter(
    (expected, index) => expected === label && predicted[index] === label,
  ).length;
  const guessed = gold.filter((_, index) => predicted[index] === label).length;
  const actual = gold.filter((expected) => expected === label).length;
  const precision = ratio(hits, guessed);
  const recall = ratio(hits, actual);
  return { precision, recall, f1: f1(precision, recall) };
}

/** Accuracy, macro averages over the three labels, and the negative class on its own. */
export function score(
  gold: readonly SentimentLabel[],
  predicted: readonly SentimentLabel[],
): Scores {
  const classes = SENTIMENT_LABELS.map((label) => perClass(gold, predicted, label));
  const negative = perClass(gold, predicted, 'negative');
  const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
  return {
    accuracy: ratio(gold.filter((label, index) => predicted[index] === label).length, gold.length),
    macroF1: mean(classes.map((entry) => entry.f1)),
    macroRecall: mean(classes.map((entry) => entry.recall)),
    negativePrecision: negative.precision,
    negativeRecall: negative.recall,
    negativeF1: negative.f1,
  };
}

/** Pearson correlation of two equally long series. */
export function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  xs.forEach((x, index) => {
    const dx = x - meanX;
    const dy = (ys[index] ?? 0) - meanY;
    covariance += dx * dy;
    varianceX += dx * dx;
    varianceY += dy * dy;
  });
  return ratio(covariance, Math.sqrt(varianceX * varianceY));
}
