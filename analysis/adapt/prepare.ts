import { extract, type Extracted } from '../extract.js';
import { logits, type Triple } from '../model/linear.js';
import { TRAINED_MODEL } from '../model/trained.js';
import type { AnalyzeOptions } from '../types.js';
import { ngramFeatures, type NgramFeatures } from './features.js';

/** One text read once: what the shipped analyzer found and the adaptation's own features. */
export interface Prepared {
  found: Extracted;
  /** The shipped model's logits: the adaptation's starting point. */
  shipped: Triple;
  /** The shipped logits (centred) and the shipped model's dense features. */
  dense: number[];
  ngrams: NgramFeatures;
}

/** Number of dense features the adaptation reads: 3 shipped logits + the shipped dense ones. */
export function adaptDenseCount(shippedDense: number): number {
  return 3 + shippedDense;
}

/** The shipped analyzer's reading of a text, without the n-grams: what scoring and training share. */
export function readShipped(text: string, options: AnalyzeOptions = {}): Omit<Prepared, 'ngrams'> {
  const found = extract(text, options);
  const shipped = logits(TRAINED_MODEL, found.sparse, found.dense);
  const mean = (shipped[0] + shipped[1] + shipped[2]) / 3;
  return {
    found,
    shipped,
    dense: [shipped[0] - mean, shipped[1] - mean, shipped[2] - mean, ...found.dense],
  };
}

export function prepare(text: string, options: AnalyzeOptions = {}): Prepared {
  const read = readShipped(text, options);
  return { ...read, ngrams: ngramFeatures(read.found.tokens) };
}
