import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../config/logger.js';
import { sourceKey } from '../domain/watch.js';
import type { Store } from '../store/db.js';
import type { Producer } from './producer.js';
import { latestSlot } from './schedule.js';

/**
 * On each tick, enqueues one poll per enabled watch×source whose schedule has fired since its last
 * recorded slot. The job id is derived from the slot, so replicas ticking at once enqueue one job;
 * the slot is recorded after the enqueue, so a scheduler killed in between enqueues the same
 * (deduplicated) job on restart rather than losing it. A slot missed while down is polled once.
 */
export class Scheduler {
  private task: ScheduledTask | null = null;

  constructor(
    private readonly store: Store,
    private readonly producer: Producer,
    private readonly log: Logger,
  ) {}

  async tick(now = new Date()): Promise<number> {
    let enqueued = 0;
    for (const watch of await this.store.watches.listEnabled()) {
      const slot = latestSlot(watch.schedule, now);
      for (const source of watch.sources) {
        const key = sourceKey(source);
        const last = await this.store.slots.last(watch.id, key);
        if (last && last.getTime() >= slot.getTime()) {
          continue;
        }
        await this.producer.enqueue('poll', {
          watchId: watch.id,
          sourceKey: key,
          slot: slot.toISOString(),
        });
        await this.store.slots.record(watch.id, key, slot);
        enqueued += 1;
      }
    }
    if (enqueued > 0) {
      this.log.info({ enqueued }, 'scheduler enqueued polls');
    }
    return enqueued;
  }

  start(tickSchedule: string): void {
    const run = () => {
      this.tick().catch((error: unknown) =>
        this.log.error({ err: error }, 'scheduler tick failed'),
      );
    };
    this.task = cron.schedule(tickSchedule, run, { noOverlap: true });
    run();
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    this.task = null;
  }
}
