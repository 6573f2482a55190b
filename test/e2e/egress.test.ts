import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Job, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceKey, type AlertChannel, type Watch } from '../../domain/watch.js';
import { startWorkers } from '../../workers/index.js';
import { createRig, waitFor, type TestRig } from '../helpers/env.js';
import { testWatch } from '../helpers/connector-harness.js';
import { seedAlert } from '../helpers/seed.js';

/** A server on `host` answering every request with `answer`; counts what it received. */
async function serve(
  host: string,
  answer: (path: string) => [number, Record<string, string>, string],
) {
  const seen: Array<{ path: string; headers: Record<string, unknown> }> = [];
  const server: Server = createServer((request, response) => {
    seen.push({ path: request.url ?? '', headers: request.headers });
    const [status, headers, body] = answer(request.url ?? '');
    response.writeHead(status, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, seen, origin: `http://${host}:${(server.address() as AddressInfo).port}` };
}

/** A Hacker News watch of "acme" that notifies the one channel given. */
function watchNotifying(id: string, channel: AlertChannel): Watch {
  return testWatch({
    id,
    name: id,
    sources: [{ type: 'hackernews' }],
    alerting: { channels: [channel] },
  });
}

async function failedJob(rig: TestRig, queue: 'poll' | 'notify', watchId: string): Promise<Job> {
  let failed: Job | undefined;
  await waitFor(`a failed ${queue} job of ${watchId}`, async () => {
    const jobs: Job[] = await rig.producer.queues[queue].getFailed();
    failed = jobs.find((job) => (job.data as { watchId: string }).watchId === watchId);
    return failed !== undefined;
  });
  return failed!;
}

describe('outbound requests from the workers (EGRESS_ALLOW=127.0.0.1,::1)', () => {
  let rig: TestRig;
  let workers: Worker[];
  let secret: Awaited<ReturnType<typeof serve>>;
  let redirector: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    rig = await createRig('egress', { NOTIFY_FAIL_LIMIT: '1', NOTIFY_BACKOFF_MS: '50' });
    workers = startWorkers(rig.redis, rig.deps, ['poll', 'notify']);
    // 127.0.0.2 is loopback too, but not in the allow-list: an internal service.
    secret = await serve('127.0.0.2', () => [200, {}, 'INTERNAL-SECRET-TOKEN=hunter2']);
    redirector = await serve('127.0.0.1', () => [307, { location: `${secret.origin}/` }, '']);
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    for (const { server } of [secret, redirector]) {
      server.closeAllConnections();
      server.close();
    }
    await rig.cleanup();
  });

  it('fails a poll whose feed redirects to a refused address at once, storing nothing', async () => {
    await rig.store.watches.upsert({
      id: 'feeds',
      name: 'Feeds',
      keywords: ['hunter2', 'secret'],
      exclusions: [],
      sources: [{ type: 'rss', url: `${redirector.origin}/feed.xml` }],
      schedule: '*/5 * * * *',
      enabled: true,
    });
    const sourceKey = `rss:${redirector.origin}/feed.xml`;
    await rig.producer.enqueue('poll', {
      watchId: 'feeds',
      sourceKey,
      slot: '2026-12-01T00:00:00.000Z',
    });
    const job = await failedJob(rig, 'poll', 'feeds');
    expect(job.attemptsMade).toBe(1); // JOB_ATTEMPTS is 8: no retry was made
    expect(job.failedReason).toBe(
      'outbound request to 127.0.0.2 refused: 127.0.0.2 is a loopback address',
    );
    expect(redirector.seen).toHaveLength(1);
    expect(secret.seen).toHaveLength(0);
    expect(await rig.db.collection('mentions').countDocuments({})).toBe(0);
  });

  it("keeps a feed URL's user info and token out of a failed job's reason and stack", async () => {
    const feed = `http://reader:hunter2@127.0.0.1:${new URL(redirector.origin).port}/gone.xml?token=s3cr3t`;
    const missing = await serve('127.0.0.1', () => [404, {}, 'gone']);
    const url = feed.replace(/:\d+\//, `:${new URL(missing.origin).port}/`);
    await rig.store.watches.upsert({
      id: 'private-feed',
      name: 'Private feed',
      keywords: ['acme'],
      exclusions: [],
      sources: [{ type: 'rss', url }],
      schedule: '*/5 * * * *',
      enabled: true,
    });
    await rig.producer.enqueue('poll', {
      watchId: 'private-feed',
      sourceKey: sourceKey({ type: 'rss', url }),
      slot: '2026-12-01T00:00:00.000Z',
    });
    const job = await failedJob(rig, 'poll', 'private-feed');
    expect(missing.seen).toHaveLength(1);
    expect((job.data as { sourceKey: string }).sourceKey).toMatch(/^rss:http:\/\/\*{3}:\*{3}@/);
    expect(JSON.stringify(job.data)).not.toMatch(/hunter2|s3cr3t/);
    expect(missing.seen[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('reader:hunter2').toString('base64')}`,
    );
    expect(job.failedReason).toContain('answered HTTP 404 for http://***:***@127.0.0.1');
    expect(`${job.failedReason} ${(job.stacktrace ?? []).join(' ')}`).not.toMatch(/hunter2|s3cr3t/);
    missing.server.closeAllConnections();
    missing.server.close();
  });

  it('refuses a notification URL at a forbidden address, without retries, and marks the channel', async () => {
    await rig.store.watches.upsert(
      watchNotifying('acme', {
        id: 'hook',
        type: 'webhook',
        url: `${redirector.origin}/hook`,
        secret: 'a-webhook-secret-0123',
        minSeverity: 'low',
      }),
    );
    const alertId = await seedAlert(rig, { authorId: 'angry', watchId: 'acme' });
    await rig.producer.enqueue('notify', {
      alertId,
      watchId: 'acme',
      channelId: 'hook',
      event: 'new',
      severity: 'medium',
    });
    const job = await failedJob(rig, 'notify', 'acme');
    expect(job.attemptsMade).toBe(1); // NOTIFY_ATTEMPTS is 5
    expect(job.failedReason).toContain('refused: 127.0.0.2 is a loopback address');
    expect(secret.seen).toHaveLength(0);
    const [status] = await rig.store.channels.list('acme');
    expect(status).toMatchObject({ channelId: 'hook', failing: true });
    expect(status?.lastError).toContain('refused');
  });

  it("posts a Slack message in which a stranger's handle and text ping nobody and label no link", async () => {
    const slack = await serve('127.0.0.1', () => [200, {}, 'ok']);
    const bodies: string[] = [];
    slack.server.prependListener('request', (request) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => bodies.push(body));
    });
    await rig.store.watches.upsert(
      watchNotifying('loud', {
        id: 'room',
        type: 'slack',
        url: `${slack.origin}/T0/B0/x`,
        minSeverity: 'low',
      }),
    );
    // The handle `channel` is shown as `@channel`; the text tries every kind of ping and link.
    const alertId = await seedAlert(rig, {
      authorId: 'channel',
      watchId: 'loud',
      text: 'Acme <!here> <!channel> <@U024BE7LH> refunds at <https://phish.example|support-team> @here',
    });
    await rig.producer.enqueue('notify', {
      alertId,
      watchId: 'loud',
      channelId: 'room',
      event: 'new',
      severity: 'medium',
    });
    await waitFor('the Slack message', () => Promise.resolve(bodies.length === 1));
    slack.server.closeAllConnections();
    slack.server.close();
    const message = JSON.parse(bodies[0]!) as {
      text: string;
      parse: string;
      link_names: boolean;
      blocks: Array<{ text: { type: string; text: string; verbatim?: boolean } }>;
    };
    const texts = [message.text, ...message.blocks.map((block) => block.text.text)];
    // Slack's own markup: nothing but the evidence link, shown as its own address.
    const markup = texts.flatMap((text) => text.match(/<[^>]*>/g) ?? []);
    expect(markup).toHaveLength(1);
    expect(markup[0]).toMatch(/^<https:\/\/replay\.test\/channel\/[^|]+>$/);
    expect(texts.join('\n')).toContain('&lt;!here&gt; &lt;!channel&gt; &lt;@U024BE7LH&gt;');
    // Plain `@channel` and `@here` stay text: Slack is told not to parse names.
    expect(texts[0]).toContain('@channel');
    expect(message).toMatchObject({ parse: 'none', link_names: false });
    expect(message.blocks.map((block) => block.text)).toEqual(
      message.blocks.map((block) => ({ type: 'mrkdwn', text: block.text.text, verbatim: true })),
    );
  });
});
