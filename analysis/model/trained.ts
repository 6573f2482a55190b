import type { LinearModel } from './linear.js';
import { WEIGHTS } from './weights.js';

function decodeSparse(base64: string, scale: number): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  const signed = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from(signed, (value) => value * scale);
}

/** The committed model, decoded once at module load. */
export const TRAINED_MODEL: LinearModel = {
  sparse: decodeSparse(WEIGHTS.sparse, WEIGHTS.sparseScale),
  dense: Float32Array.from(WEIGHTS.dense),
  bias: Float32Array.from(WEIGHTS.bias),
};
