import { ObjectId, type Collection, type Db, type Filter } from 'mongodb';
import { readWithin, type ReadBudget } from './read-budget.js';
import type { LabelCounts } from '../domain/author.js';
import { SENTIMENT_LABELS, type Mention, type SentimentLabel } from '../domain/mention.js';
import { hourOf } from '../domain/time.js';
import { bulkUnordered } from './bulk.js';
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

  /**
   * Counts a batch's flagged mentions into their hour buckets of the watch, in three commands
   * whatever the number of hours: the set unions, a read of the sets' sizes, the counts. An hour
   * given no mentions only has its counts brought up to its sets: a batch retried after a crash
   * between its unions and its counts, with nothing left to add, still writes them.
   */
  async addBatch(
    watchId: string,
    byHour: Map<number, Array<{ id: string; label: SentimentLabel }>>,
  ): Promise<void> {
    const ids = [...byHour.keys()].map((hour) => bucketId(watchId, new Date(hour)));
    if (ids.length === 0) {
      return;
    }
    const unions = [...byHour.values()].flatMap((mentions, index) =>
      mentions.length === 0
        ? []
        : [
            {
              updateOne: {
                filter: { _id: ids[index]! },
                update: { $addToSet: additions(mentions) },
                upsert: true,
              },
            },
          ],
    );
    // Two batches creating one new bucket at once: one inserts, the other's union goes again.
    const { failed } = await bulkUnordered(this.members, unions);
    await bulkUnordered(
      this.members,
      [...failed].map((index) => unions[index]!),
    );
    const sizes = await this.members
      .aggregate<{ _id: string } & Record<SentimentLabel, number>>([
        { $match: { _id: { $in: ids } } },
        {
          $project: Object.fromEntries(
            SENTIMENT_LABELS.map((label) => [label, { $size: { $ifNull: [`$ids.${label}`, []] } }]),
          ),
        },
      ])
      .toArray();
    const now = new Date();
    const counts = sizes.map((row) => {
      const start = new Date(row._id.slice(row._id.lastIndexOf('|') + 1));
      const total = SENTIMENT_LABELS.reduce((sum, label) => sum + row[label], 0);
      return {
        updateOne: {
          filter: { _id: row._id },
          // Counts only grow, so $max lets concurrent batches of one hour land in any order: the
          // one that read the smaller sets never overwrites the one that read the larger.
          update: {
            $set: { watchId, start, updatedAt: now },
            $max: {
              'counts.negative': row.negative,
              'counts.neutral': row.neutral,
              'counts.positive': row.positive,
              'counts.total': total,
            },
          },
          upsert: true,
        },
      };
    });
    const again = await bulkUnordered(this.collection, counts);
    await bulkUnordered(
      this.collection,
      [...again.failed].map((index) => counts[index]!),
    );
  }

  /**
   * Which of these mentions are counted into their hour's bucket: through the flag stage, whose
   * last counting write that is. One read of the buckets' member sets, by `_id`.
   */
  async countedAmong(
    mentions: Array<Pick<Mention, 'id' | 'watchId' | 'createdAt'>>,
  ): Promise<Set<string>> {
    const ids = [...new Set(mentions.map((m) => bucketId(m.watchId, hourOf(m.createdAt))))];
    if (ids.length === 0) {
      return new Set();
    }
    // The store intersects each bucket's sets with the batch, so that only the ids asked about
    // come back, not the hour's thousands.
    const everyLabel = SENTIMENT_LABELS.map((label) => ({ $ifNull: [`$ids.${label}`, []] }));
    const asked = mentions.map((m) => new ObjectId(m.id));
    const rows = await this.members
      .aggregate<{ hits: ObjectId[] }>([
        { $match: { _id: { $in: ids } } },
        { $project: { hits: { $setIntersection: [{ $concatArrays: everyLabel }, asked] } } },
      ])
      .toArray();
    return new Set(rows.flatMap((row) => row.hits.map((id) => id.toHexString())));
  }

  /** Counts these flagged mentions into one hour bucket of the watch; returns its counts. */
  async add(
    watchId: string,
    start: Date,
    mentions: Array<{ id: string; label: SentimentLabel }>,
  ): Promise<LabelCounts> {
    await this.addBatch(watchId, new Map([[start.getTime(), mentions]]));
    const doc = await this.collection.findOne({ _id: bucketId(watchId, start) });
    return doc?.counts ?? { negative: 0, neutral: 0, positive: 0, total: 0 };
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

function bucketId(watchId: string, start: Date): string {
  return `${watchId}|${start.toISOString()}`;
}

/** The set union of one bucket's members, by label. */
function additions(mentions: Array<{ id: string; label: SentimentLabel }>) {
  const sets: Record<string, { $each: ObjectId[] }> = {};
  for (const label of SENTIMENT_LABELS) {
    const ids = mentions.filter((m) => m.label === label).map((m) => new ObjectId(m.id));
    if (ids.length > 0) {
      sets[`ids.${label}`] = { $each: ids };
    }
  }
  return sets;
}
