import { Router } from 'express';
import { ObjectId } from 'mongodb';
import { ALERT_CHANGES } from '../../store/alert-search.js';
import { hashKey } from '../../store/keys.js';
import type { Keyset } from '../../store/keyset.js';
import { allow } from '../access.js';
import { cursorParam, keysetFor } from '../cursor.js';
import { RateLimitedError } from '../../domain/errors.js';
import { orderedRange } from '../query.js';
import type { AlertStreamHub } from '../stream-hub.js';
import { AlertFilters, toSearch } from './alerts.js';

export { STREAM_DEFAULTS, type StreamOptions } from '../stream-hub.js';

export const StreamQuery = AlertFilters.extend({ lastEventId: cursorParam(2) })
  .strict()
  .superRefine(orderedRange);

/**
 * Server-sent events of new and changed alerts, in (updatedAt, id) order from the last event sent
 * (the `changes` index), so a client resuming with Last-Event-ID gets every change after that
 * event. All streams of the process share one store poll (stream-hub.ts).
 */
export function streamRouter(hub: AlertStreamHub): Router {
  const router = Router();
  router.get('/alerts/stream', allow('read'), (req, res) => {
    const query = StreamQuery.parse({
      ...req.query,
      ...(req.get('last-event-id') && { lastEventId: req.get('last-event-id') }),
    });
    // The caller is a web app session or the key authenticate() accepted: each is counted on its
    // own and checked for revocation.
    const sessionToken = res.locals.sessionToken as string | undefined;
    const keyHash = sessionToken
      ? `session:${hashKey(sessionToken)}`
      : hashKey((req.get('authorization') ?? '').replace(/^Bearer /, ''));
    const refusal = hub.refusal(keyHash);
    if (refusal) {
      throw new RateLimitedError(refusal);
    }
    const after: Keyset = keysetFor(query.lastEventId, 'changes', ALERT_CHANGES.length) ?? [
      new Date(Date.now() - hub.options.settleMs),
      new ObjectId('0'.repeat(24)),
    ];
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: ${hub.options.pollMs * 2}\n\n`);
    hub.add({ res, search: toSearch(query), after, keyHash, sessionToken });
  });
  return router;
}
