import { ObjectId, type Collection, type Db, type Filter } from 'mongodb';
import type { Alert, AlertEvidence, AlertStatus, AlertType } from '../domain/alert.js';
import { SEVERITIES, severityRank } from '../domain/alert.js';
import type { AlertDecision } from '../analysis/flag.js';
import type { Mention } from '../domain/mention.js';
import { isDuplicateKey } from './db.js';
import { ensureIndexes } from './indexes.js';
import { pageFilter, type PageCursor } from './paging.js';

interface AlertDoc extends Omit<Alert, 'id' | 'severity'> {
  _id: ObjectId;
  /** Set while the alert is open or acknowledged; unique, so that there is one active alert per key. */
  openKey?: string;
  severityRank: number;
  evidenceIds: string[];
}

export interface AlertQuery {
  type?: AlertType;
  status?: AlertStatus;
  watchId?: string;
}

const EVIDENCE_KEPT = 20;
const EVIDENCE_IDS_KEPT = 500;

export function excerpt(text: string, max = 280): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export class AlertRepository {
  private readonly collection: Collection<AlertDoc>;

  constructor(db: Db) {
    this.collection = db.collection<AlertDoc>('alerts');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.collection, [
      { key: { openKey: 1 }, name: 'one_active_alert', unique: true, sparse: true },
      { key: { createdAt: -1, _id: -1 }, name: 'newest' },
      { key: { watchId: 1, createdAt: -1, _id: -1 }, name: 'watch_newest' },
      { key: { type: 1, status: 1, createdAt: -1, _id: -1 }, name: 'type_status_newest' },
    ]);
  }

  /**
   * Opens an alert for this author, or adds the mention as evidence to the one already active.
   * Severity only rises. Applying the same mention twice changes nothing.
   */
  async raise(decision: AlertDecision, mention: Mention): Promise<void> {
    const openKey = [decision.type, mention.watchId, mention.source, mention.author.id].join('|');
    const now = new Date();
    const evidence: AlertEvidence = {
      mentionId: mention.id,
      excerpt: excerpt(mention.text),
      url: mention.url,
      score: mention.analysis?.score ?? 0,
      createdAt: mention.createdAt,
    };
    const filter = { openKey, evidenceIds: { $ne: mention.id } } as Filter<AlertDoc>;
    const update = {
      $setOnInsert: {
        type: decision.type,
        status: 'open' as const,
        watchId: mention.watchId,
        source: mention.source,
        authorId: mention.author.id,
        createdAt: now,
      },
      $set: {
        authorHandle: mention.author.handle,
        reason: decision.reason,
        factors: decision.factors,
        updatedAt: now,
      },
      $max: { severityRank: severityRank(decision.severity) },
      $inc: { evidenceCount: 1 },
      $push: {
        evidence: { $each: [evidence], $slice: -EVIDENCE_KEPT },
        evidenceIds: { $each: [mention.id], $slice: -EVIDENCE_IDS_KEPT },
      },
    };
    try {
      await this.collection.updateOne(filter, update, { upsert: true });
    } catch (error) {
      if (!isDuplicateKey(error)) {
        throw error;
      }
      // Either this mention is already evidence, or another job opened the alert a moment ago:
      // in the second case the plain update lands; in the first it matches nothing.
      await this.collection.updateOne(filter, update);
    }
  }

  /** Closes an active alert; a later raise for the same author opens a new one. */
  async close(id: string, status: 'resolved' | 'dismissed'): Promise<boolean> {
    const result = await this.collection.updateOne(
      { _id: new ObjectId(id), openKey: { $exists: true } },
      { $set: { status, updatedAt: new Date() }, $unset: { openKey: '' } },
    );
    return result.modifiedCount === 1;
  }

  async count(query: AlertQuery = {}): Promise<number> {
    return this.collection.countDocuments(toFilter(query));
  }

  async list(query: AlertQuery, limit: number, after: PageCursor | null): Promise<Alert[]> {
    const filter = { ...toFilter(query), ...pageFilter(after) } as Filter<AlertDoc>;
    const docs = await this.collection
      .find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return docs.map(toAlert);
  }
}

function toFilter(query: AlertQuery): Filter<AlertDoc> {
  const filter: Filter<AlertDoc> = {};
  if (query.type !== undefined) {
    filter.type = query.type;
  }
  if (query.status !== undefined) {
    filter.status = query.status;
  }
  if (query.watchId !== undefined) {
    filter.watchId = query.watchId;
  }
  return filter;
}

function toAlert(doc: AlertDoc): Alert {
  const { _id, openKey: _openKey, severityRank: rank, evidenceIds: _ids, ...rest } = doc;
  return { ...rest, id: _id.toHexString(), severity: SEVERITIES[rank] ?? 'low' };
}
