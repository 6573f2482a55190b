import type { AuthorProfile } from '../domain/author.js';
import type { AlertType, Severity } from '../domain/alert.js';
import { SEVERITIES } from '../domain/alert.js';
import type { Mention } from '../domain/mention.js';
import type { FlagThresholds } from '../config/index.js';

export interface AlertDecision {
  type: AlertType;
  severity: Severity;
  reason: string;
  /** The named factors that made the score, for the alert's explanation. */
  factors: Record<string, number>;
}

const HOUR_MS = 3600_000;

function countWithin(times: Date[], end: Date, hours: number): number {
  const start = end.getTime() - hours * HOUR_MS;
  return times.filter((t) => t.getTime() > start && t.getTime() <= end.getTime()).length;
}

function distinctDays(times: Date[]): number {
  return new Set(times.map((t) => t.toISOString().slice(0, 10))).size;
}

/**
 * A negative mention becomes a disgruntled-customer alert when it is strongly negative, or when the
 * author has been negative repeatedly within the window. Severity adds one step for each of:
 * strong negativity, repetition, a large audience, churn intent.
 */
export function assessDisgruntled(
  profile: AuthorProfile,
  mention: Mention,
  t: FlagThresholds,
): AlertDecision | null {
  const analysis = mention.analysis;
  if (!analysis || analysis.label !== 'negative') {
    return null;
  }
  const strong = analysis.score <= t.negativeScore;
  const recentNegatives = countWithin(profile.recentNegativeAt, mention.createdAt, t.windowHours);
  const repeated = recentNegatives >= t.repeatNegative;
  if (!strong && !repeated) {
    return null;
  }
  const audience = Math.max(profile.followers ?? 0, mention.author.followers ?? 0);
  const factors = {
    strongNegativity: strong ? 1 : 0,
    repetition: repeated ? 1 : 0,
    largeAudience: audience >= t.largeAudience ? 1 : 0,
    churnRisk: analysis.intents.includes('churn_risk') ? 1 : 0,
  };
  const points = Object.values(factors).reduce((sum, value) => sum + value, 0);
  const severity = SEVERITIES[Math.min(points, SEVERITIES.length) - 1] ?? 'low';
  const parts = [
    strong ? `strongly negative (score ${analysis.score.toFixed(2)})` : null,
    repeated ? `${recentNegatives} negative mentions in ${t.windowHours} h` : null,
    factors.largeAudience ? `${audience} followers` : null,
    factors.churnRisk ? 'talks of leaving' : null,
  ].filter((part): part is string => part !== null);
  return { type: 'disgruntled_customer', severity, reason: parts.join('; '), factors };
}

/**
 * An author becomes an emerging advocate when positive mentions recur (a minimum count, spread over
 * a minimum number of distinct days) and outweigh the negative ones.
 */
export function assessAdvocate(
  profile: AuthorProfile,
  mention: Mention,
  t: FlagThresholds,
): AlertDecision | null {
  if (mention.analysis?.label !== 'positive') {
    return null;
  }
  const positives = profile.counts.positive;
  const days = distinctDays(profile.recentPositiveAt);
  if (
    positives < t.advocateMinPositive ||
    days < t.advocateMinDays ||
    profile.counts.negative >= positives
  ) {
    return null;
  }
  const score = advocateScore(profile);
  const factors = {
    positiveMentions: positives,
    distinctDays: days,
    recommendations: profile.counts.recommendations,
  };
  const severity: Severity = score >= 20 ? 'high' : score >= 8 ? 'medium' : 'low';
  const reason = `${positives} positive mentions over ${days} days${
    profile.counts.recommendations ? `, ${profile.counts.recommendations} recommending` : ''
  }`;
  return { type: 'emerging_advocate', severity, reason, factors };
}

/**
 * Ranks advocates: positive mentions count, recommendations count double, negative ones count
 * against, and reach multiplies (logarithmically, so that a large account does not swamp a loyal one).
 */
export function advocateScore(profile: AuthorProfile): number {
  const { positive, negative, recommendations } = profile.counts;
  const base = positive + 2 * recommendations - 2 * negative;
  if (base <= 0) {
    return 0;
  }
  const reach = 1 + Math.log10(1 + (profile.followers ?? 0)) / 4;
  return Math.round(base * reach * 100) / 100;
}
