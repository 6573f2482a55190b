import { z } from 'zod';
import { SourcePayloadError } from '../domain/errors.js';
import type { NewMention } from '../domain/mention.js';
import type { WatchSourceOf } from '../domain/watch.js';
import { advanceSincePage, decodeSincePage, sinceFromCursor } from './paging.js';
import { joinParts } from './text.js';
import { limitedJson, scopeOf, type SourceContext } from './request.js';
import type { Connector, FetchRequest, FetchResult } from './types.js';

const count = z.number().int().nullish().catch(null);

/** What posts (t3) and comments (t1) share; everything else is ignored. */
const Thing = z.object({
  id: z.string().min(1),
  author: z.string().min(1),
  author_fullname: z.string().nullish().catch(null),
  created_utc: z.number(),
  permalink: z.string().startsWith('/').nullish().catch(null),
  subreddit: z.string().nullish().catch(null),
  score: count,
  ups: count,
});
const Post = Thing.extend({
  title: z.string().catch(''),
  selftext: z.string().nullish().catch(null),
  num_comments: count,
});
const Comment = Thing.extend({
  body: z.string(),
  link_id: z.string().nullish().catch(null),
  link_title: z.string().nullish().catch(null),
});
const Listing = z.object({
  data: z.object({
    after: z.string().nullable().catch(null),
    children: z.array(z.object({ kind: z.string(), data: z.unknown() })),
  }),
});

type Thing = z.infer<typeof Thing>;

function base(watchId: string, thing: Thing, externalId: string, text: string): NewMention {
  // A deleted author keeps the item (it still counts) but must not merge with other deleted ones.
  const deleted = thing.author === '[deleted]';
  return {
    watchId,
    source: 'reddit',
    externalId,
    url: null,
    text,
    author: {
      id: deleted ? `deleted:${externalId}` : (thing.author_fullname ?? thing.author),
      handle: thing.author,
      name: null,
      // Listings carry no karma; it would take one /user/{name}/about.json call per author.
      followers: null,
    },
    createdAt: new Date(thing.created_utc * 1000),
    engagement: {
      likes: Math.max(0, thing.ups ?? 0),
      replies: 0,
      shares: 0,
      score: thing.score ?? 0,
    },
    lang: null,
    rating: null,
  };
}

function postMention(watchId: string, post: z.infer<typeof Post>): NewMention | null {
  const text = joinParts(post.title, post.selftext);
  if (!post.permalink || text === '') {
    return null;
  }
  const mention = base(watchId, post, post.id, text);
  mention.url = `https://www.reddit.com${post.permalink}`;
  mention.engagement.replies = Math.max(0, post.num_comments ?? 0);
  return mention;
}

function commentMention(watchId: string, comment: z.infer<typeof Comment>): NewMention | null {
  const text = joinParts(comment.body);
  const post = comment.link_id?.replace(/^t3_/, '');
  const permalink =
    comment.permalink ??
    (comment.subreddit && post
      ? `/r/${comment.subreddit}/comments/${post}/_/${comment.id}/`
      : null);
  if (!permalink || text === '' || comment.body === '[deleted]' || comment.body === '[removed]') {
    return null;
  }
  const mention = base(watchId, comment, `t1_${comment.id}`, text);
  mention.url = `https://www.reddit.com${permalink}`;
  return mention;
}

/** One child of a listing as a mention, or why it was skipped. */
function toMention(watchId: string, kind: string, data: unknown): NewMention | string {
  const parsed = kind === 't1' ? Comment.safeParse(data) : Post.safeParse(data);
  if (!parsed.success) {
    return `${kind} item without id, author, time or text`;
  }
  const mention =
    kind === 't1'
      ? commentMention(watchId, parsed.data as z.infer<typeof Comment>)
      : postMention(watchId, parsed.data as z.infer<typeof Post>);
  return mention ?? `${kind} ${parsed.data.id}: no permalink or no text`;
}

/** The path of a source entry's listing: a search, or a subreddit's newest posts or comments. */
function listingPath(source: WatchSourceOf<'reddit'>): string {
  if (source.listing === 'new' || source.listing === 'comments') {
    return `/r/${source.subreddit ?? 'all'}/${source.listing}.json`;
  }
  return source.subreddit ? `/r/${source.subreddit}/search.json` : '/search.json';
}

/**
 * Reddit through its public JSON, newest first: a search per keyword (optionally within one
 * subreddit), or a subreddit's newest posts or newest comments, matched to the keywords after.
 */
export class RedditConnector implements Connector<'reddit'> {
  constructor(
    private readonly options: { apiUrl: string; userAgent: string; timeoutMs: number },
    private readonly context: SourceContext,
  ) {}

  async fetchPage(request: FetchRequest<'reddit'>): Promise<FetchResult> {
    const { watch, source, cursor, page, pageSize } = request;
    const since = sinceFromCursor(cursor, Math.floor(this.context.now() / 1000));
    const state = decodeSincePage(page, since);
    const searching = source.listing === undefined || source.listing === 'search';
    const url = new URL(`${this.options.apiUrl.replace(/\/$/, '')}${listingPath(source)}`);
    if (searching) {
      url.searchParams.set('q', `"${watch.keywords[state.keyword] ?? ''}"`);
      url.searchParams.set('sort', 'new');
    }
    url.searchParams.set('limit', String(Math.min(pageSize, 100)));
    url.searchParams.set('raw_json', '1');
    if (searching && source.subreddit) {
      url.searchParams.set('restrict_sr', '1');
    }
    if (state.page) {
      url.searchParams.set('after', state.page);
    }
    const scope = scopeOf('reddit', url.toString(), null);
    const response = await limitedJson(this.context, scope, 'reddit', url.toString(), {
      timeoutMs: this.options.timeoutMs,
      userAgent: this.options.userAgent,
    });
    const listing = Listing.safeParse(response.body);
    if (!listing.success) {
      throw new SourcePayloadError('reddit', url.toString(), 'not a Listing');
    }
    const mentions: NewMention[] = [];
    const skipped: FetchResult['skipped'] = [];
    let reachedCursor = false;
    for (const child of listing.data.data.children) {
      const mention = toMention(watch.id, child.kind, child.data);
      if (typeof mention === 'string') {
        skipped.push({ reason: mention });
      } else if (mention.createdAt.getTime() / 1000 < since) {
        reachedCursor = true;
      } else {
        state.newest = Math.max(state.newest, mention.createdAt.getTime() / 1000);
        mentions.push(mention);
      }
    }
    const next =
      reachedCursor || mentions.length + skipped.length === 0 ? null : listing.data.data.after;
    const keywordCount = searching ? watch.keywords.length : 1;
    return { mentions, skipped, ...advanceSincePage(state, keywordCount, next, since) };
  }
}
