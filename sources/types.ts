import type { NewMention } from '../domain/mention.js';
import type { Watch, WatchSource } from '../domain/watch.js';

export interface FetchRequest {
  watch: Watch;
  source: WatchSource;
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
export interface Connector {
  fetchPage(request: FetchRequest): Promise<FetchResult>;
  /**
   * The quota a request for this source entry counts against (default: the source type). Sources
   * with many hosts (Mastodon instances, feeds) keep one quota per host.
   */
  quotaKey?(source: WatchSource): string;
  /**
   * True when everything fetched is about the watch already (an app's own reviews name the app
   * rarely): only the exclusions and languages filter it, not the keywords.
   */
  readonly aboutTheWatch?: boolean;
}
