import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAMES, type JobPayloads, type QueueName } from './catalogue.js';
import { jobId, jobOptions, notifyJobOptions } from './options.js';

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
   * Caps flag jobs across every worker process. FerretDB v1 applies concurrent updates of one
   * document non-atomically (two `$inc` can lose one), and the flag stage updates shared documents
   * (author profiles, alerts, rollups), so by default it runs one job at a time.
   */
  async applyLimits(flagConcurrency: number): Promise<void> {
    await this.queues.flag.setGlobalConcurrency(flagConcurrency);
  }

  async enqueue<Q extends QueueName>(queue: Q, data: JobPayloads[Q]): Promise<string> {
    const id = jobId(queue, data);
    const options =
      queue === 'notify'
        ? notifyJobOptions(this.notify.attempts, this.notify.backoffMs)
        : jobOptions(this.attempts);
    await this.queues[queue].add(queue, data, { ...options, jobId: id });
    return id;
  }

  /** Splits mention ids into batches of at most `size`, one job each. */
  async enqueueBatches(
    queue: 'analyze' | 'flag',
    watchId: string,
    mentionIds: string[],
    size = 500,
  ): Promise<number> {
    let jobs = 0;
    for (let start = 0; start < mentionIds.length; start += size) {
      await this.enqueue(queue, { watchId, mentionIds: mentionIds.slice(start, start + size) });
      jobs += 1;
    }
    return jobs;
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((queue) => queue.close()));
  }
}
