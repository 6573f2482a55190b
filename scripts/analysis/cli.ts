/**
 * `npm run --silent analyze [-- --options watch.json] [--feedback corrections.jsonl] < in > out`
 * Streams line by line: each input line gives one output line, in order; bad lines get an
 * `error` field and the run goes on. The options file holds `extraTerms` / `ignoreTerms`.
 * `--feedback FILE` (JSON Lines `{ "text", "label" }`) trains the per-watch adaptation first and
 * scores with it when its cross-validated gain is positive, as the pipeline would.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fitAdaptation, type Adaptation } from '../../analysis/adapt/fit.js';
import type { AnalyzeOptions } from '../../analysis/analyze.js';
import { annotateLine } from './annotate.js';
import { argValue } from './data.js';
import { readFeedback } from './feedback-file.js';

function loadOptions(): AnalyzeOptions {
  const file = argValue(process.argv.slice(2), 'options');
  return file === undefined ? {} : (JSON.parse(readFileSync(file, 'utf8')) as AnalyzeOptions);
}

function loadFeedback(options: AnalyzeOptions): Adaptation | null {
  const file = argValue(process.argv.slice(2), 'feedback');
  if (file === undefined) {
    return null;
  }
  const { examples, skipped } = readFeedback(readFileSync(file, 'utf8'));
  const adaptation = fitAdaptation(examples.map((example) => ({ ...example, options })));
  const { cv, gain } = adaptation;
  // On stderr, so that stdout stays one line per input line.
  console.error(
    `feedback: ${examples.length} corrections (${skipped} lines skipped: not {"text", "label"}), ` +
      `${cv.folds}-fold CV macro-F1 ${cv.shipped.toFixed(3)} -> ${cv.adapted.toFixed(3)}: ` +
      `${gain > 0 ? 'adapted model used' : 'no gain, the shipped analyzer scores'}`,
  );
  return adaptation;
}

// A reader that stops early (`| head`) closes the pipe: that ends the run, it is no failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') {
    process.exit(0);
  }
  throw error;
});

async function main(): Promise<void> {
  const options = loadOptions();
  const adaptation = loadFeedback(options);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    // Wait when stdout is full so a large input is never buffered in memory.
    if (!process.stdout.write(`${annotateLine(line, options, adaptation)}\n`)) {
      await once(process.stdout, 'drain');
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
