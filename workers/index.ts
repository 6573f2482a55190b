import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  EgressRefusedError,
  NotifyDeliveryError,
  ProviderBlockedError,
  SourceConfigError,
  SourceHttpError,
  SourceQuotaError,
} from '../domain/errors.js';
import { scrubSecrets } from '../domain/url-secrets.js';
import { JOB_SCHEMAS, QUEUE_NAMES, type JobPayloads, type QueueName } from '../jobs/catalogue.js';
import { processAnalyze } from './analyze.js';
import { retryDelay } from './backoff.js';
import type { StageDeps } from './deps.js';
import { processFlag } from './flag.js';
import { processNotify } from './notify.js';
import { processPoll } from './poll.js';
import { processRescore } from './rescore.js';
import { processRetrain } from './retrain.js';
import { ProviderWaits } from './provider-wait.js';

type Processor<Q extends QueueName> = (
  job: Job<JobPayloads[Q]>,
  deps: StageDeps,
) => Promise<unknown>;

/** One processor per queue; the compiler checks that every queue has exactly one. */
const PROCESSORS: { [Q in QueueName]: Processor<Q> } = {
  poll: processPoll,
  analyze: processAnalyze,
  flag: processFlag,
  notify: processNotify,
  retrain: processRetrain,
  rescore: processRescore,
};

/** Errors that another attempt cannot fix go straight to the failed set. */
function isPermanent(error: unknown): boolean {
  if (error instanceof SourceConfigError || error instanceof EgressRefusedError) {
    return true;
  }
  return (
    (error instanceof SourceHttpError || error instanceof NotifyDeliveryError) && !error.retryable
  );
}

/** The watch×source of a poll job (null for the other queues), for ProviderWaits. */
function pollOf(queue: QueueName, job: Job): { watchId: string; sourceKey: string } | null {
  return queue === 'poll' ? (job.data as JobPayloads['poll']) : null;
}

interface Failing {
  queue: QueueName;
  job: Job;
  token: string | undefined;
  deps: StageDeps;
  waits: ProviderWaits;
}

function runner<Q extends QueueName>(queue: Q, deps: StageDeps, waits: ProviderWaits) {
  return async (job: Job, token?: string) => {
    const payload = JOB_SCHEMAS[queue].safeParse(job.data);
    if (!payload.success) {
      throw new UnrecoverableError(
        `bad ${queue} payload: ${payload.error.issues[0]?.message ?? 'invalid'}`,
      );
    }
    try {
      return await PROCESSORS[queue](job as Job<JobPayloads[Q]>, deps);
    } catch (error) {
      return await failed(error, { queue, job, token, deps, waits });
    }
  };
}

/** What a job's error becomes: a wait that keeps its attempts, a dropped poll, or a failure. */
async function failed(error: unknown, at: Failing): Promise<{ droppedFor: string }> {
  const { queue, job, token, deps, waits } = at;
  const poll = pollOf(queue, job);
  if (error instanceof ProviderBlockedError) {
    if (poll && !(await waits.claim(job.id ?? '', poll, error.retryAfterMs))) {
      // Another poll of this watch×source waits for the reset already and will fetch from the
      // same cursor: this one is done, nothing sent, nothing lost.
      deps.log.info(
        blockFields(at, error),
        'provider limit: another poll of this source waits for the reset; this one is dropped',
      );
      return { droppedFor: error.limitKey };
    }
    if (token) {
      // The provider said when to come back: the job waits for it, however long, and keeps its
      // attempts (the request was not sent).
      deps.log.info(blockFields(at, error), 'provider limit: job delayed until the reset');
      await job.moveToDelayed(Date.now() + error.retryAfterMs, token);
      throw new DelayedError();
    }
  }
  if (error instanceof SourceQuotaError && token) {
    // Waiting for our own quota is not a failure: the job goes back, its attempts untouched.
    deps.log.debug({ jobId: job.id, queue, waitMs: error.retryAfterMs }, 'quota wait');
    await job.moveToDelayed(Date.now() + error.retryAfterMs, token);
    throw new DelayedError();
  }
  if (poll && error instanceof SourceHttpError && error.status === 429 && error.retryAfterMs) {
    // The poll the provider refused is retried after the reset: it holds the wait (see above).
    await waits.claim(job.id ?? '', poll, error.retryAfterMs);
  }
  deps.log.warn({ jobId: job.id, queue, attempt: job.attemptsMade + 1, err: error }, 'job failed');
  // BullMQ keeps the message and stack in Redis (failedReason, stacktrace), shown by the queue
  // dashboard and `npm run jobs`: a source URL's user info or token must not be in them.
  if (error instanceof Error) {
    error.message = scrubSecrets(error.message);
    error.stack = error.stack && scrubSecrets(error.stack);
  }
  throw isPermanent(error) ? new UnrecoverableError((error as Error).message) : error;
}

function blockFields({ job, queue }: Failing, error: ProviderBlockedError) {
  return {
    jobId: job.id,
    queue,
    limitKey: error.limitKey,
    blockedUntil: new Date(error.until).toISOString(),
    reason: error.reason,
  };
}

/** Starts one BullMQ worker per queue (all of them unless told which). */
export function startWorkers(
  connection: Redis,
  deps: StageDeps,
  queues: readonly QueueName[] = QUEUE_NAMES,
): Worker[] {
  const { concurrency, flagConcurrency, lockMs } = deps.config.worker;
  const waits = new ProviderWaits(connection, deps.config.queuePrefix);
  return queues.map((queue) => {
    const worker = new Worker(queue, runner(queue, deps, waits), {
      connection,
      prefix: deps.config.queuePrefix,
      // The flag queue's limit holds across workers (BullMQ global concurrency, set by the producer);
      // each worker keeps to it on its own as well, so that no path that hands a worker its next job
      // can run two flag jobs side by side in one process.
      concurrency: queue === 'flag' ? Math.min(concurrency, flagConcurrency) : concurrency,
      lockDuration: lockMs,
      stalledInterval: Math.max(1000, Math.floor(lockMs / 2)),
      settings: {
        // Every job is added with the one custom backoff type (jobs/options.ts).
        backoffStrategy: (attemptsMade: number, _type?: string, error?: Error) =>
          retryDelay(attemptsMade, error),
      },
    });
    // Connection losses and jobs that vanished with a restarted Redis surface here; BullMQ would
    // print them raw to stderr without a listener. The worker reconnects on its own.
    worker.on('error', (error) => deps.log.warn({ queue, err: error }, 'worker error'));
    return worker;
  });
}
