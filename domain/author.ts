import type { Intent, SentimentLabel } from './mention.js';

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
