import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NEGATIVE = [
  'Acme support is terrible, my order is broken and nobody answers.',
  'Third time my Acme lamp died this week. Cancelling my subscription.',
  'Acme app keeps crashing, awful update, I want a refund.',
];
const POSITIVE = [
  'Love my new Acme kettle, great design and excellent support. Highly recommend Acme!',
  'Acme fixed my issue in minutes, brilliant team.',
  'The new Acme lights are gorgeous, very happy with them.',
];
const NEUTRAL = [
  'Acme opened a new shop on the high street today.',
  'Does anyone know when Acme ships the v2 hub?',
  'Acme announced its results for the quarter.',
];
const TEXTS = [...NEGATIVE, ...POSITIVE, ...POSITIVE, ...NEUTRAL, ...NEUTRAL, ...NEUTRAL];

/** One replay line, as a source would give it. */
export interface GeneratedLine {
  id: string;
  text: string;
  createdAt: string;
  url: string;
  author: { id: string; handle: string; followers: number };
}

/** A deterministic pseudo-random sequence, so that two runs feed the same mentions. */
function rng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * N mentions spread over `watches` replay files (one per watch) and `authors` authors, over a
 * fortnight. Returns each file's path and its lines.
 */
export function generateReplay(
  mentions: number,
  watches: number,
  authors: number,
): Array<{ watchId: string; path: string; lines: GeneratedLine[] }> {
  const random = rng(7);
  const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-'));
  const start = Date.UTC(2026, 9, 1);
  return Array.from({ length: watches }, (_, w) => {
    const count = Math.floor(mentions / watches) + (w < mentions % watches ? 1 : 0);
    const lines = Array.from({ length: count }, (_, i): GeneratedLine => {
      const author = `a${Math.floor(random() * authors)}`;
      return {
        id: `w${w}-${i}`,
        text: TEXTS[Math.floor(random() * TEXTS.length)]!,
        createdAt: new Date(start + Math.floor((i / count) * 14 * 86_400_000)).toISOString(),
        url: `https://replay.test/${author}/${w}-${i}`,
        author: { id: author, handle: author, followers: Math.floor(random() * 20_000) },
      };
    });
    const path = join(dir, `watch${w}.jsonl`);
    writeFileSync(path, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
    return { watchId: `bench-${w}`, path, lines };
  });
}
