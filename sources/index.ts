import type { Redis } from 'ioredis';
import type { Config } from '../config/index.js';
import { AppStoreConnector } from './appstore.js';
import { BlueskyConnector } from './bluesky.js';
import { BlueskySessions, RedisSessionStore } from './bluesky-session.js';
import type { Clock } from './clock.js';
import { HackerNewsConnector } from './hackernews.js';
import { ProviderLimits, RedisBlockStore } from './limits.js';
import { MastodonConnector } from './mastodon.js';
import { RedditConnector } from './reddit.js';
import { ReplayConnector } from './replay.js';
import type { SourceContext } from './request.js';
import { RssConnector } from './rss.js';
import { StackExchangeConnector } from './stackexchange.js';
import type { Connectors } from './types.js';
import { WebhookConnector } from './webhook.js';
import { XConnector } from './x.js';
import { YouTubeConnector } from './youtube.js';

/** The providers' limits of a deployment, in its Redis under its queue prefix. */
export function providerLimits(redis: Redis, prefix: string, now: Clock): ProviderLimits {
  return new ProviderLimits(new RedisBlockStore(redis, prefix), now);
}

/**
 * Every source Earshot can poll; the compiler checks that none is missing. `redis` holds what all
 * workers share (the providers' limits, the Bluesky session); `now` is the clock they all read.
 */
export function createConnectors(config: Config, redis: Redis, now: Clock): Connectors {
  const timeoutMs = config.poll.httpTimeoutMs;
  const context: SourceContext = { now, limits: providerLimits(redis, config.queuePrefix, now) };
  const bluesky = config.sources.bluesky;
  const sessions = new BlueskySessions(
    {
      serviceUrl: bluesky.apiUrl,
      identifier: bluesky.identifier,
      appPassword: bluesky.appPassword,
      timeoutMs,
    },
    new RedisSessionStore(
      redis,
      config.queuePrefix,
      `${bluesky.apiUrl}|${bluesky.identifier ?? ''}`,
    ),
    context,
  );
  return {
    replay: new ReplayConnector(),
    hackernews: new HackerNewsConnector(
      { apiUrl: config.sources.hackernews.apiUrl, timeoutMs },
      context,
    ),
    reddit: new RedditConnector({ ...config.sources.reddit, timeoutMs }, context),
    mastodon: new MastodonConnector({ ...config.sources.mastodon, timeoutMs }, context),
    bluesky: new BlueskyConnector({ apiUrl: bluesky.apiUrl, timeoutMs }, context, sessions),
    rss: new RssConnector({ timeoutMs }, context),
    appstore: new AppStoreConnector({ ...config.sources.appstore, timeoutMs }, context),
    youtube: new YouTubeConnector({ ...config.sources.youtube, timeoutMs }, context),
    x: new XConnector({ ...config.sources.x, timeoutMs }, context),
    stackexchange: new StackExchangeConnector(
      { ...config.sources.stackexchange, timeoutMs },
      context,
    ),
    webhook: new WebhookConnector(),
  };
}
