import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { MongoClient, type Collection, type Db, type Document } from 'mongodb';

/** `--name value` from the command line, as a positive integer, or the default. */
export function intArg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) {
    return fallback;
  }
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `--${name} needs a positive integer, got ${process.argv[index + 1] ?? 'nothing'}`,
    );
  }
  return value;
}

export function stringArg(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

/** REDIS_URL and MONGODB_URL from the environment, else the local services (as the tests do). */
export function serviceUrls(): { redisUrl: string; mongoUrl: string } {
  if (!process.env.REDIS_URL || !process.env.MONGODB_URL) {
    const exports = execFileSync('bash', ['scripts/services.sh', 'up'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    for (const match of exports.matchAll(/^export (\w+)=(.*)$/gm)) {
      process.env[match[1]!] = match[2];
    }
  }
  return { redisUrl: process.env.REDIS_URL ?? '', mongoUrl: process.env.MONGODB_URL ?? '' };
}

/** Compiles the project to dist/ (`npm run build`), which startEarshot runs. */
export function buildEarshot(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Starts `dist/main.js <roles>` as its own process, as `npm start` does in production: compiled,
 * not through tsx, whose compiler would add to the memory measured. Call buildEarshot first.
 */
export function startEarshot(
  roles: string,
  env: Record<string, string>,
  nodeOptions: string[] = [],
): ChildProcess {
  return spawn(process.execPath, [...nodeOptions, '--enable-source-maps', 'dist/main.js', roles], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Peak resident memory of a live process in MB (Linux VmHWM), or null where unknown. */
export function peakRssMb(pid: number | undefined): number | null {
  if (pid === undefined) {
    return null;
  }
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

/** CPU time a live process has used so far, user and system, in ms (Linux /proc; 100 ticks a second). */
export function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) {
    return null;
  }
  try {
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * A bench's own connection to its database, for loading documents straight in, reading them and
 * dropping the database after: the Store hands out repositories only.
 */
export async function openBenchDb(
  url: string,
  name: string,
): Promise<{ db: Db; close(): Promise<void> }> {
  const client = await new MongoClient(url, { serverSelectionTimeoutMS: 5000 }).connect();
  return { db: client.db(name), close: () => client.close() };
}

/** True when the store is the local one (mongo-java-server has no explain command), not MongoDB. */
export async function isLocalStore(url: string): Promise<boolean> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5000 });
  try {
    await client.db('admin').command({ explain: { count: 'probe' } });
    return false;
  } catch {
    return true;
  } finally {
    await client.close();
  }
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function fmt(value: number, digits = 0): string {
  return value.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

/** The write limit: `docs` inserted with bare `insertMany` (unordered, 1,000 a call), in docs/s. */
export async function insertRate(collection: Collection, docs: Document[]): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < docs.length; i += 1000) {
    await collection.insertMany(docs.slice(i, i + 1000), { ordered: false });
  }
  return docs.length / ((performance.now() - started) / 1000);
}
