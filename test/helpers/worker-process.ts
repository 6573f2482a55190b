import { spawn, type ChildProcess } from 'node:child_process';

/** Starts `main.ts <roles>` (a worker by default) as a real child process with the test's settings. */
export function startWorkerProcess(
  settings: Record<string, string>,
  roles = 'worker',
  stdout: 'ignore' | 'pipe' = 'ignore',
): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'main.ts', roles], {
    env: { ...process.env, ...settings },
    stdio: ['ignore', stdout, 'inherit'],
  });
}

/** Resolves when the child has exited (at once if it already has). */
export function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode);
  }
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Kills a child (SIGKILL) and waits for it to go. */
export async function killProcess(child: ChildProcess | null): Promise<void> {
  if (child) {
    child.kill('SIGKILL');
    await exitOf(child);
  }
}
