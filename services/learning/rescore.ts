import { analyzeBatch, type Scorer } from '../../analysis/batch.js';
import type { AnalyzeOptions } from '../../analysis/types.js';
import type { AlertSettings } from '../../domain/alert-settings.js';
import { profileId } from '../../domain/author.js';
import {
  flagged,
  isAnalysed,
  scoredBy,
  type Mention,
  type MentionAnalysis,
} from '../../domain/mention.js';
import { CONTENTION_ROUNDS, contentionPause } from '../../domain/retry.js';
import { DAY_MS } from '../../domain/time.js';
import type { RescoreJob } from '../../jobs/catalogue.js';
import type { Producer } from '../../jobs/producer.js';
import type { RevisedProfile } from '../../store/authors.js';
import type { Store } from '../../store/db.js';
import type { AlertContribution } from '../alerts/plan.js';
import { loadScorer } from './models.js';
import { recountProfile, type Assess } from './recount.js';

/** Mentions re-scored per page: one read of the page, of its authors, and one write of each. */
export const RESCORE_PAGE = 200;

/** What a re-scoring run works with. */
export interface RescoreRun {
  store: Store;
  /** The watch's analyzer options (`watch.analysis`). */
  options: AnalyzeOptions;
  settings: AlertSettings;
  assess: Assess;
  /** Applies alert contributions and hands on the notices they owe; returns alerts opened or changed. */
  raise: (contributions: AlertContribution[]) => Promise<number>;
  /** RESCORE_DAYS: how far back from the switch mentions are scored again; 0 turns it off. */
  days: number;
  now: Date;
  pageSize?: number;
}

export interface RescoreOutcome {
  /** Mentions of the window read. */
  read: number;
  /** Scored again with the new model (their analysis now names it). */
  rescored: number;
  /** Of those, whose label, score, confidence or intents changed. */
  changed: number;
  /** Not through the flag stage yet: left to it, scored as they were stored. */
  pending: number;
  /** Author profiles counted again. */
  profiles: number;
  /** Alerts opened or changed. */
  alerts: number;
  /** True when the watch switched again meanwhile: the newer switch's job does the rest. */
  superseded: boolean;
}

/**
 * Asks for the re-scoring that follows the watch's model switch; nothing when `days` is 0 or the
 * watch never switched. The job id comes from the watch, the version and when it was chosen, so
 * asking twice for one switch enqueues one job. Returns the job id.
 */
export async function requestRescore(
  store: Store,
  producer: Producer,
  watchId: string,
  days: number,
): Promise<string | null> {
  const current = await store.models.currentOf(watchId);
  if (days <= 0 || !current) {
    return null;
  }
  const switchedAt = current.setAt.toISOString();
  return producer.enqueue('rescore', { watchId, version: current.version, switchedAt });
}

/** Rounds a switch's re-score comes back for mentions that were still in the flag stage. */
export const RESCORE_ROUNDS = 3;

/**
 * The next round of a re-score that left mentions to the flag stage (they are usually through it
 * within seconds; the round waits as every re-score does), or null: none left, the switch was
 * superseded, or the rounds are spent (those mentions keep the model they were stored with).
 */
export function nextRound(job: RescoreJob, outcome: RescoreOutcome): RescoreJob | null {
  const round = job.round ?? 0;
  if (outcome.pending === 0 || outcome.superseded || round >= RESCORE_ROUNDS) {
    return null;
  }
  return { ...job, round: round + 1 };
}

async function stillCurrent(store: Store, job: RescoreJob): Promise<boolean> {
  const current = await store.models.currentOf(job.watchId);
  return (
    (current?.version ?? null) === job.version &&
    current?.setAt.getTime() === Date.parse(job.switchedAt)
  );
}

/**
 * Scores the watch's mentions posted in the `days` before the switch (and since) again with the
 * model it switched to, a page at a time, newest first. Per page: the authors of mentions whose
 * analysis changed get their profiles counted again from their stored mentions with the new
 * analyses in place, alerts follow those profiles, and the mentions' new analyses are written
 * last. Every step can run again: a profile counted from the mentions is the same however often it
 * is counted, alerts refuse evidence they hold, and a mention whose analysis already names the model
 * is skipped. So a run killed at any point and run again ends as one run would.
 */
export async function rescoreWatch(run: RescoreRun, job: RescoreJob): Promise<RescoreOutcome> {
  const outcome: RescoreOutcome = {
    read: 0,
    rescored: 0,
    changed: 0,
    pending: 0,
    profiles: 0,
    alerts: 0,
    superseded: false,
  };
  if (run.days <= 0) {
    return outcome;
  }
  const scorer = await loadScorer(run.store, job.watchId, job.version);
  const since = new Date(Date.parse(job.switchedAt) - run.days * DAY_MS);
  const size = run.pageSize ?? RESCORE_PAGE;
  let after: Mention | null = null;
  for (;;) {
    // Checked per page: a job of an older switch stops rather than undo a newer one's work.
    if (!scorer || !(await stillCurrent(run.store, job))) {
      outcome.superseded = true;
      return outcome;
    }
    const page = await run.store.mentions.postedSince(job.watchId, since, after, size);
    outcome.read += page.length;
    await rescorePage(run, job.watchId, scorer, page, outcome);
    if (page.length < size) {
      return outcome;
    }
    after = page.at(-1) ?? null;
  }
}

async function rescorePage(
  run: RescoreRun,
  watchId: string,
  scorer: Scorer,
  page: Mention[],
  outcome: RescoreOutcome,
): Promise<void> {
  const due = page.filter(isAnalysed).filter((m) => scoredBy(m.analysis) !== scorer.name);
  // A mention still on its way through the flag stage (not in its hour's bucket yet, nor marked by
  // an earlier version) is counted by it, with what it reads then.
  const counted = await run.store.rollups.countedAmong(due);
  const ready = due.filter((m) => flagged(m, counted));
  outcome.pending += due.length - ready.length;
  if (ready.length === 0) {
    return;
  }
  const analyses = analyzeBatch(ready, run.options, scorer);
  const fresh = new Map(ready.map((m, index) => [m.id, analyses[index]!]));
  const changed = ready.filter((m) => differs(m.analysis, fresh.get(m.id)!));
  if (changed.length > 0) {
    const counted = await recountAuthors(run, watchId, changed, fresh);
    outcome.profiles += counted.profiles;
    outcome.alerts += counted.alerts;
  }
  // The last write: a run killed before it finds these mentions as they were and does it all again.
  const replaced = await run.store.mentions.replaceAnalyses(
    ready.map((m) => ({ id: m.id, read: m.analysis.analyzedAt, analysis: fresh.get(m.id)! })),
    run.now,
  );
  if (replaced < ready.length) {
    throw new Error(
      `mentions of watch ${watchId} changed while re-scored; the job will be retried`,
    );
  }
  outcome.rescored += ready.length;
  outcome.changed += changed.length;
}

/** Whether a new analysis changes what profiles and alerts are made of. */
function differs(before: MentionAnalysis, after: MentionAnalysis): boolean {
  return (
    before.label !== after.label ||
    before.score !== after.score ||
    before.confidence !== after.confidence ||
    [...before.intents].sort().join() !== [...after.intents].sort().join()
  );
}

/**
 * Counts the profiles of the changed mentions' authors again and applies the alerts they call for,
 * then writes the profiles guarded by the revision read (alerts first, as the flag stage does: a
 * profile written with its advocate mark must not lose its alert to a crash). A profile another job
 * changed meanwhile is counted again from a fresh read.
 */
async function recountAuthors(
  run: RescoreRun,
  watchId: string,
  changed: Mention[],
  fresh: Map<string, MentionAnalysis>,
): Promise<{ profiles: number; alerts: number }> {
  const changedIds = new Set(changed.map((m) => m.id));
  const authorOf = new Map(changed.map((m) => [profileOf(m), m.author.id]));
  let todo = [...authorOf.keys()];
  let alerts = 0;
  let profiles = 0;
  for (let round = 0; round < CONTENTION_ROUNDS && todo.length > 0; round += 1) {
    if (round > 0) {
      await contentionPause(round);
    }
    const stored = await run.store.authors.findStored(todo);
    const authorIds = [...new Set(todo.map((id) => authorOf.get(id)!))];
    const theirs = await run.store.mentions.ofAuthors(watchId, authorIds);
    const counted = await run.store.rollups.countedAmong(theirs);
    const through = new Set(theirs.filter((m) => flagged(m, counted)).map((m) => m.id));
    const byProfile = groupBy(theirs, profileOf);
    const contributions: AlertContribution[] = [];
    const writes: RevisedProfile[] = [];
    for (const id of todo) {
      const before = stored.get(id) ?? null;
      const mentions = (byProfile.get(id) ?? []).map((m) => withAnalysis(m, fresh.get(m.id)));
      const recounted = recountProfile(
        before?.profile ?? null,
        mentions,
        { changedIds, through },
        run,
      );
      if (recounted) {
        contributions.push(...recounted.contributions);
        writes.push({ profile: recounted.profile, rev: before?.rev ?? null });
      }
    }
    alerts += await run.raise(contributions);
    const conflicts = await run.store.authors.writeStored(writes);
    profiles += writes.length - conflicts.size;
    todo = [...conflicts];
  }
  if (todo.length > 0) {
    throw new Error(`author profiles kept changing under re-scoring; the job will be retried`);
  }
  return { profiles, alerts };
}

function withAnalysis(mention: Mention, analysis: MentionAnalysis | undefined): Mention {
  return analysis && mention.analysis
    ? { ...mention, analysis: { ...analysis, analyzedAt: mention.analysis.analyzedAt } }
    : mention;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  }
  return groups;
}

function profileOf(mention: Mention): string {
  return profileId(mention.watchId, mention.source, mention.author.id);
}
