import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../../domain/alert.js';
import { startApi, type TestApi } from '../../helpers/api.js';
import { createRig, type TestRig } from '../../helpers/env.js';
import { seedAlert, seedMention } from '../../helpers/seed.js';
import { watchSubject } from '../../../domain/alert.js';
import { AlertService } from '../../../services/alerts/service.js';

type Page = { items: Alert[]; nextCursor: string | null };
const json = { 'content-type': 'application/json' };

describe('API alerts: triage lists, details, changes, stream', () => {
  let rig: TestRig;
  let api: TestApi;

  beforeAll(async () => {
    rig = await createRig('api_alerts');
    api = await startApi(rig, { stream: { pollMs: 100, settleMs: 100, heartbeatMs: 200 } });
    const severities = ['low', 'medium', 'high', 'critical'] as const;
    for (let i = 0; i < 12; i++) {
      await seedAlert(rig, {
        authorId: `author${i}`,
        severity: severities[i % 4],
        source: i % 3 === 0 ? 'hackernews' : 'replay',
        text: i === 5 ? 'The Acme hub bricked itself overnight' : undefined,
      });
    }
  });

  afterAll(async () => {
    await api.close();
    await rig.cleanup();
  });

  async function list(query: string): Promise<Page> {
    const response = await api.call(`/alerts?${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as Page;
  }

  it('filters by severity, source and text, and sorts by severity', async () => {
    const high = await list('severity=high&limit=100');
    expect(high.items.length).toBe(6);
    expect(high.items.every((a) => a.severity === 'high' || a.severity === 'critical')).toBe(true);
    const hn = await list('source=hackernews&limit=100');
    expect(hn.items.map((a) => a.authorId).sort()).toEqual([
      'author0',
      'author3',
      'author6',
      'author9',
    ]);
    const text = await list('q=BRICKED');
    expect(text.items.map((a) => a.authorId)).toEqual(['author5']);
    const bySeverity = await list('sort=severity&limit=100');
    const ranks = bySeverity.items.map((a) =>
      ['low', 'medium', 'high', 'critical'].indexOf(a.severity),
    );
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(ranks[0]).toBe(3);
  });

  it.each(['newest', 'severity'])(
    'pages by %s without gaps or repeats while new alerts arrive',
    async (sort) => {
      const before = (await list(`sort=${sort}&limit=200`)).items.map((a) => a.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let page = 0;
      do {
        const body: Page = await list(`sort=${sort}&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...body.items.map((a) => a.id));
        cursor = body.nextCursor;
        page += 1;
        // New alerts land between pages, at every severity.
        await seedAlert(rig, { authorId: `late-${sort}-${page}`, severity: 'critical' });
        await seedAlert(rig, { authorId: `late-low-${sort}-${page}`, severity: 'low' });
      } while (cursor && page < 50);
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of before) {
        expect(seen).toContain(id);
      }
    },
  );

  it('runs the triage flow: take, note, resolve, each change in history; closed is final', async () => {
    const [target] = (await list('severity=high&status=open&limit=1')).items;
    const take = await api.call(`/alerts/${target!.id}`, {
      role: 'agent',
      method: 'PATCH',
      headers: json,
      body: JSON.stringify({
        status: 'acknowledged',
        assignee: 'sam',
        tags: ['refund', 'refund', 'vip'],
      }),
    });
    expect(take.status).toBe(200);
    const taken = (await take.json()) as Alert;
    expect(taken.status).toBe('acknowledged');
    expect(taken.assignee).toBe('sam');
    expect(taken.tags).toEqual(['refund', 'vip']);

    const mine = await list('assignee=sam&status=acknowledged');
    expect(mine.items.map((a) => a.id)).toEqual([target!.id]);

    const resolve = await api.call(`/alerts/${target!.id}`, {
      role: 'agent',
      method: 'PATCH',
      headers: json,
      body: JSON.stringify({ status: 'resolved', note: 'Refunded, customer happy' }),
    });
    const resolved = (await resolve.json()) as Alert;
    expect(resolved.status).toBe('resolved');
    expect(resolved.closedAt).not.toBeNull();
    expect(resolved.notes.map((n) => [n.by, n.text])).toEqual([
      [expect.stringMatching(/^test-agent-/), 'Refunded, customer happy'],
    ]);
    expect(resolved.history.map((h) => [h.field, h.from, h.to])).toEqual([
      ['status', 'open', 'acknowledged'],
      ['assignee', null, 'sam'],
      ['tags', [], ['refund', 'vip']],
      ['status', 'acknowledged', 'resolved'],
      ['note', null, 'Refunded, customer happy'],
    ]);
    expect(resolved.history.every((h) => h.by.startsWith('test-agent-'))).toBe(true);
    const doc = await rig.db.collection('alerts').findOne({ authorId: target!.authorId });
    expect(doc?.openKey).toBeUndefined();

    const reopen = await api.call(`/alerts/${target!.id}`, {
      method: 'PATCH',
      headers: json,
      body: JSON.stringify({ status: 'open' }),
    });
    expect(reopen.status).toBe(409);
    expect(((await reopen.json()) as { detail: string }).detail).toMatch(/^status: /);
  });

  it('serves one alert with its explanation and evidence mentions', async () => {
    const [alert] = (await list('q=bricked')).items;
    const response = await api.call(`/alerts/${alert!.id}`, { role: 'marketing' });
    const body = (await response.json()) as Alert & {
      explanation: { reason: string; factors: Record<string, number> };
      mentions: Array<{ id: string; text: string }>;
    };
    expect(body.explanation.reason).toBe('seeded alert for author5');
    expect(body.explanation.factors).toEqual({ seeded: 1 });
    expect(body.mentions.map((m) => m.text)).toEqual(['The Acme hub bricked itself overnight']);
    expect(body.mentions[0]!.id).toBe(body.evidence[0]!.mentionId);
    expect((await api.call('/alerts/0123456789abcdef01234567')).status).toBe(404);
  });

  it("carries the author's profile and latest mentions with the alert, for one request", async () => {
    const at = (hour: number) => new Date(Date.UTC(2026, 10, 2, hour));
    const first = await seedMention(rig, { authorId: 'profiled', text: 'first gripe', at: at(1) });
    await rig.store.authors.applyMention(first);
    const id = await seedAlert(rig, { authorId: 'profiled', text: 'second gripe', at: at(2) });
    const response = await api.call(`/alerts/${id}`);
    const body = (await response.json()) as {
      author: {
        profile: { authorId: string; watchId: string; counts: { total: number } } | null;
        mentions: Array<{ text: string }>;
      } | null;
    };
    expect(body.author?.profile).toMatchObject({
      authorId: 'profiled',
      watchId: 'acme',
      counts: { total: 1 },
    });
    expect(body.author?.mentions.map((m) => m.text)).toEqual(['second gripe', 'first gripe']);
  });

  it('gives a spike, which is about no one, no author', async () => {
    const sample = await seedMention(rig, { authorId: 'in-the-spike' });
    await new AlertService(rig.store).apply(
      [
        {
          kind: 'raise',
          decision: {
            type: 'negative_spike',
            severity: 'high',
            score: 5,
            reason: 'seeded spike',
            factors: { zScore: 5 },
          },
          subject: watchSubject('acme'),
          mentions: [sample],
        },
      ],
      0,
    );
    const [spike] = (await list('type=negative_spike')).items;
    const body = (await (await api.call(`/alerts/${spike!.id}`)).json()) as { author: unknown };
    expect(body.author).toBeNull();
  });

  it('streams an alert raised after connecting, and resumes after Last-Event-ID', async () => {
    const controller = new AbortController();
    const response = await api.call('/alerts/stream?severity=critical', {
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const readUntil = async (pattern: RegExp) => {
      const until = Date.now() + 10_000;
      while (!pattern.test(received) && Date.now() < until) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        received += decoder.decode(value);
      }
      return pattern.test(received);
    };
    await readUntil(/retry:/);
    await seedAlert(rig, { authorId: 'streamed-low', severity: 'low' });
    await seedAlert(rig, { authorId: 'streamed-one', severity: 'critical' });
    expect(await readUntil(/streamed-one/)).toBe(true);
    expect(await readUntil(/: heartbeat/)).toBe(true);
    controller.abort();
    expect(received).not.toContain('streamed-low');
    const lastId = /id: (\S+)\nevent: alert\ndata: [^\n]*streamed-one/.exec(received)?.[1];
    expect(lastId).toBeDefined();

    await seedAlert(rig, { authorId: 'while-away', severity: 'critical' });
    const resume = new AbortController();
    const again = await api.call('/alerts/stream?severity=critical', {
      signal: resume.signal,
      headers: { 'last-event-id': lastId! },
    });
    const resumed = again.body!.getReader();
    let text = '';
    const until = Date.now() + 10_000;
    while (!text.includes('while-away') && Date.now() < until) {
      const { value, done } = await resumed.read();
      if (done) {
        break;
      }
      text += decoder.decode(value);
    }
    resume.abort();
    expect(text).toContain('while-away');
    expect(text).not.toContain('"authorId":"streamed-one"');
  });
});
