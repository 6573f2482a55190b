/**
 * `npm run --silent analyze [-- --options watch.json] < in.jsonl > out.jsonl`
 * Streams line by line: each input line gives one output line, in order; bad lines get an
 * `error` field and the run goes on. The options file holds `extraTerms` / `ignoreTerms`.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { AnalyzeOptions } from '../../analysis/analyze.js';
import { annotateLine } from './annotate.js';
import { argValue } from './data.js';

function loadOptions(): AnalyzeOptions {
  const file = argValue(process.argv.slice(2), 'options');
  return file === undefined ? {} : (JSON.parse(readFileSync(file, 'utf8')) as AnalyzeOptions);
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
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    // Wait when stdout is full so a large input is never buffered in memory.
    if (!process.stdout.write(`${annotateLine(line, options)}\n`)) {
      await once(process.stdout, 'drain');
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
