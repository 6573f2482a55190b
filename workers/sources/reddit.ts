import { z } from 'zod';
import { SourcePayloadError } from '../../domain/errors.js';
import type { NewMention } from '../../domain/mention.js';
import { getJson } from './http.js';
import { advanceSincePage, decodeSincePage, sinceFromCursor } from './paging.js';
import type { Connector, FetchRequest, FetchResult } from './types.js';

const Post = z.object({
  id: z.string().min(1),
  title: z.string().default(''),
  selftext: z.string().nullish(),
  author: z.string().min(1),
  author_fullname: z.string().nullish(),
  created_utc: z.number(),
  permalink: z.string().startsWith('/'),
  score: z.number().int().nullish(),
  ups: z.number().int().nullish(),
  num_comments: z.number().int().nullish(),
});
const Listing = z.object({
  data: z.object({
    after: z.string().nullable(),
    children: z.array(z.object({ kind: z.string(), data: z.unknown() })),
  }),
});

function toMention(watchId: string, post: z.infer<typeof Post>): NewMention {
  // A deleted author keeps the post (it still counts) but must not merge with other deleted ones.
  const deleted = post.author === '[deleted]';
  return {
    watchId,
    source: 'reddit',
    externalId: post.id,
    url: `https://www.reddit.com${post.permalink}`,
    text: [post.title, post.selftext ?? ''].join('\n\n').trim(),
    author: {
      id: deleted ? `deleted:${post.id}` : (post.author_fullname ?? post.author),
      handle: post.author,
      name: null,
      followers: null,
    },
    createdAt: new Date(post.created_utc * 1000),
    engagement: {
      likes: Math.max(0, post.ups ?? 0),
      replies: post.num_comments ?? 0,
      shares: 0,
      score: post.score ?? 0,
    },
    lang: null,
    rating: null,
  };
}

/** Reddit posts through the public search JSON, newest first, optionally within one subreddit. */
export class RedditConnector implements Connector {
  constructor(private readonly options: { apiUrl: string; userAgent: string; timeoutMs: number }) {}

  async fetchPage({ watch, source, cursor, page, pageSize }: FetchRequest): Promise<FetchResult> {
    const since = sinceFromCursor(cursor);
    const state = decodeSincePage(page, since);
    const base = this.options.apiUrl.replace(/\/$/, '');
    const url = new URL(
      source.subreddit ? `${base}/r/${source.subreddit}/search.json` : `${base}/search.json`,
    );
    url.searchParams.set('q', `"${watch.keywords[state.keyword] ?? ''}"`);
    url.searchParams.set('sort', 'new');
    url.searchParams.set('limit', String(Math.min(pageSize, 100)));
    url.searchParams.set('raw_json', '1');
    if (source.subreddit) {
      url.searchParams.set('restrict_sr', '1');
    }
    if (state.page) {
      url.searchParams.set('after', state.page);
    }
    const listing = Listing.safeParse(
      await getJson('reddit', url.toString(), {
        timeoutMs: this.options.timeoutMs,
        userAgent: this.options.userAgent,
      }),
    );
    if (!listing.success) {
      throw new SourcePayloadError('reddit', url.toString(), 'not a Listing');
    }
    const mentions: NewMention[] = [];
    const skipped: FetchResult['skipped'] = [];
    let reachedCursor = false;
    for (const child of listing.data.data.children) {
      const post = Post.safeParse(child.data);
      if (!post.success) {
        skipped.push({ reason: `${child.kind} item without id, author, time or permalink` });
        continue;
      }
      if (post.data.created_utc < since) {
        reachedCursor = true;
        continue;
      }
      state.newest = Math.max(state.newest, post.data.created_utc);
      mentions.push(toMention(watch.id, post.data));
    }
    const next = reachedCursor ? null : listing.data.data.after;
    return { mentions, skipped, ...advanceSincePage(state, watch.keywords.length, next, since) };
  }
}
