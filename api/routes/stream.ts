import { Router, type Response } from 'express';
import { ObjectId } from 'mongodb';
import type { Alert } from '../../domain/alert.js';
import { ALERT_CHANGES, type AlertSearch } from '../../store/alert-search.js';
import type { Store } from '../../store/db.js';
import type { Keyset } from '../../store/keyset.js';
import { allow } from '../access.js';
import { cursorParam, encodeCursor, keysetFor } from '../cursor.js';
import { orderedRange } from '../query.js';
import { AlertFilters, toSearch } from './alerts.js';

export interface StreamOptions {
  /** How often the store is asked for changes. */
  pollMs: number;
  /** Changes younger than this are left for the next poll, so writes still in flight are not skipped. */
  settleMs: number;
  heartbeatMs: number;
}

export const STREAM_DEFAULTS: StreamOptions = { pollMs: 1000, settleMs: 1000, heartbeatMs: 15_000 };

export const StreamQuery = AlertFilters.extend({ lastEventId: cursorParam(2) })
  .strict()
  .superRefine(orderedRange);

const BATCH = 100;

function send(res: Response, alert: Alert): Keyset {
  const keyset = [alert.updatedAt, new ObjectId(alert.id)];
  res.write(
    `id: ${encodeCursor('changes', keyset)}\nevent: alert\ndata: ${JSON.stringify(alert)}\n\n`,
  );
  return keyset;
}

/**
 * Server-sent events of new and changed alerts. It polls the store in (updatedAt, id) order from
 * the last event sent (the `changes` index), so a client resuming with Last-Event-ID gets every
 * change after that event, and the API needs no pub/sub of its own.
 */
export function streamRouter(store: Store, options: StreamOptions): Router {
  const router = Router();
  router.get('/alerts/stream', allow('read'), (req, res) => {
    const query = StreamQuery.parse({
      ...req.query,
      ...(req.get('last-event-id') && { lastEventId: req.get('last-event-id') }),
    });
    const search: AlertSearch = toSearch(query);
    let after: Keyset = keysetFor(query.lastEventId, 'changes', ALERT_CHANGES.length) ?? [
      new Date(Date.now() - options.settleMs),
      new ObjectId('0'.repeat(24)),
    ];
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: ${options.pollMs * 2}\n\n`);
    let busy = false;
    const poll = async () => {
      if (busy) {
        return;
      }
      busy = true;
      try {
        let batch: Alert[];
        do {
          const until = new Date(Date.now() - options.settleMs);
          batch = await store.alerts.triage.changes(search, after, until, BATCH);
          for (const alert of batch) {
            after = send(res, alert);
          }
        } while (batch.length === BATCH && !res.writableEnded);
      } catch (error) {
        req.log.warn({ err: error }, 'alert stream poll failed; retrying');
      } finally {
        busy = false;
      }
    };
    const polling = setInterval(() => void poll(), options.pollMs);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), options.heartbeatMs);
    void poll();
    req.on('close', () => {
      clearInterval(polling);
      clearInterval(heartbeat);
    });
  });
  return router;
}
