import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { exitOf } from './worker-process.js';
import { freePort } from './ports.js';

/**
 * A redis-server of the test's own on a spare port, configured like the local one (nothing on
 * disk, noeviction), that the test can restart: a restart loses every queued job.
 */
export interface OwnRedis {
  url: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The environment without libfaketime's variables: a child that must keep the real time. */
function withRealClock(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { LD_PRELOAD: _preload, FAKETIME: _faketime, ...rest } = env;
  return rest;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'].concat([
        '--maxmemory-policy',
        'noeviction',
      ]),
      // Redis keeps the machine's clock when the tests run with a faked one (scripts/test.sh).
      { stdio: 'ignore', env: withRealClock(process.env) },
    );
    for (let i = 0; i < 100 && !(await listening(port)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const stop = async () => {
    if (child) {
      child.kill('SIGKILL');
      await exitOf(child);
      child = null;
    }
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    async restart() {
      await stop();
      await start();
    },
    stop,
  };
}
