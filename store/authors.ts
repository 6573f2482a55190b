import type { Collection, Db, Filter, IndexDescription } from 'mongodb';
import { ADVOCATE_ORDER, advocateSearchFilter, type AdvocateSearch } from './advocate-search.js';
import { keysetFilter, sortOf, type Keyset } from './keyset.js';
import type { AuthorProfile } from '../domain/author.js';
import type { Mention } from '../domain/mention.js';
import { isDuplicateKey } from './db.js';
import { ensureIndexes } from './indexes.js';

type AuthorDoc = Omit<AuthorProfile, 'id'> & { _id: string; appliedIds: string[] };

/** Bounds on the arrays a profile keeps, so that a prolific author's document stays small. */
const RECENT_TIMES = 50;
const APPLIED_IDS = 500;
const RECENT_NEGATIVE_IDS = 10;

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
    const push: Record<string, unknown> = {
      appliedIds: { $each: [mention.id], $slice: -APPLIED_IDS },
    };
    if (analysis.label !== 'neutral') {
      const field = analysis.label === 'negative' ? 'recentNegativeAt' : 'recentPositiveAt';
      push[field] = { $each: [mention.createdAt], $slice: -RECENT_TIMES };
    }
    if (analysis.label === 'negative') {
      push.recentNegativeIds = { $each: [mention.id], $slice: -RECENT_NEGATIVE_IDS };
    }
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
      },
      $push: push,
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

  async setAdvocateScore(id: string, score: number): Promise<void> {
    await this.collection.updateOne({ _id: id }, { $set: { advocateScore: score } });
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

  /** Advocates ranked by score, best first; ties by id so that pages are stable. */
  async listAdvocates(
    query: { watchId?: string; minScore: number },
    limit: number,
    skip: number,
  ): Promise<AuthorProfile[]> {
    const filter: Filter<AuthorDoc> = { advocateScore: { $gte: query.minScore } };
    if (query.watchId !== undefined) {
      filter.watchId = query.watchId;
    }
    const docs = await this.collection
      .find(filter)
      .sort({ advocateScore: -1, _id: 1 })
      .skip(skip)
      .limit(limit)
      .toArray();
    return docs.map(toProfile);
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
): Promise<AuthorProfile[]> {
  const docs = await advocatesCursor(db, search, after).limit(limit).toArray();
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
): Promise<AuthorProfile[]> {
  const filter: Filter<AuthorDoc> = { authorId, ...(source !== undefined && { source }) };
  const docs = await db
    .collection<AuthorDoc>('authors')
    .find(filter)
    .project<AuthorDoc>({ appliedIds: 0 })
    .sort({ _id: 1 })
    .limit(100)
    .toArray();
  return docs.map(toProfile);
}

function toProfile({ _id, appliedIds: _applied, ...doc }: AuthorDoc): AuthorProfile {
  return {
    ...doc,
    id: _id,
    followers: doc.followers ?? null,
    recentNegativeAt: doc.recentNegativeAt ?? [],
    recentPositiveAt: doc.recentPositiveAt ?? [],
    recentNegativeIds: doc.recentNegativeIds ?? [],
    advocateScore: doc.advocateScore ?? 0,
  };
}
