import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { chromiumEnv } from '../../scripts/bench/chromium.js';

/**
 * scripts/test.sh runs the suite a second time with the clock a year ahead (libfaketime, with
 * EARSHOT_CLOCK_AHEAD_DAYS=365). This checks that the clock really moved where it must (this test
 * process, and the node processes tests start, such as worker processes) and nowhere else (a child
 * started without libfaketime keeps the machine's time, as Redis does). In the ordinary pass the
 * offset is 0 and the same checks hold. Chromium is the exception: under libfaketime it takes a
 * minute to open a page, so it keeps the machine's time.
 */
const AHEAD_MS = Number(process.env.EARSHOT_CLOCK_AHEAD_DAYS ?? 0) * 86_400_000;
const SLACK_MS = 60_000;

function epochMsOf(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  const out = spawnSync(command, args, { env, encoding: 'utf8' });
  expect(out.status, out.stderr).toBe(0);
  return Number(out.stdout.trim());
}

describe('the test clock', () => {
  const { LD_PRELOAD: _preload, FAKETIME: _faketime, ...realEnv } = process.env;
  const machineMs = () => epochMsOf('date', ['+%s%3N'], realEnv);

  it('is the machine time plus the pass offset in the test process', () => {
    expect(Math.abs(Date.now() - machineMs() - AHEAD_MS)).toBeLessThan(SLACK_MS);
  });

  it('is the same in a node process a test starts (a worker process)', () => {
    const child = epochMsOf(process.execPath, ['-e', 'console.log(Date.now())'], process.env);
    expect(Math.abs(child - machineMs() - AHEAD_MS)).toBeLessThan(SLACK_MS);
  });

  it("is the machine's in chromium, which runs without libfaketime", () => {
    expect(chromiumEnv().LD_PRELOAD).toBeUndefined();
    expect(Math.abs(epochMsOf('date', ['+%s%3N'], chromiumEnv()) - machineMs())).toBeLessThan(
      SLACK_MS,
    );
  });
});
