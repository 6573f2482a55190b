import type { Adaptation } from '../../analysis/adapt/fit.js';
import { analyzeFor } from '../../analysis/adapt/score.js';
import type { AnalyzeOptions } from '../../analysis/analyze.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parse(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * One JSONL line in, one out: the input's fields plus the analysis, or plus an `error` field.
 * A numeric `rating` field (1..5 stars) is used as review evidence. With an adaptation (trained
 * from `--feedback`), it scores as a watch with that model would.
 */
export function annotateLine(
  line: string,
  options: AnalyzeOptions,
  adaptation: Adaptation | null = null,
): string {
  const record = parse(line);
  if (!isRecord(record)) {
    return JSON.stringify({ error: 'line is not a JSON object', input: line });
  }
  const { text, rating } = record;
  if (typeof text !== 'string' || text.trim() === '') {
    return JSON.stringify({ ...record, error: 'no "text" string on this line' });
  }
  const lineOptions = typeof rating === 'number' ? { ...options, starRating: rating } : options;
  return JSON.stringify({ ...record, ...analyzeFor(adaptation, text, lineOptions) });
}
