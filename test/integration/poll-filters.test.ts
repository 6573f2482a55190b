import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceQuotaError } from '../../domain/errors.js';
import type { Watch } from '../../domain/watch.js';
import type { PollJob } from '../../jobs/catalogue.js';
import { startWorkers } from '../../workers/index.js';
import { processPoll } from '../../workers/poll.js';
import { SourceQuota } from '../../sources/quota.js';
import { createRig, waitFor, type TestRig } from '../helpers/env.js';
import { fixture, json, startFakeSource, type FakeSource } from '../helpers/fake-source.js';

const pollJob = (watchId: string, sourceKey: string, slot: string) =>
  ({ id: `poll-${slot}`, data: { watchId, sourceKey, slot } }) as unknown as Job<PollJob>;

describe('poll filters and the per-source quota', () => {
  let rig: TestRig;
  let algolia: FakeSource;

  beforeAll(async () => {
    algolia = await startFakeSource((_request, response) =>
      json(response, fixture('hn-empty.json')),
    );
    rig = await createRig('pollfilters', {
      HN_API_URL: algolia.url,
      HN_REQUESTS_PER_MINUTE: '2',
    });
  });

  afterAll(async () => {
    await rig.cleanup();
    await algolia.close();
  });

  it('drops and counts mentions in a language the watch does not want', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-lang-'));
    const file = join(dir, 'mentions.jsonl');
    const line = (id: string, lang: string | null, text = 'Acme is fine') =>
      JSON.stringify({
        id,
        text,
        createdAt: '2026-10-01T10:00:00Z',
        author: { id: 'u1', handle: 'u1' },
        ...(lang ? { lang } : {}),
      });
    writeFileSync(
      file,
      [
        line('a', 'en'),
        line('b', 'ja'),
        line('c', null),
        line('d', 'en-GB'),
        line('e', 'en', 'Other'),
      ]
        .map((l) => `${l}\n`)
        .join(''),
    );
    const watch: Watch = {
      id: 'lang',
      name: 'Lang',
      keywords: ['acme'],
      exclusions: [],
      languages: ['en'],
      sources: [{ type: 'replay', file }],
      schedule: '*/5 * * * *',
      enabled: true,
    };
    await rig.store.watches.upsert(watch);
    const outcome = await processPoll(pollJob('lang', `replay:${file}`, 'l1'), rig.deps);
    expect(outcome).toMatchObject({ fetched: 5, otherLanguage: 1, unmatched: 1, inserted: 3 });
    const stored = await rig.store.mentions.search({ watchId: 'lang' }, 10, null);
    expect(stored.map((m) => m.externalId).sort()).toEqual(['a', 'c', 'd']);
  });

  it('shares a quota per key across callers in Redis', async () => {
    const quota = new SourceQuota(rig.redis, `${rig.config.queuePrefix}x`, { reddit: 2 });
    expect(await quota.take('reddit', 'reddit')).toBe(0);
    expect(await quota.take('reddit', 'reddit')).toBe(0);
    const wait = await quota.take('reddit', 'reddit');
    expect(wait).toBeGreaterThan(2000);
    expect(wait).toBeLessThanOrEqual(60_000);
    expect(await quota.take('reddit', 'reddit:other-host')).toBe(0);
    expect(await quota.take('hackernews', 'hackernews')).toBe(0);
  });

  it('turns a spent quota into a delayed retry that costs no attempt', async () => {
    const watch: Watch = {
      id: 'quota',
      name: 'Quota',
      keywords: ['acme'],
      exclusions: [],
      sources: [{ type: 'hackernews' }],
      schedule: '*/5 * * * *',
      enabled: true,
    };
    await rig.store.watches.upsert(watch);
    await processPoll(pollJob('quota', 'hackernews', 'q1'), rig.deps);
    await processPoll(pollJob('quota', 'hackernews', 'q2'), rig.deps);
    await expect(
      processPoll(pollJob('quota', 'hackernews', 'q3'), rig.deps),
    ).rejects.toBeInstanceOf(SourceQuotaError);
    expect(algolia.requests).toHaveLength(2);

    const workers: Worker[] = startWorkers(rig.redis, rig.deps, ['poll']);
    try {
      const id = await rig.producer.enqueue('poll', {
        watchId: 'quota',
        sourceKey: 'hackernews',
        slot: '2026-11-20T10:05:00.000Z',
      });
      await waitFor(
        'poll job delayed',
        async () => (await rig.producer.queues.poll.getJobState(id)) === 'delayed',
      );
      const job = await rig.producer.queues.poll.getJob(id);
      expect(job?.attemptsMade).toBe(0);
      expect(job?.failedReason ?? '').toBe('');
      expect(algolia.requests).toHaveLength(2);
    } finally {
      await Promise.all(workers.map((worker) => worker.close()));
    }
  });
});
