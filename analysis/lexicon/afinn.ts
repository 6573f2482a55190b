import { createRequire } from 'node:module';

// The AFINN-165 list shipped inside the `sentiment` package: word -> valence in -5..5.
// Read once at module load; the package has no ESM export for it.
const require = createRequire(import.meta.url);
const labels = require('sentiment/languages/en/labels.json') as Record<string, number>;

/** Single AFINN words. */
export const AFINN_WORDS: ReadonlyMap<string, number> = new Map(
  Object.entries(labels).filter(([word]) => !word.includes(' ')),
);

/** AFINN's multi-word entries ("fed up", "does not work"), matched as phrases. */
export const AFINN_PHRASES: ReadonlyArray<readonly [string, number]> = Object.entries(
  labels,
).filter(([word]) => word.includes(' '));
