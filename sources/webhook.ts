import type { Connector, FetchRequest, FetchResult } from './types.js';

/**
 * Webhook mentions are pushed to `POST /ingest/:watchId`, never polled: a scheduled poll of a
 * watch's `webhook` source finds nothing and leaves no cursor.
 */
export class WebhookConnector implements Connector<'webhook'> {
  fetchPage({ cursor }: FetchRequest<'webhook'>): Promise<FetchResult> {
    return Promise.resolve({ mentions: [], skipped: [], cursor, nextPage: null });
  }
}
