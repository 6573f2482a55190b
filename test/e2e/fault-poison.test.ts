import { execFile, type ChildProcess } from 'node:child_process';
import { rmSync, renameSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayCounts, settledCounts } from '../helpers/counts.js';
import { createRig, waitFor, type TestRig } from '../helpers/env.js';
import { replayWatch, writeReplayFile } from '../helpers/replay-data.js';
import { killProcess, startWorkerProcess } from '../helpers/worker-process.js';

const run = promisify(execFile);

/** Runs the jobs CLI (`npm run jobs` runs the same file) with the test's settings. */
async function jobsCli(
  settings: Record<string, string>,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'cli/jobs.ts', ...args],
      { env: { ...process.env, ...settings } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

// Injected: a poll job that cannot succeed (its watch's replay file is missing), then the fix (the
// file appears) and a retry from the jobs CLI.
describe('fault: a poison job', () => {
  let rig: TestRig;
  let earshot: ChildProcess | null = null;
  const plan = { angryAuthors: 2, complaints: 3, fans: 0, praises: 0, bystanders: 60 };
  const replay = writeReplayFile(plan);
  const missing = `${replay.path}.later`;

  beforeAll(async () => {
    rig = await createRig('poison', { JOB_ATTEMPTS: '3' });
    renameSync(replay.path, missing);
    await rig.store.watches.upsert(replayWatch(replay.path));
  });
  afterAll(async () => {
    await killProcess(earshot);
    rmSync(replay.path, { force: true });
    await rig.cleanup();
  });

  it('lands in the failed set with its error, is listed by the CLI, and retried from it once fixed', async () => {
    const jobId = await rig.producer.enqueue('poll', {
      watchId: 'acme',
      sourceKey: `replay:${replay.path}`,
      slot: '2026-11-20T10:00:00.000Z',
    });
    earshot = startWorkerProcess(rig.settings);
    const poll = rig.producer.queues.poll;
    await waitFor('the poison job failed', async () => (await poll.getFailedCount()) === 1);
    const job = await poll.getJob(jobId);
    expect(job?.failedReason).toContain('ENOENT');

    const listed = await jobsCli(rig.settings, ['failed', '--queue', 'poll']);
    expect(listed.code).toBe(0);
    const [line, ...more] = listed.stdout.trim().split('\n');
    expect(more).toEqual([]);
    expect(line?.split('\t').slice(0, 2)).toEqual(['poll', jobId]);
    expect(line).toContain('cannot read');
    expect((await jobsCli(rig.settings, ['failed', '--queue', 'analyze'])).stdout).toBe('');
    const bad = await jobsCli(rig.settings, ['retry', 'soup', jobId]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown queue "soup"');

    renameSync(missing, replay.path);
    const retried = await jobsCli(rig.settings, ['retry', 'poll', jobId]);
    expect(retried.code).toBe(0);
    expect(retried.stdout.trim()).toBe(`retried\tpoll\t${jobId}`);
    const expected = replayCounts(replay.lines, plan);
    expect(await settledCounts(rig.db, expected, 60_000)).toEqual(expected);
    expect(await poll.getFailedCount()).toBe(0);
    const again = await jobsCli(rig.settings, ['retry', 'poll', '--all']);
    expect(again.stderr).toContain('0 job(s) retried');
  }, 120_000);
});
