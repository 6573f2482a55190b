import { z } from 'zod';
import { SourceConfigError, SourcePayloadError, SourceThrottledError } from '../domain/errors.js';
import type { NewMention } from '../domain/mention.js';
import type { Watch } from '../domain/watch.js';
import { limitedJson, scopeOf, type SourceContext } from './request.js';
import { readableItems, type SkipReasons } from './items.js';
import { count, reach } from './normalise.js';
import { escapedText } from './text.js';
import type { Connector, FetchRequest, FetchResult } from './types.js';

/** Recent search accepts queries of up to 512 characters (self-serve tiers). */
const MAX_QUERY = 512;

const Id = z.string().regex(/^\d{1,20}$/);
const Tweet = z.object({
  id: Id,
  text: z.string(),
  author_id: Id.nullish(),
  created_at: z.iso.datetime({ offset: true }),
  lang: z.string().nullish(),
  public_metrics: z
    .object({
      like_count: z.unknown(),
      reply_count: z.unknown(),
      retweet_count: z.unknown(),
      quote_count: z.unknown(),
    })
    .partial()
    .nullish(),
});
type Tweet = z.infer<typeof Tweet>;

const tweetText = (tweet: Tweet): string => escapedText(tweet.text);

const TWEET_SKIPS: SkipReasons<Tweet> = {
  unreadable: 'tweet without id or time',
  noText: (tweet) => `tweet ${tweet.id}: no text`,
};

const User = z.object({
  id: Id,
  username: z.string().min(1),
  name: z.string().nullish(),
  public_metrics: z.object({ followers_count: z.unknown() }).partial().nullish(),
});
type User = z.infer<typeof User>;
const SearchPage = z.object({
  data: z.array(z.unknown()).default([]),
  includes: z
    .object({ users: z.array(z.unknown()).default([]) })
    .partial()
    .default({}),
  meta: z.object({
    result_count: z.number().int(),
    newest_id: Id.nullish(),
    next_token: z.string().min(1).nullish(),
  }),
});

/** Where a poll is: the next page token and the newest tweet id seen (the next `since_id`). */
const XPage = z.object({ newest: Id.nullable(), page: z.string().nullable() });
type XPage = z.infer<typeof XPage>;

const newerId = (a: string | null, b: string | null | undefined): string | null =>
  !b ? a : !a || BigInt(b) > BigInt(a) ? b : a;

const quote = (term: string) => `"${term.replace(/"/g, '')}"`;

/** One query for every keyword (one request instead of one per keyword), retweets left out. */
export function searchQuery(watch: Watch): string {
  const any = watch.keywords.map(quote).join(' OR ');
  const none = watch.exclusions.map((term) => ` -${quote(term)}`).join('');
  const query = `(${any})${none} -is:retweet`;
  if (query.length > MAX_QUERY) {
    throw new SourceConfigError(
      'x',
      `watch ${watch.id}: keywords make a query over ${MAX_QUERY} characters`,
    );
  }
  return query;
}

/** X's epoch of snowflake ids; an id's creation time is `(id >> 22) + TWITTER_EPOCH_MS`. */
const TWITTER_EPOCH_MS = 1_288_834_974_657;
/** Recent search refuses a `since_id` older than 7 days; a little margin for clocks. */
const MAX_SINCE_AGE_MS = 7 * 24 * 3600_000 - 10 * 60_000;

/**
 * The stored cursor as `since_id`, unless it is older than recent search accepts (a watch not
 * polled for a week): then the search starts over from its 7-day window, and the unique index
 * drops what was stored before.
 */
export function usableSinceId(cursor: string | null, now: number): string | null {
  if (cursor === null || !Id.safeParse(cursor).success) {
    return null;
  }
  const createdMs = Number(BigInt(cursor) >> 22n) + TWITTER_EPOCH_MS;
  return now - createdMs > MAX_SINCE_AGE_MS ? null : cursor;
}

function toMention(watchId: string, tweet: Tweet, user: User | undefined): NewMention {
  const metrics = tweet.public_metrics ?? {};
  const authorId = tweet.author_id ?? null;
  return {
    watchId,
    source: 'x',
    externalId: tweet.id,
    url: user
      ? `https://x.com/${encodeURIComponent(user.username)}/status/${tweet.id}`
      : `https://x.com/i/web/status/${tweet.id}`,
    // Tweet text is plain text with only &, < and > escaped; its line breaks are the author's.
    text: escapedText(tweet.text),
    // An author missing from includes.users keeps the tweet under its id, without a reach.
    author: {
      id: authorId ?? `unknown:${tweet.id}`,
      handle: user?.username ?? authorId ?? '[unknown]',
      name: user?.name?.trim() || null,
      followers: reach(user?.public_metrics?.followers_count),
    },
    createdAt: new Date(tweet.created_at),
    engagement: {
      likes: count(metrics.like_count),
      replies: count(metrics.reply_count),
      shares: count(metrics.retweet_count) + count(metrics.quote_count),
      score: count(metrics.like_count),
    },
    lang: tweet.lang && tweet.lang !== 'und' ? tweet.lang : null,
    rating: null,
  };
}

/** With no reset day configured, a spent monthly cap is asked again a day later. */
const CAP_RECHECK_MS = 24 * 3_600_000;

/**
 * Milliseconds from `now` to the next reset of the project's monthly Post cap: midnight UTC of
 * `resetDay` (the last day of a shorter month), or a day from now when the day is not known.
 */
export function untilCapReset(now: number, resetDay: number | null): number {
  if (resetDay === null) {
    return CAP_RECHECK_MS;
  }
  const today = new Date(now);
  for (let ahead = 0; ; ahead += 1) {
    const year = today.getUTCFullYear();
    const month = today.getUTCMonth() + ahead;
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    const reset = Date.UTC(year, month, Math.min(resetDay, lastDay));
    if (reset > now) {
      return reset - now;
    }
  }
}

const CapBody = z.object({ title: z.string().optional(), type: z.string().optional() });

/**
 * A 429 that is the monthly Post cap, not the 15-minute rate limit (X sends it with requests left
 * in the window): no request can succeed before the cap resets, so the token waits until then.
 */
function capError(status: number, body: string, url: string, wait: () => number) {
  if (status !== 429) {
    return undefined;
  }
  let parsed;
  try {
    parsed = CapBody.safeParse(JSON.parse(body));
  } catch {
    return undefined;
  }
  const capped =
    parsed.success &&
    (parsed.data.title === 'UsageCapExceeded' || parsed.data.type?.endsWith('/usage-capped'));
  return capped ? new SourceThrottledError('x', url, wait(), 'monthly Post cap spent') : undefined;
}

export interface XOptions {
  apiUrl: string;
  bearerToken: string | null;
  timeoutMs: number;
  /** Day of the month the project's Post cap resets (X_CAP_RESET_DAY), if known. */
  capResetDay?: number | null;
}

/**
 * X (Twitter) API v2 recent search with the authors expanded: one query for all keywords, newer
 * than the newest tweet id stored (`since_id`), paged with `next_token`.
 */
export class XConnector implements Connector<'x'> {
  constructor(
    private readonly options: XOptions,
    private readonly context: SourceContext,
  ) {}

  async fetchPage({ watch, cursor, page, pageSize }: FetchRequest<'x'>): Promise<FetchResult> {
    if (!this.options.bearerToken) {
      throw new SourceConfigError('x', `watch ${watch.id}: X_BEARER_TOKEN is not set`);
    }
    const state: XPage = page ? XPage.parse(JSON.parse(page)) : { newest: null, page: null };
    const url = new URL(`${this.options.apiUrl.replace(/\/$/, '')}/tweets/search/recent`);
    url.searchParams.set('query', searchQuery(watch));
    url.searchParams.set('max_results', String(Math.min(Math.max(pageSize, 10), 100)));
    url.searchParams.set('expansions', 'author_id');
    url.searchParams.set('user.fields', 'public_metrics,username,name');
    url.searchParams.set('tweet.fields', 'created_at,public_metrics,lang,author_id');
    const since = usableSinceId(cursor, this.context.now());
    if (since !== null) {
      url.searchParams.set('since_id', since);
    }
    if (state.page) {
      url.searchParams.set('next_token', state.page);
    }
    const body = SearchPage.safeParse(await this.get(url.toString()));
    if (!body.success) {
      throw new SourcePayloadError('x', url.toString(), 'no data/meta envelope');
    }
    const users = new Map<string, User>();
    for (const raw of body.data.includes.users ?? []) {
      const user = User.safeParse(raw);
      if (user.success) {
        users.set(user.data.id, user.data);
      }
    }
    const mentions: NewMention[] = [];
    const skipped: FetchResult['skipped'] = [];
    let newest = newerId(state.newest, body.data.meta.newest_id);
    const tweets = readableItems(body.data.data, Tweet, tweetText, TWEET_SKIPS, skipped);
    for (const { item: tweet } of tweets) {
      newest = newerId(newest, tweet.id);
      const user = tweet.author_id ? users.get(tweet.author_id) : undefined;
      mentions.push(toMention(watch.id, tweet, user));
    }
    const next = body.data.meta.next_token ?? null;
    return next
      ? { mentions, skipped, cursor: null, nextPage: JSON.stringify({ newest, page: next }) }
      : { mentions, skipped, cursor: newest ?? cursor, nextPage: null };
  }

  /**
   * One request under X's limits: a 429 (its reset in `x-rate-limit-reset`) or an answer with
   * `x-rate-limit-remaining: 0` blocks the token until the window resets (ProviderLimits); a 429
   * for the spent monthly Post cap blocks it until the cap resets.
   */
  private async get(url: string): Promise<unknown> {
    const token = this.options.bearerToken ?? '';
    const resetDay = this.options.capResetDay ?? null;
    const response = await limitedJson(this.context, scopeOf('x', url, token), 'x', url, {
      timeoutMs: this.options.timeoutMs,
      headers: { authorization: `Bearer ${token}` },
      onError: (status, body, _headers, shownUrl) =>
        capError(status, body, shownUrl, () => untilCapReset(this.context.now(), resetDay)),
    });
    return response.body;
  }
}
