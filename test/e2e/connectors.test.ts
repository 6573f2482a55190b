import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceKey, type Watch, type WatchSource } from '../../domain/watch.js';
import { startWorkers } from '../../workers/index.js';
import { createRig, waitFor, type TestRig } from '../helpers/env.js';
import { flaggedIds } from '../helpers/counts.js';
import { fakeAppStore } from '../helpers/fake-appstore.js';
import {
  BLUESKY_APP_PASSWORD,
  BLUESKY_IDENTIFIER,
  fakeBlueskyServer,
} from '../helpers/fake-bluesky.js';
import { fakeFeeds } from '../helpers/fake-feeds.js';
import { fakeMastodon } from '../helpers/fake-mastodon.js';
import { fixture, json, startFakeSource, type FakeSource } from '../helpers/fake-source.js';

/** Each connector through the real pipeline: poll job → analyze → flag, on Redis and the store. */
describe('every connector end to end', () => {
  let rig: TestRig;
  let workers: Worker[];
  const servers: Record<string, FakeSource> = {};

  beforeAll(async () => {
    servers.hn = await startFakeSource((request, response) => {
      const page = request.query.get('page');
      const name = request.query.get('query') === 'acme' ? `hn-acme-page${page}.json` : null;
      json(
        response,
        name && ['0', '1'].includes(page ?? '') ? fixture(name) : fixture('hn-empty.json'),
      );
    });
    servers.reddit = await startFakeSource((request, response) => {
      const after = request.query.get('after');
      const name =
        after === 't3_new003'
          ? 'reddit-smarthome-new-page2.json'
          : 'reddit-smarthome-new-page1.json';
      json(response, fixture(name));
    });
    servers.mastodon = await startFakeSource(fakeMastodon('mastodon-tag-lumora.json', 'unused'));
    servers.bluesky = await startFakeSource(fakeBlueskyServer().handler);
    servers.feeds = await startFakeSource(fakeFeeds);
    servers.appstore = await startFakeSource(fakeAppStore);
    rig = await createRig('connectors', {
      HN_API_URL: servers.hn.url,
      REDDIT_API_URL: servers.reddit.url,
      BLUESKY_API_URL: servers.bluesky.url,
      BLUESKY_IDENTIFIER,
      BLUESKY_APP_PASSWORD,
      APPSTORE_API_URL: servers.appstore.url,
      WORKER_CONCURRENCY: '2',
    });
    workers = startWorkers(rig.redis, rig.deps);
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await rig.cleanup();
    await Promise.all(Object.values(servers).map((server) => server.close()));
  });

  /** Polls the watch's one source twice; returns its mentions after the first and second poll. */
  async function pollTwice(watch: Watch, cursor?: string) {
    const source = watch.sources[0]!;
    await rig.store.watches.upsert(watch);
    if (cursor) {
      await rig.store.cursors.set(watch.id, sourceKey(source), cursor);
    }
    const mentions = () => rig.store.mentions.search({ watchId: watch.id }, 200, null);
    const poll = async (slot: string) => {
      const payload = { watchId: watch.id, sourceKey: sourceKey(source), slot };
      const id = await rig.producer.enqueue('poll', payload);
      await waitFor(
        `${watch.id} poll ${slot}`,
        async () => (await rig.producer.queues.poll.getJobState(id)) === 'completed',
      );
      await waitFor(`${watch.id} flagged`, async () => {
        const flagged = await flaggedIds(rig.db);
        return (await mentions()).every((mention) => flagged.has(mention.id));
      });
      return mentions();
    };
    const first = await poll('2026-11-20T10:00:00.000Z');
    const second = await poll('2026-11-20T11:00:00.000Z');
    return { first, second };
  }

  const watchOf = (id: string, source: WatchSource, keywords = ['lumora']): Watch => ({
    id,
    name: id,
    keywords,
    exclusions: [],
    sources: [source],
    schedule: '0 * * * *',
    enabled: true,
  });

  it('hackernews', async () => {
    const { first, second } = await pollTwice(
      watchOf('e2e-hn', { type: 'hackernews' }, ['acme']),
      '1699990000',
    );
    expect(first.map((m) => m.externalId).sort()).toEqual(['38000001', '38000002', '38000005']);
    expect(first.every((m) => m.analysis !== null)).toBe(true);
    expect(second).toHaveLength(first.length);
  });

  it('reddit', async () => {
    const source: WatchSource = { type: 'reddit', subreddit: 'smarthome', listing: 'new' };
    const { first, second } = await pollTwice(watchOf('e2e-reddit', source), '1700000000');
    expect(first.map((m) => m.externalId).sort()).toEqual(['new001', 'new002', 'new003', 'new004']);
    expect(first.find((m) => m.externalId === 'new001')?.analysis?.label).toBe('negative');
    expect(second).toHaveLength(4);
  });

  it('mastodon', async () => {
    const source: WatchSource = {
      type: 'mastodon',
      instance: servers.mastodon!.url,
      hashtag: 'lumora',
    };
    const { first, second } = await pollTwice(watchOf('e2e-mastodon', source));
    expect(first).toHaveLength(3);
    expect(first.find((m) => m.text.includes('Never again'))?.analysis?.label).toBe('negative');
    expect(second).toHaveLength(3);
  });

  it('bluesky', async () => {
    // The first poll's window is given, not read from the clock: a week before the fixtures' posts.
    const weekBefore = String(Date.parse('2026-11-13T10:00:00.000Z') / 1000);
    const { first, second } = await pollTwice(
      watchOf('e2e-bluesky', { type: 'bluesky' }),
      weekBefore,
    );
    expect(first.map((m) => m.url).sort()).toEqual([
      'https://bsky.app/profile/did:plc:bbb222/post/3lb2bbb',
      'https://bsky.app/profile/lu.bsky.social/post/3lb2eee',
      'https://bsky.app/profile/ray.bsky.social/post/3lb2aaa',
    ]);
    expect(second).toHaveLength(3);
  });

  it('rss', async () => {
    const source: WatchSource = { type: 'rss', url: `${servers.feeds!.url}/news.xml` };
    const { first, second } = await pollTwice(watchOf('e2e-rss', source));
    expect(first).toHaveLength(3);
    expect(second).toHaveLength(3);
    // The second poll was conditional and answered 304.
    expect(servers.feeds!.requests.at(-1)?.headers['if-none-match']).toBe('"v1-lumora"');
  });

  it('appstore: every review kept without naming the brand, the stars used by analysis', async () => {
    const source: WatchSource = { type: 'appstore', appId: '1234567890', country: 'us' };
    const { first, second } = await pollTwice(watchOf('e2e-appstore', source));
    expect(first.map((m) => [m.externalId, m.rating]).sort()).toEqual([
      ['us:9000000002', 2],
      ['us:9000000004', 5],
      ['us:9000000005', 1],
    ]);
    // "Support was polite" reads positive; its two stars make it negative.
    const meh = first.find((m) => m.rating === 2);
    expect(meh?.analysis?.label).toBe('negative');
    expect(meh?.analysis?.evidence.join(' ')).toContain('2 stars');
    expect(second).toHaveLength(3);
  });
});
