import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { testSettings } from '../helpers/env.js';

function runMain(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('start-up with bad configuration', () => {
  it('exits 1 naming every bad variable at once', async () => {
    const { code, stderr } = await runMain(['all'], {
      REDIS_URL: 'http://localhost:6379',
      MONGODB_URL: 'mongodb://127.0.0.1:1',
      PORT: 'eighty',
      SCHEDULER_TICK: 'every minute',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('REDIS_URL');
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('SCHEDULER_TICK: not a valid cron expression');
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('exits 1 with REDIS_URL named when Redis cannot be reached', async () => {
    const settings = testSettings('startup', { REDIS_URL: 'redis://127.0.0.1:1' });
    const { code, stderr } = await runMain(['worker'], settings);
    expect(code).toBe(1);
    expect(stderr).toContain('REDIS_URL: cannot reach Redis');
  });

  it('exits 1 naming an unknown role', async () => {
    const { code, stderr } = await runMain(['cook'], testSettings('startup'));
    expect(code).toBe(1);
    expect(stderr).toContain('role "cook"');
  });

  it('exits 1 naming the watches file and the field of a bad watch', async () => {
    const { code, stderr } = await runMain(['api'], {
      ...testSettings('startup'),
      WATCHES_FILE: 'test/fixtures/bad-watches.json',
    });
    expect(code).toBe(1);
    expect(stderr).toContain(
      'WATCHES_FILE test/fixtures/bad-watches.json: [0.schedule] not a valid cron expression',
    );
  });

  it('exits 1 naming a URL of the wrong kind', async () => {
    const { code, stderr } = await runMain(['worker'], {
      ...testSettings('startup'),
      MONGODB_URL: 'mongo://127.0.0.1:27017',
      HN_API_URL: 'ftp://hn.example',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('MONGODB_URL: must start with mongodb: or mongodb+srv://');
    expect(stderr).toContain('HN_API_URL: must start with http: or https://');
  });

  it('exits 1 naming a watch whose source is unknown', async () => {
    const { code, stderr } = await runMain(['worker'], {
      ...testSettings('startup'),
      WATCHES_FILE: 'test/fixtures/unknown-source-watches.json',
    });
    expect(code).toBe(1);
    expect(stderr).toContain(
      'WATCHES_FILE test/fixtures/unknown-source-watches.json: [0.sources.0.type] Invalid option',
    );
    expect(stderr).toContain('"replay"|"hackernews"|"reddit"');
  });
});
