import type { Job } from 'bullmq';
import { advocateScore, assessAdvocate, assessDisgruntled } from '../analysis/flag.js';
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
        await deps.store.alerts.raise(decision, mention);
        alerts += 1;
      }
    }
    await deps.store.mentions.markFlagged(mention.id);
  }
  deps.log.debug(
    { jobId: job.id, watchId: job.data.watchId, flagged: mentions.length, alerts },
    'flag finished',
  );
  return { flagged: mentions.length, alerts };
}
