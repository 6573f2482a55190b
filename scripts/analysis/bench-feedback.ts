/**
 * How much a watch's corrections help: `npm run bench:feedback -- --data FILE --corrections N
 * [--seed S]`. Trains on N random lines of FILE and scores the rest, in the same run, with the
 * shipped analyzer, the adapted one and a plain logistic regression on the same N lines.
 */
import Sentiment from 'sentiment';
import { analyze } from '../../analysis/analyze.js';
import { fitAdaptation } from '../../analysis/adapt/fit.js';
import { analyzeFor } from '../../analysis/adapt/score.js';
import { seeded, shuffledIndices } from '../../analysis/adapt/random.js';
import { SENTIMENT_LABELS, type SentimentLabel } from '../../domain/mention.js';
import { argValue, readExamples, type Example } from './data.js';
import { score, type Scores } from './metrics.js';
import { fitPlain, fitStack } from './baselines.js';

interface Scorer {
  name: string;
  trainMs: number;
  run: (text: string) => SentimentLabel;
}

const ROUND_MS = 300;
const ROUNDS = 5;
const NAME_WIDTH = 28;

function requiredNumber(args: readonly string[], name: string, fallback?: number): number {
  const raw = argValue(args, name);
  const value = raw === undefined ? fallback : Number(raw);
  if (value === undefined || !Number.isInteger(value) || value < 0) {
    throw new Error(`--${name}: a whole number is required`);
  }
  return value;
}

// CPU time of this process (user + system), not wall time: on a shared machine the wall clock
// counts other processes' turns too.
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = process.cpuUsage();
  const value = work();
  return { value, ms: cpuMs(start) };
}

// Texts per CPU second: best of a few rounds after one to warm up, the scorers taking turns, so
// that load from elsewhere on the machine hits them alike.
function throughputs(runs: readonly ((text: string) => unknown)[], texts: readonly string[]) {
  const best = runs.map(() => 0);
  for (let round = 0; round <= ROUNDS; round += 1) {
    runs.forEach((run, index) => {
      let done = 0;
      const start = process.cpuUsage();
      while (cpuMs(start) < ROUND_MS) {
        texts.forEach((text) => run(text));
        done += texts.length;
      }
      const rate = done / (cpuMs(start) / 1000);
      best[index] = round === 0 ? 0 : Math.max(best[index] ?? 0, rate);
    });
  }
  return best;
}

function row(name: string, scores: Scores, trainMs: number, rate: number): string {
  const cells = [
    scores.accuracy,
    scores.macroF1,
    scores.negativePrecision,
    scores.negativeRecall,
    scores.negativeF1,
  ].map((value) => value.toFixed(3).padEnd(9));
  const train = trainMs === 0 ? '-' : `${(trainMs / 1000).toFixed(2)} s`;
  return `${name.padEnd(NAME_WIDTH)}${cells.join('')}${train.padEnd(10)}${Math.round(rate)}`;
}

function split(examples: readonly Example[], count: number, seed: number) {
  const order = shuffledIndices(examples.length, seeded(seed));
  const pick = (indices: number[]) => indices.map((index) => examples[index] as Example);
  return { train: pick(order.slice(0, count)), test: pick(order.slice(count)) };
}

function main(): void {
  const args = process.argv.slice(2);
  const file = argValue(args, 'data');
  if (file === undefined) {
    throw new Error('--data: a JSONL file of {text, label} lines is required');
  }
  const count = requiredNumber(args, 'corrections');
  const seed = requiredNumber(args, 'seed', 1);
  const examples = readExamples(file);
  if (count >= examples.length) {
    throw new Error(`--corrections: must be below the file's ${examples.length} lines`);
  }
  const { train, test } = split(examples, count, seed);
  const adapted = timed(() => fitAdaptation(train, seed));
  const plain = timed(() => fitPlain(train));
  const stack = timed(() => fitStack(train));
  const afinn = new Sentiment();
  const scorers: Scorer[] = [
    { name: 'shipped analyzer', trainMs: 0, run: (text) => analyze(text).label },
    { name: 'adapted', trainMs: adapted.ms, run: (text) => analyzeFor(adapted.value, text).label },
    // What the adaptation would have done had its gain been positive: for the record, not used.
    {
      name: 'adapted, ungated',
      trainMs: adapted.ms,
      run: (text) => analyzeFor({ ...adapted.value, gain: 1 }, text).label,
    },
    { name: 'plain LR (n-grams)', trainMs: plain.ms, run: plain.value },
    { name: 'stack LR (outputs+n-grams)', trainMs: stack.ms, run: stack.value },
  ];
  const gold = test.map((example) => example.label);
  const texts = test.map((example) => example.text);
  const rates = throughputs(
    [...scorers.map((scorer) => scorer.run), (text: string) => afinn.analyze(text)],
    texts.slice(0, 2000),
  );
  const { cv, gain } = adapted.value;
  console.log(
    `${file}: ${count} corrections (seed ${seed}), scored on the other ${test.length}; ` +
      `labels ${SENTIMENT_LABELS.map((label) => `${label} ${gold.filter((g) => g === label).length}`).join(', ')}`,
  );
  console.log(
    `adaptation: ${cv.folds}-fold CV macro-F1 on the corrections ${cv.shipped.toFixed(3)} -> ` +
      `${cv.adapted.toFixed(3)} (gain ${gain.toFixed(3)}; ${gain > 0 ? 'used' : 'not used'}; ` +
      `dense L2 ${cv.denseL2 ?? '-'})`,
  );
  console.log(
    `${'scorer'.padEnd(NAME_WIDTH)}${['accuracy', 'macro-F1', 'neg-P', 'neg-R', 'neg-F1'].map((h) => h.padEnd(9)).join('')}${'train cpu'.padEnd(10)}texts/s`,
  );
  scorers.forEach((scorer, index) => {
    const predicted = texts.map((text) => scorer.run(text));
    console.log(row(scorer.name, score(gold, predicted), scorer.trainMs, rates[index] ?? 0));
  });
  const afinnRate = rates.at(-1) ?? 0;
  console.log(
    `${'sentiment (package)'.padEnd(NAME_WIDTH)}${' '.repeat(55)}${Math.round(afinnRate)}`,
  );
  // The issue's speed target: scoring at least one fifth of the `sentiment` package's throughput.
  // The ungated row is what a watch with a model in use pays.
  const share = (rate: number) => `1/${(afinnRate / rate).toFixed(1)}`;
  console.log(
    `speed: Earshot texts/s ${Math.round(rates[0] ?? 0)} shipped, ${Math.round(rates[2] ?? 0)} ` +
      `adapted; sentiment texts/s ${Math.round(afinnRate)}; ratio ${share(rates[0] ?? 1)} shipped, ` +
      `${share(rates[2] ?? 1)} adapted (target 1/5 or better)`,
  );
}

main();
