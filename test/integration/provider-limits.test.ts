import { Writable } from 'node:stream';
import type { Job, Worker } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderBlockedError } from '../../domain/errors.js';
import { sourceKey, type Watch, type WatchSource } from '../../domain/watch.js';
import { startWorkers } from '../../workers/index.js';
import { providerLimits } from '../../sources/index.js';
import { FIXTURE_NOW, runningClock } from '../helpers/clock.js';
import { startApi } from '../helpers/api.js';
import { createRig, waitFor, type TestRig } from '../helpers/env.js';
import {
  fixture,
  json,
  rejectionOf,
  startFakeSource,
  type FakeSource,
} from '../helpers/fake-source.js';

/** 2026-11-20T12:00Z to YouTube's quota reset (midnight Pacific, 08:00 UTC in winter): 20 h. */
const UNTIL_QUOTA_RESET_MS = 20 * 3_600_000;

/**
 * A provider's long wait against the job's attempts, on real Redis and a real worker: YouTube says
 * the day's quota is spent (a wait of 20 hours); the job that heard it waits the 20 hours, not 10
 * minutes, and another watch's job meets the block in Redis, sends nothing and keeps its attempts.
 */
describe('provider limits in the poll stage', () => {
  let rig: TestRig;
  let api: FakeSource;
  let workers: Worker[];
  const logs: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    api = await startFakeSource((_request, response) =>
      json(response, fixture('youtube-quota-exceeded.json'), 403),
    );
    const clock = runningClock(FIXTURE_NOW);
    rig = await createRig(
      'limits',
      { YOUTUBE_API_URL: `${api.url}/youtube/v3`, YOUTUBE_API_KEY: 'limits-test-key' },
      clock,
    );
    const lines = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    rig.deps.log = pino({ level: 'info' }, lines);
    workers = startWorkers(rig.redis, rig.deps, ['poll']);
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await rig.cleanup();
    await api.close();
  });

  const watchOf = (id: string, videoId: string): Watch => ({
    id,
    name: id,
    keywords: ['acme'],
    exclusions: [],
    sources: [{ type: 'youtube', videoId }],
    schedule: '0 * * * *',
    enabled: true,
  });

  /** Enqueues the watch's poll of `slot` (as the scheduler does) and waits for it to be `state`. */
  async function poll(
    watch: Watch,
    slot = '2026-11-20T12:00:00.000Z',
    state: 'delayed' | 'completed' = 'delayed',
  ): Promise<Job> {
    await rig.store.watches.upsert(watch);
    const source: WatchSource = watch.sources[0]!;
    const payload = { watchId: watch.id, sourceKey: sourceKey(source), slot };
    const id = await rig.producer.enqueue('poll', payload);
    await waitFor(
      `${watch.id} ${state}`,
      async () => (await rig.producer.queues.poll.getJobState(id)) === state,
    );
    return (await rig.producer.queues.poll.getJob(id))!;
  }

  /** When the delayed job runs next, in ms from now (BullMQ keeps it as the delayed set's score). */
  async function runsIn(job: Job): Promise<number> {
    const key = `${rig.config.queuePrefix}:poll:delayed`;
    const score = Number(await rig.redis.zscore(key, job.id!));
    // BullMQ scores a delayed job as timestamp * 4096 + a sequence number.
    return Math.floor(score / 4096) - Date.now();
  }

  it('delays the refused job until the quota resets, and sends nothing for another watch until then', async () => {
    const first = await poll(watchOf('limits-a', 'vidAcme0001'));
    expect(first.attemptsMade).toBe(1);
    // The whole 20 hours, not the 10-minute cap: a retry before the reset would be refused again.
    expect(await runsIn(first)).toBeGreaterThan(UNTIL_QUOTA_RESET_MS - 60_000);
    expect(await runsIn(first)).toBeLessThanOrEqual(UNTIL_QUOTA_RESET_MS);
    expect(api.requests).toHaveLength(1);

    const second = await poll(watchOf('limits-b', 'vidAcme0002'));
    // The block lives in Redis: the second job never reached the API and kept its attempts.
    expect(api.requests).toHaveLength(1);
    expect(second.attemptsMade).toBe(0);
    expect(await runsIn(second)).toBeGreaterThan(UNTIL_QUOTA_RESET_MS - 60_000);

    // The job's log line says which limit held it and until when.
    const line = logs.find((entry) => entry.jobId === second.id && entry.limitKey);
    expect(line).toMatchObject({
      msg: 'provider limit: job delayed until the reset',
      reason: 'daily quota spent',
      blockedUntil: expect.stringMatching(/^2026-11-21T08:00:00\.\d{3}Z$/) as unknown,
    });
    expect(String(line?.limitKey)).toMatch(/^youtube\|127\.0\.0\.1:\d+\|cred-[0-9a-f]{12}$/);
    expect(JSON.stringify(logs)).not.toContain('limits-test-key');
  });

  it('drops the polls the schedule adds during the wait: one poll per watch and source runs at the reset', async () => {
    // The ticks after 12:00 add a poll of each watch every hour; each would meet the block, and
    // without a single waiting poll all of them would run at 08:00 and spend the new day's quota.
    for (const [watch, first] of [
      [watchOf('limits-a', 'vidAcme0001'), 'refused by the provider'],
      [watchOf('limits-b', 'vidAcme0002'), 'delayed by the block'],
    ] as const) {
      const later = await poll(watch, '2026-11-20T13:00:00.000Z', 'completed');
      expect(later.returnvalue, first).toEqual({
        droppedFor: expect.stringMatching(/^youtube\|/) as unknown,
      });
      const line = logs.find((entry) => entry.jobId === later.id && entry.limitKey);
      expect(line?.msg).toBe(
        'provider limit: another poll of this source waits for the reset; this one is dropped',
      );
    }
    expect(api.requests).toHaveLength(1);
    const delayed = await rig.producer.queues.poll.getDelayed();
    expect(delayed.map((job) => (job.data as { watchId: string }).watchId).sort()).toEqual([
      'limits-a',
      'limits-b',
    ]);
  });

  it('shows the block in /metrics, by limit key, in seconds to the reset', async () => {
    // The API as main.ts builds it (its key prefix is the queue prefix), on the test's clock.
    const api = await startApi(rig, { now: runningClock(FIXTURE_NOW) });
    const response = await api.call('/metrics');
    await api.close();
    expect(response.status).toBe(200);
    const text = await response.text();
    const match =
      /earshot_provider_blocked_seconds\{limit="(youtube\|[^"]+)",source="youtube",reason="daily quota spent"\} (\d+(\.\d+)?)/.exec(
        text,
      );
    expect(match?.[1]).toMatch(/^youtube\|127\.0\.0\.1:\d+\|cred-/);
    expect(Number(match?.[2])).toBeGreaterThan(UNTIL_QUOTA_RESET_MS / 1000 - 120);
    // The block ends at the reset give or take the milliseconds of the clocks that set it (the log
    // line above allows the same), so up to a second past it.
    expect(Number(match?.[2])).toBeLessThanOrEqual(UNTIL_QUOTA_RESET_MS / 1000 + 1);
  });

  it('keeps the later of two blocks in Redis, shared by every process that asks', async () => {
    const clock = runningClock(FIXTURE_NOW);
    const prefix = `${rig.config.queuePrefix}:shared`;
    const [one, two] = [
      providerLimits(rig.redis, prefix, clock),
      providerLimits(rig.redis, prefix, clock),
    ];
    const scope = { source: 'x', host: 'api.x.com', credential: 'token-a' };
    await one.block(scope, 900_000, 'HTTP 429');
    await two.block(scope, 5_000, 'remaining requests 0');
    const error = (await rejectionOf(two.check(scope))) as ProviderBlockedError;
    expect(error).toBeInstanceOf(ProviderBlockedError);
    expect(error.retryAfterMs).toBeGreaterThan(890_000);
    expect(error.reason).toBe('HTTP 429');
    // Redis forgets the block when it ends.
    const ttl = await rig.redis.pttl(`${prefix}:limit:${error.limitKey}`);
    expect(ttl).toBeGreaterThan(890_000);
    expect(ttl).toBeLessThanOrEqual(900_000);
    await rig.redis.del(`${prefix}:limit:${error.limitKey}`);
  });
});
