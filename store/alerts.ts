import {
  ObjectId,
  type Collection,
  type Db,
  type Filter,
  type IndexDescription,
  type UpdateFilter,
} from 'mongodb';
import type { Alert, AlertEvidence, AlertStatus, AlertType } from '../domain/alert.js';
import { SEVERITIES, severityRank } from '../domain/alert.js';
import type { AlertDecision } from '../analysis/alerts/types.js';
import { profileId, type AuthorRepository } from './authors.js';
import type { Mention } from '../domain/mention.js';
import { isDuplicateKey } from './db.js';
import { ensureIndexes } from './indexes.js';
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

/** Who an alert is about: an author within a watch, or (authorId null) the watch itself. */
export interface AlertSubject {
  watchId: string;
  source: string | null;
  authorId: string | null;
  authorHandle: string | null;
}

export function authorSubject(mention: Mention): AlertSubject {
  return {
    watchId: mention.watchId,
    source: mention.source,
    authorId: mention.author.id,
    authorHandle: mention.author.handle,
  };
}

/** A new or escalated alert's notification, to be handed to the watch's channels. */
export interface PendingNotice {
  event: 'new' | 'escalated';
  severity: Alert['severity'];
}

/**
 * What a raise did, and the notification still owed for the alert. The notice is written with the
 * raise itself and cleared once queued, so a worker that dies in between leaves it on the alert: the
 * retried job's raise finds the evidence already in ('unchanged') and hands the notice back.
 */
export interface RaiseOutcome {
  kind: 'new' | 'escalated' | 'updated' | 'unchanged' | 'suppressed';
  alertId: string | null;
  pendingNotice: PendingNotice | null;
}

function alertKey(type: AlertType, subject: AlertSubject): string {
  return subject.authorId === null
    ? [type, subject.watchId].join('|')
    : [type, subject.watchId, subject.source, subject.authorId].join('|');
}

function toEvidence(mention: Mention): AlertEvidence {
  return {
    mentionId: mention.id,
    excerpt: excerpt(mention.text),
    url: mention.url,
    score: mention.analysis?.score ?? 0,
    createdAt: mention.createdAt,
  };
}

export function excerpt(text: string, max = 280): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export class AlertRepository {
  private readonly collection: Collection<AlertDoc>;

  /** Reads, lists and changes for the API's triage routes. */
  readonly triage: AlertTriage;

  constructor(
    db: Db,
    private readonly authors: AuthorRepository,
  ) {
    this.collection = db.collection<AlertDoc>('alerts');
    this.triage = new AlertTriage(this.collection, authors);
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.collection, [
      { key: { openKey: 1 }, name: 'one_active_alert', unique: true, sparse: true },
      { key: { alertKey: 1, closedAt: -1 }, name: 'subject_closed' },
      { key: { createdAt: -1, _id: -1 }, name: 'newest' },
      { key: { watchId: 1, createdAt: -1, _id: -1 }, name: 'watch_newest' },
      { key: { type: 1, status: 1, createdAt: -1, _id: -1 }, name: 'type_status_newest' },
      ...TRIAGE_INDEXES,
    ]);
  }

  /**
   * Opens an alert for the subject (an author, or the whole watch), or adds new evidence to the one
   * active: severity only rises, the explanation follows the highest score, and a mention already
   * evidence changes nothing. After a close, a new alert opens only once the cool-down has passed
   * and on evidence newer than the close.
   */
  async raise(
    decision: AlertDecision,
    subject: AlertSubject,
    mentions: Mention[],
    cooldownMs: number,
    earlier?: { ids: string[]; load: (ids: string[]) => Promise<Mention[]> },
  ): Promise<RaiseOutcome> {
    const key = alertKey(decision.type, subject);
    const active = await this.collection.findOne(
      { openKey: key },
      { projection: { evidenceIds: 1, severityRank: 1, score: 1, pendingNotice: 1 } },
    );
    // Earlier evidence is loaded only when the active alert does not hold it yet.
    const missing = earlier?.ids.filter((id) => !active?.evidenceIds.includes(id)) ?? [];
    const loaded = missing.length > 0 && earlier ? await earlier.load(missing) : [];
    const fresh = [...loaded, ...mentions].filter((m) => !active?.evidenceIds.includes(m.id));
    if (fresh.length === 0) {
      return {
        kind: 'unchanged',
        alertId: active?._id.toHexString() ?? null,
        pendingNotice: active?.pendingNotice ?? null,
      };
    }
    if (!active && (await this.coolingDown(key, fresh, cooldownMs))) {
      return { kind: 'suppressed', alertId: null, pendingNotice: null };
    }
    const rank = severityRank(decision.severity);
    const notice: PendingNotice | null = !active
      ? { event: 'new', severity: decision.severity }
      : rank > active.severityRank
        ? { event: 'escalated', severity: decision.severity }
        : null;
    const now = new Date();
    const explanation =
      !active || decision.score >= (active.score ?? 0)
        ? { reason: decision.reason, factors: decision.factors, score: decision.score }
        : {};
    const filter = { openKey: key, evidenceIds: { $nin: fresh.map((m) => m.id) } };
    const update = {
      $setOnInsert: {
        type: decision.type,
        status: 'open' as const,
        alertKey: key,
        watchId: subject.watchId,
        source: subject.source,
        authorId: subject.authorId,
        createdAt: now,
        closedAt: null,
      },
      $set: {
        authorHandle: subject.authorHandle,
        updatedAt: now,
        ...explanation,
        ...(notice && { pendingNotice: notice }),
      },
      $max: { severityRank: rank },
      $inc: { evidenceCount: fresh.length },
      $push: {
        evidence: { $each: fresh.map(toEvidence), $slice: -EVIDENCE_KEPT },
        evidenceIds: { $each: fresh.map((m) => m.id), $slice: -EVIDENCE_IDS_KEPT },
      },
    } as UpdateFilter<AlertDoc>;
    const options = { returnDocument: 'after' as const, includeResultMetadata: true as const };
    let result;
    try {
      result = await this.collection.findOneAndUpdate(filter, update, {
        ...options,
        upsert: true,
      });
    } catch (error) {
      if (!isDuplicateKey(error)) {
        throw error;
      }
      // Either this evidence is already in, or another job opened the alert a moment ago: in the
      // second case the plain update lands; in the first it matches nothing.
      result = await this.collection.findOneAndUpdate(filter, update, options);
    }
    const after = result.value;
    if (!after) {
      return { kind: 'unchanged', alertId: null, pendingNotice: null };
    }
    const alertId = after._id.toHexString();
    const pendingNotice = after.pendingNotice ?? null;
    if (!result.lastErrorObject?.updatedExisting) {
      return { kind: 'new', alertId, pendingNotice };
    }
    // Compared with the severity read above; a twin job racing in between at most repeats 'updated'.
    const kind = rank > (active?.severityRank ?? rank) ? 'escalated' : 'updated';
    return { kind, alertId, pendingNotice };
  }

  /**
   * Adds mentions to the subject's active alert of this type as evidence, if there is one and they
   * are not in it yet. Severity, explanation and notices stay as they are. True if it changed.
   */
  async attachEvidence(
    type: AlertType,
    subject: AlertSubject,
    mentions: Mention[],
  ): Promise<boolean> {
    const ids = mentions.map((m) => m.id);
    const result = await this.collection.updateOne(
      { openKey: alertKey(type, subject), evidenceIds: { $nin: ids } },
      {
        $set: { updatedAt: new Date() },
        $inc: { evidenceCount: mentions.length },
        $push: {
          evidence: { $each: mentions.map(toEvidence), $slice: -EVIDENCE_KEPT },
          evidenceIds: { $each: ids, $slice: -EVIDENCE_IDS_KEPT },
        },
      },
    );
    return result.modifiedCount > 0;
  }

  /** The notice has been queued for every channel: forget it, unless a newer one replaced it. */
  async noticeQueued(alertId: string, notice: PendingNotice): Promise<void> {
    await this.collection.updateOne(
      {
        _id: new ObjectId(alertId),
        'pendingNotice.event': notice.event,
        'pendingNotice.severity': notice.severity,
      },
      { $unset: { pendingNotice: '' } },
    );
  }

  /** True while the subject's last closed alert forbids a new one (cool-down, or no newer evidence). */
  private async coolingDown(key: string, fresh: Mention[], cooldownMs: number): Promise<boolean> {
    const closed = await this.collection.findOne(
      { alertKey: key, closedAt: { $ne: null } },
      { sort: { closedAt: -1 }, projection: { closedAt: 1 } },
    );
    if (!closed?.closedAt) {
      return false;
    }
    const closedAt = closed.closedAt.getTime();
    const newest = Math.max(...fresh.map((m) => m.createdAt.getTime()));
    return Date.now() - closedAt < cooldownMs || newest <= closedAt;
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
   * Closing counts as the team's answer to the author (their profile's `answeredAt`).
   */
  async close(id: string, status: 'resolved' | 'dismissed'): Promise<boolean> {
    const now = new Date();
    const closed = await this.collection.findOneAndUpdate(
      { _id: new ObjectId(id), openKey: { $exists: true } },
      closeUpdate(status, now),
    );
    if (closed) {
      await markAnswered(this.authors, closed, now);
    }
    return closed !== null;
  }

  async count(query: AlertQuery = {}): Promise<number> {
    return this.collection.countDocuments(toFilter(query));
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
    // FerretDB v1 drops null fields set on insert by an upsert; a watch-wide alert has none.
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
/** The team has answered the alert's author (acknowledged or closed it): their profile's `answeredAt`. */
async function markAnswered(authors: AuthorRepository, alert: AlertDoc, at: Date): Promise<void> {
  if (alert.authorId && alert.source) {
    await authors.markAnswered(profileId(alert.watchId, alert.source, alert.authorId), at);
  }
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
  constructor(
    private readonly collection: Collection<AlertDoc>,
    private readonly authors: AuthorRepository,
  ) {}

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
    const keys = ALERT_SORTS[sort];
    const filter = { $and: [alertSearchFilter(search), keysetFilter(keys, after)] };
    const cursor = this.collection
      .find(filter as Filter<AlertDoc>)
      .sort(sortOf(keys))
      .limit(limit);
    const docs = await readWithin(cursor, budget);
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
        const changed = await this.collection.findOne({ _id: new ObjectId(id) });
        if (changed && changed.status !== 'open' && plan.set.status !== undefined) {
          await markAnswered(this.authors, changed, now);
        }
        return changed ? toAlert(changed) : alert;
      }
    }
    throw new ConflictError('alert', 'changed by others while this change was applied; try again');
  }
}
