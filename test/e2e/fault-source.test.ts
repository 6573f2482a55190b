import type { ChildProcess } from 'node:child_process';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Watch } from '../../domain/watch.js';
import { countFlagged, replayCounts, settledCounts } from '../helpers/counts.js';
import { createRig, waitFor, type TestRig } from '../helpers/env.js';
import {
  json,
  startFakeSource,
  type FakeSource,
  type SeenRequest,
} from '../helpers/fake-source.js';
import { replayWatch, writeReplayFile } from '../helpers/replay-data.js';
import { killProcess, startWorkerProcess } from '../helpers/worker-process.js';

/** How each Hacker News watch's first answers misbehave (by its keyword), before good pages. */
const FAULTS: Record<string, { first: number; answer: (res: ServerResponse) => void }> = {
  flaky: { first: 1, answer: (res) => json(res, '{"message":"oops"}', 500) },
  storm: {
    first: 3,
    answer: (res) => {
      res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
      res.end('{"message":"slow down"}');
    },
  },
  slowpoke: { first: 1, answer: () => undefined }, // never answers: the client times out
  garbage: { first: 1, answer: (res) => json(res, '<html>502 Bad Gateway</html>') },
  truncated: {
    first: 1,
    answer: (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4000' });
      res.write('{"hits":[{"objectID":"1","created_at_i":17');
      res.destroy();
    },
  },
  broken: { first: Infinity, answer: (res) => json(res, '{"message":"down"}', 503) },
};
const HITS = 10;
const NOW_S = Math.floor(Date.now() / 1000);

/** A good page: HITS hits of the keyword, one of them malformed (no author) and skipped. */
function goodPage(keyword: string): string {
  const hits = Array.from({ length: HITS }, (_, i) => ({
    objectID: `${keyword}-${i}`,
    created_at_i: NOW_S - 3600 + i,
    author: i === 0 ? undefined : `user${i}`,
    title: `Trying ${keyword} today, it is fine`,
  }));
  return JSON.stringify({ hits, page: 0, nbPages: 1, hitsPerPage: HITS });
}

// Injected: a Hacker News API (a local HTTP server) answering 500s, a 429 storm with Retry-After,
// a request that never answers, an HTML body, a body cut off mid-JSON, a malformed hit, and one
// watch whose source is down for good; beside them, a replay watch that must keep flowing.
describe('fault: a misbehaving source', () => {
  let rig: TestRig;
  let source: FakeSource;
  let earshot: ChildProcess | null = null;
  const served: Record<string, number> = {};
  const plan = { angryAuthors: 3, complaints: 3, fans: 2, praises: 4, bystanders: 200 };
  const replay = writeReplayFile(plan);

  beforeAll(async () => {
    source = await startFakeSource((request: SeenRequest, res: ServerResponse) => {
      const keyword = request.query.get('query') ?? '';
      served[keyword] = (served[keyword] ?? 0) + 1;
      const fault = FAULTS[keyword];
      if (fault && served[keyword] <= fault.first) {
        fault.answer(res);
      } else {
        json(res, goodPage(keyword));
      }
    });
    rig = await createRig('sourcefault', {
      HN_API_URL: source.url,
      HTTP_TIMEOUT_MS: '800',
      JOB_ATTEMPTS: '4',
    });
    const watches: Watch[] = [
      replayWatch(replay.path),
      ...Object.keys(FAULTS).map((keyword) => ({
        ...replayWatch(replay.path),
        id: keyword,
        name: keyword,
        keywords: [keyword],
        sources: [{ type: 'hackernews' as const }],
      })),
    ];
    for (const watch of watches) {
      await rig.store.watches.upsert(watch);
      await rig.producer.enqueue('poll', {
        watchId: watch.id,
        sourceKey: watch.id === 'acme' ? `replay:${replay.path}` : 'hackernews',
        slot: '2026-11-20T10:00:00.000Z',
      });
    }
  });
  afterAll(async () => {
    await killProcess(earshot);
    await source.close();
    await rig.cleanup();
  });

  it('keeps the worker up and the other watches flowing; each fault retried, the dead source failed', async () => {
    earshot = startWorkerProcess(rig.settings);
    const expected = replayCounts(replay.lines, plan);
    expect(await settledCounts(rig.db, expected, 90_000, 'acme')).toEqual(expected);

    const poll = rig.producer.queues.poll;
    await waitFor(
      'the dead source given up',
      async () => (await poll.getFailedCount()) === 1,
      60_000,
    );
    const mentions = rig.db.collection('mentions');
    for (const keyword of Object.keys(FAULTS).filter((k) => k !== 'broken')) {
      await waitFor(
        `${keyword} recovered`,
        async () => (await countFlagged(rig.db, { watchId: keyword })) === HITS - 1,
        30_000,
      );
      expect(served[keyword]).toBe(FAULTS[keyword]!.first + 1);
      expect(await rig.store.cursors.get(keyword, 'hackernews')).toBe(
        String(NOW_S - 3600 + HITS - 1),
      );
    }
    const [dead] = await poll.getFailed();
    expect(dead?.data).toMatchObject({ watchId: 'broken' });
    expect(dead?.attemptsMade).toBe(4);
    expect(dead?.failedReason).toContain('HTTP 503');
    expect(served.broken).toBe(4);
    expect(await mentions.countDocuments({ watchId: 'broken' })).toBe(0);
    expect(await rig.store.cursors.get('broken', 'hackernews')).toBeNull();
    expect(earshot.exitCode).toBeNull();
  }, 180_000);
});
