import { z } from 'zod';
import cron from 'node-cron';
import { AlertSettingsOverride } from './alert-settings.js';
import { SEVERITIES } from './alert.js';
import { SOURCE_NAMES, type SourceName } from './mention.js';
import { maskUrlSecrets } from './url-secrets.js';

/**
 * An http(s) URL, else `message`. A string that is no URL at all is reported by `.url()` and never
 * reaches `new URL` (which would throw out of the parse).
 */
function httpUrl(message: string, text = z.string()) {
  return text
    .url()
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), message);
}

/** A field its source type cannot do without: when it is left out, `message` says so. */
function needed(message: string) {
  return z.string({ error: (issue) => (issue.input === undefined ? message : undefined) });
}

// One schema per source type; a connector is given its own (`WatchSourceOf<'rss'>`).

const ReplaySource = z.object({
  type: z.literal('replay'),
  /** Path of a JSON Lines file. */
  file: needed('replay needs a file').min(1),
});

const HackerNewsSource = z.object({ type: z.literal('hackernews') });

const RedditSource = z
  .object({
    type: z.literal('reddit'),
    /** Restrict the search to one subreddit. */
    subreddit: z
      .string()
      .regex(/^[A-Za-z0-9_]{2,21}$/)
      .optional(),
    /** `search` (default) per keyword, or a subreddit's `new` posts or `comments`. */
    listing: z.enum(['search', 'new', 'comments']).optional(),
  })
  .superRefine((source, ctx) => {
    if (source.listing && source.listing !== 'search' && !source.subreddit) {
      ctx.addIssue({
        code: 'custom',
        path: ['subreddit'],
        message: `reddit listing "${source.listing}" needs a subreddit`,
      });
    }
  });

const MastodonSource = z.object({
  type: z.literal('mastodon'),
  /** The instance (default MASTODON_URL). */
  instance: httpUrl('an http(s) URL').optional(),
  /** A hashtag (without #) whose timeline is read; without it, status search. */
  hashtag: z
    .string()
    .regex(/^[\p{L}\p{N}_]{1,100}$/u, 'a hashtag without the #')
    .optional(),
});

const BlueskySource = z.object({ type: z.literal('bluesky') });

const RssSource = z.object({
  type: z.literal('rss'),
  /** The URL of an RSS 2.0 or Atom feed. */
  url: httpUrl('an http(s) URL', needed('rss needs a url')),
});

const AppStoreSource = z.object({
  type: z.literal('appstore'),
  /** The app's numeric id (the `id…` in its store URL). */
  appId: needed('appstore needs an appId').regex(/^\d{1,15}$/, 'the numeric id of an app'),
  /** The storefront's two-letter country code (default `us`). */
  country: z
    .string()
    .regex(/^[a-z]{2}$/, 'a two-letter country code such as "us"')
    .optional(),
});

const YouTubeSource = z
  .object({
    type: z.literal('youtube'),
    /** The comment threads of one video (else a channel's, else a search's videos). */
    videoId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{6,20}$/)
      .optional(),
    /** Every comment thread related to one channel. */
    channelId: z
      .string()
      .regex(/^UC[A-Za-z0-9_-]{10,40}$/)
      .optional(),
  })
  .superRefine((source, ctx) => {
    if (source.videoId && source.channelId) {
      ctx.addIssue({
        code: 'custom',
        path: ['channelId'],
        message: 'youtube takes a videoId or a channelId, not both',
      });
    }
  });

const XSource = z.object({ type: z.literal('x') });

const StackExchangeSource = z.object({
  type: z.literal('stackexchange'),
  /** The site to search (`stackoverflow`, `superuser`, `askubuntu`, …). */
  site: needed('stackexchange needs a site').regex(/^[a-z0-9.-]{2,60}$/),
});

const WebhookSource = z.object({ type: z.literal('webhook') });

/** An unknown type is named on `type` with the names Earshot knows, as `SourceName` names them. */
const UNKNOWN_TYPE = `Invalid option: expected one of ${SOURCE_NAMES.map((name) => `"${name}"`).join('|')}`;

/** One source of a watch: its `type` says which fields it takes and which it needs. */
export const WatchSource = z.discriminatedUnion(
  'type',
  [
    ReplaySource,
    HackerNewsSource,
    RedditSource,
    MastodonSource,
    BlueskySource,
    RssSource,
    AppStoreSource,
    YouTubeSource,
    XSource,
    StackExchangeSource,
    WebhookSource,
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? UNKNOWN_TYPE : undefined) },
);

/**
 * Each member of a union with the other members' fields as absent, so that code over every source
 * (URLs to check, secrets to mask) reads `source.url` as `string | undefined` whatever the type.
 */
type Exclusive<U, K extends PropertyKey = U extends unknown ? keyof U : never> = U extends unknown
  ? U & Partial<Record<Exclude<K, keyof U>, undefined>>
  : never;

export type WatchSource = Exclusive<z.infer<typeof WatchSource>>;
/** The settings of one source type, as its connector is given them. */
export type WatchSourceOf<T extends SourceName> = Extract<WatchSource, { type: T }>;

/**
 * Where a watch's new and escalated alerts go: a Slack incoming webhook, or a generic JSON webhook
 * signed with HMAC-SHA256 (see README "Alerts"). Only alerts at or above `minSeverity` are sent.
 */
export const AlertChannel = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'a channel id: lower-case letters, digits and dashes'),
    type: z.enum(['slack', 'webhook']),
    url: httpUrl('must be http(s)'),
    /** Webhook only: the HMAC key. */
    secret: z.string().min(16).optional(),
    minSeverity: z.enum(SEVERITIES).default('medium'),
  })
  .strict();
export type AlertChannel = z.infer<typeof AlertChannel>;

export const WatchAlerting = z
  .object({
    /** Overrides of the score weights and thresholds, by key (domain/alert-settings.ts). */
    settings: AlertSettingsOverride.optional(),
    channels: z.array(AlertChannel).default([]),
  })
  .strict();
export type WatchAlerting = z.infer<typeof WatchAlerting>;

export const WatchId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a watch id: lower-case letters, digits and dashes');

/**
 * A watch's own analyzer terms, by weight. They are keys of the stored watch, where "." and a
 * leading "$" mean paths and operators to MongoDB; no word of a text holds them (the tokenizer
 * splits there), so they are refused rather than stored.
 */
const AnalysisTerms = z
  .record(z.string().min(1), z.number().min(-5).max(5))
  .superRefine((terms, ctx) => {
    for (const term of Object.keys(terms)) {
      if (term.includes('.') || term.startsWith('$')) {
        ctx.addIssue({
          code: 'custom',
          path: [term],
          message: 'a word or phrase, without "." and not starting with "$"',
        });
      }
    }
  });

export const Watch = z
  .object({
    id: WatchId,
    name: z.string().min(1),
    keywords: z.array(z.string().min(1)).min(1),
    exclusions: z.array(z.string().min(1)).default([]),
    /** ISO 639-1 codes; a mention whose source gives another language is dropped. */
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 language code such as "en"'))
      .optional(),
    sources: z.array(WatchSource).min(1),
    schedule: z.string().refine((expr) => cron.validate(expr), 'not a valid cron expression'),
    enabled: z.boolean().default(true),
    /** Per-watch terms for the analyzer: product names that carry sentiment, words to ignore. */
    analysis: z
      .object({
        extraTerms: AnalysisTerms.optional(),
        ignoreTerms: z.array(z.string().min(1)).optional(),
      })
      .optional(),
    alerting: WatchAlerting.optional(),
  })
  .superRefine((watch, ctx) => {
    watch.alerting?.channels.forEach((channel, index) => {
      if (channel.type === 'webhook' && !channel.secret) {
        ctx.addIssue({
          code: 'custom',
          path: ['alerting', 'channels', index, 'secret'],
          message: 'a webhook channel needs a secret (16 characters or more)',
        });
      }
    });
    const ids = watch.alerting?.channels.map((channel) => channel.id) ?? [];
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) {
        ctx.addIssue({
          code: 'custom',
          path: ['alerting', 'channels', index, 'id'],
          message: `channel id ${id} appears twice`,
        });
      }
    });
  });
/** A watch, its sources each read as one of its type's (see `WatchSource`). */
export type Watch = Omit<z.infer<typeof Watch>, 'sources'> & { sources: WatchSource[] };

/** The stable key of one source of a watch: a watch may poll the same source type twice. */
export function sourceKey(source: WatchSource): string {
  if (source.type === 'replay') {
    return `replay:${source.file ?? ''}`;
  }
  if (source.type === 'reddit' && source.subreddit) {
    const listing = source.listing && source.listing !== 'search' ? `/${source.listing}` : '';
    return `reddit:r/${source.subreddit}${listing}`;
  }
  if (source.type === 'mastodon') {
    const where = source.instance ? new URL(source.instance).host : 'default';
    return `mastodon:${where}:${source.hashtag ? `#${source.hashtag.toLowerCase()}` : 'search'}`;
  }
  if (source.type === 'rss') {
    // Masked: the key is stored in job payloads, cursors and logs (a feed token is a secret).
    return `rss:${maskUrlSecrets(source.url ?? '')}`;
  }
  if (source.type === 'appstore') {
    return `appstore:${source.country ?? 'us'}:${source.appId ?? ''}`;
  }
  if (source.type === 'youtube' && (source.videoId || source.channelId)) {
    return source.videoId
      ? `youtube:video:${source.videoId}`
      : `youtube:channel:${source.channelId}`;
  }
  if (source.type === 'stackexchange') {
    return `stackexchange:${source.site ?? ''}`;
  }
  return source.type;
}

/** Every URL of a watch that Earshot will request, with the path of its field. */
export function outboundUrls(watch: Watch): Array<{ path: Array<string | number>; url: string }> {
  const urls: Array<{ path: Array<string | number>; url: string }> = [];
  watch.sources.forEach((source, index) => {
    if (source.url) {
      urls.push({ path: ['sources', index, 'url'], url: source.url });
    }
    if (source.instance) {
      urls.push({ path: ['sources', index, 'instance'], url: source.instance });
    }
  });
  watch.alerting?.channels.forEach((channel, index) => {
    urls.push({ path: ['alerting', 'channels', index, 'url'], url: channel.url });
  });
  return urls;
}
