import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../../config/logger.js';
import type { Producer } from '../../jobs/producer.js';
import { latestSlot } from '../../jobs/schedule.js';
import type { Store } from '../../store/db.js';

/**
 * On its schedule, enqueues a retrain for every enabled watch; the job id carries the slot, so
 * replicas ticking at once enqueue one job, and a watch with nothing new trains nothing.
 */
export class RetrainSchedule {
  private task: ScheduledTask | null = null;

  constructor(
    private readonly store: Store,
    private readonly producer: Producer,
    private readonly log: Logger,
    private readonly schedule: string,
  ) {}

  async tick(now = new Date()): Promise<number> {
    const slot = latestSlot(this.schedule, now).toISOString();
    const watches = await this.store.watches.listEnabled();
    for (const watch of watches) {
      await this.producer.enqueue('retrain', { watchId: watch.id, marker: `slot-${slot}` });
    }
    return watches.length;
  }

  start(): void {
    this.task = cron.schedule(
      this.schedule,
      () => {
        this.tick().catch((error: unknown) =>
          this.log.error({ err: error }, 'retrain tick failed'),
        );
      },
      { noOverlap: true },
    );
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    this.task = null;
  }
}
