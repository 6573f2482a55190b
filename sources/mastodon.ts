import { z } from 'zod';
import { SourceConfigError, SourcePayloadError } from '../domain/errors.js';
import type { NewMention } from '../domain/mention.js';
import type { WatchSourceOf } from '../domain/watch.js';
import { newestId } from './ids.js';
import { htmlText, joinParts } from './text.js';
import { limitedJson, scopeOf, type SourceContext } from './request.js';
import type { Connector, FetchRequest, FetchResult } from './types.js';

const count = z.number().int().nonnegative().catch(0);

/** The fields of a Mastodon Status that Earshot reads. */
const Status = z.object({
  id: z.string().min(1),
  created_at: z.string().refine((value) => !Number.isNaN(Date.parse(value))),
  content: z.string().catch(''),
  spoiler_text: z.string().nullish().catch(null),
  url: z.string().url().nullish().catch(null),
  uri: z.string().nullish().catch(null),
  language: z.string().nullish().catch(null),
  replies_count: count,
  reblogs_count: count,
  favourites_count: count,
  account: z.object({
    acct: z.string().min(1),
    display_name: z.string().nullish().catch(null),
    followers_count: z.number().int().nonnegative().nullish().catch(null),
  }),
});
type Status = z.infer<typeof Status>;

const AnyId = z.object({ id: z.string().min(1) });

/** Per stream (`#tag` or a search phrase), the newest status id stored. */
const Cursor = z.record(z.string(), z.string());

export interface MastodonOptions {
  /** The instance a source without its own `instance` uses, and the only one the token goes to. */
  defaultUrl: string;
  token: string | undefined;
  timeoutMs: number;
}

function toMention(watchId: string, host: string, status: Status): NewMention | null {
  const text = joinParts(status.spoiler_text, htmlText(status.content));
  if (text === '') {
    return null;
  }
  // Local accounts come as `user`; qualified with the host they are unique across instances.
  const acct = status.account.acct.includes('@')
    ? status.account.acct
    : `${status.account.acct}@${host}`;
  const permalink = status.url ?? status.uri;
  return {
    watchId,
    source: 'mastodon',
    externalId: `${host}:${status.id}`,
    url: permalink && URL.canParse(permalink) ? permalink : null,
    text,
    author: {
      id: acct,
      handle: `@${acct}`,
      name: status.account.display_name || null,
      followers: status.account.followers_count ?? null,
    },
    createdAt: new Date(status.created_at),
    engagement: {
      likes: status.favourites_count,
      replies: status.replies_count,
      shares: status.reblogs_count,
      score: status.favourites_count + status.reblogs_count,
    },
    lang: status.language ?? null,
    rating: null,
  };
}

/**
 * Mastodon: a hashtag's timeline on any instance, or (with a token) status search per keyword.
 * Each stream moves forward with `min_id` from the newest id stored, so pages follow each other
 * without gap or overlap and the cursor advances page by page. The first poll of a stream reads
 * only its newest page.
 */
export class MastodonConnector implements Connector<'mastodon'> {
  constructor(
    private readonly options: MastodonOptions,
    private readonly context: SourceContext,
  ) {}

  private instance(source: WatchSourceOf<'mastodon'>): URL {
    return new URL(source.instance ?? this.options.defaultUrl);
  }

  quotaKey(source: WatchSourceOf<'mastodon'>): string {
    return `mastodon:${this.instance(source).host}`;
  }

  private streams(request: FetchRequest<'mastodon'>): string[] {
    return request.source.hashtag ? [`#${request.source.hashtag}`] : request.watch.keywords;
  }

  private url(request: FetchRequest<'mastodon'>, stream: string, minId: string | undefined): URL {
    const { source } = request;
    const base = this.instance(source).toString().replace(/\/$/, '');
    const url = source.hashtag
      ? new URL(`${base}/api/v1/timelines/tag/${encodeURIComponent(source.hashtag)}`)
      : new URL(`${base}/api/v2/search`);
    if (!source.hashtag) {
      url.searchParams.set('q', stream);
      url.searchParams.set('type', 'statuses');
      url.searchParams.set('resolve', 'false');
    }
    url.searchParams.set('limit', String(Math.min(request.pageSize, 40)));
    if (minId) {
      url.searchParams.set('min_id', minId);
    }
    return url;
  }

  private token(source: WatchSourceOf<'mastodon'>): string | undefined {
    const mine = this.instance(source).origin === new URL(this.options.defaultUrl).origin;
    return mine ? this.options.token : undefined;
  }

  async fetchPage(request: FetchRequest<'mastodon'>): Promise<FetchResult> {
    const { watch, source } = request;
    const token = this.token(source);
    if (!source.hashtag && !token) {
      throw new SourceConfigError(
        'mastodon',
        'status search needs MASTODON_TOKEN and the instance MASTODON_URL; give a hashtag otherwise',
      );
    }
    const streams = this.streams(request);
    const index = Number(request.page ?? 0);
    const stream = streams[index] ?? streams[0]!;
    const stored = Cursor.catch({}).parse(request.cursor ? safeJson(request.cursor) : {});
    const url = this.url(request, stream, stored[stream]);
    const scope = scopeOf('mastodon', url.toString(), token ?? null);
    const { body } = await limitedJson(this.context, scope, 'mastodon', url.toString(), {
      timeoutMs: this.options.timeoutMs,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const list = source.hashtag ? body : (body as { statuses?: unknown } | null)?.statuses;
    if (!Array.isArray(list)) {
      throw new SourcePayloadError('mastodon', url.toString(), 'not a list of statuses');
    }
    const host = this.instance(source).host;
    const mentions: NewMention[] = [];
    const skipped: FetchResult['skipped'] = [];
    const ids: string[] = [];
    for (const raw of list) {
      const status = Status.safeParse(raw);
      const mention = status.success ? toMention(watch.id, host, status.data) : null;
      // A bad status's id still moves the stream on, so that it is not asked for again.
      const id = AnyId.safeParse(raw);
      if (id.success) {
        ids.push(id.data.id);
      }
      if (mention) {
        mentions.push(mention);
      } else {
        skipped.push({
          reason: status.success
            ? `status ${status.data.id}: no text`
            : 'status without id or time',
        });
      }
    }
    const newest = newestId(ids);
    // A full page read forward may have more after it; a first poll's newest page does not go back.
    const more =
      newest !== null &&
      stored[stream] !== undefined &&
      list.length >= Math.min(request.pageSize, 40);
    const nextIndex = more ? index : index + 1;
    return {
      mentions,
      skipped,
      cursor: newest === null ? null : JSON.stringify({ ...stored, [stream]: newest }),
      nextPage: nextIndex < streams.length ? String(nextIndex) : null,
    };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}
