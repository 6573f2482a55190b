import type { NewMention, SourceName } from '../domain/mention.js';
import type { Watch, WatchSourceOf } from '../domain/watch.js';

/** What a poll asks of the connector of source type `T`: it is given that type's settings. */
export interface FetchRequest<T extends SourceName = SourceName> {
  watch: Watch;
  source: WatchSourceOf<T>;
  /** The stored cursor of this watch×source (null on the first poll). */
  cursor: string | null;
  /** The page token a previous page of this poll returned (null on the first page). */
  page: string | null;
  pageSize: number;
}

export interface FetchResult {
  /** Items of the page that passed validation, normalised. */
  mentions: NewMention[];
  /** Items of the page that were malformed: skipped, counted, logged. */
  skipped: Array<{ reason: string }>;
  /** The cursor to store once this page's mentions are stored. */
  cursor: string | null;
  /** The next page of this poll, or null when the poll is done. */
  nextPage: string | null;
}

/** One place customers talk. A connector only fetches and normalises; it never writes. */
export interface Connector<T extends SourceName = SourceName> {
  fetchPage(request: FetchRequest<T>): Promise<FetchResult>;
  /**
   * The quota a request for this source entry counts against (default: the source type). Sources
   * with many hosts (Mastodon instances, feeds) keep one quota per host.
   */
  quotaKey?(source: WatchSourceOf<T>): string;
  /**
   * True when everything fetched is about the watch already (an app's own reviews name the app
   * rarely): only the exclusions and languages filter it, not the keywords.
   */
  readonly aboutTheWatch?: boolean;
}

/** One connector per source type, each taking its own type's sources (`createConnectors`). */
export type Connectors = { [T in SourceName]: Connector<T> };

/**
 * The connector of source type `T`. Over a generic `T` the compiler pairs the type with its own
 * connector; a caller holding any source gets the connector as one that takes any source.
 */
export function connectorOf<T extends SourceName>(connectors: Connectors, type: T): Connector<T> {
  return connectors[type];
}
