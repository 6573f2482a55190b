import type { Queue } from 'bullmq';
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ALERT_TYPES } from '../domain/alert.js';
import type { Store } from '../store/db.js';
import type { Clock } from '../sources/clock.js';
import type { ProviderBlock } from '../sources/limits.js';

const JOB_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;

/**
 * Prometheus metrics of this API process, plus pipeline figures read at scrape time from Redis and
 * MongoDB (so every replica reports the same queue and store figures).
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route' | 'status'>;

  constructor(
    store: Store,
    queues: Queue[],
    limits: { active(): Promise<ProviderBlock[]> },
    now: Clock,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    const labelNames = ['method', 'route', 'status'] as const;
    this.requests = new Counter({
      name: 'earshot_http_requests_total',
      help: 'HTTP requests answered, by route pattern and status',
      labelNames,
      registers,
    });
    this.latency = new Histogram({
      name: 'earshot_http_request_duration_seconds',
      help: 'HTTP request latency, by route pattern and status',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    new Gauge({
      name: 'earshot_queue_jobs',
      help: 'Jobs per queue and state (completed and failed: those BullMQ still keeps)',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        for (const queue of queues) {
          const counts = await queue.getJobCounts(...JOB_STATES);
          for (const state of JOB_STATES) {
            this.set({ queue: queue.name, state }, counts[state] ?? 0);
          }
        }
      },
    });
    new Gauge({
      name: 'earshot_provider_blocked_seconds',
      help: 'Seconds until a provider allows calls again (a 429, quota, throttle or backoff), by limit key (source|host|credential digest[|method])',
      labelNames: ['limit', 'source', 'reason'],
      registers,
      async collect() {
        this.reset();
        for (const block of await limits.active()) {
          const source = block.key.split('|')[0] ?? '';
          const seconds = Math.max(0, (block.until - now()) / 1000);
          this.set({ limit: block.key, source, reason: block.reason }, seconds);
        }
      },
    });
    new Gauge({
      name: 'earshot_mentions_ingested',
      help: 'Mentions stored (estimated document count)',
      registers,
      async collect() {
        this.set(await store.mentions.estimatedCount());
      },
    });
    new Gauge({
      name: 'earshot_alerts_raised',
      help: 'Alerts raised, by type (all statuses)',
      labelNames: ['type'],
      registers,
      async collect() {
        for (const type of ALERT_TYPES) {
          this.set({ type }, await store.alerts.count({ type }));
        }
      },
    });
  }

  /** Counts and times every request by its route pattern (not its URL, to bound the labels). */
  readonly observe: RequestHandler = (req, res, next) => {
    const stop = this.latency.startTimer();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      const labels = {
        method: req.method,
        route: route ? `${req.baseUrl}${route}` : 'unmatched',
        status: String(res.statusCode),
      };
      this.requests.inc(labels);
      stop(labels);
    });
    next();
  };

  readonly serve: RequestHandler = async (_req, res) => {
    res.type(this.registry.contentType).send(await this.registry.metrics());
  };
}
