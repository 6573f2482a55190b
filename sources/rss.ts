import { z } from 'zod';
import { SourceConfigError, SourcePayloadError } from '../domain/errors.js';
import type { NewMention } from '../domain/mention.js';
import type { WatchSourceOf } from '../domain/watch.js';
import {
  findFeed,
  itemId,
  parseFeedXml,
  readItem,
  unwrapLink,
  type FeedItem,
} from './feed-items.js';
import { joinParts, plainText } from './text.js';
import { limitedText, scopeOf, type SourceContext } from './request.js';
import type { Connector, FetchRequest, FetchResult } from './types.js';

/** The validators of the last full answer, sent back as a conditional GET. */
const Cursor = z.object({ etag: z.string().optional(), lastModified: z.string().optional() });
type Cursor = z.infer<typeof Cursor>;

function readCursor(cursor: string | null): Cursor {
  try {
    return Cursor.parse(JSON.parse(cursor ?? '{}'));
  } catch {
    return {};
  }
}

function toMention(
  watchId: string,
  feed: { host: string; title: string | null; lang: string | null; author: string | null },
  item: FeedItem,
  fetchedAt: Date,
): NewMention | string {
  const id = itemId(item);
  const text = joinParts(item.title, item.body);
  if (!id || text === '') {
    return `item ${id ?? '(no id, link or title)'}: no id or no text`;
  }
  const published = item.published ? new Date(item.published) : null;
  const author = (item.author && plainText(item.author)) || feed.author || feed.title || feed.host;
  return {
    watchId,
    source: 'rss',
    externalId: id,
    url: unwrapLink(item.link),
    text,
    author: { id: `${feed.host}:${author}`, handle: author, name: null, followers: null },
    // An item without a readable date is dated when first seen (later polls do not store it again).
    createdAt: published && !Number.isNaN(published.getTime()) ? published : fetchedAt,
    engagement: { likes: 0, replies: 0, shares: 0, score: 0 },
    lang: feed.lang,
    rating: null,
  };
}

/**
 * An RSS 2.0 or Atom feed at any URL, read whole each poll with a conditional GET (ETag,
 * Last-Modified): a 304 means nothing new; items seen before are dropped by the store's unique index.
 */
export class RssConnector implements Connector<'rss'> {
  constructor(
    private readonly options: { timeoutMs: number },
    private readonly context: SourceContext,
  ) {}

  quotaKey(source: WatchSourceOf<'rss'>): string {
    return `rss:${source.url ? new URL(source.url).host : ''}`;
  }

  async fetchPage({ watch, source, cursor }: FetchRequest<'rss'>): Promise<FetchResult> {
    if (!source.url) {
      throw new SourceConfigError('rss', 'a feed source needs a url');
    }
    const validators = readCursor(cursor);
    const scope = scopeOf('rss', source.url, null);
    const response = await limitedText(this.context, scope, 'rss', source.url, {
      timeoutMs: this.options.timeoutMs,
      accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8',
      headers: {
        ...(validators.etag ? { 'if-none-match': validators.etag } : {}),
        ...(validators.lastModified ? { 'if-modified-since': validators.lastModified } : {}),
      },
    });
    if (response.status === 304) {
      return { mentions: [], skipped: [], cursor: null, nextPage: null };
    }
    const parsed = parseFeedXml(response.body);
    const feed = 'doc' in parsed ? findFeed(parsed.doc) : null;
    if (!feed) {
      const why = 'doc' in parsed ? 'not an RSS 2.0 or Atom feed' : `not XML: ${parsed.error}`;
      throw new SourcePayloadError('rss', source.url, why);
    }
    const context = {
      host: new URL(source.url).host,
      title: feed.title,
      lang: feed.lang,
      author: feed.author && plainText(feed.author),
    };
    const mentions: NewMention[] = [];
    const skipped: FetchResult['skipped'] = [];
    const fetchedAt = new Date(this.context.now());
    for (const raw of feed.items) {
      const item = readItem(feed.kind, raw);
      const mention = item
        ? toMention(watch.id, context, item, fetchedAt)
        : 'item is not an element';
      if (typeof mention === 'string') {
        skipped.push({ reason: mention });
      } else {
        mentions.push(mention);
      }
    }
    const next: Cursor = {
      etag: response.headers.get('etag') ?? undefined,
      lastModified: response.headers.get('last-modified') ?? undefined,
    };
    return { mentions, skipped, cursor: JSON.stringify(next), nextPage: null };
  }
}
