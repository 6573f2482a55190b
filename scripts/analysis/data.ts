import { readFileSync } from 'node:fs';
import type { SentimentLabel } from '../../domain/mention.js';

export interface Example {
  text: string;
  label: SentimentLabel;
  /** Human valence -4..4, when the file has one (VADER's tweet ratings). */
  valence?: number;
}

/** VADER's tweet ratings count as neutral within ±0.5. */
const VALENCE_NEUTRAL = 0.5;

function labelOf(
  record: Record<string, unknown>,
): { label: SentimentLabel; valence?: number } | undefined {
  const { label, valence } = record;
  if (label === 'negative' || label === 'neutral' || label === 'positive') {
    return { label };
  }
  if (typeof valence === 'number') {
    const three =
      valence < -VALENCE_NEUTRAL ? 'negative' : valence > VALENCE_NEUTRAL ? 'positive' : 'neutral';
    return { label: three, valence };
  }
  return undefined;
}

/** Reads a labelled JSONL file: `{text, label}` or `{text, valence}` per line; other lines are skipped. */
export function readExamples(path: string): Example[] {
  const examples: Example[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') {
      continue;
    }
    const record = JSON.parse(line) as Record<string, unknown>;
    const labelled = labelOf(record);
    if (typeof record.text === 'string' && labelled !== undefined) {
      examples.push({ text: record.text, ...labelled });
    }
  }
  return examples;
}

/** Reads `--name value` pairs from the command line. */
export function argValue(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}
