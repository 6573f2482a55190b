import type { LabelledText } from '../../analysis/adapt/fit.js';
import { SENTIMENT_LABELS, type SentimentLabel } from '../../domain/mention.js';

function parse(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Corrections from JSON Lines `{ "text", "label" }`. Lines that are not such an object (bad JSON, no
 * text, another label) are skipped and counted; blank lines are not counted.
 */
export function readFeedback(content: string): { examples: LabelledText[]; skipped: number } {
  const examples: LabelledText[] = [];
  let skipped = 0;
  for (const line of content.split('\n')) {
    if (line.trim() === '') {
      continue;
    }
    const record = parse(line) as { text?: unknown; label?: unknown } | undefined;
    const label = record?.label;
    if (
      typeof record?.text === 'string' &&
      record.text.trim() !== '' &&
      (SENTIMENT_LABELS as readonly unknown[]).includes(label)
    ) {
      examples.push({ text: record.text, label: label as SentimentLabel });
    } else {
      skipped += 1;
    }
  }
  return { examples, skipped };
}
