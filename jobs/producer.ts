import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAMES, type JobPayloads, type QueueName } from './catalogue.js';
import { jobId, jobOptions, notifyJobOptions, rescoreJobOptions } from './options.js';

/** Enqueues pipeline jobs with their deterministic ids; shared by the scheduler and the workers. */
export class Producer {
  readonly queues: { [Q in QueueName]: Queue };

  constructor(
    connection: Redis,
    prefix: string,
    private readonly attempts: number,
    private readonly notify = { attempts: 5, backoffMs: 5000 },
  ) {
    this.queues = Object.fromEntries(
      QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix })]),
    ) as { [Q in QueueName]: Queue };
  }

  /**
   * Caps flag jobs across every worker process (FLAG_CONCURRENCY). Its writes are guarded, so any
   * number run safely at once; the cap bounds the store load they make together.
   */
  async applyLimits(flagConcurrency: number): Promise<void> {
    await this.queues.flag.setGlobalConcurrency(flagConcurrency);
  }

  async enqueue<Q extends QueueName>(queue: Q, data: JobPayloads[Q]): Promise<string> {
    const id = jobId(queue, data);
    const options =
      queue === 'notify'
        ? notifyJobOptions(this.notify.attempts, this.notify.backoffMs)
        : queue === 'rescore'
          ? rescoreJobOptions(this.attempts)
          : jobOptions(this.attempts);
    await this.queues[queue].add(queue, data, { ...options, jobId: id });
    return id;
  }

  /**
   * Enqueues work again even if a job with its id already ended. BullMQ ignores an add whose id
   * exists, so a failed (or completed) job of the same batch would swallow the sweeper's re-enqueue:
   * it is removed first. A job still waiting, delayed or active is left alone, so nothing runs twice.
   * Returns whether a job was added.
   */
  async requeue<Q extends 'analyze' | 'flag'>(queue: Q, data: JobPayloads[Q]): Promise<boolean> {
    const existing = await this.queues[queue].getJob(jobId(queue, data));
    if (existing) {
      const state = await existing.getState();
      if (state !== 'failed' && state !== 'completed') {
        return false;
      }
      await existing.remove();
    }
    await this.enqueue(queue, data);
    return true;
  }

  /**
   * Splits mention ids into batches of at most `size`, one job each; `requeue` replaces batches
   * whose job already ended (the sweeper's case). Returns the number of jobs added or found.
   */
  async enqueueBatches(
    queue: 'analyze' | 'flag',
    watchId: string,
    mentionIds: string[],
    size = 500,
    mode: 'enqueue' | 'requeue' = 'enqueue',
  ): Promise<number> {
    let jobs = 0;
    for (let start = 0; start < mentionIds.length; start += size) {
      const data = { watchId, mentionIds: mentionIds.slice(start, start + size) };
      await (mode === 'requeue' ? this.requeue(queue, data) : this.enqueue(queue, data));
      jobs += 1;
    }
    return jobs;
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((queue) => queue.close()));
  }
}
