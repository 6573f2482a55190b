import {
  ObjectId,
  type Collection,
  type Db,
  type Filter,
  type IndexDescription,
  type AnyBulkWriteOperation,
  type UpdateFilter,
} from 'mongodb';
import { definedFields } from './filters.js';
import { Repository } from './repository.js';
import type {
  ActiveAlert,
  Alert,
  AlertStatus,
  AlertType,
  AlertWrite,
  PendingNotice,
} from '../domain/alert.js';
import { SEVERITIES, toEvidence } from '../domain/alert.js';
import { bulkUnordered } from './bulk.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { planTriage, type TriageRequest } from '../domain/triage.js';
import {
  ALERT_CHANGES,
  ALERT_SORTS,
  alertSearchFilter,
  type AlertSearch,
  type AlertSort,
} from './alert-search.js';
import { findAfter, type Keyset } from './keyset.js';
import { readWithin, type ReadBudget } from './read-budget.js';

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
  /** The same key, kept after closing, to find the subject's last closed alert. */
  alertKey: string;
  severityRank: number;
  evidenceIds: string[];
  /** Bumped by every write that changes what the flag stage planned on: the guard of its writes. */
  rev?: number;
  /** A notification the raise owes its channels, kept until it is queued (see RaiseOutcome). */
  pendingNotice?: PendingNotice;
}

export interface AlertQuery {
  type?: AlertType;
  status?: AlertStatus;
  watchId?: string;
}

const EVIDENCE_KEPT = 20;
const EVIDENCE_IDS_KEPT = 500;

export class AlertRepository extends Repository<AlertDoc> {
  /** Reads, lists and changes for the API's triage routes. */
  readonly triage: AlertTriage;

  constructor(db: Db) {
    super(db, 'alerts', [
      { key: { openKey: 1 }, name: 'one_active_alert', unique: true, sparse: true },
      // The flag stage's guard ({_id, rev}) as an index of its own: the local store uses an index
      // only for a filter on exactly its keys.
      { key: { _id: 1, rev: 1 }, name: 'revision', unique: true },
      { key: { alertKey: 1, closedAt: -1 }, name: 'subject_closed' },
      { key: { createdAt: -1, _id: -1 }, name: 'newest' },
      { key: { watchId: 1, createdAt: -1, _id: -1 }, name: 'watch_newest' },
      { key: { type: 1, status: 1, createdAt: -1, _id: -1 }, name: 'type_status_newest' },
      ...TRIAGE_INDEXES,
    ]);
    this.triage = new AlertTriage(this.collection);
  }

  /**
   * For these keys, in one read: the active (open or acknowledged) alert of each, and when its
   * subject last had one closed (for the cool-down).
   */
  async findForKeys(
    keys: string[],
  ): Promise<{ active: Map<string, ActiveAlert>; lastClosed: Map<string, Date> }> {
    const active = new Map<string, ActiveAlert>();
    const lastClosed = new Map<string, Date>();
    if (keys.length === 0) {
      return { active, lastClosed };
    }
    const docs = await this.collection
      .find(
        { alertKey: { $in: keys } },
        {
          projection: {
            alertKey: 1,
            openKey: 1,
            closedAt: 1,
            evidenceIds: 1,
            severityRank: 1,
            score: 1,
            pendingNotice: 1,
            rev: 1,
          },
        },
      )
      .toArray();
    await this.giveRevisions(docs.filter((doc) => doc.openKey && doc.rev === undefined));
    for (const doc of docs) {
      if (doc.openKey) {
        active.set(doc.openKey, {
          id: doc._id.toHexString(),
          evidenceIds: doc.evidenceIds ?? [],
          severityRank: doc.severityRank,
          score: doc.score ?? 0,
          pendingNotice: doc.pendingNotice ?? null,
          rev: doc.rev ?? 0,
        });
      } else if (doc.closedAt && doc.closedAt > (lastClosed.get(doc.alertKey) ?? new Date(0))) {
        lastClosed.set(doc.alertKey, doc.closedAt);
      }
    }
    return { active, lastClosed };
  }

  /** Active alerts stored before revisions existed start at revision 0 (once each). */
  private async giveRevisions(docs: Array<{ _id: ObjectId }>): Promise<void> {
    if (docs.length > 0) {
      await this.collection.updateMany(
        { _id: { $in: docs.map((doc) => doc._id) }, rev: { $exists: false } },
        { $set: { rev: 0 } },
      );
    }
  }

  /**
   * Applies planned writes in one unordered bulkWrite: a new alert is inserted whole (the unique
   * active key refuses it if another job opened one meanwhile), a change to an active alert lands
   * only at the revision it was planned on. A refused write is returned as a conflict, for the
   * caller to plan again from a fresh read. Returns the ids of the alerts it opened, by key.
   */
  async applyWrites(
    writes: AlertWrite[],
    now: Date,
  ): Promise<{ opened: Map<string, string>; conflicts: Set<string> }> {
    const opened = new Map<string, string>();
    const ids = writes.map((write) =>
      write.activeId ? new ObjectId(write.activeId) : new ObjectId(),
    );
    const operations = writes.map((write, index) =>
      write.activeId ? changeOp(write, now) : insertOp(write, ids[index]!, now),
    );
    const { failed } = await bulkUnordered(this.collection, operations);
    writes.forEach((write, index) => {
      if (!write.activeId && !failed.has(index)) {
        opened.set(write.key, ids[index]!.toHexString());
      }
    });
    return { opened, conflicts: new Set([...failed].map((index) => writes[index]!.key)) };
  }

  /** The notices have been queued for every channel: forget them, unless newer ones replaced them. */
  async noticesQueued(queued: Array<{ alertId: string; notice: PendingNotice }>): Promise<void> {
    await bulkUnordered(
      this.collection,
      queued.map(({ alertId, notice }) => ({
        updateOne: {
          filter: {
            _id: new ObjectId(alertId),
            'pendingNotice.event': notice.event,
            'pendingNotice.severity': notice.severity,
          },
          update: { $unset: { pendingNotice: '' } },
        },
      })),
    );
  }

  async get(id: string): Promise<Alert | null> {
    if (!ObjectId.isValid(id)) {
      return null;
    }
    const doc = await this.collection.findOne({ _id: new ObjectId(id) });
    return doc ? toAlert(doc) : null;
  }

  /**
   * Closes an active alert; a later raise for the same subject opens a new one after the cool-down.
   * Returns the closed alert, or null when it was not active.
   */
  async close(id: string, status: 'resolved' | 'dismissed', now: Date): Promise<Alert | null> {
    const closed = await this.collection.findOneAndUpdate(
      { _id: new ObjectId(id), openKey: { $exists: true } },
      closeUpdate(status, now),
      { returnDocument: 'after' },
    );
    return closed ? toAlert(closed) : null;
  }

  async count(query: AlertQuery = {}): Promise<number> {
    return this.collection.countDocuments(toFilter(query));
  }
}

function toFilter(query: AlertQuery): Filter<AlertDoc> {
  return definedFields({ type: query.type, status: query.status, watchId: query.watchId });
}

function toAlert(doc: AlertDoc): Alert {
  const {
    _id,
    openKey: _o,
    alertKey: _k,
    severityRank: rank,
    evidenceIds: _ids,
    pendingNotice: _notice,
    ...rest
  } = doc;
  return {
    ...rest,
    id: _id.toHexString(),
    severity: SEVERITIES[rank] ?? 'low',
    score: rest.score ?? 0,
    source: rest.source ?? null,
    authorId: rest.authorId ?? null,
    authorHandle: rest.authorHandle ?? null,
    closedAt: rest.closedAt ?? null,
    // Alerts not triaged yet lack these fields.
    assignee: doc.assignee ?? null,
    tags: doc.tags ?? [],
    notes: doc.notes ?? [],
    history: doc.history ?? [],
  };
}
/** Closing: the status, when, and the freed active slot, so that new evidence opens a new alert. */
function closeUpdate(status: 'resolved' | 'dismissed', at: Date) {
  return {
    $set: { status, closedAt: at, updatedAt: at },
    $unset: { openKey: '' as const },
    // A flag-stage write planned on the open alert must not land on the closed one.
    $inc: { rev: 1 },
  };
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
    budget: ReadBudget = {},
  ): Promise<Alert[]> {
    const cursor = findAfter(this.collection, alertSearchFilter(search), ALERT_SORTS[sort], after);
    const docs = await readWithin(cursor.limit(limit), budget);
    return docs.map(toAlert);
  }

  /** Alerts changed after `after` and before `until`, oldest change first (the SSE stream). */
  async changes(
    search: AlertSearch,
    after: Keyset | null,
    until: Date,
    limit: number,
  ): Promise<Alert[]> {
    const filter = { $and: [alertSearchFilter(search), { updatedAt: { $lt: until } }] };
    const docs = await findAfter(this.collection, filter, ALERT_CHANGES, after)
      .limit(limit)
      .toArray();
    return docs.map(toAlert);
  }

  /**
   * Applies a person's change and logs it in the alert's history. Returns the alert after it, and
   * whether the change moved its status away from open (the team's answer to the author). The write is conditional on the
   * alert being as it was read (status and updatedAt), and is replanned if it changed meanwhile, so
   * a concurrent raise or triage is never overwritten with stale values.
   */
  async apply(
    id: string,
    request: TriageRequest,
    by: string,
    now: Date,
  ): Promise<{ alert: Alert; answered: boolean }> {
    for (let attempt = 0; attempt < TRIAGE_ATTEMPTS; attempt += 1) {
      const alert = await this.get(id);
      if (!alert) {
        throw new NotFoundError('alert', id);
      }
      const plan = planTriage(alert, request, by, now);
      if (plan.history.length === 0) {
        return { alert, answered: false };
      }
      const close = plan.closes
        ? closeUpdate(plan.set.status as 'resolved' | 'dismissed', now)
        : null;
      const update = {
        $set: { ...plan.set, ...close?.$set, updatedAt: now },
        ...(close && { $unset: close.$unset, $inc: close.$inc }),
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
        const changed = await this.collection.findOne({ _id: new ObjectId(id) });
        const after = changed ? toAlert(changed) : alert;
        return { alert: after, answered: after.status !== 'open' && plan.set.status !== undefined };
      }
    }
    throw new ConflictError('alert', 'changed by others while this change was applied; try again');
  }
}

const evidenceOf = (write: AlertWrite) => write.evidence.map(toEvidence).slice(-EVIDENCE_KEPT);

/** A new alert, whole. */
function insertOp(write: AlertWrite, _id: ObjectId, now: Date): AnyBulkWriteOperation<AlertDoc> {
  const document: AlertDoc = {
    _id,
    type: write.type,
    status: 'open',
    openKey: write.key,
    alertKey: write.key,
    watchId: write.subject.watchId,
    source: write.subject.source,
    authorId: write.subject.authorId,
    authorHandle: write.subject.authorHandle,
    reason: write.explanation?.reason ?? '',
    factors: write.explanation?.factors ?? {},
    score: write.explanation?.score ?? 0,
    severityRank: write.severityRank,
    evidence: evidenceOf(write),
    evidenceIds: write.evidence.map((m) => m.id).slice(-EVIDENCE_IDS_KEPT),
    evidenceCount: write.evidence.length,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    rev: 1,
    ...(write.notice && { pendingNotice: write.notice }),
  };
  return { insertOne: { document } };
}

/**
 * A change to an active alert at the revision it was planned on. An upsert, so that a revision
 * that moved on shows as a duplicate-key error on this operation rather than as nothing.
 */
function changeOp(write: AlertWrite, now: Date): AnyBulkWriteOperation<AlertDoc> {
  const ids = write.evidence.map((m) => m.id);
  const update = {
    $set: {
      authorHandle: write.subject.authorHandle,
      updatedAt: now,
      ...write.explanation,
      ...(write.notice && { pendingNotice: write.notice }),
    },
    $max: { severityRank: write.severityRank },
    $inc: { evidenceCount: ids.length, rev: 1 },
    $push: {
      evidence: { $each: write.evidence.map(toEvidence), $slice: -EVIDENCE_KEPT },
      evidenceIds: { $each: ids, $slice: -EVIDENCE_IDS_KEPT },
    },
  } as UpdateFilter<AlertDoc>;
  const filter = { _id: new ObjectId(write.activeId!), rev: write.rev } as Filter<AlertDoc>;
  return { updateOne: { filter, update, upsert: true } };
}
