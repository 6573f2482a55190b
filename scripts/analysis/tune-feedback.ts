/**
 * Chooses the adaptation's settings by cross-validation on corrections alone:
 * `npx tsx scripts/analysis/tune-feedback.ts --data FILE --corrections N [--seed S]`. Draws the
 * same N lines as bench:feedback and prints each setting's out-of-fold macro-F1 on them; the
 * other lines are never read.
 */
import { crossValidate, LABEL_INDEX, rowOf } from '../../analysis/adapt/fit.js';
import { argmax, macroF1 } from '../../analysis/adapt/gain.js';
import { prepare } from '../../analysis/adapt/prepare.js';
import { seeded, shuffledIndices } from '../../analysis/adapt/random.js';
import { argValue, readExamples } from './data.js';

const args = process.argv.slice(2);
const examples = readExamples(argValue(args, 'data') ?? '');
const count = Number(argValue(args, 'corrections') ?? 1000);
const seed = Number(argValue(args, 'seed') ?? 1);
const picked = shuffledIndices(examples.length, seeded(seed))
  .slice(0, count)
  .map((index) => examples[index]!);
const prepared = picked.map((example) => prepare(example.text));
const rows = prepared.map((entry, index) => rowOf(entry, LABEL_INDEX[picked[index]!.label]));
const gold = rows.map((row) => row.target);
console.log(
  'shipped',
  macroF1(
    gold,
    prepared.map((entry) => argmax(entry.shipped)),
  ).toFixed(3),
);
const grid = JSON.parse(argValue(args, 'grid') ?? '{}') as Record<string, number[]>;
const axes = Object.entries({
  iterations: [60],
  l2Sparse: [2],
  l2Dense: [30],
  l2Bias: [30],
  offsetTrust: [200],
  balanced: [0],
  ...grid,
});
function* settingsOf(at: number, base: Record<string, number>): Generator<Record<string, number>> {
  if (at === axes.length) {
    yield base;
    return;
  }
  const [name, values] = axes[at]!;
  for (const value of values) {
    yield* settingsOf(at + 1, { ...base, [name]: value });
  }
}
for (const settings of settingsOf(0, {})) {
  const { predicted } = crossValidate(rows, prepared, seed, {
    ...settings,
    balanced: settings.balanced === 1,
  } as never);
  console.log(JSON.stringify(settings), macroF1(gold, predicted).toFixed(3));
}
