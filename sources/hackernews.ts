import { z } from 'zod';
import { SourcePayloadError } from '../domain/errors.js';
import type { NewMention } from '../domain/mention.js';
import { readableItems, type SkipReasons } from './items.js';
import { advanceSincePage, decodeSincePage, sinceFromCursor } from './paging.js';
import { htmlText, joinParts, plainText } from './text.js';
import { limitedJson, scopeOf, type SourceContext } from './request.js';
import type { Connector, FetchRequest, FetchResult } from './types.js';

/** The fields of an Algolia HN hit that Earshot reads; everything else is ignored. */
const Hit = z.object({
  objectID: z.string().min(1),
  created_at_i: z.number().int(),
  author: z.string().min(1),
  // A field of an unexpected type is treated as absent rather than losing the whole hit.
  title: z.string().nullish().catch(null),
  story_text: z.string().nullish().catch(null),
  comment_text: z.string().nullish().catch(null),
  points: z.number().int().nullish().catch(null),
  num_comments: z.number().int().nonnegative().nullish().catch(null),
});

const HIT_SKIPS: SkipReasons<z.infer<typeof Hit>> = {
  unreadable: 'hit without id, time or author',
  noText: (hit) => `hit ${hit.objectID}: no text`,
};
const SearchPage = z.object({
  hits: z.array(z.unknown()),
  page: z.number().int(),
  nbPages: z.number().int(),
});

function hitText(hit: z.infer<typeof Hit>): string {
  // Titles are plain text; story and comment texts are HTML.
  return joinParts(
    hit.title && plainText(hit.title),
    ...[hit.story_text, hit.comment_text].map((part) => part && htmlText(part)),
  );
}

function toMention(watchId: string, hit: z.infer<typeof Hit>, text: string): NewMention {
  return {
    watchId,
    source: 'hackernews',
    externalId: hit.objectID,
    url: `https://news.ycombinator.com/item?id=${encodeURIComponent(hit.objectID)}`,
    text,
    author: { id: hit.author, handle: hit.author, name: null, followers: null },
    createdAt: new Date(hit.created_at_i * 1000),
    engagement: { likes: 0, replies: hit.num_comments ?? 0, shares: 0, score: hit.points ?? 0 },
    lang: null,
    rating: null,
  };
}

/** Hacker News stories and comments through Algolia's search_by_date, one keyword at a time. */
export class HackerNewsConnector implements Connector<'hackernews'> {
  constructor(
    private readonly options: { apiUrl: string; timeoutMs: number },
    private readonly context: SourceContext,
  ) {}

  async fetchPage(request: FetchRequest<'hackernews'>): Promise<FetchResult> {
    const { watch, cursor, page, pageSize } = request;
    const since = sinceFromCursor(cursor, Math.floor(this.context.now() / 1000));
    const state = decodeSincePage(page, since);
    const pageNumber = Number(state.page ?? 0);
    const url = new URL(`${this.options.apiUrl.replace(/\/$/, '')}/search_by_date`);
    url.searchParams.set('query', watch.keywords[state.keyword] ?? '');
    url.searchParams.set('tags', '(story,comment)');
    url.searchParams.set('numericFilters', `created_at_i>=${since}`);
    url.searchParams.set('hitsPerPage', String(Math.min(pageSize, 1000)));
    url.searchParams.set('page', String(pageNumber));

    const scope = scopeOf('hackernews', url.toString(), null);
    const response = await limitedJson(this.context, scope, 'hackernews', url.toString(), {
      timeoutMs: this.options.timeoutMs,
    });
    const body = SearchPage.safeParse(response.body);
    if (!body.success) {
      throw new SourcePayloadError('hackernews', url.toString(), 'no hits/page/nbPages');
    }
    const skipped: FetchResult['skipped'] = [];
    const hits = readableItems(body.data.hits, Hit, hitText, HIT_SKIPS, skipped);
    const mentions: NewMention[] = [];
    for (const { item: hit, text } of hits) {
      state.newest = Math.max(state.newest, hit.created_at_i);
      mentions.push(toMention(watch.id, hit, text));
    }
    const more = body.data.hits.length > 0 && pageNumber + 1 < body.data.nbPages;
    return {
      mentions,
      skipped,
      ...advanceSincePage(
        state,
        watch.keywords.length,
        more ? String(pageNumber + 1) : null,
        since,
      ),
    };
  }
}
