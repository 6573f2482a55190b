import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Runs a benchmark script with tiny sizes: it must still work end to end (not a timing test). */
async function bench(script: string, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, ...args], {
    env: process.env,
    timeout: 150_000,
  });
  return stdout;
}

describe('benchmark scripts, smoke runs with tiny sizes', () => {
  it('bench:pipeline carries every mention through and prints its figures', async () => {
    const out = await bench('scripts/bench/pipeline.ts', ['--mentions', '60', '--watches', '2']);
    expect(out).toMatch(/write limit \(bare insertMany.*\): [\d,]+ docs\/s/);
    expect(out).toMatch(/pipeline: 60 mentions stored, analysed and flagged in [\d.,]+ s/);
    expect(out).toMatch(/^flag\s+\d+/m);
    expect(out).toMatch(/peak RSS worker 1: \d+ MB/);
  }, 160_000);

  it('bench:api loads the data and measures the API beside the driver', async () => {
    const out = await bench('scripts/bench/api.ts', [
      ...['--mentions', '300', '--alerts', '40', '--authors', '40'],
      ...['--duration', '1', '--connections', '1'],
    ]);
    expect(out).toContain('loaded 300 mentions');
    const rows = out.split('\n').filter((line) => /^\/\w+/.test(line));
    expect(rows).toHaveLength(5);
    expect(rows.every((row) => /\|\s+[\d,]+/.test(row))).toBe(true);
  }, 160_000);

  it('bench:store measures each kind of store operation', async () => {
    const out = await bench('scripts/bench/store.ts', ['--docs', '300', '--in-flight', '4']);
    expect(out).toContain('300 mention-shaped documents');
    for (const what of ['insertMany', 'findOne by _id', 'updateOne by _id', 'bulkWrite']) {
      expect(out).toMatch(new RegExp(`^${what}.*\\s[\\d,]+ /s$`, 'm'));
    }
  }, 160_000);
});
