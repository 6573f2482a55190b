import type { AlertSettings } from '../../domain/alert-settings.js';
import type { AuthorProfile } from '../../domain/author.js';
import type { Mention } from '../../domain/mention.js';
import { negativesWithin } from './profile.js';
import { severityOf } from './severity.js';
import { HOUR_MS, round2, sum, type AlertDecision } from './types.js';

const DAY_MS = 24 * HOUR_MS;

/**
 * The disgruntled-customer score of a negative mention, given its author's profile after the
 * mention was counted. Additive, each factor named (README "Alerts" lists the formulas):
 * negativity × confidence, complaint and churn intents, earlier negatives in the window, reach,
 * engagement, escalation (more negative than the author's last week) and time unanswered.
 */
export function disgruntledFactors(
  profile: AuthorProfile,
  mention: Mention,
  s: AlertSettings,
): Record<string, number> {
  const analysis = mention.analysis;
  if (!analysis) {
    return {};
  }
  const earlier = profile.recent.filter((m) => m.id !== mention.id && m.at <= mention.createdAt);
  const earlierNegatives = negativesWithin(earlier, mention.createdAt, s.repeatWindowHours).length;
  const followers = Math.max(profile.followers ?? 0, mention.author.followers ?? 0);
  const { likes, replies, shares } = mention.engagement;
  const weekAgo = mention.createdAt.getTime() - 7 * DAY_MS;
  const lastWeek = earlier.filter((m) => m.at.getTime() > weekAgo).map((m) => m.score);
  const weekMean = lastWeek.length ? lastWeek.reduce((a, b) => a + b, 0) / lastWeek.length : null;
  const unanswered = negativesWithin(profile.recent, mention.createdAt, 24 * 7).find(
    (m) => !profile.answeredAt || m.at > profile.answeredAt,
  );
  const unansweredDays = unanswered
    ? (mention.createdAt.getTime() - unanswered.at.getTime()) / DAY_MS
    : 0;
  return {
    negativity: round2(s.negativityWeight * Math.max(0, -analysis.score) * analysis.confidence),
    complaint: analysis.intents.includes('complaint') ? s.complaintPoints : 0,
    churn: analysis.intents.includes('churn_risk') ? s.churnPoints : 0,
    repetition: round2(s.repeatPoints * Math.min(s.repeatMax, earlierNegatives)),
    reach: round2(clamp(Math.log10((1 + followers) / s.reachFrom), s.reachPoints)),
    engagement: round2(
      clamp(Math.log10(1 + likes + 2 * replies + 3 * shares) / 2, s.engagementPoints),
    ),
    escalation:
      weekMean === null
        ? 0
        : round2(clamp(s.escalationWeight * (weekMean - analysis.score), s.escalationPoints)),
    unanswered: round2(clamp(s.unansweredPointsPerDay * unansweredDays, s.unansweredPoints)),
  };
}

function clamp(value: number, max: number): number {
  return Math.min(max, Math.max(0, value));
}

/** A negative mention whose score reaches the lowest severity threshold becomes an alert. */
export function assessDisgruntled(
  profile: AuthorProfile,
  mention: Mention,
  s: AlertSettings,
): AlertDecision | null {
  if (mention.analysis?.label !== 'negative') {
    return null;
  }
  const factors = disgruntledFactors(profile, mention, s);
  const score = round2(sum(factors));
  const severity = severityOf(score, s);
  if (!severity) {
    return null;
  }
  return { type: 'disgruntled_customer', severity, score, factors, reason: explain(factors) };
}

/**
 * A negative mention older than its author's latest one, within the repetition window of it: it
 * arrived late (a retried or swept batch, a source paging out of order). Judged as of its own time
 * it may raise nothing, yet it belongs with the author's open complaint alert as evidence.
 */
export function isLateNegative(
  profile: AuthorProfile,
  mention: Mention,
  s: AlertSettings,
): boolean {
  if (mention.analysis?.label !== 'negative') {
    return false;
  }
  const behind = profile.lastSeen.getTime() - mention.createdAt.getTime();
  return behind > 0 && behind <= s.repeatWindowHours * HOUR_MS;
}

const WORDS: Record<string, string> = {
  negativity: 'negative tone',
  complaint: 'a complaint',
  churn: 'talks of leaving',
  repetition: 'repeated within the window',
  reach: 'large audience',
  engagement: 'engagement',
  escalation: 'getting more negative',
  unanswered: 'unanswered',
};

/** The factors that count, largest first, in words. */
export function explain(
  factors: Record<string, number>,
  words: Record<string, string> = WORDS,
): string {
  return Object.entries(factors)
    .filter(([, value]) => value > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([key, value]) => `${words[key] ?? key} +${value}`)
    .join('; ');
}
