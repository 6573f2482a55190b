import type { Triple } from '../model/linear.js';
import { argmax } from './gain.js';

/** Offsets added to the negative and positive logits are searched over ±RANGE in STEP. */
const RANGE = 1.5;
const STEP = 0.1;
/**
 * Complaint alerts are built on negative labels, and the team values their precision: among the
 * offsets whose negative precision on the rows reaches this, the best macro-F1 is chosen; only when
 * none does, the best macro-F1 overall.
 */
export const NEGATIVE_PRECISION_FLOOR = 0.85;

/** What a row's predicted class is once the offsets are added. */
export function shiftedClass(logits: Readonly<Triple>, [negative, positive]: readonly number[]) {
  return argmax([logits[0] + (negative ?? 0), logits[1], logits[2] + (positive ?? 0)]);
}

/**
 * The offsets to the negative and positive logits that give the best macro-F1 on these rows (the
 * loss the model is fitted on aims at likelihood, the team's measure is macro-F1), shrunk towards
 * zero by how few rows there are: on n rows they count n / (n + trustRows), so a handful of
 * corrections moves the class balance hardly at all and hundreds move it most of the way.
 */
export function chooseOffsets(
  logits: readonly Triple[],
  gold: readonly number[],
  trustRows: number,
): [number, number] {
  const trust = logits.length / (logits.length + trustRows);
  const [negative, positive] = bestOffsets(logits, gold, trust);
  return [negative * trust, positive * trust];
}

// Ties go to the smaller shift, so with nothing to gain the offsets stay at zero.
// Macro-F1 of the rows' classes once the offsets are added; counts in one pass, no allocation
// (this runs for every point of the grid).
function shiftedMacroF1(
  logits: readonly Triple[],
  gold: readonly number[],
  negative: number,
  positive: number,
  counts: Int32Array,
): number {
  counts.fill(0); // [hit, guessed, actual] per class
  for (let index = 0; index < logits.length; index += 1) {
    const row = logits[index] as Triple;
    const got = argmax3(row[0] + negative, row[1], row[2] + positive);
    const expected = gold[index] as number;
    counts[got * 3 + 1] = (counts[got * 3 + 1] as number) + 1;
    counts[expected * 3 + 2] = (counts[expected * 3 + 2] as number) + 1;
    if (got === expected) {
      counts[got * 3] = (counts[got * 3] as number) + 1;
    }
  }
  let total = 0;
  for (let label = 0; label < 3; label += 1) {
    const both = (counts[label * 3 + 1] as number) + (counts[label * 3 + 2] as number);
    total += both === 0 ? 0 : (2 * (counts[label * 3] as number)) / both;
  }
  return total / 3;
}

function argmax3(negative: number, neutral: number, positive: number): number {
  return negative >= neutral && negative >= positive ? 0 : positive > neutral ? 2 : 1;
}

// Negative precision of the last shiftedMacroF1 call's counts (1 when nothing was called negative).
function negativePrecision(counts: Int32Array): number {
  const guessed = counts[1] as number;
  return guessed === 0 ? 1 : (counts[0] as number) / guessed;
}

// Ties go to the smaller shift, so with nothing to gain the offsets stay at zero. Offsets that keep
// negative precision at the floor once shrunk by trust win over those that do not.
function bestOffsets(
  logits: readonly Triple[],
  gold: readonly number[],
  trust: number,
): [number, number] {
  let best: [number, number] = [0, 0];
  let bestScore = -1;
  let bestShift = 0;
  let bestPrecise = false;
  const counts = new Int32Array(9);
  const steps = Math.round(RANGE / STEP);
  for (let negative = -steps; negative <= steps; negative += 1) {
    for (let positive = -steps; positive <= steps; positive += 1) {
      // The floor holds for the offsets as applied (shrunk), macro-F1 is judged at the grid point.
      shiftedMacroF1(logits, gold, negative * STEP * trust, positive * STEP * trust, counts);
      const precise = negativePrecision(counts) >= NEGATIVE_PRECISION_FLOOR;
      const score = shiftedMacroF1(logits, gold, negative * STEP, positive * STEP, counts);
      const shift = Math.abs(negative) + Math.abs(positive);
      const better =
        precise !== bestPrecise
          ? precise
          : score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && shift < bestShift);
      if (better) {
        best = [negative * STEP, positive * STEP];
        bestScore = score;
        bestShift = shift;
        bestPrecise = precise;
      }
    }
  }
  return best;
}
