import { z } from 'zod';
import cron from 'node-cron';
import { AlertSettingsOverride } from './alert-settings.js';
import { SEVERITIES } from './alert.js';
import { SourceName } from './mention.js';
import { maskUrlSecrets } from './url-secrets.js';

export const WatchSource = z.object({
  type: SourceName,
  /** Replay: path of a JSON Lines file. */
  file: z.string().min(1).optional(),
  /** Reddit: restrict the search to one subreddit. */
  subreddit: z
    .string()
    .regex(/^[A-Za-z0-9_]{2,21}$/)
    .optional(),
  /** Reddit: `search` (default) per keyword, or a subreddit's `new` posts or `comments`. */
  listing: z.enum(['search', 'new', 'comments']).optional(),
  /** Mastodon: the instance (default MASTODON_URL). */
  instance: z
    .string()
    .url()
    .refine((value) => /^https?:$/.test(new URL(value).protocol), 'an http(s) URL')
    .optional(),
  /** Mastodon: a hashtag (without #) whose timeline is read; without it, status search. */
  hashtag: z
    .string()
    .regex(/^[\p{L}\p{N}_]{1,100}$/u, 'a hashtag without the #')
    .optional(),
  /** RSS: the URL of an RSS 2.0 or Atom feed. */
  url: z
    .string()
    .url()
    .refine((value) => /^https?:$/.test(new URL(value).protocol), 'an http(s) URL')
    .optional(),
  /** App Store: the app's numeric id (the `id…` in its store URL). */
  appId: z
    .string()
    .regex(/^\d{1,15}$/, 'the numeric id of an app')
    .optional(),
  /** App Store: the storefront's two-letter country code (default `us`). */
  country: z
    .string()
    .regex(/^[a-z]{2}$/, 'a two-letter country code such as "us"')
    .optional(),
  /** YouTube: the comment threads of one video (else a channel's, else a search's videos). */
  videoId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{6,20}$/)
    .optional(),
  /** YouTube: every comment thread related to one channel. */
  channelId: z
    .string()
    .regex(/^UC[A-Za-z0-9_-]{10,40}$/)
    .optional(),
  /** Stack Exchange: the site to search (`stackoverflow`, `superuser`, `askubuntu`, …). */
  site: z
    .string()
    .regex(/^[a-z0-9.-]{2,60}$/)
    .optional(),
});
export type WatchSource = z.infer<typeof WatchSource>;

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
    url: z
      .string()
      .url()
      .refine((value) => /^https?:$/.test(new URL(value).protocol), 'must be http(s)'),
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
        extraTerms: z.record(z.string().min(1), z.number().min(-5).max(5)).optional(),
        ignoreTerms: z.array(z.string().min(1)).optional(),
      })
      .optional(),
    alerting: WatchAlerting.optional(),
  })
  .superRefine((watch, ctx) => {
    watch.sources.forEach((source, index) => {
      if (source.type === 'replay' && !source.file) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', index, 'file'],
          message: 'replay needs a file',
        });
      }
      if (source.type === 'appstore' && !source.appId) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', index, 'appId'],
          message: 'appstore needs an appId',
        });
      }
      if (source.type === 'rss' && !source.url) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', index, 'url'],
          message: 'rss needs a url',
        });
      }
      if (
        source.type === 'reddit' &&
        source.listing &&
        source.listing !== 'search' &&
        !source.subreddit
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', index, 'subreddit'],
          message: `reddit listing "${source.listing}" needs a subreddit`,
        });
      }
      if (source.type === 'youtube' && source.videoId && source.channelId) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', index, 'channelId'],
          message: 'youtube takes a videoId or a channelId, not both',
        });
      }
      if (source.type === 'stackexchange' && !source.site) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', index, 'site'],
          message: 'stackexchange needs a site',
        });
      }
    });
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
export type Watch = z.infer<typeof Watch>;

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
