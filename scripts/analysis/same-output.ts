/**
 * Fingerprint of the analyzer's and the adaptation's outputs, to show a speed-up changed nothing:
 * `npx tsx scripts/analysis/same-output.ts --data FILE [--lines 5000] [--train FILE2] > out.jsonl`.
 * Writes, per line of the first `--lines` of FILE, the full analysis by the shipped analyzer and
 * by an adaptation trained on 1,000 lines of FILE2 (seed 2, used ungated), plus the encoded
 * adaptation itself; diff two runs' outputs.
 */
import { createHash } from 'node:crypto';
import { encodeAdaptation } from '../../analysis/adapt/codec.js';
import { fitAdaptation } from '../../analysis/adapt/fit.js';
import { analyzeFor } from '../../analysis/adapt/score.js';
import { analyze } from '../../analysis/analyze.js';
import { argValue, readExamples } from './data.js';

const args = process.argv.slice(2);
const file = argValue(args, 'data');
if (file === undefined) {
  throw new Error('--data: a JSONL file is required');
}
const lines = Number(argValue(args, 'lines') ?? 5000);
const examples = readExamples(file).slice(0, lines);
const trainFile = argValue(args, 'train') ?? file;
const training = readExamples(trainFile).slice(-1000);
const adaptation = { ...fitAdaptation(training, 2), gain: 1 };
const encoded = JSON.stringify(encodeAdaptation(adaptation));
console.log(JSON.stringify({ adaptation: createHash('sha256').update(encoded).digest('hex') }));
for (const { text } of examples) {
  const shipped = analyze(text);
  const adapted = analyzeFor(adaptation, text);
  console.log(JSON.stringify({ shipped, adapted }));
}
