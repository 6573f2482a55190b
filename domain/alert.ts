export const ALERT_TYPES = ['disgruntled_customer', 'emerging_advocate', 'negative_spike'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved', 'dismissed'] as const;
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

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
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
