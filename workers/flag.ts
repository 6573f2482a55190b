import type { Job } from 'bullmq';
import { assessAdvocate } from '../analysis/alerts/advocate.js';
import { assessDisgruntled, isLateNegative } from '../analysis/alerts/disgruntled.js';
import { negativesWithin } from '../analysis/alerts/profile.js';
import { HOUR_MS, type AlertDecision } from '../analysis/alerts/types.js';
import { hourOf } from '../analysis/buckets.js';
import { withOverrides, type AlertSettings } from '../config/alerting.js';
import type { AuthorProfile } from '../domain/author.js';
import type { Mention, SentimentLabel } from '../domain/mention.js';
import type { Watch } from '../domain/watch.js';
import type { FlagJob } from '../jobs/catalogue.js';
import { authorSubject, type RaiseOutcome } from '../store/alerts.js';
import { profileId, type DerivedFields } from '../store/authors.js';
import { inFlight } from '../store/point-reads.js';
import type { StageDeps } from './deps.js';
import { notifyOutcome } from './notify-enqueue.js';
import { evaluateSpikes } from './spikes.js';

/**
 * Counts each analysed mention into its author's profile and raises or updates alerts, then
 * counts the batch into its hourly buckets and looks for a negative spike in those hours. Every step is
 * idempotent, so a retried or re-run batch changes nothing twice.
 */
export async function processFlag(
  job: Job<FlagJob>,
  deps: StageDeps,
): Promise<{ flagged: number; alerts: number }> {
  const mentions = await deps.store.mentions.findUnflagged(job.data.mentionIds);
  const watch = await deps.store.watches.get(job.data.watchId);
  const settings = withOverrides(deps.config.flag, watch?.alerting?.settings);
  // Authors in parallel, each author's mentions in order: a profile is only ever updated by one
  // write at a time (FerretDB v1 would lose one of two concurrent updates of a document).
  const raised = await inFlight([...groupByAuthor(mentions).values()], async (own) => {
    let count = 0;
    for (const mention of own) {
      count += await flagMention(deps, watch, settings, mention);
    }
    return count;
  });
  let alerts = raised.reduce((sum, count) => sum + count, 0);
  await deps.store.mentions.markFlagged(mentions.map((mention) => mention.id));
  // Count every mention of the batch into its hour, also on a retry that finds nothing left to
  // flag, so that a crash between flagging and counting cannot leave a bucket short.
  const batch =
    mentions.length === job.data.mentionIds.length
      ? mentions
      : await deps.store.mentions.findByIds(job.data.mentionIds);
  const hours = await countIntoHours(deps, job.data.watchId, batch);
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
  const outcomes: RaiseOutcome[] = [];

  const angry = assessDisgruntled(profile, mention, settings);
  if (angry) {
    const outcome = await deps.store.alerts.raise(
      angry,
      authorSubject(mention),
      [mention],
      cooldownMs,
      {
        ids: relatedNegativeIds(angry, profile, mention, settings),
        load: async (ids) => sortByTime(await deps.store.mentions.findByIds(ids)),
      },
    );
    outcomes.push(outcome);
  } else if (isLateNegative(profile, mention, settings)) {
    await deps.store.alerts.attachEvidence('disgruntled_customer', authorSubject(mention), [
      mention,
    ]);
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
    outcomes.push(outcome);
    // Set after the alert, so that a crash in between raises it again rather than never.
    derived.advocateSince = profile.advocateSince ?? mention.createdAt;
    derived.advocateAlertedScore = advocate.score;
  }
  if (Object.keys(derived).length > 0) {
    await deps.store.authors.setDerived(profile.id, derived);
  }
  let raised = 0;
  for (const outcome of outcomes) {
    raised += await notifyOutcome(deps, watch, outcome);
  }
  return raised;
}

/** The batch's mentions by author profile, each author's in the batch's (time) order. */
function groupByAuthor(mentions: Mention[]): Map<string, Mention[]> {
  const groups = new Map<string, Mention[]>();
  for (const mention of mentions) {
    const key = profileId(mention.watchId, mention.source, mention.author.id);
    const own = groups.get(key) ?? [];
    own.push(mention);
    groups.set(key, own);
  }
  return groups;
}

/** Adds the batch's analysed mentions to their hourly buckets; returns the hours touched. */
async function countIntoHours(deps: StageDeps, watchId: string, batch: Mention[]): Promise<Date[]> {
  const byHour = new Map<number, Array<{ id: string; label: SentimentLabel }>>();
  for (const mention of batch) {
    if (mention.analysis) {
      const hour = hourOf(mention.createdAt).getTime();
      const members = byHour.get(hour) ?? [];
      members.push({ id: mention.id, label: mention.analysis.label });
      byHour.set(hour, members);
    }
  }
  const hours = [...byHour.keys()].sort((a, b) => a - b).map((ms) => new Date(ms));
  for (const hour of hours) {
    await deps.store.rollups.add(watchId, hour, byHour.get(hour.getTime())!);
  }
  return hours;
}

/**
 * When repetition counts, the author's other negative mentions in the window are evidence too, so
 * that a person sees all three complaints, not only the last: the earlier ones, and newer ones
 * already flagged when this one comes late (batches retried or swept out of order after a crash).
 */
function relatedNegativeIds(
  decision: AlertDecision,
  profile: AuthorProfile,
  mention: Mention,
  settings: AlertSettings,
): string[] {
  if (!decision.factors.repetition) {
    return [];
  }
  // Both sides of the mention: the window ending one window after it, two windows long.
  const hours = settings.repeatWindowHours;
  const end = new Date(mention.createdAt.getTime() + hours * HOUR_MS);
  return negativesWithin(profile.recent, end, 2 * hours)
    .map((m) => m.id)
    .filter((id) => id !== mention.id);
}

function sortByTime(mentions: Mention[]): Mention[] {
  return mentions.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
