import { spawn, type ChildProcess } from 'node:child_process';

/** Starts `main.ts worker` as a real child process with the test's settings. */
export function startWorkerProcess(settings: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'main.ts', 'worker'], {
    env: { ...process.env, ...settings },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
