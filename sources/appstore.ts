import { z } from 'zod';
import { SourceConfigError, SourcePayloadError } from '../domain/errors.js';
import type { NewMention } from '../domain/mention.js';
import { atomLink, atomText, findFeed, parseFeedXml, textOf } from './feed-items.js';
import { compareIds, newestId } from './ids.js';
import { limitedText, scopeOf, type SourceContext } from './request.js';
import { joinParts, plainText } from './text.js';
import type { Connector, FetchRequest, FetchResult } from './types.js';

/** Apple serves at most 10 pages of 50 reviews. */
const LAST_PAGE = 10;

/** The fields of one review entry of the XML (Atom) feed. */
interface Review {
  id: string;
  rating: number;
  title: string | null;
  text: string | null;
  author: { name: string | null; uri: string | null };
  updated: Date | null;
  link: string | null;
  votes: number;
}

/** The page token: which page is next and the newest review id seen so far in this poll. */
const Token = z.object({ page: z.number().int().min(1), newest: z.string().nullable() });

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A review, or null for an entry that is none (older feeds list the app itself, unrated, first). */
function readReview(raw: unknown): Review | null {
  if (!isNode(raw)) {
    return null;
  }
  const id = textOf(raw.id);
  const rating = textOf(raw['im:rating']);
  if (!id || !/^\d+$/.test(id) || !rating || !/^[1-5]$/.test(rating)) {
    return null;
  }
  const author = isNode(raw.author) ? raw.author : {};
  const updated = textOf(raw.updated);
  const at = updated ? new Date(updated) : null;
  // The entry links to the app's reviews page (rel="related"); a link of the review itself, when
  // the feed gives one, is its alternate link.
  const links = (Array.isArray(raw.link) ? raw.link : [raw.link]).filter(isNode);
  const alternate = links.some((link) => link['@_rel'] === 'alternate');
  return {
    id,
    rating: Number(rating),
    title: atomText(raw.title),
    // Each review comes twice: as text (the customer's words and line breaks) and as HTML.
    text: atomText(raw.content, 'text'),
    author: { name: textOf(author.name), uri: textOf(author.uri) },
    updated: at && !Number.isNaN(at.getTime()) ? at : null,
    link: alternate ? atomLink(raw.link) : null,
    votes: Number(textOf(raw['im:voteSum']) ?? 0),
  };
}

function toMention(
  watchId: string,
  source: { appId: string; country: string },
  review: Review,
  fetchedAt: Date,
): NewMention | null {
  const text = joinParts(review.title, review.text);
  if (text === '') {
    return null;
  }
  const name = review.author.name ? plainText(review.author.name) : '';
  const votes = Number.isInteger(review.votes) ? review.votes : 0;
  return {
    watchId,
    source: 'appstore',
    externalId: `${source.country}:${review.id}`,
    url:
      review.link && URL.canParse(review.link)
        ? review.link
        : `https://apps.apple.com/${source.country}/app/id${source.appId}?see-all=reviews`,
    text,
    author: {
      // Reviewers are known by their reviews page; a nameless one stays apart from others.
      id: review.author.uri ?? `appstore:${review.id}`,
      handle: name || 'anonymous',
      name: null,
      followers: null,
    },
    // Every review of the XML feed is dated (`updated`); one without is dated when first seen.
    createdAt: review.updated ?? fetchedAt,
    engagement: { likes: Math.max(0, votes), replies: 0, shares: 0, score: votes },
    lang: null,
    rating: review.rating,
  };
}

/**
 * An app's customer reviews on the App Store, per country, most recent first, from the XML
 * (Atom) form of the feed (the JSON form carries no dates): page by page until a review already
 * seen (the cursor is the newest review id stored), the 10th page or an empty one. Every review is
 * about the watch's app, so only exclusions and languages filter them.
 */
export class AppStoreConnector implements Connector<'appstore'> {
  readonly aboutTheWatch = true;

  constructor(
    private readonly options: { apiUrl: string; timeoutMs: number },
    private readonly context: SourceContext,
  ) {}

  async fetchPage({ watch, source, cursor, page }: FetchRequest<'appstore'>): Promise<FetchResult> {
    if (!source.appId) {
      throw new SourceConfigError('appstore', 'an App Store source needs an appId');
    }
    const app = { appId: source.appId, country: source.country ?? 'us' };
    const state = page ? Token.parse(JSON.parse(page)) : { page: 1, newest: cursor };
    const url = `${this.options.apiUrl.replace(/\/$/, '')}/${app.country}/rss/customerreviews/page=${state.page}/id=${app.appId}/sortby=mostrecent/xml`;
    const response = await limitedText(
      this.context,
      scopeOf('appstore', url, null),
      'appstore',
      url,
      {
        timeoutMs: this.options.timeoutMs,
        accept: 'application/atom+xml, application/xml;q=0.9, text/xml;q=0.8',
      },
    );
    const parsed = parseFeedXml(response.body);
    const feed = 'doc' in parsed ? findFeed(parsed.doc) : null;
    if (!feed || feed.kind !== 'atom') {
      const why = 'doc' in parsed ? 'no Atom feed' : `not XML: ${parsed.error}`;
      throw new SourcePayloadError('appstore', url, why);
    }
    const mentions: NewMention[] = [];
    const skipped: FetchResult['skipped'] = [];
    const fetchedAt = new Date(this.context.now());
    let reachedCursor = false;
    for (const raw of feed.items) {
      const review = readReview(raw);
      if (!review) {
        skipped.push({ reason: 'entry without review id or rating' });
        continue;
      }
      if (cursor !== null && compareIds(review.id, cursor) <= 0) {
        reachedCursor = true;
        continue;
      }
      state.newest = newestId([review.id, ...(state.newest ? [state.newest] : [])]);
      const mention = toMention(watch.id, app, review, fetchedAt);
      if (mention) {
        mentions.push(mention);
      } else {
        skipped.push({ reason: `review ${review.id}: no text` });
      }
    }
    if (reachedCursor || feed.items.length === 0 || state.page >= LAST_PAGE) {
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
