import type { Response } from 'express';
import { ObjectId } from 'mongodb';
import type { Logger } from '../config/logger.js';
import type { Alert } from '../domain/alert.js';
import type { AlertSearch } from '../store/alert-search.js';
import type { Store } from '../store/db.js';
import type { Keyset } from '../store/keyset.js';
import { encodeCursor } from './cursor.js';
import { matchesSearch } from './stream-match.js';

export interface StreamOptions {
  /** How often the store is asked for changes (one query for all open streams). */
  pollMs: number;
  /** Changes younger than this are left for the next poll, so writes still in flight are not skipped. */
  settleMs: number;
  heartbeatMs: number;
  /** Open streams per API key (STREAMS_PER_KEY). */
  perKey: number;
  /** Open streams on this API process (STREAMS_MAX). */
  total: number;
  /** How often the keys of open streams are checked; a revoked key's stream is closed. */
  keyCheckMs: number;
}

export const STREAM_DEFAULTS: StreamOptions = {
  pollMs: 1000,
  settleMs: 1000,
  heartbeatMs: 15_000,
  perKey: 5,
  total: 200,
  keyCheckMs: 30_000,
};

export interface Subscriber {
  res: Response;
  search: AlertSearch;
  /** The last change this stream has passed (sent or filtered out). */
  after: Keyset;
  /** Who opened it, for the per-caller limit: hashKey of the API key, or `session:` and a hash. */
  keyHash: string;
  /** The web app session that opened it (absent for an API key). */
  sessionToken?: string;
}

const BATCH = 100;
/** A client this far behind (bytes buffered) is dropped rather than buffered without end. */
const MAX_BUFFERED = 1024 * 1024;

function compare(a: Keyset, b: Keyset): number {
  const time = (a[0] as Date).getTime() - (b[0] as Date).getTime();
  if (time !== 0) {
    return time;
  }
  const [x, y] = [String(a[1]), String(b[1])]; // ObjectIds: hex of equal length
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Every open alert stream of this API process, fed by one poll of the store: the changes after
 * the oldest stream's position are read once and handed to each stream whose filters they pass.
 * Keys are re-checked every `keyCheckMs`, so a revoked key's stream ends within that time.
 */
export class AlertStreamHub {
  private readonly subscribers = new Set<Subscriber>();
  private timers: NodeJS.Timeout[] = [];
  private busy = false;

  constructor(
    private readonly store: Store,
    readonly options: StreamOptions,
    private readonly log: Logger,
    /** Whether a web app session is still live (signed out, expired: its streams close). */
    private readonly sessionLive: (token: string) => Promise<boolean> = () =>
      Promise.resolve(false),
  ) {}

  /** Why another stream cannot open for this key, or null when it can. */
  refusal(keyHash: string): string | null {
    if (this.subscribers.size >= this.options.total) {
      return `stream: this server has ${this.options.total} streams open already`;
    }
    const mine = [...this.subscribers].filter((s) => s.keyHash === keyHash).length;
    return mine >= this.options.perKey
      ? `authorization: this key has ${this.options.perKey} streams open already`
      : null;
  }

  add(subscriber: Subscriber): void {
    this.subscribers.add(subscriber);
    subscriber.res.on('close', () => this.remove(subscriber));
    if (this.timers.length === 0) {
      this.timers = [
        setInterval(() => void this.poll(), this.options.pollMs),
        setInterval(() => this.heartbeat(), this.options.heartbeatMs),
        setInterval(() => void this.checkKeys(), this.options.keyCheckMs),
      ];
    }
    void this.poll();
  }

  get size(): number {
    return this.subscribers.size;
  }

  private remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) {
      this.timers.forEach(clearInterval);
      this.timers = [];
    }
  }

  private heartbeat(): void {
    for (const { res } of this.subscribers) {
      res.write(': heartbeat\n\n');
    }
  }

  private deliver(alert: Alert): Keyset {
    const keyset: Keyset = [alert.updatedAt, new ObjectId(alert.id)];
    const event = `id: ${encodeCursor('changes', keyset)}\nevent: alert\ndata: ${JSON.stringify(alert)}\n\n`;
    for (const subscriber of this.subscribers) {
      if (compare(keyset, subscriber.after) <= 0) {
        continue;
      }
      subscriber.after = keyset;
      if (matchesSearch(alert, subscriber.search)) {
        subscriber.res.write(event);
        if (subscriber.res.writableLength > MAX_BUFFERED) {
          subscriber.res.end();
        }
      }
    }
    return keyset;
  }

  /** One pass for every stream, from the oldest stream's position up to `now - settleMs`. */
  private async poll(): Promise<void> {
    if (this.busy || this.subscribers.size === 0) {
      return;
    }
    this.busy = true;
    try {
      let from = [...this.subscribers]
        .map((s) => s.after)
        .reduce((a, b) => (compare(a, b) <= 0 ? a : b));
      let batch: Alert[];
      do {
        const until = new Date(Date.now() - this.options.settleMs);
        batch = await this.store.alerts.triage.changes({}, from, until, BATCH);
        for (const alert of batch) {
          from = this.deliver(alert);
        }
      } while (batch.length === BATCH);
    } catch (error) {
      this.log.warn({ err: error }, 'alert stream poll failed; retrying');
    } finally {
      this.busy = false;
    }
  }

  private async checkKeys(): Promise<void> {
    const subscribers = [...this.subscribers];
    const hashes = [...new Set(subscribers.filter((s) => !s.sessionToken).map((s) => s.keyHash))];
    if (subscribers.length === 0) {
      return;
    }
    try {
      const active = hashes.length > 0 ? await this.store.keys.activeHashes(hashes) : new Set();
      for (const subscriber of subscribers) {
        if (subscriber.sessionToken) {
          if (!(await this.sessionLive(subscriber.sessionToken))) {
            subscriber.res.end('event: revoked\ndata: {"reason":"the session ended"}\n\n');
          }
        } else if (!active.has(subscriber.keyHash)) {
          subscriber.res.end('event: revoked\ndata: {"reason":"the API key was revoked"}\n\n');
        }
      }
    } catch (error) {
      this.log.warn({ err: error }, 'stream key check failed; retrying');
    }
  }
}
