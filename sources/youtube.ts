import { z } from 'zod';
import {
  SourceConfigError,
  SourceHttpError,
  SourcePayloadError,
  SourceThrottledError,
} from '../domain/errors.js';
import type { NewMention } from '../domain/mention.js';
import type { WatchSourceOf } from '../domain/watch.js';
import type { HttpOptions } from './http.js';
import { readableItems, type SkipReasons } from './items.js';
import { count, reach } from './normalise.js';
import { sinceFromCursor } from './paging.js';
import { limitedJson, scopeOf, type SourceContext } from './request.js';
import { htmlText, plainText } from './text.js';
import type { Connector, FetchRequest, FetchResult } from './types.js';

/**
 * Quota costs in units (YouTube Data API v3 docs; default project quota 10,000 units a day):
 * commentThreads.list and channels.list cost 1 unit a call, search.list 100.
 */
export const YOUTUBE_QUOTA_COST = { commentThreads: 1, channels: 1, search: 100 } as const;

const Comment = z.object({
  id: z.string().min(1),
  snippet: z.object({
    videoId: z.string().min(1).nullish(),
    textOriginal: z.string().nullish(),
    textDisplay: z.string().nullish(),
    authorDisplayName: z.string().nullish(),
    authorChannelId: z.object({ value: z.string().min(1) }).nullish(),
    likeCount: z.unknown().optional(),
    publishedAt: z.iso.datetime({ offset: true }),
  }),
});
const Thread = z.object({
  id: z.string().min(1),
  snippet: z.object({
    videoId: z.string().min(1).nullish(),
    topLevelComment: Comment,
    totalReplyCount: z.unknown().optional(),
  }),
});
type Thread = z.infer<typeof Thread>;

const threadText = (thread: Thread): string => commentText(thread.snippet.topLevelComment);

const THREAD_SKIPS: SkipReasons<Thread> = {
  unreadable: 'thread without id or time',
  noText: (thread) => `thread ${thread.id}: no text`,
};
const ThreadList = z.object({
  items: z.array(z.unknown()),
  nextPageToken: z.string().min(1).nullish(),
});
const SearchList = z.object({
  items: z.array(z.object({ id: z.object({ videoId: z.string().min(1).nullish() }) })),
});
const ChannelList = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        statistics: z
          .object({
            subscriberCount: z.unknown().optional(),
            hiddenSubscriberCount: z.boolean().nullish(),
          })
          .nullish(),
      }),
    )
    .default([]),
});

/** Where a poll is: keyword and videos of a search, the thread page, the newest comment seen. */
const YouTubePage = z.object({
  newest: z.number(),
  keyword: z.number().int().nonnegative(),
  videos: z.array(z.string()).nullable(),
  video: z.number().int().nonnegative(),
  page: z.string().nullable(),
});
type YouTubePage = z.infer<typeof YouTubePage>;

/** A video whose comments cannot be read (disabled, gone): a search skips it, a watch fails. */
class CommentsUnavailable extends SourceHttpError {}

const ErrorBody = z.object({
  error: z.object({ errors: z.array(z.object({ reason: z.string() })).default([]) }),
});

const PACIFIC = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  hourCycle: 'h23',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Milliseconds since midnight of the Pacific day `at` falls in. */
function pacificTimeOfDay(at: number): number {
  const part = (parts: Intl.DateTimeFormatPart[], type: string) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const parts = PACIFIC.formatToParts(at);
  const seconds = part(parts, 'hour') * 3600 + part(parts, 'minute') * 60 + part(parts, 'second');
  return seconds * 1000 + (((at % 1000) + 1000) % 1000);
}

/**
 * The daily quota resets at midnight Pacific time (08:00 UTC in winter, 07:00 UTC in summer). A
 * day of 23 or 25 hours (a clock change) is corrected by looking at the Pacific time of the guess.
 */
export function untilQuotaReset(now: number): number {
  const guess = now + 86_400_000 - pacificTimeOfDay(now);
  const off = pacificTimeOfDay(guess);
  // Past midnight by `off` (a 23-hour day), or short of it by a day minus `off` (a 25-hour day).
  const reset = off < 12 * 3_600_000 ? guess - off : guess + 86_400_000 - off;
  return reset - now;
}

function youtubeError(status: number, body: string, url: string, now: number): Error | undefined {
  let reasons: string[];
  try {
    const parsed = ErrorBody.safeParse(JSON.parse(body));
    reasons = parsed.success ? parsed.data.error.errors.map((error) => error.reason) : [];
  } catch {
    return undefined;
  }
  if (reasons.includes('quotaExceeded') || reasons.includes('dailyLimitExceeded')) {
    return new SourceThrottledError('youtube', url, untilQuotaReset(now), 'daily quota spent');
  }
  if (reasons.some((reason) => /rateLimitExceeded$/i.test(reason))) {
    return new SourceThrottledError('youtube', url, 60_000, 'rate limit');
  }
  if (reasons.includes('commentsDisabled') || reasons.includes('videoNotFound')) {
    return new CommentsUnavailable('youtube', status, url, null);
  }
  return undefined;
}

type Mode = { kind: 'video'; id: string } | { kind: 'channel'; id: string } | { kind: 'search' };

function modeOf(source: WatchSourceOf<'youtube'>): Mode {
  if (source.videoId) {
    return { kind: 'video', id: source.videoId };
  }
  return source.channelId ? { kind: 'channel', id: source.channelId } : { kind: 'search' };
}

function commentText(comment: z.infer<typeof Comment>): string {
  // textOriginal is what the author typed (plain text); textDisplay is HTML made from it.
  const original = comment.snippet.textOriginal ? plainText(comment.snippet.textOriginal) : '';
  if (original) {
    return original;
  }
  return comment.snippet.textDisplay ? htmlText(comment.snippet.textDisplay) : '';
}

export interface YouTubeOptions {
  apiUrl: string;
  apiKey: string | null;
  searchMaxVideos: number;
  timeoutMs: number;
}

/**
 * YouTube comment threads (top-level comments) of one video, of everything related to a channel,
 * or of the newest videos a keyword search finds; newest first, down to the cursor time.
 */
export class YouTubeConnector implements Connector<'youtube'> {
  constructor(
    private readonly options: YouTubeOptions,
    private readonly context: SourceContext,
  ) {}

  async fetchPage(request: FetchRequest<'youtube'>): Promise<FetchResult> {
    if (!this.options.apiKey) {
      const why = `watch ${request.watch.id}: YOUTUBE_API_KEY is not set`;
      throw new SourceConfigError('youtube', why);
    }
    const { watch, source, cursor, page, pageSize } = request;
    const since = sinceFromCursor(cursor, Math.floor(this.context.now() / 1000));
    const state: YouTubePage = page
      ? YouTubePage.parse(JSON.parse(page))
      : { newest: since, keyword: 0, videos: null, video: 0, page: null };
    const mode = modeOf(source);
    if (mode.kind === 'search' && state.videos === null) {
      const videos = await this.searchVideos(watch.keywords[state.keyword] ?? '');
      const next: YouTubePage = { ...state, videos, video: 0, page: null };
      return videos.length > 0
        ? { mentions: [], skipped: [], cursor: null, nextPage: JSON.stringify(next) }
        : { mentions: [], skipped: [], ...this.advance(next, mode, watch.keywords, null, since) };
    }
    const target: Record<string, string> =
      mode.kind === 'search'
        ? { videoId: state.videos?.[state.video] ?? '' }
        : mode.kind === 'video'
          ? { videoId: mode.id }
          : { allThreadsRelatedToChannelId: mode.id };
    const threads = await this.threads(target, state.page, pageSize, mode.kind === 'search');
    if (threads === null) {
      const skipped = [{ reason: `video ${target.videoId ?? ''}: comments unavailable` }];
      return { mentions: [], skipped, ...this.advance(state, mode, watch.keywords, null, since) };
    }
    const mentions: NewMention[] = [];
    const skipped: FetchResult['skipped'] = [];
    let reachedCursor = false;
    const parsed: Array<{ thread: Thread; text: string; at: number }> = [];
    const readable = readableItems(threads.items, Thread, threadText, THREAD_SKIPS, skipped);
    for (const { item: thread, text } of readable) {
      const at = Math.floor(Date.parse(thread.snippet.topLevelComment.snippet.publishedAt) / 1000);
      if (at < since) {
        reachedCursor = true;
        continue;
      }
      state.newest = Math.max(state.newest, at);
      parsed.push({ thread, text, at });
    }
    const subscribers = await this.subscribers(parsed.map(({ thread }) => authorChannel(thread)));
    for (const { thread, text, at } of parsed) {
      mentions.push(toMention(watch.id, thread, text, at, subscribers));
    }
    const next = reachedCursor ? null : (threads.nextPageToken ?? null);
    return { mentions, skipped, ...this.advance(state, mode, watch.keywords, next, since) };
  }

  /** The next page of this listing, else the next video of the search, else the next keyword. */
  private advance(
    state: YouTubePage,
    mode: Mode,
    keywords: string[],
    nextPage: string | null,
    since: number,
  ): { cursor: string | null; nextPage: string | null } {
    const go = (next: YouTubePage) => ({ cursor: null, nextPage: JSON.stringify(next) });
    if (nextPage !== null) {
      return go({ ...state, page: nextPage });
    }
    if (mode.kind === 'search' && state.videos && state.video + 1 < state.videos.length) {
      return go({ ...state, video: state.video + 1, page: null });
    }
    if (mode.kind === 'search' && state.keyword + 1 < keywords.length) {
      return go({ ...state, keyword: state.keyword + 1, videos: null, video: 0, page: null });
    }
    return { cursor: String(Math.max(state.newest, since)), nextPage: null };
  }

  private http(): HttpOptions {
    return {
      timeoutMs: this.options.timeoutMs,
      // The key goes in a header, so that it never appears in a URL that is logged.
      headers: { 'x-goog-api-key': this.options.apiKey ?? '' },
      onError: (status, body, _headers, url) => youtubeError(status, body, url, this.context.now()),
    };
  }

  /** One call under the key's limits: a spent daily quota blocks the key until its reset. */
  private async get(url: string): Promise<unknown> {
    const scope = scopeOf('youtube', url, this.options.apiKey);
    return (await limitedJson(this.context, scope, 'youtube', url, this.http())).body;
  }

  private url(method: string, params: Record<string, string>): string {
    const url = new URL(`${this.options.apiUrl.replace(/\/$/, '')}/${method}`);
    for (const [name, value] of Object.entries(params)) {
      url.searchParams.set(name, value);
    }
    return url.toString();
  }

  /** The newest videos matching a keyword (search.list: 100 quota units). */
  private async searchVideos(keyword: string): Promise<string[]> {
    const url = this.url('search', {
      part: 'id',
      q: keyword,
      type: 'video',
      order: 'date',
      maxResults: String(this.options.searchMaxVideos),
    });
    const body = SearchList.safeParse(await this.get(url));
    if (!body.success) {
      throw new SourcePayloadError('youtube', url, 'not a search list');
    }
    return body.data.items.flatMap((item) => (item.id.videoId ? [item.id.videoId] : []));
  }

  /** One page of comment threads; null when a searched video's comments are unavailable. */
  private async threads(
    target: Record<string, string>,
    pageToken: string | null,
    pageSize: number,
    skipUnavailable: boolean,
  ): Promise<z.infer<typeof ThreadList> | null> {
    const url = this.url('commentThreads', {
      part: 'snippet',
      ...target,
      order: 'time',
      maxResults: String(Math.min(pageSize, 100)),
      ...(pageToken ? { pageToken } : {}),
    });
    let raw: unknown;
    try {
      raw = await this.get(url);
    } catch (error) {
      if (skipUnavailable && error instanceof CommentsUnavailable) {
        return null;
      }
      throw error;
    }
    const body = ThreadList.safeParse(raw);
    if (!body.success) {
      throw new SourcePayloadError('youtube', url, 'not a commentThread list');
    }
    return body.data;
  }

  /** Subscriber counts of the page's authors (channels.list: 1 unit per 50 channels). */
  private async subscribers(channels: Array<string | null>): Promise<Map<string, number | null>> {
    const ids = [...new Set(channels.filter((id): id is string => id !== null))];
    const counts = new Map<string, number | null>();
    for (let start = 0; start < ids.length; start += 50) {
      const url = this.url('channels', {
        part: 'statistics',
        id: ids.slice(start, start + 50).join(','),
        maxResults: '50',
      });
      const body = ChannelList.safeParse(await this.get(url));
      if (!body.success) {
        throw new SourcePayloadError('youtube', url, 'not a channel list');
      }
      for (const channel of body.data.items) {
        const hidden = channel.statistics?.hiddenSubscriberCount === true;
        counts.set(channel.id, hidden ? null : reach(channel.statistics?.subscriberCount));
      }
    }
    return counts;
  }
}

function authorChannel(thread: Thread): string | null {
  return thread.snippet.topLevelComment.snippet.authorChannelId?.value ?? null;
}

function toMention(
  watchId: string,
  thread: Thread,
  text: string,
  at: number,
  subscribers: Map<string, number | null>,
): NewMention {
  const comment = thread.snippet.topLevelComment;
  const channel = authorChannel(thread);
  const videoId = thread.snippet.videoId ?? comment.snippet.videoId;
  const likes = count(comment.snippet.likeCount);
  return {
    watchId,
    source: 'youtube',
    externalId: thread.id,
    url: videoId
      ? `https://www.youtube.com/watch?v=${encodeURIComponent(videoId)}&lc=${encodeURIComponent(comment.id)}`
      : null,
    text,
    // An author whose channel is gone keeps the comment but must not merge with other such authors.
    author: {
      id: channel ?? `deleted:${thread.id}`,
      handle: comment.snippet.authorDisplayName?.trim() || channel || '[deleted]',
      name: comment.snippet.authorDisplayName?.trim() || null,
      followers: channel ? (subscribers.get(channel) ?? null) : null,
    },
    createdAt: new Date(at * 1000),
    engagement: {
      likes,
      replies: count(thread.snippet.totalReplyCount),
      shares: 0,
      score: likes,
    },
    lang: null,
    rating: null,
  };
}
