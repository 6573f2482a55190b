import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig } from '../config/index.js';
import { ConfigError, UsageError } from '../domain/errors.js';
import { QUEUE_NAMES, type QueueName } from '../jobs/catalogue.js';

const USAGE = `usage:
  npm run --silent jobs -- failed [--queue poll|analyze|flag]   list failed jobs with their error
  npm run --silent jobs -- retry <queue> <jobId|--all>          run failed jobs again (attempts reset)`;

function queueName(value: string | undefined): QueueName {
  if (!(QUEUE_NAMES as readonly string[]).includes(value ?? '')) {
    throw new UsageError(`unknown queue "${value ?? ''}": one of ${QUEUE_NAMES.join(', ')}`);
  }
  return value as QueueName;
}

function describe(queue: QueueName, job: Job): string {
  const failedAt = job.finishedOn ? new Date(job.finishedOn).toISOString() : '-';
  const reason = (job.failedReason ?? '').replace(/\s+/g, ' ');
  return [queue, job.id, `attempts=${job.attemptsMade}`, failedAt, reason].join('\t');
}

async function listFailed(queues: Map<QueueName, Queue>, only: QueueName | null): Promise<void> {
  let total = 0;
  for (const [name, queue] of queues) {
    if (only !== null && name !== only) {
      continue;
    }
    for (const job of await queue.getFailed(0, -1)) {
      process.stdout.write(`${describe(name, job)}\n`);
      total += 1;
    }
  }
  process.stderr.write(`${total} failed job(s)\n`);
}

async function retry(queue: Queue, name: QueueName, target: string): Promise<void> {
  const jobs = target === '--all' ? await queue.getFailed(0, -1) : [await queue.getJob(target)];
  let retried = 0;
  for (const job of jobs) {
    if (!job) {
      throw new UsageError(`no job ${target} in queue ${name}`);
    }
    if ((await job.getState()) !== 'failed') {
      throw new UsageError(`job ${job.id ?? target} in queue ${name} has not failed`);
    }
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    process.stdout.write(`retried\t${name}\t${job.id ?? ''}\n`);
    retried += 1;
  }
  process.stderr.write(`${retried} job(s) retried\n`);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command !== 'failed' && command !== 'retry') {
    throw new UsageError(command ? `unknown command "${command}"` : 'no command');
  }
  const config = loadConfig();
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
  const queues = new Map(
    QUEUE_NAMES.map((name) => [
      name,
      new Queue(name, { connection: redis, prefix: config.queuePrefix }),
    ]),
  );
  try {
    if (command === 'failed') {
      const flag = rest.indexOf('--queue');
      await listFailed(queues, flag === -1 ? null : queueName(rest[flag + 1]));
    } else {
      const name = queueName(rest[0]);
      if (!rest[1]) {
        throw new UsageError('retry needs a job id or --all');
      }
      await retry(queues.get(name)!, name, rest[1]);
    }
  } finally {
    await Promise.all([...queues.values()].map((queue) => queue.close()));
    redis.disconnect();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = error instanceof UsageError;
  const message = error instanceof ConfigError || usage ? error.message : String(error);
  process.stderr.write(`jobs: ${message}\n${usage ? `${USAGE}\n` : ''}`);
  process.exit(usage ? 2 : 1);
});
