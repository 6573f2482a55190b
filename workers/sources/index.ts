import type { Config } from '../../config/index.js';
import type { SourceName } from '../../domain/mention.js';
import { AppStoreConnector } from './appstore.js';
import { BlueskyConnector } from './bluesky.js';
import { HackerNewsConnector } from './hackernews.js';
import { MastodonConnector } from './mastodon.js';
import { RedditConnector } from './reddit.js';
import { ReplayConnector } from './replay.js';
import { RssConnector } from './rss.js';
import { StackExchangeConnector } from './stackexchange.js';
import type { Connector } from './types.js';
import { WebhookConnector } from './webhook.js';
import { XConnector } from './x.js';
import { YouTubeConnector } from './youtube.js';

/** Every source Earshot can poll; the compiler checks that none is missing. */
export function createConnectors(config: Config): Record<SourceName, Connector> {
  const timeoutMs = config.poll.httpTimeoutMs;
  return {
    replay: new ReplayConnector(),
    hackernews: new HackerNewsConnector({ apiUrl: config.sources.hackernews.apiUrl, timeoutMs }),
    reddit: new RedditConnector({ ...config.sources.reddit, timeoutMs }),
    mastodon: new MastodonConnector({ ...config.sources.mastodon, timeoutMs }),
    bluesky: new BlueskyConnector({ ...config.sources.bluesky, timeoutMs }),
    rss: new RssConnector({ timeoutMs }),
    appstore: new AppStoreConnector({ ...config.sources.appstore, timeoutMs }),
    youtube: new YouTubeConnector({ ...config.sources.youtube, timeoutMs }),
    x: new XConnector({ ...config.sources.x, timeoutMs }),
    stackexchange: new StackExchangeConnector({ ...config.sources.stackexchange, timeoutMs }),
    webhook: new WebhookConnector(),
  };
}
