import { extract, type Extracted } from '../extract.js';
import { logits, type Triple } from '../model/linear.js';
import { TRAINED_MODEL } from '../model/trained.js';
import type { AnalyzeOptions } from '../types.js';
import { ngramFeatures, type NgramFeatures } from './features.js';

/** One text as the adaptation learns from it: the shipped model's reading and its own features. */
export interface Prepared {
  /** The shipped model's logits: the adaptation's starting point. */
  shipped: Triple;
  /** The shipped logits (centred) and the shipped model's dense features. */
  dense: number[];
  ngrams: NgramFeatures;
}

/** What the shipped analyzer read in one text, with its logits and the adaptation's dense features. */
export interface ShippedReading extends Omit<Prepared, 'ngrams'> {
  found: Extracted;
}

/** Number of dense features the adaptation reads: 3 shipped logits + the shipped dense ones. */
export function adaptDenseCount(shippedDense: number): number {
  return 3 + shippedDense;
}

/** The shipped analyzer's reading of a text: what scoring and training share. */
export function readShipped(text: string, options: AnalyzeOptions = {}): ShippedReading {
  const found = extract(text, options);
  const shipped = logits(TRAINED_MODEL, found.sparse, found.dense);
  const mean = (shipped[0] + shipped[1] + shipped[2]) / 3;
  return {
    found,
    shipped,
    dense: [shipped[0] - mean, shipped[1] - mean, shipped[2] - mean, ...found.dense],
  };
}

/**
 * A correction's text read for training. It keeps only numbers, copied into arrays made here: when
 * training keeps a thousand texts' tokens or the scorer's own arrays alive, V8 learns that what
 * those places allocate lives long, allocates it in the old generation from then on ("pretenuring"),
 * and every text scored afterwards in the process pays for it (40% slower, measured).
 */
export function prepare(text: string, options: AnalyzeOptions = {}): Prepared {
  const { found, shipped, dense } = readShipped(text, options);
  return {
    shipped: [shipped[0], shipped[1], shipped[2]],
    dense: Array.from(dense),
    ngrams: ngramFeatures(found.tokens),
  };
}
