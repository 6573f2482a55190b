import type { Watch } from '../../domain/watch.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ReplayPlan {
  /** Authors who each post `complaints` angry mentions within a few hours. */
  angryAuthors: number;
  complaints: number;
  /** Authors who each post `praises` positive mentions on different days. */
  fans: number;
  praises: number;
  /** Other authors, one neutral mention each. */
  bystanders: number;
}

const ANGRY =
  'Acme support is terrible, my order is broken and nobody answers. Awful, I hate this.';
const HAPPY = 'Love my new Acme kettle, great design and excellent support. Highly recommend Acme!';
const NEUTRAL = 'Acme opened a new shop on the high street today.';

/** Writes a replay file for the plan and returns its path and line count. */
export function writeReplayFile(
  plan: ReplayPlan,
  start = Date.UTC(2026, 9, 1),
): { path: string; lines: number } {
  const lines: string[] = [];
  const add = (author: string, text: string, at: number, followers = 100) => {
    lines.push(
      JSON.stringify({
        id: `m${lines.length + 1}`,
        text,
        createdAt: new Date(at).toISOString(),
        url: `https://replay.test/${author}/${lines.length + 1}`,
        author: { id: author, handle: author, followers },
      }),
    );
  };
  for (let a = 0; a < plan.angryAuthors; a++) {
    for (let k = 0; k < plan.complaints; k++) {
      add(`angry${a}`, ANGRY, start + a * 3_600_000 + k * 600_000);
    }
  }
  for (let f = 0; f < plan.fans; f++) {
    for (let k = 0; k < plan.praises; k++) {
      add(`fan${f}`, HAPPY, start + k * 86_400_000 + f * 60_000);
    }
  }
  for (let b = 0; b < plan.bystanders; b++) {
    add(`bystander${b}`, NEUTRAL, start + b * 30_000);
  }
  const path = join(mkdtempSync(join(tmpdir(), 'earshot-replay-')), 'mentions.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, lines: lines.length };
}

/** The watch the replay tests use: keyword "Acme", one replay source, hourly. */
export function replayWatch(path: string): Watch {
  return {
    id: 'acme',
    name: 'Acme',
    keywords: ['Acme'],
    exclusions: [],
    sources: [{ type: 'replay', file: path }],
    schedule: '0 * * * *',
    enabled: true,
  };
}
