import type { Db } from 'mongodb';
import { isDuplicateKey } from './duplicate-key.js';
import { PerWatchSource } from './per-watch-source.js';

interface SlotDoc {
  _id: string;
  slot: Date;
}

/** The last schedule slot enqueued per watch×source, so a restarted scheduler neither repeats nor skips. */
export class ScheduleSlotRepository extends PerWatchSource<SlotDoc> {
  constructor(db: Db) {
    super(db, 'schedule_slots');
  }

  async last(watchId: string, sourceKey: string): Promise<Date | null> {
    return (await this.find(watchId, sourceKey))?.slot ?? null;
  }

  /** Records a slot as enqueued; never moves backwards. */
  async record(watchId: string, sourceKey: string, slot: Date): Promise<void> {
    const filter = this.idOf(watchId, sourceKey);
    try {
      await this.collection.updateOne(filter, { $max: { slot } }, { upsert: true });
    } catch (error) {
      // Two schedulers inserting the first slot at once: the loser's update now finds the document.
      if (!isDuplicateKey(error)) {
        throw error;
      }
      await this.collection.updateOne(filter, { $max: { slot } });
    }
  }
}
