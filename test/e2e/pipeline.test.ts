import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../config/logger.js';
import { Scheduler } from '../../jobs/scheduler.js';
import { startWorkers } from '../../workers/index.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { createRig, waitFor, type TestRig } from '../helpers/env.js';
import { countFlagged } from '../helpers/counts.js';
import { replayWatch, writeReplayFile } from '../helpers/replay-data.js';

describe('pipeline end to end: replay → scheduler tick → poll → analyze → flag → HTTP API', () => {
  let rig: TestRig;
  let workers: Worker[];
  let api: TestApi;
  const replay = writeReplayFile({
    angryAuthors: 4,
    complaints: 3,
    fans: 3,
    praises: 4,
    bystanders: 280,
  });

  beforeAll(async () => {
    rig = await createRig('e2e', { POLL_PAGE_SIZE: '50', WORKER_CONCURRENCY: '2' });
    await rig.store.watches.upsert(replayWatch(replay.path));
    workers = startWorkers(rig.redis, rig.deps);
    api = await startApi(rig);
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await api.close();
    await rig.cleanup();
  });

  async function settle(expected: number): Promise<void> {
    await waitFor('every mention flagged', async () => {
      const flagged = await countFlagged(rig.db);
      return flagged === expected;
    });
    await waitFor('queues drained', async () => {
      const counts = await Promise.all(
        Object.values(rig.producer.queues).map((queue) =>
          queue.getJobCounts('waiting', 'active', 'delayed'),
        ),
      );
      return counts.every((c) => (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0);
    });
  }

  it('serves disgruntled customers and advocates after one tick, and a second tick adds nothing', async () => {
    const scheduler = new Scheduler(rig.store, rig.producer, createLogger('silent'));
    expect(await scheduler.tick(new Date('2026-11-20T10:05:00Z'))).toBe(1);
    // The same tick again, from this scheduler or a restarted one, enqueues nothing.
    expect(await scheduler.tick(new Date('2026-11-20T10:05:00Z'))).toBe(0);
    await settle(replay.lines);

    const alerts = (await (await api.call(`/alerts?limit=100`)).json()) as {
      items: Array<{ type: string; authorId: string; evidenceCount: number; severity: string }>;
    };
    const angry = alerts.items.filter((alert) => alert.type === 'disgruntled_customer');
    const fans = alerts.items.filter((alert) => alert.type === 'emerging_advocate');
    expect(angry.map((alert) => alert.authorId).sort()).toEqual([
      'angry0',
      'angry1',
      'angry2',
      'angry3',
    ]);
    expect(angry.every((alert) => alert.evidenceCount === 3)).toBe(true);
    expect(fans.map((alert) => alert.authorId).sort()).toEqual(['fan0', 'fan1', 'fan2']);

    const advocates = (await (await api.call(`/advocates`)).json()) as {
      items: Array<{ authorId: string }>;
    };
    expect(
      advocates.items
        .slice(0, 3)
        .map((a) => a.authorId)
        .sort(),
    ).toEqual(['fan0', 'fan1', 'fan2']);

    // The next slot polls again from the stored cursor: nothing new is stored or raised.
    expect(await scheduler.tick(new Date('2026-11-20T11:05:00Z'))).toBe(1);
    await waitFor(
      'second poll done',
      async () => (await rig.producer.queues.poll.getCompletedCount()) === 2,
    );
    await settle(replay.lines);
    expect(await rig.store.mentions.count()).toBe(replay.lines);
    expect(await rig.store.alerts.count()).toBe(alerts.items.length);
  });

  it('serves hourly and daily volume by sentiment from the rollups, adding up to every mention', async () => {
    const range = 'from=2026-09-30T00:00:00Z&to=2026-10-10T00:00:00Z';
    type Stats = {
      series: Array<{
        watchId: string;
        buckets: Array<{ start: string; counts: Record<string, number> }>;
      }>;
    };
    const hourly = (await (await api.call(`/stats?watch=acme&${range}`)).json()) as Stats;
    const daily = (await (await api.call(`/stats?watch=acme&bucket=day&${range}`)).json()) as Stats;
    const total = (stats: Stats) =>
      stats.series[0]!.buckets.reduce((sum, b) => sum + b.counts.total!, 0);
    expect(total(hourly)).toBe(replay.lines);
    expect(total(daily)).toBe(replay.lines);
    const negatives = daily.series[0]!.buckets.reduce((sum, b) => sum + b.counts.negative!, 0);
    expect(negatives).toBe(await rig.store.mentions.count({ watchId: 'acme', label: 'negative' }));
    expect(daily.series[0]!.buckets.length).toBeLessThan(hourly.series[0]!.buckets.length);

    const reversed = await api.call(`/stats?from=2026-10-10T00:00:00Z&to=2026-09-30T00:00:00Z`);
    expect(reversed.status).toBe(400);
  });

  it('pages through mentions newest first with a cursor, without repeats', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url = `/mentions?watch=acme&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await (await api.call(url)).json()) as {
        items: Array<{ id: string }>;
        nextCursor: string | null;
      };
      body.items.forEach((item) => seen.add(item.id));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(pages).toBe(Math.ceil(replay.lines / 100));
    expect(seen.size).toBe(replay.lines);
  });

  it('answers malformed queries with a 400 problem naming the field', async () => {
    const injected = await api.call(`/alerts?status[$ne]=open`);
    expect(injected.status).toBe(400);
    expect(injected.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await injected.json()) as { detail: string }).detail).toContain('status[$ne]');

    const badType = await api.call(`/alerts?type=angry`);
    expect(badType.status).toBe(400);
    expect(((await badType.json()) as { detail: string }).detail).toMatch(/^type:/);

    const badCursor = await api.call(`/mentions?cursor=nonsense`);
    expect(badCursor.status).toBe(400);
    expect(((await badCursor.json()) as { detail: string }).detail).toMatch(/^cursor:/);

    const missing = await api.call(`/nowhere`);
    expect(missing.status).toBe(404);
  });

  it('answers /healthz (alive) and /readyz (Redis and MongoDB reachable)', async () => {
    const live = await api.call(`/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await api.call(`/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', redis: 'ok', mongodb: 'ok' });
  });
});
