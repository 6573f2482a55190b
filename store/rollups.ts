import type { Collection, Db, Filter } from 'mongodb';
import { type LabelCounts } from '../analysis/buckets.js';
import { SENTIMENT_LABELS, type SentimentLabel } from '../domain/mention.js';
import { ensureIndexes } from './indexes.js';

interface RollupDoc {
  _id: string;
  watchId: string;
  start: Date;
  counts: LabelCounts;
  updatedAt: Date;
}

export interface HourRollup {
  watchId: string;
  start: Date;
  counts: LabelCounts;
}

const HOUR_MS = 3600_000;

/**
 * Mention volume by sentiment per watch and UTC hour, over flagged mentions. A bucket is recounted
 * from its own hour of mentions (one indexed $match/$group) by every flag batch that touches it, so
 * recounting twice, or after a crash, gives the same figures.
 */
export class RollupRepository {
  private readonly collection: Collection<RollupDoc>;

  constructor(private readonly db: Db) {
    this.collection = db.collection<RollupDoc>('rollups_hourly');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.collection, [{ key: { watchId: 1, start: 1 }, name: 'watch_hour' }]);
  }

  async recount(watchId: string, start: Date): Promise<LabelCounts> {
    const end = new Date(start.getTime() + HOUR_MS);
    const groups = await this.db
      .collection('mentions')
      .aggregate<{ _id: SentimentLabel; n: number }>([
        { $match: { watchId, createdAt: { $gte: start, $lt: end }, flaggedAt: { $ne: null } } },
        { $group: { _id: '$analysis.label', n: { $sum: 1 } } },
      ])
      .toArray();
    const counts: LabelCounts = { negative: 0, neutral: 0, positive: 0, total: 0 };
    for (const { _id, n } of groups) {
      if (SENTIMENT_LABELS.includes(_id)) {
        counts[_id] = n;
        counts.total += n;
      }
    }
    await this.collection.updateOne(
      { _id: `${watchId}|${start.toISOString()}` },
      // Counts only grow (a mention is never unflagged), so $max lets concurrent recounts of one
      // hour land in any order: a slower, older recount never overwrites a newer one.
      {
        $set: { watchId, start, updatedAt: new Date() },
        $max: {
          'counts.negative': counts.negative,
          'counts.neutral': counts.neutral,
          'counts.positive': counts.positive,
          'counts.total': counts.total,
        },
      },
      { upsert: true },
    );
    return counts;
  }

  async list(query: { watchId?: string; from: Date; to: Date }): Promise<HourRollup[]> {
    const filter: Filter<RollupDoc> = { start: { $gte: query.from, $lt: query.to } };
    if (query.watchId !== undefined) {
      filter.watchId = query.watchId;
    }
    const docs = await this.collection
      .find(filter)
      .sort({ start: 1, watchId: 1 })
      .limit(24 * 400)
      .toArray();
    return docs.map(({ watchId, start, counts }) => ({ watchId, start, counts }));
  }
}
