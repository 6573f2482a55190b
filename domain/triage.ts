import { canTransition, type Alert, type AlertChange, type AlertStatus } from './alert.js';
import { ConflictError } from './errors.js';

/** What a person asks to change on an alert (PATCH /alerts/:id). */
export interface TriageRequest {
  status?: AlertStatus;
  assignee?: string | null;
  tags?: string[];
  note?: string;
}

export interface TriagePlan {
  set: { status?: AlertStatus; assignee?: string | null; tags?: string[] };
  note: { at: Date; by: string; text: string } | null;
  history: AlertChange[];
  /** True when the status moves to resolved or dismissed. */
  closes: boolean;
}

function sameTags(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((tag, index) => tag === b[index]);
}

/**
 * The changes to make and to log, or a ConflictError for a status move the transition table
 * forbids. Fields set to the value they have already change nothing and log nothing.
 */
export function planTriage(alert: Alert, request: TriageRequest, by: string, at: Date): TriagePlan {
  const plan: TriagePlan = { set: {}, note: null, history: [], closes: false };
  if (request.status !== undefined && request.status !== alert.status) {
    if (!canTransition(alert.status, request.status)) {
      throw new ConflictError(
        'status',
        `an alert cannot go from ${alert.status} to ${request.status}`,
      );
    }
    plan.set.status = request.status;
    plan.closes = request.status === 'resolved' || request.status === 'dismissed';
    plan.history.push({ at, by, field: 'status', from: alert.status, to: request.status });
  }
  if (request.assignee !== undefined && request.assignee !== alert.assignee) {
    plan.set.assignee = request.assignee;
    plan.history.push({ at, by, field: 'assignee', from: alert.assignee, to: request.assignee });
  }
  if (request.tags !== undefined) {
    const tags = [...new Set(request.tags)].sort();
    if (!sameTags(tags, alert.tags)) {
      plan.set.tags = tags;
      plan.history.push({ at, by, field: 'tags', from: alert.tags, to: tags });
    }
  }
  if (request.note !== undefined) {
    plan.note = { at, by, text: request.note };
    plan.history.push({ at, by, field: 'note', from: null, to: request.note });
  }
  return plan;
}
