import { z } from 'zod';

/** The longest mention text Earshot keeps, in characters: longer texts are cut (sources) or refused (API). */
export const MAX_TEXT = 40_000;
import { dateProblem, unstorablePath, UNSTORABLE_MESSAGE } from './storable.js';
import { INTENTS, SENTIMENT_LABELS, SOURCE_NAMES } from './vocabulary.js';

export { INTENTS, SENTIMENT_LABELS, SOURCE_NAMES };

export const SourceName = z.enum(SOURCE_NAMES);
export type SourceName = z.infer<typeof SourceName>;

export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export type Intent = (typeof INTENTS)[number];

/** Who wrote a mention, as the source reports them. */
export const MentionAuthor = z.object({
  id: z.string().min(1),
  handle: z.string().min(1),
  name: z.string().nullable().default(null),
  followers: z.number().int().nonnegative().nullable().default(null),
});
export type MentionAuthor = z.infer<typeof MentionAuthor>;

export const Engagement = z.object({
  likes: z.number().int().nonnegative().default(0),
  replies: z.number().int().nonnegative().default(0),
  shares: z.number().int().nonnegative().default(0),
  score: z.number().int().default(0),
});
export type Engagement = z.infer<typeof Engagement>;

/**
 * The one normalised shape every connector produces. Validated when a connector hands it over,
 * trusted everywhere after.
 */
export const NewMention = z
  .object({
    watchId: z.string().min(1),
    source: SourceName,
    externalId: z.string().min(1),
    url: z.string().url().nullable(),
    text: z.string().min(1).max(MAX_TEXT),
    author: MentionAuthor,
    createdAt: z.date(),
    engagement: Engagement,
    lang: z.string().nullable(),
    /** A review's star rating, 1..5 (App Store); null where the source has none. */
    rating: z.number().int().min(1).max(5).nullable(),
  })
  .superRefine((mention, ctx) => {
    // What the store cannot hold is refused here, so a connector's odd item is skipped and counted.
    const path = unstorablePath(mention);
    if (path) {
      ctx.addIssue({ code: 'custom', path: path.split('.'), message: UNSTORABLE_MESSAGE });
    }
    const problem = dateProblem(mention.createdAt, Date.now());
    if (problem) {
      ctx.addIssue({ code: 'custom', path: ['createdAt'], message: problem });
    }
  });
export type NewMention = z.infer<typeof NewMention>;

export interface MentionAnalysis {
  label: SentimentLabel;
  /** In [-1, 1]. */
  score: number;
  /** In [0, 1]. */
  confidence: number;
  intents: Intent[];
  /** What moved the score, for a person to see why. */
  evidence: string[];
  /**
   * The model that scored it: "shipped" (the analyzer alone) or the watch's learned version ("v3").
   * Set where mentions are scored and stored; a mention stored before it was recorded reads as
   * "shipped" (`scoredBy`).
   */
  model?: string;
}

/** The model a stored analysis was made with; one stored before models were recorded: shipped. */
export function scoredBy(analysis: MentionAnalysis): string {
  return analysis.model ?? 'shipped';
}

/** A stored mention: the normalised fields plus what the pipeline added. */
export interface Mention extends NewMention {
  id: string;
  ingestedAt: Date;
  analysis: (MentionAnalysis & { analyzedAt: Date }) | null;
  /**
   * Set only on mentions that versions before December 2026 marked as through the flag stage. Now
   * that is known from the hourly buckets (see `flagged`), and nothing writes this.
   */
  flaggedAt?: Date;
}

/**
 * Through the flag stage: counted into its hour's bucket (`counted`, from the buckets' member
 * sets), or marked by an earlier version.
 */
export function flagged(mention: Pick<Mention, 'id' | 'flaggedAt'>, counted: Set<string>): boolean {
  return counted.has(mention.id) || mention.flaggedAt !== undefined;
}

export type AnalysedMention = Mention & { analysis: NonNullable<Mention['analysis']> };

export function isAnalysed(mention: Mention): mention is AnalysedMention {
  return mention.analysis !== null;
}

/** A mention as a sender posts it (inbound webhook, replay file): optional fields may be missing. */
export interface PostedMention {
  id: string;
  url?: string | null;
  text: string;
  author: { id: string; handle: string; name?: string | null; followers?: number | null };
  createdAt: Date;
  engagement?: Partial<Engagement>;
  lang?: string | null;
  rating?: number | null;
}

/** The one normalised shape of a posted mention, with its missing fields made explicit. */
export function fromPosted(
  watchId: string,
  source: 'webhook' | 'replay',
  post: PostedMention,
): NewMention {
  return {
    watchId,
    source,
    externalId: post.id,
    url: post.url ?? null,
    text: post.text,
    author: {
      id: post.author.id,
      handle: post.author.handle,
      name: post.author.name ?? null,
      followers: post.author.followers ?? null,
    },
    createdAt: post.createdAt,
    engagement: { likes: 0, replies: 0, shares: 0, score: 0, ...post.engagement },
    lang: post.lang ?? null,
    rating: post.rating ?? null,
  };
}
