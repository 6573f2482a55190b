import { z } from 'zod';
import { SourceConfigError, SourcePayloadError } from '../../domain/errors.js';
import type { NewMention } from '../../domain/mention.js';
import { getJson } from './http.js';
import { compareIds, newestId } from './ids.js';
import { joinParts } from './text.js';
import type { Connector, FetchRequest, FetchResult } from './types.js';

/** Apple serves at most 10 pages of 50 reviews. */
const LAST_PAGE = 10;

/** Every scalar of the feed is wrapped as `{ "label": "..." }`. */
const label = z.object({ label: z.string() }).transform((value) => value.label);
const optionalLabel = label.nullish().catch(null);

const Review = z.object({
  id: label.pipe(z.string().regex(/^\d+$/)),
  'im:rating': label.pipe(z.string().regex(/^[1-5]$/)).transform(Number),
  title: optionalLabel,
  content: optionalLabel,
  author: z.object({ name: optionalLabel, uri: optionalLabel }).nullish().catch(null),
  updated: optionalLabel,
  'im:voteSum': optionalLabel,
});
type Review = z.infer<typeof Review>;

const Page = z.object({
  feed: z.object({ entry: z.union([z.array(z.unknown()), z.unknown()]).optional() }),
});

/** The page token: which page is next and the newest review id seen so far in this poll. */
const Token = z.object({ page: z.number().int().min(1), newest: z.string().nullable() });

function entries(entry: unknown): unknown[] {
  if (entry === undefined || entry === null) {
    return [];
  }
  // One review comes as an object, not a one-element list.
  return Array.isArray(entry) ? entry : [entry];
}

function toMention(
  watchId: string,
  source: { appId: string; country: string },
  review: Review,
  fetchedAt: Date,
): NewMention | null {
  const text = joinParts(review.title, review.content);
  if (text === '') {
    return null;
  }
  const name = review.author?.name?.trim() || 'anonymous';
  const updated = review.updated ? new Date(review.updated) : null;
  const votes = Number(review['im:voteSum'] ?? 0);
  return {
    watchId,
    source: 'appstore',
    externalId: `${source.country}:${review.id}`,
    url: `https://apps.apple.com/${source.country}/app/id${source.appId}?see-all=reviews`,
    text,
    author: {
      // Reviewers are known by their reviews page; a nameless one stays apart from others.
      id: review.author?.uri ?? `appstore:${review.id}`,
      handle: name,
      name: null,
      followers: null,
    },
    // The JSON feed often carries no date: such a review is dated when first seen.
    createdAt: updated && !Number.isNaN(updated.getTime()) ? updated : fetchedAt,
    engagement: {
      likes: Number.isInteger(votes) && votes > 0 ? votes : 0,
      replies: 0,
      shares: 0,
      score: Number.isInteger(votes) ? votes : 0,
    },
    lang: null,
    rating: review['im:rating'],
  };
}

/**
 * An app's customer reviews on the App Store, per country, most recent first: page by page until
 * a review already seen (the cursor is the newest review id stored), the 10th page or an empty
 * one. Every review is about the watch's app, so only exclusions and languages filter them.
 */
export class AppStoreConnector implements Connector {
  readonly aboutTheWatch = true;

  constructor(private readonly options: { apiUrl: string; timeoutMs: number }) {}

  async fetchPage({ watch, source, cursor, page }: FetchRequest): Promise<FetchResult> {
    if (!source.appId) {
      throw new SourceConfigError('appstore', 'an App Store source needs an appId');
    }
    const app = { appId: source.appId, country: source.country ?? 'us' };
    const state = page ? Token.parse(JSON.parse(page)) : { page: 1, newest: cursor };
    const url = `${this.options.apiUrl.replace(/\/$/, '')}/${app.country}/rss/customerreviews/page=${state.page}/id=${app.appId}/sortby=mostrecent/json`;
    const body = Page.safeParse(
      await getJson('appstore', url, { timeoutMs: this.options.timeoutMs }),
    );
    if (!body.success) {
      throw new SourcePayloadError('appstore', url, 'no feed');
    }
    const mentions: NewMention[] = [];
    const skipped: FetchResult['skipped'] = [];
    const fetchedAt = new Date();
    let reachedCursor = false;
    const list = entries(body.data.feed.entry);
    for (const raw of list) {
      const review = Review.safeParse(raw);
      if (!review.success) {
        // Older feeds put the app itself first, as an entry without a rating: not a review.
        skipped.push({ reason: 'entry without review id or rating' });
        continue;
      }
      if (cursor !== null && compareIds(review.data.id, cursor) <= 0) {
        reachedCursor = true;
        continue;
      }
      state.newest = newestId([review.data.id, ...(state.newest ? [state.newest] : [])]);
      const mention = toMention(watch.id, app, review.data, fetchedAt);
      if (mention) {
        mentions.push(mention);
      } else {
        skipped.push({ reason: `review ${review.data.id}: no text` });
      }
    }
    if (reachedCursor || list.length === 0 || state.page >= LAST_PAGE) {
      return { mentions, skipped, cursor: state.newest, nextPage: null };
    }
    return {
      mentions,
      skipped,
      cursor: null,
      nextPage: JSON.stringify({ page: state.page + 1, newest: state.newest }),
    };
  }
}
