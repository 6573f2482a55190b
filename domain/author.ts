import type { Intent, Mention, SentimentLabel } from './mention.js';
import { HOUR_MS } from './time.js';

/** One of an author's latest mentions, as much as the scores need (bounded list on the profile). */
export interface RecentMention {
  id: string;
  at: Date;
  label: SentimentLabel;
  score: number;
}

export type LabelCounts = Record<SentimentLabel, number> & { total: number };

/** What Earshot knows of one author within one watch, kept up to date as mentions arrive. */
export interface AuthorProfile {
  id: string;
  watchId: string;
  source: string;
  authorId: string;
  handle: string;
  name: string | null;
  followers: number | null;
  /** All-time counts by label, and of mentions with a recommendation. */
  counts: LabelCounts & { recommendations: number };
  /** How often each intent was seen in the author's mentions. */
  intents: Partial<Record<Intent, number>>;
  /** Engagement summed over the author's mentions. */
  engagement: { likes: number; replies: number; shares: number };
  /** The latest mentions (bounded, newest last): windowed counts, trend and evidence come from it. */
  recent: RecentMention[];
  /** Counts by label in the 24 h / 7 d / 30 d before the author's latest mention. */
  windows: { h24: LabelCounts; d7: LabelCounts; d30: LabelCounts };
  /** Mean score of the last 7 days minus that of the 23 days before; null without both. */
  trend: number | null;
  firstSeen: Date;
  lastSeen: Date;
  /** When the team last closed (resolved or dismissed) an alert about this author. */
  answeredAt: Date | null;
  advocateScore: number;
  /** When the author first crossed the advocate threshold, and the score last alerted on. */
  advocateSince: Date | null;
  advocateAlertedScore: number;
}

export function emptyCounts(): LabelCounts {
  return { negative: 0, neutral: 0, positive: 0, total: 0 };
}

/** Counts by label of the recent mentions in the `hours` up to and including `end`. */
export function countWithin(recent: RecentMention[], end: Date, hours: number): LabelCounts {
  const from = end.getTime() - hours * HOUR_MS;
  const counts = emptyCounts();
  for (const m of recent) {
    if (m.at.getTime() > from && m.at.getTime() <= end.getTime()) {
      counts[m.label] += 1;
      counts.total += 1;
    }
  }
  return counts;
}

export function windowCounts(recent: RecentMention[], end: Date): AuthorProfile['windows'] {
  return {
    h24: countWithin(recent, end, 24),
    d7: countWithin(recent, end, 24 * 7),
    d30: countWithin(recent, end, 24 * 30),
  };
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Mean score of the last 7 days minus the mean of the 23 days before them (null without both). */
export function sentimentTrend(recent: RecentMention[], end: Date): number | null {
  const split = end.getTime() - 7 * 24 * HOUR_MS;
  const from = end.getTime() - 30 * 24 * HOUR_MS;
  const inRange = recent.filter((m) => m.at.getTime() > from && m.at <= end);
  const late = mean(inRange.filter((m) => m.at.getTime() > split).map((m) => m.score));
  const early = mean(inRange.filter((m) => m.at.getTime() <= split).map((m) => m.score));
  return late === null || early === null ? null : Math.round((late - early) * 100) / 100;
}

/** A profile as stored: the counted fields, and the ids of the mentions counted into it. */
export type StoredProfile = Omit<AuthorProfile, 'windows' | 'trend'> & { appliedIds: string[] };

/** Bounds on the arrays a profile keeps, so that a prolific author's document stays small. */
export const RECENT_KEPT = 50;
export const APPLIED_IDS_KEPT = 500;

export function profileId(watchId: string, source: string, authorId: string): string {
  return `${watchId}|${source}|${authorId}`;
}

/** The empty profile of a mention's author, before anything is counted into it. */
export function emptyProfile(mention: Mention): StoredProfile {
  return {
    id: profileId(mention.watchId, mention.source, mention.author.id),
    watchId: mention.watchId,
    source: mention.source,
    authorId: mention.author.id,
    handle: mention.author.handle,
    name: mention.author.name,
    followers: null,
    counts: { ...emptyCounts(), recommendations: 0 },
    intents: {},
    engagement: { likes: 0, replies: 0, shares: 0 },
    recent: [],
    firstSeen: mention.createdAt,
    lastSeen: mention.createdAt,
    answeredAt: null,
    advocateScore: 0,
    advocateSince: null,
    advocateAlertedScore: 0,
    appliedIds: [],
  };
}

/** The profile with one analysed mention counted in (a mention counted already changes nothing). */
export function countMention(profile: StoredProfile, mention: Mention): StoredProfile {
  const analysis = mention.analysis;
  if (!analysis || profile.appliedIds.includes(mention.id)) {
    return profile;
  }
  const counts = { ...profile.counts };
  counts[analysis.label] += 1;
  counts.total += 1;
  counts.recommendations += analysis.intents.includes('recommendation') ? 1 : 0;
  const intents = { ...profile.intents };
  for (const intent of analysis.intents) {
    intents[intent] = (intents[intent] ?? 0) + 1;
  }
  const followers = mention.author.followers;
  const recent = {
    id: mention.id,
    at: mention.createdAt,
    label: analysis.label,
    score: analysis.score,
  };
  return {
    ...profile,
    handle: mention.author.handle,
    name: mention.author.name,
    followers: followers === null ? profile.followers : Math.max(followers, profile.followers ?? 0),
    counts,
    intents,
    engagement: {
      likes: profile.engagement.likes + mention.engagement.likes,
      replies: profile.engagement.replies + mention.engagement.replies,
      shares: profile.engagement.shares + mention.engagement.shares,
    },
    // In arrival order (a batch is counted oldest first); the scores filter by time.
    recent: [...profile.recent, recent].slice(-RECENT_KEPT),
    firstSeen: mention.createdAt < profile.firstSeen ? mention.createdAt : profile.firstSeen,
    lastSeen: mention.createdAt > profile.lastSeen ? mention.createdAt : profile.lastSeen,
    appliedIds: [...profile.appliedIds, mention.id].slice(-APPLIED_IDS_KEPT),
  };
}

/** What the scores and the API read: the stored profile with its windows and trend, as of its latest mention. */
export function profileView({ appliedIds: _applied, ...profile }: StoredProfile): AuthorProfile {
  return {
    ...profile,
    windows: windowCounts(profile.recent, profile.lastSeen),
    trend: sentimentTrend(profile.recent, profile.lastSeen),
  };
}
