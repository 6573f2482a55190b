/** Macro-averaged F1 over the three classes (0 negative, 1 neutral, 2 positive). */
export function macroF1(gold: readonly number[], predicted: readonly number[]): number {
  let total = 0;
  for (let label = 0; label < 3; label += 1) {
    let hit = 0;
    let guessed = 0;
    let actual = 0;
    gold.forEach((expected, index) => {
      const got = predicted[index];
      hit += expected === label && got === label ? 1 : 0;
      guessed += got === label ? 1 : 0;
      actual += expected === label ? 1 : 0;
    });
    total += guessed + actual === 0 ? 0 : (2 * hit) / (guessed + actual);
  }
  return total / 3;
}

/** The index of the largest of three logits; ties go to negative, then neutral (as `labelOf`). */
export function argmax(values: readonly number[]): number {
  const [negative = 0, neutral = 0, positive = 0] = values;
  return negative >= neutral && negative >= positive ? 0 : positive > neutral ? 2 : 1;
}
