import type { Mention } from './mention.js';
import { ALERT_STATUSES, ALERT_TYPES, SEVERITIES } from './vocabulary.js';

export { ALERT_STATUSES, ALERT_TYPES, SEVERITIES };

export type AlertType = (typeof ALERT_TYPES)[number];

export type AlertStatus = (typeof ALERT_STATUSES)[number];

/**
 * Where a person may move an alert's status. Resolved and dismissed are final: closing frees the
 * author's slot (`openKey`), and new evidence afterwards opens a new alert.
 */
export const ALERT_TRANSITIONS: Record<AlertStatus, readonly AlertStatus[]> = {
  open: ['acknowledged', 'resolved', 'dismissed'],
  acknowledged: ['open', 'resolved', 'dismissed'],
  resolved: [],
  dismissed: [],
};

export function canTransition(from: AlertStatus, to: AlertStatus): boolean {
  return ALERT_TRANSITIONS[from].includes(to);
}

export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export interface AlertEvidence {
  mentionId: string;
  excerpt: string;
  url: string | null;
  score: number;
  createdAt: Date;
}

export interface AlertNote {
  at: Date;
  by: string;
  text: string;
}

/** One change a person made to an alert: who (the API key's name), when, which field, from → to. */
export interface AlertChange {
  at: Date;
  by: string;
  field: 'status' | 'assignee' | 'tags' | 'note';
  from: unknown;
  to: unknown;
}

export interface Alert {
  id: string;
  type: AlertType;
  status: AlertStatus;
  severity: Severity;
  watchId: string;
  /** Null for a watch-wide alert (negative_spike). */
  source: string | null;
  authorId: string | null;
  authorHandle: string | null;
  /** Why the alert was raised, in words a person reads. */
  reason: string;
  /** The score of the latest assessment, and each named factor's contribution to it. */
  score: number;
  factors: Record<string, number>;
  /** The latest evidence mentions (bounded); `evidenceCount` counts them all. */
  evidence: AlertEvidence[];
  evidenceCount: number;
  createdAt: Date;
  updatedAt: Date;
  /** Triage, set through the API: who has it, labels, notes, and the log of every change. */
  assignee: string | null;
  tags: string[];
  notes: AlertNote[];
  history: AlertChange[];
  /** When it was resolved or dismissed (null while active). */
  closedAt: Date | null;
}

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

export function watchSubject(watchId: string): AlertSubject {
  return { watchId, source: null, authorId: null, authorHandle: null };
}

/** One active alert per type and subject: this key is unique among open and acknowledged alerts. */
export function alertKey(type: AlertType, subject: AlertSubject): string {
  return subject.authorId === null
    ? [type, subject.watchId].join('|')
    : [type, subject.watchId, subject.source, subject.authorId].join('|');
}

/** A new or escalated alert's notification, to be handed to the watch's channels. */
export interface PendingNotice {
  event: 'new' | 'escalated';
  severity: Severity;
}

/**
 * What a raise did, and the notification still owed for the alert. The notice is written with the
 * raise itself and cleared once queued, so a worker that dies in between leaves it on the alert: the
 * retried job finds the evidence already in ('unchanged') and hands the notice back.
 */
export interface RaiseOutcome {
  kind: 'new' | 'escalated' | 'updated' | 'unchanged' | 'suppressed';
  alertId: string | null;
  pendingNotice: PendingNotice | null;
}

export function excerpt(text: string, max = 280): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function toEvidence(mention: Mention): AlertEvidence {
  return {
    mentionId: mention.id,
    excerpt: excerpt(mention.text),
    url: mention.url,
    score: mention.analysis?.score ?? 0,
    createdAt: mention.createdAt,
  };
}

/** The part of the subject's active alert that planning needs. */
export interface ActiveAlert {
  id: string;
  evidenceIds: string[];
  severityRank: number;
  score: number;
  pendingNotice: PendingNotice | null;
  /** The revision it was read at: a write planned on it lands only at this revision. */
  rev: number;
}

/** One write to one alert: open it (activeId null) or add to the active one. */
export interface AlertWrite {
  key: string;
  activeId: string | null;
  type: AlertType;
  subject: AlertSubject;
  evidence: Mention[];
  severityRank: number;
  explanation: { reason: string; factors: Record<string, number>; score: number } | null;
  notice: PendingNotice | null;
  /** The active alert's revision the write was planned on (0 for a new alert). */
  rev: number;
}
