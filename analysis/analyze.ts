import Sentiment from 'sentiment';
import type { Intent, MentionAnalysis, SentimentLabel } from '../domain/mention.js';

export interface AnalyzeOptions {
  /** Per-watch words with a sentiment of their own (e.g. a product name), AFINN scale -5..5. */
  extraTerms?: Record<string, number>;
  /** Words to ignore when scoring (e.g. a brand name that is also an English word). */
  ignoreTerms?: string[];
}

const lexicon = new Sentiment();

/** Scores one text. Pure and deterministic: the same text and options give the same result. */
export function analyze(text: string, options: AnalyzeOptions = {}): MentionAnalysis {
  const extras: Record<string, number> = { ...options.extraTerms };
  for (const term of options.ignoreTerms ?? []) {
    extras[term.toLowerCase()] = 0;
  }
  const result = lexicon.analyze(text, { extras });
  const score = Math.max(-1, Math.min(1, result.comparative / 2));
  const label: SentimentLabel = score < 0 ? 'negative' : score > 0 ? 'positive' : 'neutral';
  const intents: Intent[] = [];
  if (label === 'negative') {
    intents.push('complaint');
  }
  if (/\?\s*$/.test(text)) {
    intents.push('question');
  }
  return {
    label,
    score,
    confidence: Math.min(1, Math.abs(score) * 2),
    intents,
    evidence: result.calculation.map((entry) => {
      const [word, weight] = Object.entries(entry)[0] ?? ['', 0];
      return `${word} (${weight > 0 ? '+' : ''}${weight})`;
    }),
  };
}
