import { describe, expect, it } from 'vitest';
import {
  NEGATIVE_PRECISION_FLOOR,
  chooseOffsets,
  shiftedClass,
} from '../../../analysis/adapt/offsets.js';
import type { Triple } from '../../../analysis/model/linear.js';

const NEGATIVE = 0;
const NEUTRAL = 1;

// Clear complaints, neutral texts the model leans negative on, and clear neutral texts; nothing
// is positive (its logit is far below).
function rows(): { logits: Triple[]; gold: number[] } {
  const logits: Triple[] = [];
  const gold: number[] = [];
  const add = (count: number, negativeLogit: number, label: number) => {
    for (let index = 0; index < count; index += 1) {
      logits.push([negativeLogit, 0, -10]);
      gold.push(label);
    }
  };
  add(10, 2, NEGATIVE);
  add(4, 0.5, NEUTRAL);
  add(2, -5, NEUTRAL);
  return { logits, gold };
}

function negativePrecision(logits: Triple[], gold: number[], offsets: [number, number]): number {
  const called = logits
    .map((row, index) => ({ got: shiftedClass(row, offsets), gold: gold[index] }))
    .filter((row) => row.got === NEGATIVE);
  return called.filter((row) => row.gold === NEGATIVE).length / called.length;
}

describe('class offsets (analysis/adapt/offsets)', () => {
  it('stay at zero when the rows are classified right already', () => {
    const logits: Triple[] = [
      [2, 0, -1],
      [-1, 0, -1],
      [-1, 0, 2],
    ];
    expect(chooseOffsets(logits, [0, 1, 2], 0)).toEqual([0, 0]);
  });

  it('keep negative precision at the floor as applied, after shrinking by trust', () => {
    const { logits, gold } = rows();
    expect(negativePrecision(logits, gold, [0, 0])).toBeLessThan(NEGATIVE_PRECISION_FLOOR);
    // 16 rows against 16/3 trust rows: the offsets found count three quarters.
    const offsets = chooseOffsets(logits, gold, logits.length / 3);
    expect(offsets[0]).toBeLessThan(0);
    expect(negativePrecision(logits, gold, offsets)).toBeGreaterThanOrEqual(
      NEGATIVE_PRECISION_FLOOR,
    );
  });
});
