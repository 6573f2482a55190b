import { z } from 'zod';
import { SourcePayloadError } from '../domain/errors.js';
import type { NewMention } from '../domain/mention.js';
import {
  ExpiredTokenError,
  xrpcError,
  type BlueskySessions,
  type Session,
} from './bluesky-session.js';
import { advanceSincePage, decodeSincePage, sinceFromCursor } from './paging.js';
import { limitedJson, type SourceContext } from './request.js';
import { plainText } from './text.js';
import type { Connector, FetchRequest, FetchResult } from './types.js';

const count = z.number().int().nonnegative().catch(0);
const time = z.string().refine((value) => !Number.isNaN(Date.parse(value)));

/** Bluesky's AppView, as a service reference for the `atproto-proxy` header. */
const APPVIEW = 'did:web:api.bsky.app#bsky_appview';

/** The fields of an `app.bsky.feed.defs#postView` that Earshot reads. */
const PostView = z.object({
  uri: z.string().regex(/^at:\/\/[^/]+\/app\.bsky\.feed\.post\/[^/]+$/),
  author: z.object({
    did: z.string().min(1),
    handle: z.string().min(1),
    displayName: z.string().nullish().catch(null),
  }),
  record: z.object({
    text: z.string().catch(''),
    createdAt: time.nullish().catch(null),
    langs: z.array(z.string()).nullish().catch(null),
  }),
  indexedAt: time,
  likeCount: count,
  repostCount: count,
  replyCount: count,
  quoteCount: count,
});
type PostView = z.infer<typeof PostView>;

const SearchPage = z.object({
  cursor: z.string().nullish(),
  posts: z.array(z.unknown()),
});

/**
 * When a post counts from: the earlier of its claimed creation and its indexing, so that a client
 * clock set in the future cannot push the cursor ahead of posts not yet seen.
 */
function postTime(post: PostView): number {
  const indexed = Date.parse(post.indexedAt);
  const created = post.record.createdAt ? Date.parse(post.record.createdAt) : indexed;
  return Math.min(created, indexed) / 1000;
}

function toMention(watchId: string, post: PostView, at: number): NewMention | null {
  const text = plainText(post.record.text);
  if (text === '') {
    return null;
  }
  const rkey = post.uri.split('/').pop()!;
  // A handle that no longer resolves is reported as handle.invalid; the DID still links.
  const profile = post.author.handle === 'handle.invalid' ? post.author.did : post.author.handle;
  return {
    watchId,
    source: 'bluesky',
    externalId: post.uri,
    url: `https://bsky.app/profile/${profile}/post/${rkey}`,
    text,
    author: {
      id: post.author.did,
      handle: post.author.handle,
      name: post.author.displayName || null,
      // A postView's author is a profileViewBasic: no follower count without one call per author.
      followers: null,
    },
    createdAt: new Date(at * 1000),
    engagement: {
      likes: post.likeCount,
      replies: post.replyCount,
      shares: post.repostCount + post.quoteCount,
      score: post.likeCount,
    },
    lang: post.record.langs?.[0] ?? null,
    rating: null,
  };
}

/**
 * Bluesky's `app.bsky.feed.searchPosts`, newest first, per keyword, since the cursor's time. The
 * AppView no longer answers anonymous searches, so the calls go to the account's server (which
 * proxies them) with the session's access token.
 */
export class BlueskyConnector implements Connector<'bluesky'> {
  constructor(
    private readonly options: { apiUrl: string; timeoutMs: number },
    private readonly context: SourceContext,
    private readonly sessions: BlueskySessions,
  ) {}

  async fetchPage(request: FetchRequest<'bluesky'>): Promise<FetchResult> {
    const { watch, cursor, page, pageSize } = request;
    const since = sinceFromCursor(cursor, Math.floor(this.context.now() / 1000));
    const state = decodeSincePage(page, since);
    const url = new URL(`${this.options.apiUrl.replace(/\/$/, '')}/xrpc/app.bsky.feed.searchPosts`);
    url.searchParams.set('q', watch.keywords[state.keyword] ?? '');
    url.searchParams.set('sort', 'latest');
    url.searchParams.set('since', new Date(since * 1000).toISOString());
    url.searchParams.set('limit', String(Math.min(pageSize, 100)));
    if (state.page) {
      url.searchParams.set('cursor', state.page);
    }
    const body = SearchPage.safeParse(await this.search(url.toString()));
    if (!body.success) {
      throw new SourcePayloadError('bluesky', url.toString(), 'no posts list');
    }
    const mentions: NewMention[] = [];
    const skipped: FetchResult['skipped'] = [];
    let reachedCursor = false;
    for (const raw of body.data.posts) {
      const post = PostView.safeParse(raw);
      if (!post.success) {
        skipped.push({ reason: 'post without uri, author or time' });
        continue;
      }
      const at = postTime(post.data);
      const mention = toMention(watch.id, post.data, at);
      if (at < since) {
        reachedCursor = true;
      } else if (!mention) {
        skipped.push({ reason: `post ${post.data.uri}: no text` });
      } else {
        state.newest = Math.max(state.newest, at);
        mentions.push(mention);
      }
    }
    const next = reachedCursor || body.data.posts.length === 0 ? null : (body.data.cursor ?? null);
    return { mentions, skipped, ...advanceSincePage(state, watch.keywords.length, next, since) };
  }

  /** One search with the session; an expired access token is refreshed once and the call retried. */
  private async search(url: string): Promise<unknown> {
    const session = await this.sessions.current();
    try {
      return await this.get(url, session);
    } catch (error) {
      if (!(error instanceof ExpiredTokenError)) {
        throw error;
      }
      return this.get(url, await this.sessions.renew(session));
    }
  }

  private async get(url: string, session: Session): Promise<unknown> {
    const response = await limitedJson(this.context, this.sessions.scope(url), 'bluesky', url, {
      timeoutMs: this.options.timeoutMs,
      // Service proxying (atproto XRPC spec): the account's server forwards app.bsky calls to the
      // AppView the header names; some servers refuse app.bsky calls without it.
      headers: { authorization: `Bearer ${session.accessJwt}`, 'atproto-proxy': APPVIEW },
      onError: xrpcError,
    });
    return response.body;
  }
}
