/**
 * Compares Earshot's analyzer with the `sentiment` package alone and with VADER on a labelled
 * JSONL file: `npm run bench:analysis -- --data FILE`.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import Sentiment from 'sentiment';
import { analyze } from '../../analysis/analyze.js';
import type { SentimentLabel } from '../../domain/mention.js';
import { argValue, readExamples, type Example } from './data.js';
import { pearson, score, type Scores } from './metrics.js';

interface Scorer {
  name: string;
  /** Label and a graded score (for the correlation with human valence). */
  run: (text: string) => { label: SentimentLabel; value: number };
}

interface VaderModule {
  SentimentIntensityAnalyzer: { polarity_scores: (text: string) => { compound: number } };
}

const vader = createRequire(import.meta.url)('vader-sentiment') as VaderModule;
const afinn = new Sentiment();
const TIMING_ROUNDS = 7;
const ROUND_MS = 300;

function bySign(value: number, band: number): SentimentLabel {
  return value <= -band ? 'negative' : value >= band ? 'positive' : 'neutral';
}

const SCORERS: readonly Scorer[] = [
  {
    name: 'earshot',
    run: (text) => {
      const result = analyze(text);
      return { label: result.label, value: result.score };
    },
  },
  {
    name: 'sentiment (AFINN)',
    run: (text) => {
      const value = afinn.analyze(text).comparative;
      return { label: value < 0 ? 'negative' : value > 0 ? 'positive' : 'neutral', value };
    },
  },
  {
    name: 'vader-sentiment',
    run: (text) => {
      const value = vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
      return { label: bySign(value, 0.05), value };
    },
  },
];

/** Texts per second of one pass of at least ROUND_MS. */
function timeRound(scorer: Scorer, texts: readonly string[]): number {
  let done = 0;
  const start = performance.now();
  while (performance.now() - start < ROUND_MS) {
    texts.forEach((text) => scorer.run(text));
    done += texts.length;
  }
  return done / ((performance.now() - start) / 1000);
}

// Texts per second on this one thread, per scorer: the best of several rounds, the scorers taking
// turns round by round, so load from elsewhere on the machine hits them alike and does not decide.
function throughputs(texts: readonly string[]): number[] {
  SCORERS.forEach((scorer) => texts.forEach((text) => scorer.run(text)));
  const best = SCORERS.map(() => 0);
  for (let round = 0; round < TIMING_ROUNDS; round += 1) {
    SCORERS.forEach((scorer, index) => {
      best[index] = Math.max(best[index] ?? 0, timeRound(scorer, texts));
    });
  }
  return best;
}

interface Row extends Scores {
  name: string;
  perSecond: number;
  correlation: number | undefined;
}

function measure(scorer: Scorer, examples: readonly Example[], perSecond: number): Row {
  const results = examples.map((example) => scorer.run(example.text));
  const valences = examples.map((example) => example.valence);
  const graded = valences.every((valence) => valence !== undefined);
  return {
    name: scorer.name,
    ...score(
      examples.map((example) => example.label),
      results.map((result) => result.label),
    ),
    perSecond,
    correlation: graded
      ? pearson(
          results.map((result) => result.value),
          valences,
        )
      : undefined,
  };
}

function printTable(rows: readonly Row[], file: string, count: number): void {
  const graded = rows.some((row) => row.correlation !== undefined);
  const header = [
    'scorer',
    'accuracy',
    'macro-F1',
    'macro-recall',
    'neg-precision',
    'neg-recall',
    'neg-F1',
    'texts/s',
  ];
  const lines = rows.map((row) => [
    row.name,
    ...[
      row.accuracy,
      row.macroF1,
      row.macroRecall,
      row.negativePrecision,
      row.negativeRecall,
      row.negativeF1,
    ].map((value) => value.toFixed(3)),
    Math.round(row.perSecond).toString(),
    ...(graded ? [(row.correlation ?? 0).toFixed(3)] : []),
  ]);
  const table = [graded ? [...header, 'pearson-r'] : header, ...lines];
  const widths =
    table[0]?.map((_, column) => Math.max(...table.map((line) => (line[column] ?? '').length))) ??
    [];
  console.log(`${file}: ${count} texts, one thread`);
  for (const line of table) {
    console.log(
      line
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  }
}

function main(): void {
  const file = argValue(process.argv.slice(2), 'data');
  if (file === undefined) {
    console.error('usage: npm run bench:analysis -- --data FILE.jsonl');
    process.exit(2);
  }
  const examples = readExamples(file);
  const speeds = throughputs(examples.map((example) => example.text));
  printTable(
    SCORERS.map((scorer, index) => measure(scorer, examples, speeds[index] ?? 0)),
    file,
    examples.length,
  );
}

main();
