import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../domain/alert.js';
import { severityRank } from '../../domain/alert.js';
import { verifySignature } from '../../notify/sign.js';
import { startWorkers } from '../../workers/index.js';
import { createRig, waitFor, type TestRig } from '../helpers/env.js';
import { Timeline, type TimelineEntry } from '../helpers/timeline.js';
import { authorSubject } from '../../domain/alert.js';
import { AlertService } from '../../services/alerts/service.js';
import { seedMention } from '../helpers/seed.js';
import { ObjectId } from 'mongodb';

const ANGRY =
  'Acme support is terrible, my order is broken and nobody answers. Awful, I hate this.';
const MILD = 'Acme app is a bit slow today.';
const ANNOYED = 'Acme delivery was late again, a bit annoying.';
const WORSE = 'Acme support never answered, this is getting worse and worse. Terrible.';
const FURIOUS =
  'Acme lost my order and charged me twice. Furious, worst company ever, I am cancelling and switching to a competitor.';
const PRAISE =
  'Love my new Acme kettle, great design and excellent support. Highly recommend Acme!';
const NEUTRAL = 'Acme opened a new shop on the high street today.';
const SECRET = 'test-secret-0123456789';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local HTTP receiver standing in for a webhook endpoint; answers with `status()`. */
async function receiver(
  status: () => number,
): Promise<{ url: string; seen: Received[]; server: Server }> {
  const seen: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(status()).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, seen, server };
}

describe('alerts through the real pipeline', () => {
  let rig: TestRig;
  let workers: Worker[];
  const servers: Server[] = [];

  beforeAll(async () => {
    rig = await createRig('alerts', {
      NOTIFY_ATTEMPTS: '3',
      NOTIFY_BACKOFF_MS: '50',
      NOTIFY_FAIL_LIMIT: '1',
    });
    workers = startWorkers(rig.redis, rig.deps);
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    await rig.cleanup();
  });

  async function alertsOf(watchId: string, type?: Alert['type']): Promise<Alert[]> {
    return rig.store.alerts.triage.search({ watchId, ...(type && { type }) }, 'newest', 100, null);
  }

  async function timeline(
    id: string,
    alerting?: Parameters<Timeline['watch']>[0],
  ): Promise<Timeline> {
    const line = new Timeline(rig, id);
    await rig.store.watches.upsert(line.watch(alerting));
    return line;
  }

  it('flags the angry repeat customer high and leaves one mild remark alone', async () => {
    const line = await timeline('angry');
    await line.feed([
      { author: 'repeat', text: ANGRY, at: 1 },
      { author: 'repeat', text: ANGRY, at: 4 },
      { author: 'repeat', text: ANGRY, at: 8 },
      { author: 'mild', text: MILD, at: 2 },
      { author: 'calm', text: NEUTRAL, at: 3 },
    ]);
    const alerts = await alertsOf('angry');
    expect(alerts.map((a) => a.authorId)).toEqual(['repeat']);
    const [alert] = alerts;
    expect(alert).toMatchObject({
      type: 'disgruntled_customer',
      severity: 'high',
      evidenceCount: 3,
    });
    expect(alert!.factors.repetition).toBe(4);
    expect(alert!.score).toBeCloseTo(
      Object.values(alert!.factors).reduce((a, b) => a + b, 0),
      1,
    );
    expect(alert!.evidence.every((e) => e.url?.startsWith('https://replay.test/repeat/'))).toBe(
      true,
    );
    const profile = await rig.store.authors.get('angry|replay|repeat');
    expect(profile?.windows.h24.negative).toBe(3);
    expect(profile?.intents.complaint).toBe(3);
  });

  it('adds a complaint that arrives late (older than the alert) to the open alert as evidence', async () => {
    // After a crash, retries and the sweeper can flag an author's mentions out of time order: the
    // oldest complaint, judged as of its own time, has no earlier ones and raises nothing itself.
    const line = await timeline('late');
    await line.feed([
      { author: 'repeat', text: ANGRY, at: 4 },
      { author: 'repeat', text: ANGRY, at: 8 },
    ]);
    const [before] = await alertsOf('late');
    expect(before?.evidenceCount).toBe(2);
    await line.feed([{ author: 'repeat', text: ANGRY, at: 1 }]);
    const after = await alertsOf('late');
    expect(after).toHaveLength(1);
    expect(after[0]!.evidenceCount).toBe(3);
    expect(after[0]!.evidence.map((e) => e.url)).toContain('https://replay.test/repeat/3');
    expect(after[0]!.severity).toBe(before!.severity);
  });

  it('gathers all of an author’s complaints when they are flagged in no time order at all', async () => {
    const line = await timeline('shuffled');
    for (const at of [8, 1, 4]) {
      await line.feed([{ author: 'repeat', text: ANGRY, at }]);
    }
    const alerts = await alertsOf('shuffled');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.evidenceCount).toBe(3);
  });

  it('raises the severity of the one open alert as the customer escalates', async () => {
    const line = await timeline('escalate');
    await line.feed([
      { author: 'cust', text: ANNOYED, at: 1 },
      { author: 'cust', text: WORSE, at: 4 },
    ]);
    const [first] = await alertsOf('escalate');
    expect(first?.severity).toBe('medium');
    expect(first!.factors.escalation).toBeGreaterThan(0);
    await line.feed([{ author: 'cust', text: FURIOUS, at: 6 }]);
    const after = await alertsOf('escalate');
    expect(after).toHaveLength(1);
    expect(severityRank(after[0]!.severity)).toBeGreaterThan(severityRank(first!.severity));
    expect(after[0]!.factors.churn).toBe(2);
  });

  it('finds an advocate only once praise recurs over days, and does not re-alert them', async () => {
    const line = await timeline('fans');
    await line.feed([0, 1, 2].map((k) => ({ author: 'fan', text: PRAISE, at: 10 + k })));
    expect(await alertsOf('fans', 'emerging_advocate')).toHaveLength(0);
    await line.feed([{ author: 'fan', text: PRAISE, at: 60 }]);
    const [advocate] = await alertsOf('fans', 'emerging_advocate');
    expect(advocate?.authorId).toBe('fan');
    expect(advocate?.factors.recurrence).toBe(1);
    const ranked = await rig.store.authors.advocates({ watchId: 'fans', minScore: 1 }, 10, null);
    expect(ranked[0]?.advocateSince).toBeInstanceOf(Date);
    await line.feed([{ author: 'fan', text: PRAISE, at: 70 }]);
    const again = await alertsOf('fans', 'emerging_advocate');
    expect(again).toHaveLength(1);
    expect(again[0]!.evidenceCount).toBe(1);
  });

  it('fires a spike on a burst of negatives, and not on steady traffic', async () => {
    const steady = await timeline('steady', {
      settings: { spikeMinBaselineHours: 8 },
      channels: [],
    });
    const traffic: TimelineEntry[] = [];
    for (let hour = 0; hour < 24; hour++) {
      for (let k = 0; k < 6; k++) {
        traffic.push({ author: `s${hour}-${k}`, text: MILD, at: hour + k / 10 });
      }
    }
    await steady.feed(traffic);
    expect(await alertsOf('steady', 'negative_spike')).toHaveLength(0);

    const burst = await timeline('burst');
    const quiet = Array.from({ length: 30 }, (_, hour) => ({
      author: `q${hour}`,
      text: MILD,
      at: hour,
    }));
    const crowd = Array.from({ length: 12 }, (_, k) => ({
      author: `b${k}`,
      text: ANNOYED,
      at: 30 + k / 20,
    }));
    await burst.feed([...quiet, ...crowd]);
    const spikes = await alertsOf('burst', 'negative_spike');
    expect(spikes).toHaveLength(1);
    expect(spikes[0]).toMatchObject({ authorId: null, authorHandle: null, source: null });
    expect(spikes[0]!.factors.negatives).toBe(12);
    expect(spikes[0]!.evidence.length).toBeGreaterThan(0);
    expect(spikes[0]!.evidence.every((e) => e.excerpt === ANNOYED)).toBe(true);
  });

  it('keeps one open alert per author when concurrent workers flag their mentions', async () => {
    const more = startWorkers(rig.redis, rig.deps, ['flag']);
    await rig.producer.applyLimits(4);
    try {
      const line = await timeline('race');
      await line.feed(
        Array.from({ length: 8 }, (_, k) => ({ author: 'loud', text: ANGRY, at: 1 + k / 4 })),
      );
      const open = (await alertsOf('race', 'disgruntled_customer')).filter(
        (a) => a.status === 'open',
      );
      expect(open).toHaveLength(1);
    } finally {
      await rig.producer.applyLimits(1);
      await Promise.all(more.map((worker) => worker.close()));
    }
  });

  it('delivers new alerts to a signed webhook that verifies', async () => {
    const hook = await receiver(() => 200);
    servers.push(hook.server);
    const line = await timeline('signed', {
      channels: [
        { id: 'ops', type: 'webhook', url: hook.url, secret: SECRET, minSeverity: 'medium' },
      ],
    });
    await line.feed([0, 1, 2].map((k) => ({ author: 'irate', text: ANGRY, at: 1 + k })));
    await waitFor('a webhook delivery', () => Promise.resolve(hook.seen.length > 0));
    const [first] = hook.seen;
    const timestamp = first!.headers['x-earshot-timestamp'] as string;
    const header = first!.headers['x-earshot-signature'] as string;
    expect(verifySignature(SECRET, timestamp, first!.body, header)).toBe(true);
    expect(verifySignature('another-secret-0000', timestamp, first!.body, header)).toBe(false);
    const body = JSON.parse(first!.body) as { event: string; alert: Alert };
    expect(body.event).toBe('alert.new');
    expect(body.alert.type).toBe('disgruntled_customer');
    expect(body.alert.factors.repetition).toBeGreaterThan(0);
  });

  it('delivers the notification a worker owed when it died between raising the alert and queueing it', async () => {
    const hook = await receiver(() => 200);
    servers.push(hook.server);
    await timeline('owed', {
      channels: [{ id: 'ops', type: 'webhook', url: hook.url, secret: SECRET, minSeverity: 'low' }],
    });
    const mention = await seedMention(rig, { watchId: 'owed', authorId: 'stranded', text: ANGRY });
    // The dead run got as far as the raise: the alert is stored, its notification never queued.
    const [raised] = await new AlertService(rig.store).apply(
      [
        {
          kind: 'raise',
          decision: {
            type: 'disgruntled_customer',
            severity: 'high',
            score: 7,
            reason: 'test',
            factors: {},
          },
          subject: authorSubject(mention),
          mentions: [mention],
        },
      ],
      0,
    );
    expect(raised!.pendingNotice).toEqual({ event: 'new', severity: 'high' });
    expect(hook.seen).toHaveLength(0);

    // Its flag job runs again; the raise finds the evidence in and hands back the notice it owes.
    await rig.deps.producer.enqueue('flag', { watchId: 'owed', mentionIds: [mention.id] });
    await waitFor('the owed delivery', () => Promise.resolve(hook.seen.length > 0));
    const body = JSON.parse(hook.seen[0]!.body) as { event: string; alert: Alert };
    expect(body.event).toBe('alert.new');
    expect(body.alert.id).toBe(raised!.alertId);
    const stored = await rig.db
      .collection('alerts')
      .findOne({ _id: new ObjectId(raised!.alertId!) });
    expect(stored?.pendingNotice).toBeUndefined();
  });

  it('retries a failing webhook, then marks the channel failing and stops', async () => {
    const hook = await receiver(() => 500);
    servers.push(hook.server);
    const line = await timeline('broken', {
      channels: [
        { id: 'down', type: 'webhook', url: hook.url, secret: SECRET, minSeverity: 'low' },
      ],
    });
    await line.feed([0, 1].map((k) => ({ author: 'cross', text: ANGRY, at: 1 + k })));
    await waitFor('the channel marked failing', async () =>
      (await rig.store.channels.list('broken')).some((status) => status.failing),
    );
    expect(hook.seen).toHaveLength(3); // NOTIFY_ATTEMPTS
    const [status] = await rig.store.channels.list('broken');
    expect(status).toMatchObject({
      channelId: 'down',
      consecutiveFailures: 1,
      lastError: 'channel down: answered HTTP 500',
    });
    // An escalation of the same alert is a new delivery, skipped without a request.
    await line.feed([{ author: 'cross', text: ANGRY, at: 3 }]);
    await waitFor('notify queue drained', async () => {
      const counts = await rig.producer.queues.notify.getJobCounts('waiting', 'active', 'delayed');
      return (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) === 0;
    });
    expect(hook.seen).toHaveLength(3);
  });
});
