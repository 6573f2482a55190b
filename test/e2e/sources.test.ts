import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Watch, WatchSource } from '../../domain/watch.js';
import { sourceKey } from '../../domain/watch.js';
import { startWorkers } from '../../workers/index.js';
import { createRig, waitFor, type TestRig } from '../helpers/env.js';
import { countFlagged, flaggedIds } from '../helpers/counts.js';
import { fixture, json, startFakeSource, type FakeSource } from '../helpers/fake-source.js';

/**
 * Each web connector through the real pipeline: a poll job against a local fake of the API, then
 * analyze and flag on the real Redis and store; a second, overlapping poll stores only what is new.
 */
/** 2026-11-19T00:00:00Z: a stored cursor older than every fixture item. */
const EARLIER = 1_795_046_400;

describe('web sources end to end: poll → analyze → flag', () => {
  let rig: TestRig;
  let workers: Worker[];
  let api: FakeSource;
  /** Set by a test to put one newer item on top of the first page (the second poll). */
  let newer: Record<string, unknown> | null = null;

  const youtubePage1 = () => {
    const page = JSON.parse(fixture('youtube-threads-page1.json')) as { items: unknown[] };
    if (newer) {
      page.items.unshift(newer);
    }
    return JSON.stringify(page);
  };

  /** Set by a test to put one newer tweet on top of the first page (the second poll). */
  let newerTweet: Record<string, unknown> | null = null;
  const xPage1 = () => {
    const page = JSON.parse(fixture('x-search-page1.json')) as {
      data: unknown[];
      meta: { newest_id: string };
    };
    if (newerTweet) {
      page.data.unshift(newerTweet);
      page.meta.newest_id = String(newerTweet.id);
    }
    return JSON.stringify(page);
  };

  /** Set by a test to put one newer question on top of the first page (the second poll). */
  let newerQuestion: Record<string, unknown> | null = null;
  const sePage1 = () => {
    const page = JSON.parse(fixture('se-search-page1.json')) as { items: unknown[] };
    if (newerQuestion) {
      page.items.unshift(newerQuestion);
    }
    return JSON.stringify(page);
  };

  beforeAll(async () => {
    api = await startFakeSource((request, response) => {
      if (request.path === '/youtube/v3/commentThreads') {
        const token = request.query.get('pageToken');
        json(response, token ? fixture('youtube-threads-page2.json') : youtubePage1());
      } else if (request.path === '/youtube/v3/channels') {
        json(response, fixture('youtube-channels.json'));
      } else if (request.path === '/se/2.3/search/advanced') {
        const more = request.query.get('page') === '2';
        json(response, more ? fixture('se-search-page2.json') : sePage1());
      } else if (request.path === '/x/2/tweets/search/recent') {
        const token = request.query.get('next_token');
        json(response, token ? fixture('x-search-page2.json') : xPage1());
      } else {
        json(response, '{}', 404);
      }
    });
    rig = await createRig('e2e_sources', {
      WORKER_CONCURRENCY: '2',
      YOUTUBE_API_URL: `${api.url}/youtube/v3`,
      YOUTUBE_API_KEY: 'e2e-youtube-key',
      X_API_URL: `${api.url}/x/2`,
      STACKEXCHANGE_API_URL: `${api.url}/se/2.3`,
      X_BEARER_TOKEN: 'e2e-x-bearer-token',
    });
    workers = startWorkers(rig.redis, rig.deps);
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await rig.cleanup();
    await api.close();
  });

  const watchOf = (id: string, source: WatchSource): Watch => ({
    id,
    name: id,
    keywords: ['Acme'],
    exclusions: [],
    sources: [source],
    schedule: '0 * * * *',
    enabled: true,
  });

  /** Runs one poll of the watch's source and waits until everything it stored is flagged. */
  async function pollAndSettle(watch: Watch, slot: string): Promise<void> {
    const id = await rig.producer.enqueue('poll', {
      watchId: watch.id,
      sourceKey: sourceKey(watch.sources[0]!),
      slot,
    });
    await waitFor(`poll ${id} completed`, async () => {
      const state = await (await rig.producer.queues.poll.getJob(id))?.getState();
      if (state === 'failed') {
        throw new Error(`poll ${id} failed`);
      }
      return state === 'completed';
    });
    await waitFor('every mention flagged', async () => {
      const mentions = rig.db.collection('mentions');
      const all = await mentions.countDocuments({ watchId: watch.id });
      const flagged = await countFlagged(rig.db, { watchId: watch.id });
      return all === flagged;
    });
  }

  async function stored(watchId: string) {
    return rig.store.mentions.search({ watchId }, 100, null);
  }

  it('youtube: comment threads are stored, analysed and flagged; a second poll adds only the new one', async () => {
    const watch = watchOf('yt', { type: 'youtube', videoId: 'vidAcme0001' });
    await rig.store.watches.upsert(watch);
    // The fixtures are dated; a first poll would look back a week from today and miss them later.
    await rig.store.cursors.set('yt', 'youtube:video:vidAcme0001', String(EARLIER));
    await pollAndSettle(watch, '2026-11-20T11:00:00.000Z');
    const first = await stored('yt');
    expect(first.map((m) => m.externalId).sort()).toEqual([
      'UgyAcme0001',
      'UgyAcme0002',
      'UgyAcme0003',
      'UgyAcme0005',
      'UgyAcme0006',
    ]);
    const flagged = await flaggedIds(rig.db);
    expect(first.every((m) => m.analysis !== null && flagged.has(m.id))).toBe(true);
    const angry = first.find((m) => m.externalId === 'UgyAcme0001');
    expect(angry?.analysis?.label).toBe('negative');
    expect(angry?.author.followers).toBe(15_400);

    newer = {
      id: 'UgyAcme0010',
      snippet: {
        videoId: 'vidAcme0001',
        totalReplyCount: 0,
        topLevelComment: {
          id: 'UgyAcme0010',
          snippet: {
            videoId: 'vidAcme0001',
            textOriginal: 'Acme fixed my hub in a day, thanks!',
            authorDisplayName: 'Dana',
            authorChannelId: { value: 'UCdana0000000000000000' },
            likeCount: 2,
            publishedAt: '2026-11-20T12:00:00Z',
          },
        },
      },
    };
    await pollAndSettle(watch, '2026-11-20T12:00:00.000Z');
    newer = null;
    const second = await stored('yt');
    expect(second).toHaveLength(first.length + 1);
    expect(second[0]?.externalId).toBe('UgyAcme0010');
    expect(await rig.store.cursors.get('yt', 'youtube:video:vidAcme0001')).toBe(
      String(Date.parse('2026-11-20T12:00:00Z') / 1000),
    );
  });

  it('x: tweets with their authors are stored, analysed and flagged; a second poll adds only the new one', async () => {
    const watch = watchOf('xw', { type: 'x' });
    await rig.store.watches.upsert(watch);
    await pollAndSettle(watch, '2026-11-20T11:00:00.000Z');
    const first = await stored('xw');
    expect(first.map((m) => m.externalId).sort()).toEqual([
      '2123717988971446273',
      '2123717988971446274',
      '2123717988971446276',
      '2123717988971446277',
    ]);
    const flagged = await flaggedIds(rig.db);
    expect(first.every((m) => m.analysis !== null && flagged.has(m.id))).toBe(true);
    expect(first.find((m) => m.author.id === '1001')?.analysis?.label).toBe('negative');
    expect(await rig.store.cursors.get('xw', 'x')).toBe('2123717988971446277');

    newerTweet = {
      id: '2123717988971446281',
      text: 'Acme replaced my hub overnight, brilliant service',
      author_id: '1002',
      created_at: '2026-11-20T11:30:00.000Z',
    };
    await pollAndSettle(watch, '2026-11-20T12:00:00.000Z');
    newerTweet = null;
    const second = await stored('xw');
    expect(second).toHaveLength(first.length + 1);
    expect(second[0]?.externalId).toBe('2123717988971446281');
    const sinceIds = api.requests
      .filter((r) => r.path === '/x/2/tweets/search/recent')
      .map((r) => r.query.get('since_id'));
    expect(sinceIds).toEqual([null, null, '2123717988971446277', '2123717988971446277']);
    expect(await rig.store.cursors.get('xw', 'x')).toBe('2123717988971446281');
  });

  it('stackexchange: questions are stored, analysed and flagged; a second poll adds only the new one', async () => {
    const watch = watchOf('se', { type: 'stackexchange', site: 'superuser' });
    await rig.store.watches.upsert(watch);
    await rig.store.cursors.set('se', 'stackexchange:superuser', String(EARLIER));
    await pollAndSettle(watch, '2026-11-20T11:00:00.000Z');
    const first = await stored('se');
    expect(first.map((m) => m.externalId).sort()).toEqual([
      'superuser:1850001',
      'superuser:1850002',
      'superuser:1850004',
      'superuser:1850005',
    ]);
    const flagged = await flaggedIds(rig.db);
    expect(first.every((m) => m.analysis !== null && flagged.has(m.id))).toBe(true);
    expect(first.find((m) => m.externalId === 'superuser:1850005')?.author.followers).toBe(15_321);
    const base = 1_795_168_800;
    expect(await rig.store.cursors.get('se', 'stackexchange:superuser')).toBe(String(base));

    newerQuestion = {
      question_id: 1850010,
      title: 'Acme hub firmware 2.2 fixed my pairing problem',
      body: '<p>Just confirming the Acme update works.</p>',
      link: 'https://superuser.com/questions/1850010/slug',
      creation_date: base + 1800,
      score: 1,
      answer_count: 0,
      owner: { user_id: 77, user_type: 'registered', display_name: 'dana', reputation: 3402 },
    };
    await pollAndSettle(watch, '2026-11-20T12:00:00.000Z');
    newerQuestion = null;
    const second = await stored('se');
    expect(second).toHaveLength(first.length + 1);
    expect(second[0]?.externalId).toBe('superuser:1850010');
    const fromDates = api.requests
      .filter((r) => r.path === '/se/2.3/search/advanced' && r.query.get('page') === '1')
      .map((r) => r.query.get('fromdate'));
    expect(fromDates[1]).toBe(String(base));
    expect(await rig.store.cursors.get('se', 'stackexchange:superuser')).toBe(String(base + 1800));
  });
});
