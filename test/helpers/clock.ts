import { performance } from 'node:perf_hooks';
import type { Clock } from '../../sources/clock.js';
import { memoryLimits } from '../../sources/limits.js';
import type { SourceContext } from '../../sources/request.js';

/** The date most source fixtures are written around: 2026-11-20, two hours after their newest. */
export const FIXTURE_NOW = Date.parse('2026-11-20T12:00:00Z');

/** A clock stopped at `at` (ms), moved only by the test. */
export function stoppedClock(at: number): Clock & { advance(ms: number): void } {
  let now = at;
  const clock = () => now;
  clock.advance = (ms: number) => {
    now += ms;
  };
  return clock;
}

/**
 * A clock that starts at a given time and runs: the date is the test's, only the time elapsed is
 * the machine's (stages that wait, such as delayed jobs, need time to pass).
 */
export function runningClock(at: number): Clock {
  const started = performance.now();
  return () => at + Math.round(performance.now() - started);
}

/** A connector's context for one test: its clock and limits kept in memory. */
export function sourceContext(now: Clock = stoppedClock(FIXTURE_NOW)): SourceContext {
  return { now, limits: memoryLimits(now) };
}
