import { z } from 'zod';
import {
  SourceConfigError,
  SourceHttpError,
  SourcePayloadError,
  SourceThrottledError,
} from '../../domain/errors.js';
import type { NewMention } from '../../domain/mention.js';
import { getJson } from './http.js';
import { cleanText, count, reach } from './normalise.js';
import { advanceSincePage, decodeSincePage, sinceFromCursor } from './paging.js';
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
type Question = z.infer<typeof Question>;
const Wrapper = z.object({
  items: z.array(z.unknown()),
  has_more: z.boolean(),
  quota_remaining: z.number().int().nullish(),
  backoff: z.number().int().positive().nullish(),
});
/** The key of the quota shared by every site. */
const ALL = '*';
const ErrorBody = z.object({ error_name: z.string(), error_message: z.string().default('') });

/** Milliseconds to the next midnight UTC, when Stack Exchange quotas reset. */
function untilUtcMidnight(now = Date.now()): number {
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
  const name = owner?.display_name ? cleanText(owner.display_name) : '';
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
export class StackExchangeConnector implements Connector {
  /** Until when each site must not be asked again (a `backoff`, a spent quota); epoch ms. */
  private readonly blockedUntil = new Map<string, number>();

  constructor(private readonly options: StackExchangeOptions) {}

  async fetchPage({ watch, source, cursor, page, pageSize }: FetchRequest): Promise<FetchResult> {
    if (!source.site) {
      throw new SourceConfigError('stackexchange', `watch ${watch.id}: no site`);
    }
    const since = sinceFromCursor(cursor);
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
    const wrapper = Wrapper.safeParse(await this.get(source.site, url.toString()));
    if (!wrapper.success) {
      throw new SourcePayloadError('stackexchange', url.toString(), 'not a wrapper object');
    }
    this.rememberLimits(source.site, wrapper.data);
    const mentions: NewMention[] = [];
    const skipped: FetchResult['skipped'] = [];
    for (const raw of wrapper.data.items) {
      const question = Question.safeParse(raw);
      const text = question.success ? questionText(question.data) : '';
      if (!question.success || text === '') {
        skipped.push({
          reason: question.success
            ? `question ${question.data.question_id}: no text`
            : 'question without id or time',
        });
        continue;
      }
      if (question.data.creation_date < since) {
        continue;
      }
      state.newest = Math.max(state.newest, question.data.creation_date);
      mentions.push(toMention(watch.id, source.site, question.data, text));
    }
    const next = wrapper.data.has_more ? String(pageNumber + 1) : null;
    return { mentions, skipped, ...advanceSincePage(state, watch.keywords.length, next, since) };
  }

  private async get(site: string, url: string): Promise<unknown> {
    const until = Math.max(this.blockedUntil.get(site) ?? 0, this.blockedUntil.get(ALL) ?? 0);
    const wait = until - Date.now();
    if (wait > 0) {
      throw new SourceThrottledError('stackexchange', url, wait, 'backoff or quota');
    }
    return getJson('stackexchange', url, {
      timeoutMs: this.options.timeoutMs,
      onError: (status, body, _headers, shown) => stackExchangeError(status, body, shown),
    });
  }

  /**
   * The API asks that a `backoff` be honoured before the next call of that kind (here: that site);
   * a spent quota (per key or IP, every site) lasts until midnight UTC.
   */
  private rememberLimits(site: string, wrapper: z.infer<typeof Wrapper>): void {
    if (wrapper.quota_remaining === 0) {
      this.blockedUntil.set(ALL, Date.now() + untilUtcMidnight());
    } else if (wrapper.backoff) {
      this.blockedUntil.set(site, Date.now() + wrapper.backoff * 1000);
    }
  }
}

function questionText(question: Question): string {
  return [cleanText(question.title), question.body ? cleanText(question.body) : '']
    .join('\n\n')
    .trim();
}
