import type { SentimentLabel } from './mention.js';

/** What Earshot knows of one author within one watch, kept up to date as mentions arrive. */
export interface AuthorProfile {
  id: string;
  watchId: string;
  source: string;
  authorId: string;
  handle: string;
  name: string | null;
  followers: number | null;
  counts: Record<SentimentLabel, number> & { total: number; recommendations: number };
  /** Creation times of the latest negative / positive mentions (bounded), for windowed counts. */
  recentNegativeAt: Date[];
  recentPositiveAt: Date[];
  /** Ids of the latest negative mentions (bounded), the evidence of repeated negativity. */
  recentNegativeIds: string[];
  firstSeen: Date;
  lastSeen: Date;
  advocateScore: number;
}
