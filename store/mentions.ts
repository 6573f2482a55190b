import { createHash } from 'node:crypto';
import { ObjectId, type Collection, type Db, type Filter, type IndexDescription } from 'mongodb';
import type {
  Mention,
  MentionAnalysis,
  NewMention,
  SentimentLabel,
  SourceName,
} from '../domain/mention.js';
import { scoredBy } from '../domain/mention.js';
import { bulkUnordered } from './bulk.js';
import { isDuplicateKey } from './duplicate-key.js';
import { ensureIndexes } from './indexes.js';
import { findAfter, type Keyset } from './keyset.js';
import { readWithin, type ReadBudget } from './read-budget.js';
import { MENTION_ORDER, mentionSearchFilter, type MentionSearch } from './mention-search.js';

interface MentionDoc extends NewMention {
  _id: ObjectId;
  ingestedAt: Date;
  analysis: (MentionAnalysis & { analyzedAt: Date }) | null;
}

/** Fields of earlier versions' documents. */
interface RetiredFields {
  /** Null until flagged, then a date; documents stored now have neither. */
  flaggedAt?: Date | null;
  /** The sweeper's sparse index of earlier versions. */
  pending?: true;
}

export interface MentionQuery {
  watchId?: string;
  source?: SourceName;
  label?: SentimentLabel;
  authorId?: string;
}

/**
 * A mention's id follows from its identity (watch, source, id at the source), so that a mention
 * seen again maps to the id it was stored under without a query.
 */
export function mentionId(watchId: string, source: SourceName, externalId: string): ObjectId {
  const digest = createHash('sha256').update(`${watchId}\0${source}\0${externalId}`).digest();
  return new ObjectId(digest.subarray(0, 12));
}

const toObjectIds = (ids: string[]): ObjectId[] => ids.map((id) => new ObjectId(id));
const unanalysed = (doc: MentionDoc) => doc.analysis === null;

function toMention(stored: MentionDoc): Mention {
  const { _id, flaggedAt, pending: _pending, ...doc } = stored as MentionDoc & RetiredFields;
  const analysis = doc.analysis && { ...doc.analysis, model: scoredBy(doc.analysis) };
  return { id: _id.toHexString(), ...doc, analysis, ...(flaggedAt && { flaggedAt }) };
}

export class MentionRepository {
  private readonly collection: Collection<MentionDoc>;

  constructor(db: Db) {
    this.collection = db.collection<MentionDoc>('mentions');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.collection, [
      { key: { watchId: 1, source: 1, externalId: 1 }, name: 'mention_identity', unique: true },
      { key: { watchId: 1, createdAt: -1, _id: -1 }, name: 'watch_newest' },
      { key: { createdAt: -1, _id: -1 }, name: 'newest' },
      { key: { ingestedAt: 1, _id: 1 }, name: 'ingested' },
      ...SEARCH_INDEXES,
    ]);
  }

  /** Inserts what is not stored yet; a mention seen again is left as it is. Returns the new count. */
  async insertNew(mentions: NewMention[]): Promise<number> {
    return (await this.insert(mentions)).fresh.length;
  }

  /**
   * Inserts what is not stored yet (already analysed, where an analysis is given). Returns the
   * mentions it stored and those stored before (a poll run again after a crash), as stored: two
   * commands at most, the insert and a read of the ones seen before.
   */
  async insertOrFind(
    mentions: Array<NewMention & { analysis?: MentionAnalysis }>,
  ): Promise<{ fresh: Mention[]; before: Mention[] }> {
    const { fresh, before } = await this.insert(mentions);
    const stored = await this.findIn(before);
    return { fresh: fresh.map(toMention), before: stored.map(toMention) };
  }

  /** One unordered insert: the documents it stored, and the ids of mentions stored before. */
  private async insert(
    mentions: Array<NewMention & { analysis?: MentionAnalysis }>,
  ): Promise<{ fresh: MentionDoc[]; before: ObjectId[] }> {
    if (mentions.length === 0) {
      return { fresh: [], before: [] };
    }
    const now = new Date();
    const docs: MentionDoc[] = mentions.map(({ analysis, ...m }) => ({
      ...m,
      _id: mentionId(m.watchId, m.source, m.externalId),
      ingestedAt: now,
      analysis: analysis ? { ...analysis, analyzedAt: now } : null,
    }));
    const seen = new Set<number>();
    try {
      await this.collection.insertMany(docs, { ordered: false });
    } catch (error) {
      const duplicates = duplicateIndexes(error);
      if (!duplicates) {
        throw error;
      }
      duplicates.forEach((index) => seen.add(index));
    }
    return {
      fresh: docs.filter((_, index) => !seen.has(index)),
      before: docs.filter((_, index) => seen.has(index)).map((doc) => doc._id),
    };
  }

  /** Ids of these mentions (by source identity) that have not been analysed yet. */
  async unanalyzedIds(
    watchId: string,
    source: SourceName,
    externalIds: string[],
  ): Promise<string[]> {
    const ids = externalIds.map((externalId) => mentionId(watchId, source, externalId));
    const docs = await this.findIn(ids, unanalysed);
    return docs.map((doc) => doc._id.toHexString());
  }

  async findUnanalyzed(ids: string[]): Promise<Mention[]> {
    const docs = await this.findIn(toObjectIds(ids), unanalysed);
    return docs.map(toMention);
  }

  /** Saves analyses of mentions not analysed yet, in one bulkWrite. */
  async saveAnalyses(results: Array<{ id: string; analysis: MentionAnalysis }>): Promise<void> {
    const analyzedAt = new Date();
    await bulkUnordered(
      this.collection,
      results.map(({ id, analysis }) => ({
        updateOne: {
          filter: { _id: new ObjectId(id), analysis: null },
          update: { $set: { analysis: { ...analysis, analyzedAt } } },
        },
      })),
    );
  }

  /** The documents with these ids that also match `filter`, in the order of `ids`: one read. */
  private async findIn(
    ids: ObjectId[],
    keep: (doc: MentionDoc) => boolean = () => true,
  ): Promise<MentionDoc[]> {
    if (ids.length === 0) {
      return [];
    }
    // Filtered here rather than in the query: the local store uses the _id index only for a filter
    // on _id alone.
    const docs = await this.collection.find({ _id: { $in: ids } }).toArray();
    const byId = new Map(docs.map((doc) => [doc._id.toHexString(), doc]));
    return ids.flatMap((id) => byId.get(id.toHexString()) ?? []).filter(keep);
  }

  /**
   * Mentions stored in [from, before), in the order they were stored, at most `limit`: what the
   * sweeper checks for mentions whose jobs were lost.
   */
  async ingestedBetween(
    from: Date,
    before: Date,
    limit: number,
  ): Promise<
    Array<Pick<Mention, 'id' | 'watchId' | 'createdAt' | 'ingestedAt'> & { analysed: boolean }>
  > {
    const docs = await this.collection
      .find(
        { ingestedAt: { $gte: from, $lt: before } },
        {
          projection: {
            watchId: 1,
            createdAt: 1,
            ingestedAt: 1,
            flaggedAt: 1,
            'analysis.label': 1,
          },
        },
      )
      .sort({ ingestedAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map((doc) => {
      const { flaggedAt } = doc as RetiredFields;
      return {
        id: doc._id.toHexString(),
        watchId: doc.watchId,
        createdAt: doc.createdAt,
        ingestedAt: doc.ingestedAt,
        // A projected path of a null analysis comes back missing, not null.
        analysed: Boolean(doc.analysis),
        ...(flaggedAt && { flaggedAt }),
      };
    });
  }

  /**
   * When the oldest mention not marked flagged by an earlier version was stored: where the sweeper
   * starts the first time (before it, earlier versions' marks tell what is through).
   */
  async firstUnmarked(): Promise<Date | null> {
    const [doc] = await this.collection
      .find({ flaggedAt: null } as Filter<MentionDoc>, { projection: { ingestedAt: 1 } })
      .sort({ ingestedAt: 1, _id: 1 })
      .limit(1)
      .toArray();
    return doc?.ingestedAt ?? null;
  }

  /** Up to `limit` negative mentions of a watch in [from, to), most negative first. */
  async sampleNegative(watchId: string, from: Date, to: Date, limit: number): Promise<Mention[]> {
    const docs = await this.collection
      .find({
        watchId,
        createdAt: { $gte: from, $lt: to },
        'analysis.label': 'negative',
      })
      .sort({ 'analysis.score': 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(toMention);
  }

  /** The stored mentions of these ids, in the order given (ids not stored are left out). */
  async findByIds(ids: string[]): Promise<Mention[]> {
    const docs = await this.findIn(toObjectIds(ids));
    return docs.map(toMention);
  }

  async count(filter: MentionQuery = {}): Promise<number> {
    return this.collection.countDocuments(toFilter(filter));
  }

  /** Every stored mention, from the collection's metadata (no scan): for the metrics gauge. */
  async estimatedCount(): Promise<number> {
    return this.collection.estimatedDocumentCount();
  }

  /** GET /mentions and an author's recent mentions: filtered, newest first, after a keyset. */
  async search(
    search: MentionSearch,
    limit: number,
    after: Keyset | null,
    budget: ReadBudget = {},
  ): Promise<Mention[]> {
    const cursor = findAfter(this.collection, mentionSearchFilter(search), MENTION_ORDER, after);
    const docs = await readWithin(cursor.limit(limit), budget);
    return docs.map(toMention);
  }

  /**
   * One page of a watch's mentions posted at or after `since`, newest first, after the mention
   * `after` (re-scoring pages through them by the `watch_newest` index).
   */
  async postedSince(
    watchId: string,
    since: Date,
    after: Pick<Mention, 'createdAt' | 'id'> | null,
    limit: number,
  ): Promise<Mention[]> {
    const keyset = after && [after.createdAt, new ObjectId(after.id)];
    const filter = { watchId, createdAt: { $gte: since } };
    const docs = await findAfter(this.collection, filter, WATCH_NEWEST, keyset)
      .limit(limit)
      .toArray();
    return docs.map(toMention);
  }

  /** Every stored mention of these authors (ids at their sources) in one watch: one read. */
  async ofAuthors(watchId: string, authorIds: string[]): Promise<Mention[]> {
    if (authorIds.length === 0) {
      return [];
    }
    // Led by the author id, as the `author_newest` index is.
    const docs = await this.collection.find({ 'author.id': { $in: authorIds }, watchId }).toArray();
    return docs.map(toMention);
  }

  /**
   * Replaces analyses, each only if it is still the one read (same `analyzedAt`): a mention
   * re-scored or analysed by another job meanwhile is left alone. Returns how many were replaced.
   */
  async replaceAnalyses(
    items: Array<{ id: string; read: Date; analysis: MentionAnalysis }>,
    analyzedAt: Date,
  ): Promise<number> {
    if (items.length === 0) {
      return 0;
    }
    const result = await this.collection.bulkWrite(
      items.map(({ id, read, analysis }) => ({
        updateOne: {
          filter: { _id: new ObjectId(id), 'analysis.analyzedAt': read },
          update: { $set: { analysis: { ...analysis, analyzedAt } } },
        },
      })),
      { ordered: false },
    );
    return result.matchedCount;
  }
}

/** A watch's mentions, newest first: the order of the `watch_newest` index. */
const WATCH_NEWEST = [
  { field: 'createdAt', dir: -1 as const },
  { field: '_id', dir: -1 as const },
];

/** Indexes behind GET /mentions' filters, newest first within each. */
const SEARCH_INDEXES: IndexDescription[] = [
  { key: { source: 1, createdAt: -1, _id: -1 }, name: 'source_newest' },
  { key: { 'analysis.label': 1, createdAt: -1, _id: -1 }, name: 'label_newest' },
  { key: { 'analysis.intents': 1, createdAt: -1, _id: -1 }, name: 'intent_newest' },
  { key: { 'author.id': 1, createdAt: -1, _id: -1 }, name: 'author_newest' },
];

function toFilter(query: MentionQuery): Filter<MentionDoc> {
  const filter: Filter<MentionDoc> = {};
  if (query.watchId !== undefined) {
    filter.watchId = query.watchId;
  }
  if (query.source !== undefined) {
    filter.source = query.source;
  }
  if (query.label !== undefined) {
    filter['analysis.label'] = query.label;
  }
  if (query.authorId !== undefined) {
    filter['author.id'] = query.authorId;
  }
  return filter;
}

/** The batch positions an unordered insert refused as already stored, or null for any other error. */
function duplicateIndexes(error: unknown): number[] | null {
  if (!isDuplicateKey(error)) {
    return null;
  }
  const writeErrors = (
    error as {
      writeErrors?: Array<{ code: number; index: number }> | { code: number; index: number };
    }
  ).writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return list.every((entry) => entry.code === 11000) ? list.map((entry) => entry.index) : null;
}
