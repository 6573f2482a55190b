import type { AlertDecision } from '../../analysis/alerts/types.js';
import {
  alertKey,
  severityRank,
  type ActiveAlert,
  type AlertSubject,
  type AlertWrite,
  type AlertType,
  type RaiseOutcome,
} from '../../domain/alert.js';
import type { Mention } from '../../domain/mention.js';

/** What the flag stage or spike check asks of an alert, in the order it happened. */
export type AlertContribution =
  | {
      kind: 'raise';
      decision: AlertDecision;
      subject: AlertSubject;
      mentions: Mention[];
      /** Earlier mentions that belong in the evidence too (an author's other complaints). */
      earlierIds?: string[];
    }
  | { kind: 'attach'; type: AlertType; subject: AlertSubject; mentions: Mention[] };

export interface PlanContext {
  active: Map<string, ActiveAlert>;
  /** When the subject's last closed alert was closed, per key. */
  lastClosed: Map<string, Date>;
  /** Earlier evidence loaded by id. */
  earlier: Map<string, Mention>;
  now: Date;
  cooldownMs: number;
}

export interface KeyPlan {
  key: string;
  write: AlertWrite | null;
  outcome: RaiseOutcome;
}

const typeOf = (c: AlertContribution): AlertType => (c.kind === 'raise' ? c.decision.type : c.type);

/** The contributions by alert key, each key's in the order given. */
export function byKey(contributions: AlertContribution[]): Map<string, AlertContribution[]> {
  const groups = new Map<string, AlertContribution[]>();
  for (const contribution of contributions) {
    const key = alertKey(typeOf(contribution), contribution.subject);
    groups.set(key, [...(groups.get(key) ?? []), contribution]);
  }
  return groups;
}

/** True while the last close forbids a new alert: within the cool-down, or no newer evidence. */
function coolingDown(closedAt: Date | undefined, fresh: Mention[], context: PlanContext): boolean {
  if (!closedAt) {
    return false;
  }
  const newest = Math.max(...fresh.map((m) => m.createdAt.getTime()));
  return (
    context.now.getTime() - closedAt.getTime() < context.cooldownMs || newest <= closedAt.getTime()
  );
}

/**
 * Folds one key's contributions into at most one write: severity only rises, the explanation
 * follows the highest score, a mention already evidence adds nothing, and after a close a new alert
 * opens only past the cool-down and on newer evidence.
 */
export function planKey(key: string, contributions: AlertContribution[], context: PlanContext) {
  const active = context.active.get(key) ?? null;
  const seen = new Set(active?.evidenceIds ?? []);
  let write: AlertWrite | null = null;
  let suppressed = false;
  const freshOf = (mentions: Mention[]) => mentions.filter((m) => !seen.has(m.id));
  for (const contribution of contributions) {
    const earlier = contribution.kind === 'raise' ? (contribution.earlierIds ?? []) : [];
    const loaded = earlier.flatMap((id) => context.earlier.get(id) ?? []);
    const fresh = freshOf([...loaded, ...contribution.mentions]);
    if (!active && !write) {
      if (contribution.kind === 'attach' || fresh.length === 0) {
        continue;
      }
      if (coolingDown(context.lastClosed.get(key), fresh, context)) {
        suppressed = true;
        continue;
      }
    }
    write ??= {
      key,
      activeId: active?.id ?? null,
      type: typeOf(contribution),
      subject: contribution.subject,
      evidence: [],
      severityRank: active?.severityRank ?? -1,
      explanation: null,
      notice: null,
      rev: active?.rev ?? 0,
    };
    fresh.forEach((m) => seen.add(m.id));
    write.evidence.push(...fresh);
    write.subject = contribution.subject;
    if (contribution.kind === 'raise') {
      fold(write, contribution.decision, active);
    }
  }
  return finish(key, write, active, suppressed);
}

function fold(write: AlertWrite, decision: AlertDecision, active: ActiveAlert | null): void {
  const rank = severityRank(decision.severity);
  const best = write.explanation?.score ?? active?.score ?? -Infinity;
  if (decision.score >= best) {
    write.explanation = {
      reason: decision.reason,
      factors: decision.factors,
      score: decision.score,
    };
  }
  if (rank > write.severityRank) {
    write.severityRank = rank;
    write.notice = { event: active ? 'escalated' : 'new', severity: decision.severity };
  }
}

function finish(
  key: string,
  write: AlertWrite | null,
  active: ActiveAlert | null,
  suppressed: boolean,
): KeyPlan {
  const changed =
    write !== null &&
    (write.evidence.length > 0 ||
      write.severityRank > (active?.severityRank ?? -1) ||
      (write.explanation !== null && write.explanation.score > (active?.score ?? -Infinity)));
  if (!write || !changed) {
    const kind = suppressed ? 'suppressed' : 'unchanged';
    return {
      key,
      write: null,
      outcome: { kind, alertId: active?.id ?? null, pendingNotice: active?.pendingNotice ?? null },
    };
  }
  const kind = !active ? 'new' : write.notice ? 'escalated' : 'updated';
  return {
    key,
    write,
    outcome: {
      kind,
      alertId: active?.id ?? null,
      pendingNotice: write.notice ?? active?.pendingNotice ?? null,
    },
  };
}
