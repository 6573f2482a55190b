import { z } from 'zod';
import {
  SourceConfigError,
  SourceHttpError,
  SourcePayloadError,
  SourceThrottledError,
} from '../domain/errors.js';
import type { NewMention } from '../domain/mention.js';
import { readableItems, type SkipReasons } from './items.js';
import { count, reach } from './normalise.js';
import { advanceSincePage, decodeSincePage, sinceFromCursor } from './paging.js';
import type { LimitScope } from './limits.js';
import { limitedJson, scopeOf, type SourceContext } from './request.js';
import { htmlText, joinParts } from './text.js';
import type { Connector, FetchRequest, FetchResult } from './types.js';

const Question = z.object({
  question_id: z.number().int().positive(),
  title: z.string(),
  body: z.string().nullish(),
  link: z.string().url().nullish(),
  creation_date: z.number().int(),
  score: z.number().int().nullish(),
  answer_count: z.unknown().optional(),
  owner: z
    .object({
      user_id: z.number().int().nullish(),
      user_type: z.string().nullish(),
      display_name: z.string().nullish(),
      reputation: z.unknown().optional(),
    })
    .nullish(),
});

const QUESTION_SKIPS: SkipReasons<z.infer<typeof Question>> = {
  unreadable: 'question without id or time',
  noText: (question) => `question ${question.question_id}: no text`,
};
type Question = z.infer<typeof Question>;
const Wrapper = z.object({
  items: z.array(z.unknown()),
  has_more: z.boolean(),
  quota_remaining: z.number().int().nullish(),
  backoff: z.number().int().positive().nullish(),
});
/** The one method Earshot calls; Stack Exchange's `backoff` applies per method, on every site. */
const METHOD = 'search/advanced';
const ErrorBody = z.object({ error_name: z.string(), error_message: z.string().default('') });

/** Milliseconds to the next midnight UTC, when Stack Exchange quotas reset. */
function untilUtcMidnight(now: number): number {
  const midnight = new Date(now);
  midnight.setUTCHours(24, 0, 0, 0);
  return midnight.getTime() - now;
}

function stackExchangeError(status: number, body: string, url: string): Error | undefined {
  let error: z.infer<typeof ErrorBody>;
  try {
    const parsed = ErrorBody.safeParse(JSON.parse(body));
    if (!parsed.success) {
      return undefined;
    }
    error = parsed.data;
  } catch {
    return undefined;
  }
  if (error.error_name === 'throttle_violation') {
    // "too many requests from this IP, more requests available in 82626 seconds"
    const seconds = Number(/available in (\d+) seconds/.exec(error.error_message)?.[1] ?? 60);
    return new SourceThrottledError('stackexchange', url, seconds * 1000, 'throttle_violation');
  }
  // A 5xx-like error id that the API sends with its own status: worth another try.
  const retryable = ['internal_error', 'temporarily_unavailable'].includes(error.error_name);
  return new SourceHttpError('stackexchange', retryable ? 503 : status, url, null);
}

function toMention(watchId: string, site: string, question: Question, text: string): NewMention {
  const owner = question.owner;
  const known = typeof owner?.user_id === 'number' && owner.user_type !== 'does_not_exist';
  const name = owner?.display_name ? htmlText(owner.display_name) : '';
  const score = question.score ?? 0;
  return {
    watchId,
    source: 'stackexchange',
    externalId: `${site}:${question.question_id}`,
    url: question.link ?? null,
    text,
    // Users are per site; a deleted owner keeps the question but must not merge with others.
    author: {
      id: known ? `${site}:${owner.user_id}` : `deleted:${site}:${question.question_id}`,
      handle: name || '[deleted]',
      name: name || null,
      followers: known ? reach(owner.reputation) : null,
    },
    createdAt: new Date(question.creation_date * 1000),
    engagement: {
      likes: Math.max(0, score),
      replies: count(question.answer_count),
      shares: 0,
      score,
    },
    lang: null,
    rating: null,
  };
}

export interface StackExchangeOptions {
  apiUrl: string;
  key: string | null;
  timeoutMs: number;
}

/** Stack Exchange questions through /search/advanced on one site, newest first, keyword by keyword. */
export class StackExchangeConnector implements Connector<'stackexchange'> {
  constructor(
    private readonly options: StackExchangeOptions,
    private readonly context: SourceContext,
  ) {}

  async fetchPage(request: FetchRequest<'stackexchange'>): Promise<FetchResult> {
    const { watch, source, cursor, page, pageSize } = request;
    if (!source.site) {
      throw new SourceConfigError('stackexchange', `watch ${watch.id}: no site`);
    }
    const since = sinceFromCursor(cursor, Math.floor(this.context.now() / 1000));
    const state = decodeSincePage(page, since);
    const pageNumber = Number(state.page ?? 1);
    const url = new URL(`${this.options.apiUrl.replace(/\/$/, '')}/search/advanced`);
    url.searchParams.set('site', source.site);
    url.searchParams.set('q', watch.keywords[state.keyword] ?? '');
    url.searchParams.set('sort', 'creation');
    url.searchParams.set('order', 'desc');
    url.searchParams.set('fromdate', String(since));
    url.searchParams.set('page', String(pageNumber));
    url.searchParams.set('pagesize', String(Math.min(pageSize, 100)));
    url.searchParams.set('filter', 'withbody');
    if (this.options.key) {
      url.searchParams.set('key', this.options.key);
    }
    const scope = scopeOf('stackexchange', url.toString(), this.options.key, METHOD);
    const wrapper = Wrapper.safeParse(await this.get(scope, url.toString()));
    if (!wrapper.success) {
      throw new SourcePayloadError('stackexchange', url.toString(), 'not a wrapper object');
    }
    await this.rememberLimits(scope, wrapper.data);
    const skipped: FetchResult['skipped'] = [];
    const questions = readableItems(
      wrapper.data.items,
      Question,
      questionText,
      QUESTION_SKIPS,
      skipped,
    );
    const mentions: NewMention[] = [];
    for (const { item: question, text } of questions) {
      if (question.creation_date < since) {
        continue;
      }
      state.newest = Math.max(state.newest, question.creation_date);
      mentions.push(toMention(watch.id, source.site, question, text));
    }
    const next = wrapper.data.has_more ? String(pageNumber + 1) : null;
    return { mentions, skipped, ...advanceSincePage(state, watch.keywords.length, next, since) };
  }

  /**
   * One call under the limits: a `throttle_violation` blocks the key (or IP) on every method and
   * site for the seconds it names; calls made while throttled can get the IP blocked for longer.
   */
  private async get(scope: LimitScope, url: string): Promise<unknown> {
    const response = await limitedJson(this.context, scope, 'stackexchange', url, {
      timeoutMs: this.options.timeoutMs,
      onError: (status, body, _headers, shown) => stackExchangeError(status, body, shown),
    });
    return response.body;
  }

  /**
   * A `backoff` must be honoured before the next call of the same method (on any site); a spent
   * quota (per key or IP, every method) lasts until midnight UTC.
   */
  private async rememberLimits(scope: LimitScope, wrapper: z.infer<typeof Wrapper>) {
    if (wrapper.quota_remaining === 0) {
      const wait = untilUtcMidnight(this.context.now());
      await this.context.limits.block(scope, wait, 'quota_remaining 0');
    }
    if (wrapper.backoff) {
      await this.context.limits.block(scope, wrapper.backoff * 1000, 'backoff', true);
    }
  }
}

function questionText(question: Question): string {
  // Titles, names and bodies come HTML-escaped (bodies as HTML, with filter=withbody).
  return joinParts(htmlText(question.title), question.body && htmlText(question.body));
}
