import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRig, type TestRig } from '../helpers/env.js';
import { freePort } from '../helpers/ports.js';

/**
 * The README's first Quick start command, as a user runs it (`npm run demo`), with DEMO_EXIT=1 so
 * that it stops once it has printed what the API serves. On the suite's services, with its own
 * database, queue prefix and port.
 */
function runDemo(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'demo'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('the demo (README Quick start)', () => {
  // The rig's database and queue prefix, for the demo to use and the rig's cleanup to drop.
  let rig: TestRig;
  beforeAll(async () => {
    rig = await createRig('demo');
  });
  afterAll(() => rig.cleanup());

  it('runs the pipeline on the demo data and prints the alerts and advocates it found', async () => {
    const port = await freePort();
    const { settings } = rig;
    const { code, output } = await runDemo({
      DEMO_EXIT: '1',
      REDIS_URL: settings.REDIS_URL ?? '',
      MONGODB_URL: settings.MONGODB_URL ?? '',
      MONGODB_DB: settings.MONGODB_DB ?? '',
      QUEUE_PREFIX: settings.QUEUE_PREFIX ?? '',
      PORT: String(port),
    });
    expect(code, output).toBe(0);
    expect(output).toMatch(/demo: first alert served \d+ ms after start/);
    // Every well-formed line of demo/mentions.jsonl is stored (two are malformed on purpose).
    const found = /(\d+) alerts from (\d+) mentions/.exec(output);
    expect(Number(found?.[2])).toBe(296);
    expect(Number(found?.[1])).toBeGreaterThan(0);
    expect(output).toMatch(/disgruntled_customer \(\d+\)/);
    expect(output).toMatch(/emerging_advocate \(\d+\)/);
    expect(output).toContain(`GET http://127.0.0.1:${port}/advocates`);
    expect(output).toContain(`demo: web app at http://127.0.0.1:${port}/app/`);
  }, 180_000);
});
