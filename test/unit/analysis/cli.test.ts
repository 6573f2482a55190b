import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function runCli(
  input: string,
  args: string[] = [],
): Promise<{ stdout: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/analysis/cli.ts', ...args], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, code }));
    child.stdin.end(input);
  });
}

function parseLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('analyze CLI', () => {
  it('writes one line per input line, in order, with other fields passed through', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'on hold for 2 hours', source: 'replay' }),
      JSON.stringify({ id: 'b', text: 'thank you so much, you rock!' }),
    ].join('\n');
    const { stdout, code } = await runCli(`${input}\n`);
    const [first, second] = parseLines(stdout);
    expect(code).toBe(0);
    expect(first).toMatchObject({
      id: 'a',
      source: 'replay',
      label: 'negative',
      intents: ['complaint'],
    });
    expect(second).toMatchObject({ id: 'b', label: 'positive' });
    expect(typeof second?.score).toBe('number');
    expect(Array.isArray(second?.evidence)).toBe(true);
  }, 20_000);

  it('answers bad lines with an error field and goes on', async () => {
    const input = [
      'not json',
      '{"id":2}',
      '{"text":""}',
      '[1,2]',
      '',
      '{"id":6,"text":"still waiting"}',
    ].join('\n');
    const { stdout, code } = await runCli(`${input}\n`);
    const lines = parseLines(stdout);
    expect(code).toBe(0);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toEqual({ error: 'line is not a JSON object', input: 'not json' });
    expect(lines[1]).toEqual({ id: 2, error: 'no "text" string on this line' });
    expect(lines[2]?.error).toBe('no "text" string on this line');
    expect(lines[3]?.error).toBe('line is not a JSON object');
    expect(lines[4]?.error).toBe('line is not a JSON object');
    expect(lines[5]).toMatchObject({ id: 6, label: 'negative' });
  }, 20_000);

  it('uses a numeric rating field as star-rating evidence', async () => {
    const { stdout } = await runCli(`${JSON.stringify({ text: 'it is an app', rating: 1 })}\n`);
    expect(parseLines(stdout)[0]).toMatchObject({ label: 'negative', intents: ['complaint'] });
  }, 20_000);
});
