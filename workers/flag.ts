import type { Job } from 'bullmq';
import { assessAdvocate } from '../analysis/alerts/advocate.js';
import { assessDisgruntled } from '../analysis/alerts/disgruntled.js';
import { negativesWithin } from '../analysis/alerts/profile.js';
import type { AlertDecision } from '../analysis/alerts/types.js';
import { hoursTouched } from '../analysis/buckets.js';
import { withOverrides, type AlertSettings } from '../config/alerting.js';
import type { AuthorProfile } from '../domain/author.js';
import type { Mention } from '../domain/mention.js';
import type { Watch } from '../domain/watch.js';
import type { FlagJob } from '../jobs/catalogue.js';
import { authorSubject, type RaiseOutcome } from '../store/alerts.js';
import type { DerivedFields } from '../store/authors.js';
import type { StageDeps } from './deps.js';
import { notifyOutcome } from './notify-enqueue.js';
import { evaluateSpikes } from './spikes.js';

/**
 * Counts each analysed mention into its author's profile and raises or updates alerts, then
 * recounts the hours the batch touched and looks for a negative spike in them. Every step is
 * idempotent, so a retried or re-run batch changes nothing twice.
 */
export async function processFlag(
  job: Job<FlagJob>,
  deps: StageDeps,
): Promise<{ flagged: number; alerts: number }> {
  const mentions = await deps.store.mentions.findUnflagged(job.data.mentionIds);
  const watch = await deps.store.watches.get(job.data.watchId);
  const settings = withOverrides(deps.config.flag, watch?.alerting?.settings);
  let alerts = 0;
  for (const mention of mentions) {
    alerts += await flagMention(deps, watch, settings, mention);
    // One small write per mention: on FerretDB v1 an updateMany over the batch's ids is slower.
    await deps.store.mentions.markFlagged(mention.id);
  }
  // Recount every hour this batch touches, also on a retry that finds nothing left to flag, so a
  // crash between flagging and counting cannot leave a bucket short.
  const batch =
    mentions.length === job.data.mentionIds.length
      ? mentions
      : await deps.store.mentions.findByIds(job.data.mentionIds);
  const hours = hoursTouched(batch.map((mention) => mention.createdAt));
  for (const hour of hours) {
    await deps.store.rollups.recount(job.data.watchId, hour);
  }
  for (const outcome of await evaluateSpikes(deps, job.data.watchId, hours, settings)) {
    alerts += await notifyOutcome(deps, watch, outcome);
  }
  deps.log.debug(
    { jobId: job.id, watchId: job.data.watchId, flagged: mentions.length, alerts },
    'flag finished',
  );
  return { flagged: mentions.length, alerts };
}

/** Profile, scores, alerts and derived fields of one mention; returns the alerts raised or updated. */
async function flagMention(
  deps: StageDeps,
  watch: Watch | null,
  settings: AlertSettings,
  mention: Mention,
): Promise<number> {
  const cooldownMs = settings.cooldownHours * 3600_000;
  const profile = await deps.store.authors.applyMention(mention);
  const outcomes: Array<{ decision: AlertDecision; outcome: RaiseOutcome }> = [];

  const angry = assessDisgruntled(profile, mention, settings);
  if (angry) {
    const outcome = await deps.store.alerts.raise(
      angry,
      authorSubject(mention),
      [mention],
      cooldownMs,
      {
        ids: earlierNegativeIds(angry, profile, mention, settings),
        load: async (ids) => sortByTime(await deps.store.mentions.findByIds(ids)),
      },
    );
    outcomes.push({ decision: angry, outcome });
  }
  const advocate = assessAdvocate(profile, mention, settings);
  const derived: DerivedFields = {};
  if (advocate.score !== profile.advocateScore) {
    derived.advocateScore = advocate.score;
  }
  if (advocate.decision) {
    const outcome = await deps.store.alerts.raise(
      advocate.decision,
      authorSubject(mention),
      [mention],
      cooldownMs,
    );
    outcomes.push({ decision: advocate.decision, outcome });
    // Set after the alert, so that a crash in between raises it again rather than never.
    derived.advocateSince = profile.advocateSince ?? mention.createdAt;
    derived.advocateAlertedScore = advocate.score;
  }
  if (Object.keys(derived).length > 0) {
    await deps.store.authors.setDerived(profile.id, derived);
  }
  let raised = 0;
  for (const { decision, outcome } of outcomes) {
    raised += await notifyOutcome(deps, watch, { decision, outcome });
  }
  return raised;
}

/**
 * When repetition counts, the author's earlier negative mentions in the window are evidence too, so
 * that a person sees all three complaints, not only the last.
 */
function earlierNegativeIds(
  decision: AlertDecision,
  profile: AuthorProfile,
  mention: Mention,
  settings: AlertSettings,
): string[] {
  if (!decision.factors.repetition) {
    return [];
  }
  return negativesWithin(profile.recent, mention.createdAt, settings.repeatWindowHours)
    .map((m) => m.id)
    .filter((id) => id !== mention.id);
}

function sortByTime(mentions: Mention[]): Mention[] {
  return mentions.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
