import { ALERT_SETTINGS, type AlertSettings } from '../../../domain/alert-settings.js';
import type { AuthorProfile, RecentMention } from '../../../domain/author.js';
import type { Intent, Mention, SentimentLabel } from '../../../domain/mention.js';

export const SETTINGS = Object.fromEntries(
  Object.entries(ALERT_SETTINGS).map(([key, setting]) => [key, setting.default]),
) as AlertSettings;

export const NOW = new Date('2024-05-10T12:00:00.000Z');
export const HOUR_MS = 3600_000;
export const hoursBefore = (hours: number): Date => new Date(NOW.getTime() - hours * HOUR_MS);

let next = 1;
export function recent(label: SentimentLabel, score: number, at: Date): RecentMention {
  return { id: `r${next++}`, at, label, score };
}

/** A profile holding these recent mentions (the assessed mention included, as after applying it). */
export function profile(items: RecentMention[], extra: Partial<AuthorProfile> = {}): AuthorProfile {
  const count = (label: SentimentLabel) => items.filter((m) => m.label === label).length;
  const times = items.map((m) => m.at.getTime());
  return {
    id: 'acme|replay|u1',
    watchId: 'acme',
    source: 'replay',
    authorId: 'u1',
    handle: 'pat',
    name: null,
    followers: null,
    counts: {
      negative: count('negative'),
      neutral: count('neutral'),
      positive: count('positive'),
      total: items.length,
      recommendations: 0,
    },
    intents: {},
    engagement: { likes: 0, replies: 0, shares: 0 },
    recent: items,
    windows: {
      h24: { negative: 0, neutral: 0, positive: 0, total: 0 },
      d7: { negative: 0, neutral: 0, positive: 0, total: 0 },
      d30: { negative: 0, neutral: 0, positive: 0, total: 0 },
    },
    trend: null,
    firstSeen: new Date(Math.min(...times, NOW.getTime())),
    lastSeen: new Date(Math.max(...times, NOW.getTime())),
    answeredAt: null,
    advocateScore: 0,
    advocateSince: null,
    advocateAlertedScore: 0,
    ...extra,
  };
}

export interface MentionOptions {
  label: SentimentLabel;
  score: number;
  confidence?: number;
  intents?: readonly Intent[];
  followers?: number | null;
  likes?: number;
}

/** The mention of a recent entry, analysed as the options say. */
export function mentionOf(entry: RecentMention, options: MentionOptions): Mention {
  return {
    id: entry.id,
    watchId: 'acme',
    source: 'replay',
    externalId: entry.id,
    url: null,
    text: 'Acme did something',
    author: { id: 'u1', handle: 'pat', name: null, followers: options.followers ?? null },
    createdAt: entry.at,
    engagement: { likes: options.likes ?? 0, replies: 0, shares: 0, score: 0 },
    lang: 'en',
    rating: null,
    ingestedAt: entry.at,
    analysis: {
      label: options.label,
      score: options.score,
      confidence: options.confidence ?? 0.85,
      intents: [...(options.intents ?? [])],
      evidence: [],
      analyzedAt: entry.at,
    },
  };
}
