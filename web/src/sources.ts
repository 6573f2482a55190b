import type { SourceName } from '../../domain/mention.js';

/**
 * Every source, in the server's order: the server's list is a runtime value the app does not
 * bundle, so it is repeated here once, and the type check below fails when they differ.
 */
export const SOURCE_NAMES = [
  'replay',
  'hackernews',
  'reddit',
  'mastodon',
  'bluesky',
  'rss',
  'appstore',
  'youtube',
  'x',
  'stackexchange',
  'webhook',
] as const satisfies readonly SourceName[];

// Compile-time only: a server source missing here is an error.
type Missing = Exclude<SourceName, (typeof SOURCE_NAMES)[number]>;
export const everySourceListed: [Missing] extends [never] ? true : never = true;
