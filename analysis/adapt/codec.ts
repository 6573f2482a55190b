import { CLASSES } from '../model/linear.js';
import { ADAPT_BUCKETS } from './features.js';
import type { EncodedAdaptation } from '../../domain/correction.js';
import type { Adaptation } from './fit.js';
import { emptyWeights } from './learner.js';

export type { EncodedAdaptation } from '../../domain/correction.js';

function toBase64(array: Int32Array | Float32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

export function encodeAdaptation(adaptation: Adaptation): EncodedAdaptation {
  const { sparse, dense, bias } = adaptation.weights;
  const slots: number[] = [];
  sparse.forEach((value, slot) => {
    if (value !== 0) {
      slots.push(slot);
    }
  });
  return {
    corrections: adaptation.corrections,
    cv: adaptation.cv,
    gain: adaptation.gain,
    seed: adaptation.seed,
    bias: Array.from(bias),
    dense: Array.from(dense),
    slots: toBase64(Int32Array.from(slots)),
    values: toBase64(Float32Array.from(slots, (slot) => sparse[slot] ?? 0)),
  };
}

export function decodeAdaptation(encoded: EncodedAdaptation): Adaptation {
  const weights = emptyWeights(encoded.dense.length / CLASSES);
  weights.bias.set(encoded.bias);
  weights.dense.set(encoded.dense);
  const slotBytes = Buffer.from(encoded.slots, 'base64');
  const valueBytes = Buffer.from(encoded.values, 'base64');
  const slots = new Int32Array(
    slotBytes.buffer.slice(slotBytes.byteOffset, slotBytes.byteOffset + slotBytes.byteLength),
  );
  const values = new Float32Array(
    valueBytes.buffer.slice(valueBytes.byteOffset, valueBytes.byteOffset + valueBytes.byteLength),
  );
  slots.forEach((slot, index) => {
    if (slot >= 0 && slot < ADAPT_BUCKETS * CLASSES) {
      weights.sparse[slot] = values[index] ?? 0;
    }
  });
  return {
    corrections: encoded.corrections,
    cv: encoded.cv,
    gain: encoded.gain,
    seed: encoded.seed,
    weights,
  };
}
