import type { ActiveAlert, Alert, RaiseOutcome, Severity } from '../../domain/alert.js';
import { profileId } from '../../domain/author.js';
import { CONTENTION_ROUNDS, contentionPause } from '../../domain/retry.js';
import type { TriageRequest } from '../../domain/triage.js';
import type { Mention } from '../../domain/mention.js';
import type { Store } from '../../store/db.js';
import { byKey, planKey, type AlertContribution, type KeyPlan } from './plan.js';

/**
 * Owns the alert rules: raising, escalating, cool-down, evidence and notices. The flag stage and
 * the spike check hand it what they found; it reads what it needs for a whole batch at once, plans
 * every alert's change in memory, and writes them in one bulkWrite.
 */
export class AlertService {
  constructor(private readonly store: Store) {}

  /** Applies a batch's contributions; one outcome per alert key touched. */
  async apply(
    contributions: AlertContribution[],
    cooldownMs: number,
    options: { now?: Date; noticeWanted?: (severity: Severity) => boolean } = {},
  ): Promise<RaiseOutcome[]> {
    const now = options.now ?? new Date();
    const wanted = options.noticeWanted ?? (() => true);
    const groups = byKey(contributions);
    const outcomes = new Map<string, RaiseOutcome>();
    let pending = [...groups.keys()];
    for (let round = 0; round < CONTENTION_ROUNDS && pending.length > 0; round += 1) {
      if (round > 0) {
        await contentionPause(round);
      }
      const plans = (await this.plan(pending, groups, cooldownMs, now)).map((plan) =>
        withoutUnwantedNotice(plan, wanted),
      );
      const writes = plans.flatMap((plan) => (plan.write ? [plan.write] : []));
      const { opened, conflicts } = await this.store.alerts.applyWrites(writes, now);
      for (const plan of plans) {
        if (!conflicts.has(plan.key)) {
          outcomes.set(plan.key, {
            ...plan.outcome,
            alertId: plan.outcome.alertId ?? opened.get(plan.key) ?? null,
          });
        }
      }
      pending = [...conflicts];
    }
    if (pending.length > 0) {
      throw new Error(
        `alerts ${pending.join(', ')} kept changing under this batch; it will be retried`,
      );
    }
    return [...outcomes.values()];
  }

  /**
   * Applies a person's change to an alert. Moving it out of open (acknowledged, resolved,
   * dismissed) is the team's answer to the author: their profile's unanswered clock starts over.
   */
  async triage(id: string, request: TriageRequest, by: string, now = new Date()): Promise<Alert> {
    const { alert, answered } = await this.store.alerts.triage.apply(id, request, by, now);
    if (answered) {
      await this.answered(alert, now);
    }
    return alert;
  }

  /** Closes an active alert (false when it was not active), as the team's answer to its author. */
  async close(id: string, status: 'resolved' | 'dismissed', now = new Date()): Promise<boolean> {
    const closed = await this.store.alerts.close(id, status, now);
    if (closed) {
      await this.answered(closed, now);
    }
    return closed !== null;
  }

  private async answered(alert: Alert, at: Date): Promise<void> {
    if (alert.authorId && alert.source) {
      await this.store.authors.markAnswered(
        profileId(alert.watchId, alert.source, alert.authorId),
        at,
      );
    }
  }

  /** Reads the keys' active alerts, last closes and earlier evidence, then plans each key. */
  private async plan(
    keys: string[],
    groups: Map<string, AlertContribution[]>,
    cooldownMs: number,
    now: Date,
  ): Promise<KeyPlan[]> {
    const { active, lastClosed } = await this.store.alerts.findForKeys(keys);
    const earlier = await this.loadEarlier(keys, groups, active);
    const context = { active, lastClosed, earlier, now, cooldownMs };
    return keys.map((key) => planKey(key, groups.get(key) ?? [], context));
  }

  /** Earlier evidence not in the batch itself, in one read. */
  private async loadEarlier(
    keys: string[],
    groups: Map<string, AlertContribution[]>,
    active: Map<string, ActiveAlert>,
  ): Promise<Map<string, Mention>> {
    const inBatch = new Map<string, Mention>();
    const wanted = new Set<string>();
    for (const key of keys) {
      for (const contribution of groups.get(key) ?? []) {
        contribution.mentions.forEach((m) => inBatch.set(m.id, m));
        // Only evidence the key's active alert does not hold yet.
        const held = new Set(active.get(key)?.evidenceIds ?? []);
        if (contribution.kind === 'raise') {
          contribution.earlierIds?.filter((id) => !held.has(id)).forEach((id) => wanted.add(id));
        }
      }
    }
    const missing = [...wanted].filter((id) => !inBatch.has(id));
    const loaded = missing.length > 0 ? await this.store.mentions.findByIds(missing) : [];
    loaded.forEach((m) => inBatch.set(m.id, m));
    return inBatch;
  }
}

/** A notice no channel takes is not owed: nothing is written for it, nothing handed back. */
function withoutUnwantedNotice(plan: KeyPlan, wanted: (severity: Severity) => boolean): KeyPlan {
  const notice = plan.write?.notice;
  if (!notice || wanted(notice.severity)) {
    return plan;
  }
  return {
    ...plan,
    write: plan.write && { ...plan.write, notice: null },
    outcome: { ...plan.outcome, pendingNotice: null },
  };
}
