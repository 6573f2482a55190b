import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../config/logger.js';
import { flagged } from '../domain/mention.js';
import { hourOf } from '../domain/time.js';
import type { Store } from '../store/db.js';
import type { Producer } from './producer.js';

const MAX_PER_SWEEP = 10_000;
/** Where the sweeper got to, kept with the poll cursors under a watch id no watch can have. */
const CHECKPOINT = { watchId: '', key: 'sweeper:ingested' };

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

  /**
   * Checks the mentions stored since the last sweep's checkpoint and before the grace period, and
   * re-enqueues those not through the flag stage (not counted into their hour's bucket). The
   * checkpoint moves to the oldest one still unfinished, or past what was read.
   */
  async sweep(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.graceMs);
    const saved = await this.store.cursors.get(CHECKPOINT.watchId, CHECKPOINT.key);
    const from = saved ? new Date(saved) : await this.firstRun();
    const stored = await this.store.mentions.ingestedBetween(from, before, MAX_PER_SWEEP);
    const counted = await this.store.rollups.countedAmong(stored.filter((m) => m.analysed));
    const unfinished = stored.filter((m) => !flagged(m, counted));
    await this.requeue(unfinished);
    await this.refreshHours(stored.filter((m) => counted.has(m.id)));
    const next =
      unfinished[0]?.ingestedAt ??
      (stored.length === MAX_PER_SWEEP ? stored[stored.length - 1]!.ingestedAt : before);
    const checkpoint = (next > from ? next : from).toISOString();
    if (checkpoint !== saved) {
      await this.store.cursors.set(CHECKPOINT.watchId, CHECKPOINT.key, checkpoint);
    }
    if (unfinished.length > 0) {
      this.log.warn({ mentions: unfinished.length }, 'sweeper re-enqueued unfinished mentions');
    }
    return unfinished.length;
  }

  /** Where the first sweep starts: before it, earlier versions' marks tell what is through. */
  private async firstRun(): Promise<Date> {
    return (await this.store.mentions.firstUnmarked()) ?? new Date(0);
  }

  /**
   * Brings the hours of these counted mentions up to their sets: a worker killed between a batch's
   * set unions and its counts, whose job was then lost too, leaves an hour short that no retry fixes.
   */
  private async refreshHours(mentions: Array<{ watchId: string; createdAt: Date }>): Promise<void> {
    const hoursByWatch = new Map<string, Map<number, []>>();
    for (const { watchId, createdAt } of mentions) {
      const hours = hoursByWatch.get(watchId) ?? new Map<number, []>();
      hours.set(hourOf(createdAt).getTime(), []);
      hoursByWatch.set(watchId, hours);
    }
    for (const [watchId, hours] of hoursByWatch) {
      await this.store.rollups.addBatch(watchId, hours);
    }
  }

  private async requeue(
    unfinished: Array<{ id: string; watchId: string; analysed: boolean }>,
  ): Promise<void> {
    const groups = new Map<string, { stage: 'analyze' | 'flag'; watchId: string; ids: string[] }>();
    for (const { id, watchId, analysed } of unfinished) {
      const stage = analysed ? 'flag' : 'analyze';
      const key = `${stage}|${watchId}`;
      const group = groups.get(key) ?? { stage, watchId, ids: [] };
      group.ids.push(id);
      groups.set(key, group);
    }
    for (const { stage, watchId, ids } of groups.values()) {
      // A failed job of the same batch would swallow a plain enqueue; requeue replaces it.
      await this.producer.enqueueBatches(stage, watchId, ids, 500, 'requeue');
    }
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
