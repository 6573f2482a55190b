import type { Job } from 'bullmq';
import {
  advocateScore,
  assessAdvocate,
  assessDisgruntled,
  type AlertDecision,
} from '../analysis/flag.js';
import { hoursTouched } from '../analysis/buckets.js';
import type { AuthorProfile } from '../domain/author.js';
import type { Mention } from '../domain/mention.js';
import type { FlagJob } from '../jobs/catalogue.js';
import type { StageDeps } from './deps.js';

/**
 * Counts each analysed mention into its author's profile and raises or updates alerts. Every step
 * is idempotent, so a retried or re-run batch changes nothing twice.
 */
export async function processFlag(
  job: Job<FlagJob>,
  deps: StageDeps,
): Promise<{ flagged: number; alerts: number }> {
  const mentions = await deps.store.mentions.findUnflagged(job.data.mentionIds);
  const thresholds = deps.config.flag;
  let alerts = 0;
  for (const mention of mentions) {
    const profile = await deps.store.authors.applyMention(mention);
    const score = advocateScore(profile);
    if (score !== profile.advocateScore) {
      await deps.store.authors.setAdvocateScore(profile.id, score);
    }
    const decisions = [
      assessDisgruntled(profile, mention, thresholds),
      assessAdvocate(profile, mention, thresholds),
    ];
    for (const decision of decisions) {
      if (decision) {
        for (const earlier of await earlierEvidence(deps, decision, profile, mention)) {
          await deps.store.alerts.raise(decision, earlier);
        }
        await deps.store.alerts.raise(decision, mention);
        alerts += 1;
      }
    }
    await deps.store.mentions.markFlagged(mention.id);
  }
  // Recount every hour this batch touches, also on a retry that finds nothing left to flag, so a
  // crash between flagging and counting cannot leave a bucket short.
  const batch =
    mentions.length === job.data.mentionIds.length
      ? mentions
      : await deps.store.mentions.findByIds(job.data.mentionIds);
  for (const hour of hoursTouched(batch.map((mention) => mention.createdAt))) {
    await deps.store.rollups.recount(job.data.watchId, hour);
  }
  deps.log.debug(
    { jobId: job.id, watchId: job.data.watchId, flagged: mentions.length, alerts },
    'flag finished',
  );
  return { flagged: mentions.length, alerts };
}

/**
 * When repetition made the alert, the author's earlier negative mentions in the window are its
 * evidence too, so that a person sees all three complaints, not only the last.
 */
async function earlierEvidence(
  deps: StageDeps,
  decision: AlertDecision,
  profile: AuthorProfile,
  mention: Mention,
): Promise<Mention[]> {
  if (decision.type !== 'disgruntled_customer' || !decision.factors.repetition) {
    return [];
  }
  const since = mention.createdAt.getTime() - deps.config.flag.windowHours * 3600_000;
  const ids = profile.recentNegativeIds.filter((id) => id !== mention.id);
  const earlier = await deps.store.mentions.findByIds(ids);
  return earlier
    .filter((m) => m.createdAt.getTime() > since && m.createdAt <= mention.createdAt)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
