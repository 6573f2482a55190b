import type { Db, Filter, IndexDescription } from 'mongodb';
import { Repository } from './repository.js';
import { ADVOCATE_ORDER, advocateSearchFilter, type AdvocateSearch } from './advocate-search.js';
import { findAfter, type Keyset } from './keyset.js';
import {
  countMention,
  emptyProfile,
  profileId,
  profileView,
  type AuthorProfile,
  type StoredProfile,
} from '../domain/author.js';
import type { Mention } from '../domain/mention.js';
import { bulkUnordered } from './bulk.js';
import { readWithin, type ReadBudget } from './read-budget.js';

type AuthorDoc = Omit<StoredProfile, 'id'> & {
  _id: string;
  /** Bumped by every write of the flag stage: the guard of its read-count-write. */
  rev?: number;
};

/** A stored profile and the revision it was read at (null: not stored yet). */
export interface RevisedProfile {
  profile: StoredProfile;
  rev: number | null;
}

export { profileId };

export class AuthorRepository extends Repository<AuthorDoc> {
  constructor(db: Db) {
    super(db, 'authors', [
      { key: { watchId: 1, advocateScore: -1, _id: 1 }, name: 'watch_advocates' },
      // The flag stage's guard ({_id, rev}) as an index of its own: the local store uses an index
      // only for a filter on exactly its keys.
      { key: { _id: 1, rev: 1 }, name: 'revision', unique: true },
      { key: { advocateScore: -1, _id: 1 }, name: 'advocates' },
      ...SEARCH_INDEXES,
    ]);
  }

  /** The stored profiles of these ids with their revisions, by id: one read for a batch. */
  async findStored(ids: string[]): Promise<Map<string, RevisedProfile>> {
    if (ids.length === 0) {
      return new Map();
    }
    const docs = await this.collection.find({ _id: { $in: ids } }).toArray();
    // Profiles stored before revisions existed start at revision 0 (once each).
    const unrevised = docs.filter((doc) => doc.rev === undefined).map((doc) => doc._id);
    if (unrevised.length > 0) {
      await this.collection.updateMany(
        { _id: { $in: unrevised }, rev: { $exists: false } },
        { $set: { rev: 0 } },
      );
    }
    return new Map(docs.map((doc) => [doc._id, { profile: toStored(doc), rev: doc.rev ?? 0 }]));
  }

  /**
   * Writes profiles in one unordered bulkWrite, each guarded by the revision it was read at: a
   * profile another job changed meanwhile is not overwritten but returned (by id) as a conflict,
   * for the caller to count again from a fresh read. `answeredAt` is left to triage.
   */
  async writeStored(profiles: RevisedProfile[]): Promise<Set<string>> {
    const operations = profiles.map(({ profile, rev }) => {
      const { id, answeredAt: _answered, ...fields } = profile;
      return {
        updateOne: {
          // A new profile is written at revision 0: if another job stored it first, the upsert's
          // insert meets its _id and fails, as a changed revision does.
          filter: { _id: id, rev: rev ?? 0 },
          update: { $set: fields, $inc: { rev: 1 } },
          upsert: true,
        },
      };
    });
    const { failed } = await bulkUnordered(this.collection, operations);
    return new Set([...failed].map((index) => profiles[index]!.profile.id));
  }

  /**
   * Counts one analysed mention into its author's profile, once: a mention already counted changes
   * nothing. Returns the profile after the update. (The flag stage counts whole batches at once.)
   */
  async applyMention(mention: Mention): Promise<AuthorProfile> {
    const id = profileId(mention.watchId, mention.source, mention.author.id);
    for (;;) {
      const stored = (await this.findStored([id])).get(id);
      const profile = countMention(stored?.profile ?? emptyProfile(mention), mention);
      const conflicts = await this.writeStored([{ profile, rev: stored?.rev ?? null }]);
      if (conflicts.size === 0) {
        return profileView(profile);
      }
    }
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

  /** One page of the advocate ranking, after a keyset. */
  async advocates(
    search: AdvocateSearch,
    limit: number,
    after: Keyset | null,
    budget: ReadBudget = {},
  ): Promise<AuthorProfile[]> {
    const docs = await readWithin(this.advocatesCursor(search, after).limit(limit), budget);
    return docs.map(toProfile);
  }

  /** The whole ranking, one profile at a time (the CSV export), without holding it in memory. */
  async *eachAdvocate(search: AdvocateSearch): AsyncGenerator<AuthorProfile> {
    for await (const doc of this.advocatesCursor(search, null).batchSize(500)) {
      yield toProfile(doc);
    }
  }

  /** Every profile of one author id (one per watch × source), optionally of one source. */
  async profilesOf(
    authorId: string,
    source?: string,
    budget: ReadBudget = {},
  ): Promise<AuthorProfile[]> {
    const filter: Filter<AuthorDoc> = { authorId, ...(source !== undefined && { source }) };
    const cursor = this.collection
      .find(filter)
      .project<AuthorDoc>({ appliedIds: 0 })
      .sort({ _id: 1 })
      .limit(100);
    const docs = await readWithin(cursor, budget);
    return docs.map(toProfile);
  }

  private advocatesCursor(search: AdvocateSearch, after: Keyset | null) {
    const filter = advocateSearchFilter(search);
    return findAfter(this.collection, filter, ADVOCATE_ORDER, after).project<AuthorDoc>({
      appliedIds: 0,
    });
  }
}

/** Indexes behind GET /advocates' filters and GET /authors/:id. */
const SEARCH_INDEXES: IndexDescription[] = [
  { key: { source: 1, advocateScore: -1, _id: 1 }, name: 'source_advocates' },
  { key: { lastSeen: -1, _id: 1 }, name: 'last_seen' },
  { key: { authorId: 1, source: 1 }, name: 'author' },
];

export type DerivedFields = Partial<
  Pick<AuthorProfile, 'advocateScore' | 'advocateSince' | 'advocateAlertedScore'>
>;

function toStored({ _id, rev: _rev, ...doc }: AuthorDoc): StoredProfile {
  return {
    ...doc,
    id: _id,
    followers: doc.followers ?? null,
    intents: doc.intents ?? {},
    engagement: doc.engagement ?? { likes: 0, replies: 0, shares: 0 },
    recent: doc.recent ?? [],
    appliedIds: doc.appliedIds ?? [],
    answeredAt: doc.answeredAt ?? null,
    advocateScore: doc.advocateScore ?? 0,
    advocateSince: doc.advocateSince ?? null,
    advocateAlertedScore: doc.advocateAlertedScore ?? 0,
  };
}

/** The profile as the scores and the API read it; windows and trend are derived on read. */
function toProfile(doc: AuthorDoc): AuthorProfile {
  return profileView(toStored(doc));
}
