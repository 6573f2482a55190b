/**
 * A diagnosis, never a way to choose: how far moving the decision alone could take the shipped
 * model on a labelled file. `npx tsx scripts/analysis/offset-diagnosis.ts --data FILE` recovers
 * each text's three class probabilities from `score` and `confidence`, adds every pair of offsets
 * (negative, positive) in [-2, 2] by 0.05 to the log-probabilities, and prints the best
 * macro-recall any pair gives, and the best among pairs that also reach negative recall 0.75 with
 * negative precision 0.446 (issue 3's targets).
 */
import { analyze } from '../../analysis/analyze.js';
import { SENTIMENT_LABELS, type SentimentLabel } from '../../domain/mention.js';
import { argValue, readExamples } from './data.js';
import { score, type Scores } from './metrics.js';

const FLOOR = 1e-9;

interface Outcome {
  offsets: [number, number];
  scores: Scores;
}

/** Log P(negative), P(neutral), P(positive), from score = P(pos) − P(neg) and the top probability. */
function logProbabilities(text: string): [number, number, number] {
  const { label, score: margin, confidence } = analyze(text);
  let negative: number;
  let positive: number;
  if (label === 'negative') {
    negative = confidence;
    positive = margin + negative;
  } else if (label === 'positive') {
    positive = confidence;
    negative = positive - margin;
  } else {
    const rest = 1 - confidence;
    positive = (rest + margin) / 2;
    negative = (rest - margin) / 2;
  }
  const neutral = 1 - negative - positive;
  return [negative, neutral, positive].map((p) => Math.log(Math.max(p, FLOOR))) as [
    number,
    number,
    number,
  ];
}

function decide(logs: readonly number[], offsetNegative: number, offsetPositive: number) {
  const shifted = [logs[0]! + offsetNegative, logs[1]!, logs[2]! + offsetPositive];
  return SENTIMENT_LABELS[shifted.indexOf(Math.max(...shifted))]!;
}

function main(): void {
  const path = argValue(process.argv.slice(2), 'data');
  if (!path) {
    throw new Error('usage: offset-diagnosis.ts --data FILE');
  }
  const examples = readExamples(path);
  const gold: SentimentLabel[] = examples.map((example) => example.label);
  const logs = examples.map((example) => logProbabilities(example.text));
  let best: Outcome | null = null;
  let bestMeeting: Outcome | null = null;
  for (let step = -40; step <= 40; step += 1) {
    for (let other = -40; other <= 40; other += 1) {
      const offsets: [number, number] = [step / 20, other / 20];
      const scores = score(
        gold,
        logs.map((entry) => decide(entry, ...offsets)),
      );
      if (!best || scores.macroRecall > best.scores.macroRecall) {
        best = { offsets, scores };
      }
      const meets = scores.negativeRecall >= 0.75 && scores.negativePrecision >= 0.446;
      if (meets && (!bestMeeting || scores.macroRecall > bestMeeting.scores.macroRecall)) {
        bestMeeting = { offsets, scores };
      }
    }
  }
  const show = (entry: Outcome | null) =>
    entry
      ? `offsets ${entry.offsets.join(', ')}: macro-recall ${entry.scores.macroRecall.toFixed(3)}, negative precision ${entry.scores.negativePrecision.toFixed(3)}, negative recall ${entry.scores.negativeRecall.toFixed(3)}`
      : 'no pair of offsets';
  console.log(`${path}: ${examples.length} texts`);
  console.log(`best macro-recall:                         ${show(best)}`);
  console.log(`best with negative recall and precision met: ${show(bestMeeting)}`);
}

main();
