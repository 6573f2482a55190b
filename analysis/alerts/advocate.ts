import type { AlertSettings } from '../../domain/alert-settings.js';
import type { AuthorProfile } from '../../domain/author.js';
import type { Severity } from '../../domain/alert.js';
import type { Mention } from '../../domain/mention.js';
import { explain } from './disgruntled.js';
import { positiveDays } from './profile.js';
import { round2, sum, type AlertDecision } from './types.js';

/** A sentiment trend above this counts as rising. */
const RISING_TREND = 0.2;

/**
 * The advocate score's contributions (they add up to the score): positive mentions, recommendations,
 * distinct days with praise beyond the first, negative mentions against, a rising trend, and reach,
 * which multiplies the rest by 1 + log10(1 + followers) / 4 (so a large account does not swamp a
 * loyal one). Never below 0.
 */
export function advocateFactors(profile: AuthorProfile, s: AlertSettings): Record<string, number> {
  const { positive, negative, recommendations } = profile.counts;
  const days = positiveDays(profile.recent, profile.lastSeen);
  const parts = {
    positives: positive,
    recommendations: s.advocateRecommendPoints * recommendations,
    recurrence: s.advocateDayPoints * Math.max(0, days - 1),
    negatives: -s.advocateNegativePoints * negative,
    trend: (profile.trend ?? 0) > RISING_TREND ? s.advocateTrendPoints : 0,
  };
  const base = sum(parts);
  if (base <= 0) {
    return { ...parts, reach: -base };
  }
  const reach = base * (Math.log10(1 + (profile.followers ?? 0)) / 4);
  return { ...parts, reach: round2(reach) };
}

export function advocateScore(profile: AuthorProfile, s: AlertSettings): number {
  return round2(sum(advocateFactors(profile, s)));
}

function advocateSeverity(score: number, s: AlertSettings): Severity {
  return score >= 4 * s.advocateMinScore
    ? 'high'
    : score >= 2 * s.advocateMinScore
      ? 'medium'
      : 'low';
}

export interface AdvocateAssessment {
  score: number;
  /** Set when the author is (still or newly) past every advocate threshold. */
  eligible: boolean;
  decision: AlertDecision | null;
}

/**
 * Scores the author on a positive mention. An alert comes only when the author newly crosses every
 * threshold (enough positives, over enough distinct days, more positive than negative, score) or
 * when the score reached `advocateRiseFactor` × the one last alerted on; established advocates are
 * ranked but not re-alerted.
 */
export function assessAdvocate(
  profile: AuthorProfile,
  mention: Mention,
  s: AlertSettings,
): AdvocateAssessment {
  const factors = advocateFactors(profile, s);
  const score = round2(sum(factors));
  const days = positiveDays(profile.recent, profile.lastSeen);
  const { positive, negative } = profile.counts;
  const eligible =
    positive >= s.advocateMinPositive &&
    days >= s.advocateMinDays &&
    positive > negative &&
    score >= s.advocateMinScore;
  if (!eligible || mention.analysis?.label !== 'positive') {
    return { score, eligible, decision: null };
  }
  const emerging = profile.advocateSince === null;
  const rising = !emerging && score >= s.advocateRiseFactor * profile.advocateAlertedScore;
  if (!emerging && !rising) {
    return { score, eligible, decision: null };
  }
  const lead = emerging
    ? `${positive} positive mentions over ${days} days`
    : `advocate score rose to ${score}`;
  return {
    score,
    eligible,
    decision: {
      type: 'emerging_advocate',
      severity: advocateSeverity(score, s),
      score,
      factors,
      reason: `${lead}: ${explain(factors)}`,
    },
  };
}
