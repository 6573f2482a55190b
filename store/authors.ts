import type { Collection, Db, Filter, IndexDescription } from 'mongodb';
import { ADVOCATE_ORDER, advocateSearchFilter, type AdvocateSearch } from './advocate-search.js';
import { keysetFilter, sortOf, type Keyset } from './keyset.js';
import type { AuthorProfile, RecentMention } from '../domain/author.js';
import type { Mention } from '../domain/mention.js';
import { sentimentTrend, windowCounts } from '../analysis/alerts/profile.js';
import { isDuplicateKey } from './db.js';
import { ensureIndexes } from './indexes.js';
import { readWithin, type ReadBudget } from './read-budget.js';

type AuthorDoc = Omit<AuthorProfile, 'id' | 'windows' | 'trend'> & {
  _id: string;
  appliedIds: string[];
};

/** Bounds on the arrays a profile keeps, so that a prolific author's document stays small. */
const RECENT_KEPT = 50;
const APPLIED_IDS = 500;

export function profileId(watchId: string, source: string, authorId: string): string {
  return `${watchId}|${source}|${authorId}`;
}

export class AuthorRepository {
  private readonly collection: Collection<AuthorDoc>;

  constructor(db: Db) {
    this.collection = db.collection<AuthorDoc>('authors');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.collection, [
      { key: { watchId: 1, advocateScore: -1, _id: 1 }, name: 'watch_advocates' },
      { key: { advocateScore: -1, _id: 1 }, name: 'advocates' },
      ...SEARCH_INDEXES,
    ]);
  }

  /**
   * Counts an analysed mention into its author's profile, once: a mention already counted (a retried
   * job) changes nothing. Returns the profile after the update.
   */
  async applyMention(mention: Mention): Promise<AuthorProfile> {
    const analysis = mention.analysis;
    if (!analysis) {
      throw new Error(`mention ${mention.id} has no analysis`);
    }
    const _id = profileId(mention.watchId, mention.source, mention.author.id);
    const recent: RecentMention = {
      id: mention.id,
      at: mention.createdAt,
      label: analysis.label,
      score: analysis.score,
    };
    const intents = Object.fromEntries(analysis.intents.map((intent) => [`intents.${intent}`, 1]));
    const update = {
      $setOnInsert: {
        watchId: mention.watchId,
        source: mention.source,
        authorId: mention.author.id,
      },
      $set: { handle: mention.author.handle, name: mention.author.name },
      $max: {
        lastSeen: mention.createdAt,
        ...(mention.author.followers !== null && { followers: mention.author.followers }),
      },
      $min: { firstSeen: mention.createdAt },
      // Every counter is named (with 0) so that a new profile has them all.
      $inc: {
        'counts.negative': analysis.label === 'negative' ? 1 : 0,
        'counts.neutral': analysis.label === 'neutral' ? 1 : 0,
        'counts.positive': analysis.label === 'positive' ? 1 : 0,
        'counts.total': 1,
        'counts.recommendations': analysis.intents.includes('recommendation') ? 1 : 0,
        'engagement.likes': mention.engagement.likes,
        'engagement.replies': mention.engagement.replies,
        'engagement.shares': mention.engagement.shares,
        ...intents,
      },
      $push: {
        appliedIds: { $each: [mention.id], $slice: -APPLIED_IDS },
        // In arrival order (a batch is flagged oldest first); the scores filter by time.
        recent: { $each: [recent], $slice: -RECENT_KEPT },
      },
    };
    const filter = { _id, appliedIds: { $ne: mention.id } };
    try {
      const doc = await this.collection.findOneAndUpdate(filter, update, {
        upsert: true,
        returnDocument: 'after',
      });
      if (doc) {
        return toProfile(doc);
      }
    } catch (error) {
      if (!isDuplicateKey(error)) {
        throw error;
      }
    }
    // The upsert collided with an existing profile: either this mention is already counted, or
    // another job created the profile a moment ago. The plain update counts it in the second case
    // and matches nothing in the first.
    const doc = await this.collection.findOneAndUpdate(filter, update, { returnDocument: 'after' });
    return doc ? toProfile(doc) : this.require(_id);
  }

  /** Stores the advocate score and state the flag stage derived from the profile. */
  async setDerived(id: string, derived: DerivedFields): Promise<void> {
    await this.collection.updateOne({ _id: id }, { $set: derived });
  }

  /** The team closed an alert about this author: the unanswered clock starts over. */
  async markAnswered(id: string, at: Date): Promise<void> {
    await this.collection.updateOne({ _id: id }, { $max: { answeredAt: at } });
  }

  async get(id: string): Promise<AuthorProfile | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? toProfile(doc) : null;
  }

  private async require(id: string): Promise<AuthorProfile> {
    const profile = await this.get(id);
    if (!profile) {
      throw new Error(`author profile ${id} vanished`);
    }
    return profile;
  }
}

/** Indexes behind GET /advocates' filters and GET /authors/:id. */
const SEARCH_INDEXES: IndexDescription[] = [
  { key: { source: 1, advocateScore: -1, _id: 1 }, name: 'source_advocates' },
  { key: { lastSeen: -1, _id: 1 }, name: 'last_seen' },
  { key: { authorId: 1, source: 1 }, name: 'author' },
];

function advocatesCursor(db: Db, search: AdvocateSearch, after: Keyset | null) {
  const filter = { $and: [advocateSearchFilter(search), keysetFilter(ADVOCATE_ORDER, after)] };
  return db
    .collection<AuthorDoc>('authors')
    .find(filter as Filter<AuthorDoc>)
    .project<AuthorDoc>({ appliedIds: 0 })
    .sort(sortOf(ADVOCATE_ORDER));
}

/** One page of the advocate ranking, after a keyset. */
export async function searchAdvocates(
  db: Db,
  search: AdvocateSearch,
  limit: number,
  after: Keyset | null,
  budget: ReadBudget = {},
): Promise<AuthorProfile[]> {
  const docs = await readWithin(advocatesCursor(db, search, after).limit(limit), budget);
  return docs.map(toProfile);
}

/** The whole ranking, one profile at a time (the CSV export), without holding it in memory. */
export async function* eachAdvocate(db: Db, search: AdvocateSearch): AsyncGenerator<AuthorProfile> {
  for await (const doc of advocatesCursor(db, search, null).batchSize(500)) {
    yield toProfile(doc);
  }
}

/** Every profile of one author id (one per watch × source), optionally of one source. */
export async function profilesOf(
  db: Db,
  authorId: string,
  source?: string,
  budget: ReadBudget = {},
): Promise<AuthorProfile[]> {
  const filter: Filter<AuthorDoc> = { authorId, ...(source !== undefined && { source }) };
  const cursor = db
    .collection<AuthorDoc>('authors')
    .find(filter)
    .project<AuthorDoc>({ appliedIds: 0 })
    .sort({ _id: 1 })
    .limit(100);
  const docs = await readWithin(cursor, budget);
  return docs.map(toProfile);
}

export type DerivedFields = Partial<
  Pick<AuthorProfile, 'advocateScore' | 'advocateSince' | 'advocateAlertedScore'>
>;

function toProfile({ _id, appliedIds: _applied, ...doc }: AuthorDoc): AuthorProfile {
  return {
    ...doc,
    id: _id,
    followers: doc.followers ?? null,
    intents: doc.intents ?? {},
    engagement: doc.engagement ?? { likes: 0, replies: 0, shares: 0 },
    recent: doc.recent ?? [],
    // Views over the stored recent mentions, as of the author's latest one: derived on read so that
    // the flag stage writes nothing more per mention for them.
    windows: windowCounts(doc.recent ?? [], doc.lastSeen),
    trend: sentimentTrend(doc.recent ?? [], doc.lastSeen),
    answeredAt: doc.answeredAt ?? null,
    advocateScore: doc.advocateScore ?? 0,
    advocateSince: doc.advocateSince ?? null,
    advocateAlertedScore: doc.advocateAlertedScore ?? 0,
  };
}
