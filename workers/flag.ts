import type { Job } from 'bullmq';
import { assessAdvocate } from '../analysis/alerts/advocate.js';
import { assessDisgruntled, isLateNegative } from '../analysis/alerts/disgruntled.js';
import { negativesWithin } from '../analysis/alerts/profile.js';
import type { AlertDecision } from '../analysis/alerts/types.js';
import { hoursTouched } from '../analysis/buckets.js';
import { withOverrides, type AlertSettings } from '../domain/alert-settings.js';
import { authorSubject, type RaiseOutcome } from '../domain/alert.js';
import { countMention, emptyProfile, profileId, profileView } from '../domain/author.js';
import type { AuthorProfile, StoredProfile } from '../domain/author.js';
import {
  flagged,
  isAnalysed,
  type AnalysedMention,
  type Mention,
  type SentimentLabel,
} from '../domain/mention.js';
import { CONTENTION_ROUNDS, contentionPause } from '../domain/retry.js';
import { HOUR_MS, hourOf } from '../domain/time.js';
import type { Watch } from '../domain/watch.js';
import type { FlagJob } from '../jobs/catalogue.js';
import { AlertService } from '../services/alerts/service.js';
import type { AlertContribution } from '../services/alerts/plan.js';
import type { RevisedProfile } from '../store/authors.js';
import type { StageDeps } from './deps.js';
import { noticeWanted, notifyOutcomes } from './notify-enqueue.js';
import { evaluateSpikes } from './spikes.js';

/**
 * Counts a batch of analysed mentions into their authors' profiles and raises or updates alerts,
 * then counts the batch into its hourly buckets and looks for a negative spike in those hours.
 * Reads and writes go by batch: one read of the profiles, one of the active alerts, one bulkWrite
 * of each. Every write is guarded, so a retried batch, or two workers on one author at once,
 * count nothing twice and lose nothing.
 */
export async function processFlag(
  job: Job<FlagJob>,
  deps: StageDeps,
): Promise<{ flagged: number; alerts: number }> {
  const batch = (await deps.store.mentions.findByIds(job.data.mentionIds)).filter(isAnalysed);
  // A mention is through this stage once its hour's bucket counts it: that is the stage's last
  // counting write, so no mark of its own is written on the mention.
  const counted = await deps.store.rollups.countedAmong(batch);
  const unflagged = batch.filter((m) => !flagged(m, counted)).sort(byTime);
  const watch = await deps.store.watches.get(job.data.watchId);
  const settings = withOverrides(deps.config.flag, watch?.alerting?.settings);
  const alerts = new AlertService(deps.store);
  let raised = 0;
  let todo = unflagged;
  for (let round = 0; round < CONTENTION_ROUNDS && todo.length > 0; round += 1) {
    if (round > 0) {
      await contentionPause(round);
    }
    const counted = await countBatch(deps, alerts, settings, watch, todo);
    raised += await notifyOutcomes(deps, watch, counted.outcomes);
    todo = todo.filter((m) => counted.conflicts.has(profileOf(m)));
  }
  if (todo.length > 0) {
    throw new Error(`author profiles kept changing under flag job ${job.id}; it will be retried`);
  }
  // The mentions are counted into their hours last (a set union: counting twice changes nothing):
  // a crash before it leaves them to a retry or the sweeper, and profiles and alerts skip what they
  // counted already. Only those not counted yet join a set: one counted before may have been scored
  // again since, and must not enter a second label's set. Every hour of the batch has its counts
  // brought up to its sets and is checked for a spike, so that a retry after a crash in between
  // still does both.
  const hours = hoursTouched(batch.map((m) => m.createdAt));
  await countIntoHours(deps, job.data.watchId, hours, unflagged);
  const spikes = await evaluateSpikes(deps, alerts, watch, job.data.watchId, hours, settings);
  raised += await notifyOutcomes(deps, watch, spikes);
  deps.log.debug(
    { jobId: job.id, watchId: job.data.watchId, flagged: unflagged.length, alerts: raised },
    'flag finished',
  );
  return { flagged: unflagged.length, alerts: raised };
}

/**
 * One round: reads the batch's profiles, counts each mention in (oldest first) and assesses it on
 * the profile as it stands after it, writes the alerts, then the profiles. Profiles go last so that
 * a crash in between counts the mentions again rather than never alert on them. Returns the alert
 * outcomes and the profiles whose guarded write met another job's change.
 */
async function countBatch(
  deps: StageDeps,
  alerts: AlertService,
  settings: AlertSettings,
  watch: Watch | null,
  mentions: Mention[],
): Promise<{ outcomes: RaiseOutcome[]; conflicts: Set<string> }> {
  const stored = await deps.store.authors.findStored([...new Set(mentions.map(profileOf))]);
  const contributions: AlertContribution[] = [];
  const changed = new Map<string, RevisedProfile>();
  for (const mention of mentions) {
    const id = profileOf(mention);
    const current = changed.get(id) ??
      stored.get(id) ?? { profile: emptyProfile(mention), rev: null };
    if (current.profile.appliedIds.includes(mention.id)) {
      continue;
    }
    const profile = countMention(current.profile, mention);
    contributions.push(...assess(profile, mention, settings));
    changed.set(id, { profile, rev: current.rev });
  }
  const outcomes = await alerts.apply(contributions, settings.cooldownHours * HOUR_MS, {
    noticeWanted: noticeWanted(watch),
  });
  const conflicts = await deps.store.authors.writeStored([...changed.values()]);
  return { outcomes, conflicts };
}

/**
 * What one mention means for alerts, judged on its author's profile with it counted in. Sets the
 * profile's advocate fields (written with the profile, after the alert).
 */
export function assess(
  profile: StoredProfile,
  mention: Mention,
  settings: AlertSettings,
): AlertContribution[] {
  const view = profileView(profile);
  const subject = authorSubject(mention);
  const found: AlertContribution[] = [];
  const angry = assessDisgruntled(view, mention, settings);
  if (angry) {
    const earlierIds = relatedNegativeIds(angry, view, mention, settings);
    found.push({ kind: 'raise', decision: angry, subject, mentions: [mention], earlierIds });
  } else if (isLateNegative(view, mention, settings)) {
    found.push({ kind: 'attach', type: 'disgruntled_customer', subject, mentions: [mention] });
  }
  const advocate = assessAdvocate(view, mention, settings);
  profile.advocateScore = advocate.score;
  if (advocate.decision) {
    found.push({ kind: 'raise', decision: advocate.decision, subject, mentions: [mention] });
    profile.advocateSince = profile.advocateSince ?? mention.createdAt;
    profile.advocateAlertedScore = advocate.score;
  }
  return found;
}

/** Counts analysed mentions into their hourly buckets, and brings every hour's counts up to date. */
async function countIntoHours(
  deps: StageDeps,
  watchId: string,
  hours: Date[],
  batch: AnalysedMention[],
): Promise<void> {
  const byHour = new Map<number, Array<{ id: string; label: SentimentLabel }>>(
    hours.map((hour) => [hour.getTime(), []]),
  );
  for (const mention of batch) {
    const hour = hourOf(mention.createdAt).getTime();
    const counted = byHour.get(hour) ?? [];
    counted.push({ id: mention.id, label: mention.analysis.label });
    byHour.set(hour, counted);
  }
  await deps.store.rollups.addBatch(watchId, byHour);
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

function profileOf(mention: Mention): string {
  return profileId(mention.watchId, mention.source, mention.author.id);
}

function byTime(a: Mention, b: Mention): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
}
