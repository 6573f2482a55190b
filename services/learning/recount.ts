import { advocateScore } from '../../analysis/alerts/advocate.js';
import type { AlertSettings } from '../../domain/alert-settings.js';
import {
  APPLIED_IDS_KEPT,
  countMention,
  emptyProfile,
  profileView,
  type StoredProfile,
} from '../../domain/author.js';
import type { Mention } from '../../domain/mention.js';
import type { AlertContribution } from '../alerts/plan.js';

/**
 * What one mention means for alerts, judged on its author's profile with it counted in: the flag
 * stage's rule (it may set the profile's advocate fields), handed in by the worker.
 */
export type Assess = (
  profile: StoredProfile,
  mention: Mention,
  settings: AlertSettings,
) => AlertContribution[];

/** Which of an author's mentions changed in this page, and which are through the flag stage. */
export interface RecountSets {
  changedIds: ReadonlySet<string>;
  /** Counted into their hour's bucket: the flag stage's last counting write. */
  through: ReadonlySet<string>;
}

/**
 * An author's profile counted again from their mentions (the new analyses in place), oldest first:
 * the mentions the flag stage has counted (through it, or named in the stored profile's applied
 * ids). From the first changed mention on, each is judged for alerts on the profile as it stands
 * after it. What people and alerts set (answered, advocate marks) is kept from the stored profile.
 * Null when none of the author's mentions is counted yet.
 */
export function recountProfile(
  stored: StoredProfile | null,
  mentions: Mention[],
  { changedIds, through }: RecountSets,
  run: { assess: Assess; settings: AlertSettings },
): { profile: StoredProfile; contributions: AlertContribution[] } | null {
  const applied = new Set(stored?.appliedIds ?? []);
  const counted = mentions
    .filter((m) => m.analysis !== null && (through.has(m.id) || applied.has(m.id)))
    .sort(byTime);
  const first = counted[0];
  if (!first) {
    return null;
  }
  let profile: StoredProfile = {
    ...emptyProfile(first),
    answeredAt: stored?.answeredAt ?? null,
    advocateSince: stored?.advocateSince ?? null,
    advocateAlertedScore: stored?.advocateAlertedScore ?? 0,
  };
  const from = counted.findIndex((m) => changedIds.has(m.id));
  const contributions: AlertContribution[] = [];
  counted.forEach((mention, index) => {
    profile = countMention(profile, mention);
    if (from >= 0 && index >= from) {
      contributions.push(...run.assess(profile, mention, run.settings));
    }
  });
  profile.advocateScore = advocateScore(profileView(profile), run.settings);
  // Counted into the profile but not through the flag stage yet: their ids must stay, or the flag
  // job's retry counts them again.
  const unmarked = counted.filter((m) => !through.has(m.id)).map((m) => m.id);
  profile.appliedIds = [
    ...profile.appliedIds.filter((id) => !unmarked.includes(id)),
    ...unmarked,
  ].slice(-APPLIED_IDS_KEPT);
  return { profile, contributions };
}

function byTime(a: Mention, b: Mention): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
}
