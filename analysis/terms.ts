import { AFINN_PHRASES } from './lexicon/afinn.js';
import { SERVICE_PATTERNS } from './lexicon/service.js';
import { PhraseMatcher } from './phrases.js';
import type { AnalyzeOptions } from './types.js';

/** The per-watch terms of one AnalyzeOptions, ready to look up. */
export interface WatchTerms {
  words: ReadonlyMap<string, number>;
  ignore: ReadonlySet<string>;
  phrases: PhraseMatcher | null;
}

/** Service patterns and AFINN's own multi-word entries ("fed up", "does not work"). */
export const BASE_PHRASES = new PhraseMatcher([
  ...SERVICE_PATTERNS,
  ...AFINN_PHRASES.map(([pattern, weight]) => ({ pattern, weight, intents: [] })),
]);

/** Custom weights are clamped to the AFINN scale. */
const MAX_WEIGHT = 5;
const NO_TERMS: WatchTerms = { words: new Map(), ignore: new Set(), phrases: null };
// Options objects usually come from config and are reused for every mention of a watch.
const cache = new WeakMap<AnalyzeOptions, WatchTerms>();

function build(options: AnalyzeOptions): WatchTerms {
  const words = new Map<string, number>();
  const phrases: { pattern: string; weight: number; intents: [] }[] = [];
  for (const [term, given] of Object.entries(options.extraTerms ?? {})) {
    const normal = term.trim().toLowerCase().replace(/\s+/g, ' ');
    if (!Number.isFinite(given)) {
      continue;
    }
    const weight = Math.max(-MAX_WEIGHT, Math.min(MAX_WEIGHT, given));
    if (normal.includes(' ')) {
      // Pattern syntax characters in a config term are literal text there, so drop them.
      phrases.push({ pattern: normal.replace(/[/{}*_]/g, ''), weight, intents: [] });
    } else if (normal.length > 0) {
      words.set(normal, weight);
    }
  }
  const ignore = new Set((options.ignoreTerms ?? []).map((term) => term.trim().toLowerCase()));
  return { words, ignore, phrases: phrases.length > 0 ? new PhraseMatcher(phrases) : null };
}

export function watchTerms(options: AnalyzeOptions): WatchTerms {
  if (options.extraTerms === undefined && options.ignoreTerms === undefined) {
    return NO_TERMS;
  }
  let terms = cache.get(options);
  if (terms === undefined) {
    terms = build(options);
    cache.set(options, terms);
  }
  return terms;
}
