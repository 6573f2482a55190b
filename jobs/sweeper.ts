import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../config/logger.js';
import type { Store } from '../store/db.js';
import type { Producer } from './producer.js';

const MAX_PER_SWEEP = 10_000;

/**
 * Re-enqueues mentions that were stored but never got through analysis or flagging: the jobs for
 * them vanished (a Redis restart without persistence) or the worker died with them. Every stage is
 * idempotent, so a mention whose job was merely slow is processed once all the same.
 */
export class Sweeper {
  private task: ScheduledTask | null = null;

  constructor(
    private readonly store: Store,
    private readonly producer: Producer,
    private readonly log: Logger,
    private readonly graceMs: number,
  ) {}

  async sweep(now = new Date()): Promise<number> {
    const unfinished = await this.store.mentions.findUnfinished(
      new Date(now.getTime() - this.graceMs),
      MAX_PER_SWEEP,
    );
    const groups = new Map<string, { stage: 'analyze' | 'flag'; watchId: string; ids: string[] }>();
    for (const { id, watchId, stage } of unfinished) {
      const key = `${stage}|${watchId}`;
      const group = groups.get(key) ?? { stage, watchId, ids: [] };
      group.ids.push(id);
      groups.set(key, group);
    }
    for (const { stage, watchId, ids } of groups.values()) {
      // A failed job of the same batch would swallow a plain enqueue; requeue replaces it.
      await this.producer.enqueueBatches(stage, watchId, ids, 500, 'requeue');
    }
    if (unfinished.length > 0) {
      this.log.warn({ mentions: unfinished.length }, 'sweeper re-enqueued unfinished mentions');
    }
    return unfinished.length;
  }

  start(schedule: string): void {
    this.task = cron.schedule(
      schedule,
      () => {
        this.sweep().catch((error: unknown) => this.log.error({ err: error }, 'sweep failed'));
      },
      { noOverlap: true },
    );
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    this.task = null;
  }
}
