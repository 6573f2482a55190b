import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fitAdaptation } from '../../../analysis/adapt/fit.js';
import { analyzeFor } from '../../../analysis/adapt/score.js';
import { readFeedback } from '../../../scripts/analysis/feedback-file.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function runCli(input: string, args: string[]) {
  return new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/analysis/cli.ts', ...args], {
      cwd: root,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}

const FEEDBACK = [
  ...[
    'my order got zorbed',
    'checkout zorbed again',
    'the app is zorbed',
    'login zorbed today',
  ].map((text) => ({ text, label: 'negative' })),
  ...['when do you open', 'is the deck in stock', 'new shop in leeds', 'order number inside'].map(
    (text) => ({ text, label: 'neutral' }),
  ),
];

describe('analyze CLI with --feedback', () => {
  it('scores with the adaptation trained on the file, and counts lines it skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-feedback-'));
    const file = join(dir, 'feedback.jsonl');
    const content = [
      ...FEEDBACK.map((line) => JSON.stringify(line)),
      '{"text": "no label"}',
      'not json',
      JSON.stringify({ text: 'bad label', label: 'angry' }),
    ].join('\n');
    writeFileSync(file, `${content}\n`);
    const texts = ['my basket got zorbed', 'the shop opens at nine'];
    const input = texts.map((text) => JSON.stringify({ text })).join('\n');
    const { stdout, stderr, code } = await runCli(`${input}\n`, ['--feedback', file]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^feedback: 8 corrections \(3 lines skipped/);
    const adaptation = fitAdaptation(readFeedback(content).examples);
    const expected = texts.map((text) => JSON.stringify({ text, ...analyzeFor(adaptation, text) }));
    expect(stdout.trimEnd().split('\n')).toEqual(expected);
  });
});
