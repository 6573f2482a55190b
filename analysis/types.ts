import type { Intent } from '../domain/mention.js';

/** Per-watch settings the analyzer takes. */
export interface AnalyzeOptions {
  /** Per-watch words or phrases with a sentiment of their own (e.g. a product name), AFINN scale -5..5. */
  extraTerms?: Record<string, number>;
  /** Words to ignore when scoring (e.g. a brand name that is also an English word). */
  ignoreTerms?: string[];
  /** Star rating of an app-store or shop review, 1..5, when the source has one. */
  starRating?: number;
}

/** One thing that moved the rule score. */
export interface Contribution {
  /** The word, phrase or emoji, as written. */
  label: string;
  /** Signed amount on the AFINN scale, after modifiers. */
  value: number;
  /** What changed it ("negated", "caps", "after but", "complaint phrase" ...). */
  notes: string[];
  intents: readonly Intent[];
  source: 'word' | 'phrase' | 'emoji' | 'custom' | 'stars';
  /** Index of its (first) token in the text; none for a star rating. */
  at?: number;
}

/** What the rules found in one text. */
export interface RuleResult {
  contributions: Contribution[];
  /** Sum of contributions times the "!" emphasis. */
  total: number;
  positive: number;
  negative: number;
  /** Sum of matched complaint and churn phrases (<= 0). */
  complaint: number;
  /** Sum of matched praise phrases (>= 0). */
  praise: number;
  negated: number;
  exclaims: number;
  question: boolean;
  sarcasm: boolean;
  /** Some sentiment was diminished ("minor", "sometimes", "a bit"): score and confidence are tempered. */
  diminished: boolean;
  intents: Set<Intent>;
}
