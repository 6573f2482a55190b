/**
 * Where the adapted scorer's time goes, stage by stage:
 * `npx tsx scripts/analysis/stages.ts --data FILE --corrections N [--seed S] [--seconds 8]`.
 * Splits FILE as bench:feedback does, trains the adaptation on N lines and runs `analyzeFor`'s
 * steps one after the other on each of 2,000 other texts, in its order (so each stage finds the
 * caches as the pipeline leaves them), timing each. Wall time with a timer call per stage: read
 * the shares, not the totals; the `sentiment` package's time per text is measured after.
 */
import Sentiment from 'sentiment';
import { blockNorm, hashNgrams } from '../../analysis/adapt/features.js';
import { fitAdaptation } from '../../analysis/adapt/fit.js';
import { addBlock, addDense, startLogits } from '../../analysis/adapt/learner.js';
import { seeded, shuffledIndices } from '../../analysis/adapt/random.js';
import { learnedEvidence } from '../../analysis/adapt/score.js';
import { analysisOf } from '../../analysis/analyze.js';
import { expandHashtagWords } from '../../analysis/hashtag-words.js';
import { denseFeatures, sparseFeatures } from '../../analysis/model/features.js';
import { labelOf, logits, softmax } from '../../analysis/model/linear.js';
import { TRAINED_MODEL } from '../../analysis/model/trained.js';
import { scoreRules } from '../../analysis/rules.js';
import { watchTerms } from '../../analysis/terms.js';
import { tokenize } from '../../analysis/tokenize.js';
import { argValue, readExamples } from './data.js';

const STAGES = [
  'tokens (tokenize, hashtag words)',
  'rules (phrases, clauses, words, context)',
  'shipped features and logits',
  'adaptation: hash n-grams',
  'adaptation: sum learned weights',
  'analysis (label, intents, evidence)',
  'adaptation: learned evidence',
] as const;

const args = process.argv.slice(2);
const file = argValue(args, 'data');
if (file === undefined) {
  throw new Error('--data: a JSONL file of {text, label} lines is required');
}
const count = Number(argValue(args, 'corrections') ?? 1000);
const seed = Number(argValue(args, 'seed') ?? 1);
const seconds = Number(argValue(args, 'seconds') ?? 8);
const examples = readExamples(file);
const order = shuffledIndices(examples.length, seeded(seed));
const pick = (indices: number[]) => indices.map((index) => examples[index] ?? { text: '' });
const adaptation = fitAdaptation(
  order.slice(0, count).map((index) => examples[index] ?? { text: '', label: 'neutral' }),
  seed,
);
const texts = pick(order.slice(count, count + 2000)).map((example) => example.text);
const terms = watchTerms({});
const spent = STAGES.map(() => 0n);
const now = () => process.hrtime.bigint();

// analyzeFor(adaptation, text) taken apart (see adapt/score.ts and adapt/prepare.ts).
function scoreOne(text: string): void {
  const at = [now()];
  const tokens = expandHashtagWords(tokenize(text));
  at.push(now());
  const rules = scoreRules(tokens, terms);
  at.push(now());
  const sparse = sparseFeatures(tokens, terms.ignore);
  const found = { tokens, rules, sparse, dense: denseFeatures(rules, sparse) };
  const shipped = logits(TRAINED_MODEL, sparse, found.dense);
  const mean = (shipped[0] + shipped[1] + shipped[2]) / 3;
  const dense = [shipped[0] - mean, shipped[1] - mean, shipped[2] - mean, ...found.dense];
  at.push(now());
  const ngrams = hashNgrams(tokens);
  at.push(now());
  const { weights } = adaptation;
  const summed = startLogits(weights, shipped);
  addBlock(weights, summed, ngrams.buckets, 0, ngrams.wordCount, blockNorm(ngrams.wordCount));
  const chars = ngrams.count - ngrams.wordCount;
  addBlock(weights, summed, ngrams.buckets, ngrams.wordCount, ngrams.count, blockNorm(chars));
  addDense(weights, summed, dense);
  const probabilities = softmax(summed);
  at.push(now());
  const label = labelOf(probabilities);
  analysisOf(found, probabilities);
  at.push(now());
  learnedEvidence(adaptation, ngrams, label === 'negative' ? 0 : label === 'neutral' ? 1 : 2);
  at.push(now());
  for (let stage = 0; stage < STAGES.length; stage += 1) {
    spent[stage] = (spent[stage] ?? 0n) + ((at[stage + 1] ?? 0n) - (at[stage] ?? 0n));
  }
}

function repeat(work: (text: string) => unknown, forSeconds: number): number {
  let done = 0;
  const end = now() + BigInt(Math.round(forSeconds * 1e9));
  while (now() < end) {
    texts.forEach(work);
    done += texts.length;
  }
  return done;
}

repeat(scoreOne, 1);
spent.fill(0n);
const scored = repeat(scoreOne, seconds);
const afinn = new Sentiment();
const start = now();
const analysed = repeat((text) => afinn.analyze(text), seconds / 4);
const sentimentUs = Number(now() - start) / analysed / 1000;
const total = spent.reduce((sum, value) => sum + value, 0n);
const line = (us: number, share: string, name: string) =>
  `${us.toFixed(2).padStart(7)} µs ${share.padStart(6)}  ${name}`;
console.log(
  `${file}: ${count} corrections (seed ${seed}), ${texts.length} texts, wall time per text`,
);
STAGES.forEach((name, stage) => {
  const value = Number(spent[stage] ?? 0n);
  console.log(line(value / scored / 1000, `${((100 * value) / Number(total)).toFixed(1)}%`, name));
});
console.log(line(Number(total) / scored / 1000, '', 'adapted scorer, all stages'));
console.log(line(sentimentUs, '', 'sentiment package'));
