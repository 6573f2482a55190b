import { ObjectId, type Collection, type Db, type Filter } from 'mongodb';
import { readWithin, type ReadBudget } from './read-budget.js';
import { type LabelCounts } from '../analysis/buckets.js';
import { SENTIMENT_LABELS, type SentimentLabel } from '../domain/mention.js';
import { isDuplicateKey } from './db.js';
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

/** The ids a bucket has counted, by label, kept beside the bucket so that reading counts stays light. */
interface MembersDoc {
  _id: string;
  ids: Partial<Record<SentimentLabel, ObjectId[]>>;
}

/**
 * Mention volume by sentiment per watch and UTC hour, over flagged mentions. Each bucket keeps the
 * set of mention ids it has counted (in `rollup_members`, about 17 bytes a mention) and its counts
 * are the sizes of those sets: adding a batch is a set union, so counting a mention twice (a retried
 * job, a batch the sweeper put together again) changes nothing, and no query over the mentions is
 * needed.
 */
export class RollupRepository {
  private readonly collection: Collection<RollupDoc>;
  private readonly members: Collection<MembersDoc>;

  constructor(db: Db) {
    this.collection = db.collection<RollupDoc>('rollups_hourly');
    this.members = db.collection<MembersDoc>('rollup_members');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.collection, [{ key: { watchId: 1, start: 1 }, name: 'watch_hour' }]);
  }

  /** Counts these flagged mentions into the hour bucket `start` of the watch; returns its counts. */
  async add(
    watchId: string,
    start: Date,
    mentions: Array<{ id: string; label: SentimentLabel }>,
  ): Promise<LabelCounts> {
    const _id = `${watchId}|${start.toISOString()}`;
    const additions: Record<string, { $each: ObjectId[] }> = {};
    for (const label of SENTIMENT_LABELS) {
      const ids = mentions.filter((m) => m.label === label).map((m) => new ObjectId(m.id));
      if (ids.length > 0) {
        additions[`ids.${label}`] = { $each: ids };
      }
    }
    const members = await upsertOnce(() =>
      this.members.findOneAndUpdate(
        { _id },
        { $addToSet: additions },
        { upsert: true, returnDocument: 'after' },
      ),
    );
    const counts: LabelCounts = { negative: 0, neutral: 0, positive: 0, total: 0 };
    for (const label of SENTIMENT_LABELS) {
      counts[label] = members?.ids?.[label]?.length ?? 0;
      counts.total += counts[label];
    }
    await upsertOnce(() =>
      this.collection.updateOne(
        { _id },
        // Counts only grow, so $max lets concurrent batches of one hour land in any order: the
        // one that read the smaller sets never overwrites the one that read the larger.
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
      ),
    );
    return counts;
  }

  async list(
    query: { watchId?: string; from: Date; to: Date },
    budget: ReadBudget = {},
  ): Promise<HourRollup[]> {
    const filter: Filter<RollupDoc> = { start: { $gte: query.from, $lt: query.to } };
    if (query.watchId !== undefined) {
      filter.watchId = query.watchId;
    }
    const cursor = this.collection
      .find(filter)
      .sort({ start: 1, watchId: 1 })
      .limit(24 * 400);
    const docs = await readWithin(cursor, budget);
    return docs.map(({ watchId, start, counts }) => ({ watchId, start, counts }));
  }
}

/** Two upserts of one new bucket at once: one inserts, the other fails on the key and goes again. */
async function upsertOnce<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isDuplicateKey(error)) {
      throw error;
    }
    return write();
  }
}
