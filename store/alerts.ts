import { ObjectId, type Collection, type Db, type Filter, type IndexDescription } from 'mongodb';
import type { Alert, AlertEvidence, AlertStatus, AlertType } from '../domain/alert.js';
import { SEVERITIES, severityRank } from '../domain/alert.js';
import type { AlertDecision } from '../analysis/flag.js';
import type { Mention } from '../domain/mention.js';
import { isDuplicateKey } from './db.js';
import { ensureIndexes } from './indexes.js';
import { pageFilter, type PageCursor } from './paging.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { planTriage, type TriageRequest } from '../domain/triage.js';
import {
  ALERT_CHANGES,
  ALERT_SORTS,
  alertSearchFilter,
  type AlertSearch,
  type AlertSort,
} from './alert-search.js';
import { keysetFilter, sortOf, type Keyset } from './keyset.js';

interface AlertDoc extends Omit<
  Alert,
  'id' | 'severity' | 'assignee' | 'tags' | 'notes' | 'history' | 'closedAt'
> {
  assignee?: Alert['assignee'];
  tags?: Alert['tags'];
  notes?: Alert['notes'];
  history?: Alert['history'];
  closedAt?: Alert['closedAt'];
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

  /** Reads, lists and changes for the API's triage routes. */
  readonly triage: AlertTriage;

  constructor(db: Db) {
    this.collection = db.collection<AlertDoc>('alerts');
    this.triage = new AlertTriage(this.collection);
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.collection, [
      { key: { openKey: 1 }, name: 'one_active_alert', unique: true, sparse: true },
      { key: { createdAt: -1, _id: -1 }, name: 'newest' },
      { key: { watchId: 1, createdAt: -1, _id: -1 }, name: 'watch_newest' },
      { key: { type: 1, status: 1, createdAt: -1, _id: -1 }, name: 'type_status_newest' },
      ...TRIAGE_INDEXES,
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
      closeUpdate(status, new Date()),
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
  return {
    ...rest,
    id: _id.toHexString(),
    severity: SEVERITIES[rank] ?? 'low',
    // Alerts raised before triage existed, or not triaged yet, lack these fields.
    assignee: doc.assignee ?? null,
    tags: doc.tags ?? [],
    notes: doc.notes ?? [],
    history: doc.history ?? [],
    closedAt: doc.closedAt ?? null,
  };
}

/** Closing: the status, when, and the freed active slot, so that new evidence opens a new alert. */
function closeUpdate(status: 'resolved' | 'dismissed', at: Date) {
  return { $set: { status, closedAt: at, updatedAt: at }, $unset: { openKey: '' as const } };
}

/** Indexes behind GET /alerts' filters and sorts, and the stream's change order. */
const TRIAGE_INDEXES: IndexDescription[] = [
  { key: { status: 1, createdAt: -1, _id: -1 }, name: 'status_newest' },
  { key: { severityRank: -1, createdAt: -1, _id: -1 }, name: 'severity_newest' },
  { key: { assignee: 1, createdAt: -1, _id: -1 }, name: 'assignee_newest' },
  { key: { source: 1, createdAt: -1, _id: -1 }, name: 'source_newest' },
  { key: { authorId: 1, createdAt: -1, _id: -1 }, name: 'author_newest' },
  { key: { updatedAt: 1, _id: 1 }, name: 'changes' },
];

const TRIAGE_ATTEMPTS = 5;

/** Triage reads, lists and changes, kept apart from the raise/close path of the flag stage. */
export class AlertTriage {
  constructor(private readonly collection: Collection<AlertDoc>) {}

  async get(id: string): Promise<Alert | null> {
    const doc = await this.collection.findOne({ _id: new ObjectId(id) });
    return doc ? toAlert(doc) : null;
  }

  async search(
    search: AlertSearch,
    sort: AlertSort,
    limit: number,
    after: Keyset | null,
  ): Promise<Alert[]> {
    const keys = ALERT_SORTS[sort];
    const filter = { $and: [alertSearchFilter(search), keysetFilter(keys, after)] };
    const docs = await this.collection
      .find(filter as Filter<AlertDoc>)
      .sort(sortOf(keys))
      .limit(limit)
      .toArray();
    return docs.map(toAlert);
  }

  /** Alerts changed after `after` and before `until`, oldest change first (the SSE stream). */
  async changes(
    search: AlertSearch,
    after: Keyset | null,
    until: Date,
    limit: number,
  ): Promise<Alert[]> {
    const filter = {
      $and: [
        alertSearchFilter(search),
        keysetFilter(ALERT_CHANGES, after),
        { updatedAt: { $lt: until } },
      ],
    };
    const docs = await this.collection
      .find(filter as Filter<AlertDoc>)
      .sort(sortOf(ALERT_CHANGES))
      .limit(limit)
      .toArray();
    return docs.map(toAlert);
  }

  /**
   * Applies a person's change and logs it in the alert's history. The write is conditional on the
   * alert being as it was read (status and updatedAt), and is replanned if it changed meanwhile, so
   * a concurrent raise or triage is never overwritten with stale values.
   */
  async apply(id: string, request: TriageRequest, by: string): Promise<Alert> {
    for (let attempt = 0; attempt < TRIAGE_ATTEMPTS; attempt += 1) {
      const alert = await this.get(id);
      if (!alert) {
        throw new NotFoundError('alert', id);
      }
      const now = new Date();
      const plan = planTriage(alert, request, by, now);
      if (plan.history.length === 0) {
        return alert;
      }
      const close = plan.closes
        ? closeUpdate(plan.set.status as 'resolved' | 'dismissed', now)
        : null;
      const update = {
        $set: { ...plan.set, ...close?.$set, updatedAt: now },
        ...(close && { $unset: close.$unset }),
        $push: {
          history: { $each: plan.history },
          ...(plan.note && { notes: { $each: [plan.note] } }),
        },
      };
      const result = await this.collection.updateOne(
        { _id: new ObjectId(id), status: alert.status, updatedAt: alert.updatedAt },
        update,
      );
      if (result.modifiedCount === 1) {
        return (await this.get(id)) ?? alert;
      }
    }
    throw new ConflictError('alert', 'changed by others while this change was applied; try again');
  }
}
