import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../config/logger.js';
import { Scheduler } from '../../../jobs/scheduler.js';
import { startApi, type TestApi } from '../../helpers/api.js';
import { createRig, type TestRig } from '../../helpers/env.js';
import { seedAlert, seedMention } from '../../helpers/seed.js';

const json = { 'content-type': 'application/json' };

describe('API advocates, authors, mentions, watches', () => {
  let rig: TestRig;
  let api: TestApi;

  beforeAll(async () => {
    rig = await createRig('api_lists');
    api = await startApi(rig);
    const fans = [
      { id: 'fan-a', score: 30, handle: 'fan-a', source: 'replay' as const },
      { id: 'fan-b', score: 12.5, handle: 'fan-b', source: 'hackernews' as const },
      { id: 'fan-c', score: 12.5, handle: 'fan-c', source: 'replay' as const },
      { id: 'quiet', score: 0, handle: 'quiet', source: 'replay' as const },
    ];
    for (const fan of fans) {
      const mention = await seedMention(rig, {
        authorId: fan.id,
        label: 'positive',
        source: fan.source,
        intents: ['praise'],
        text: `Acme is great, says "${fan.id}", truly, really`,
        at: new Date('2026-11-01T10:00:00Z'),
      });
      const profile = await rig.store.authors.applyMention(mention);
      await rig.store.authors.setDerived(profile.id, { advocateScore: fan.score });
    }
    await seedAlert(rig, { authorId: 'fan-a', type: 'emerging_advocate', severity: 'high' });
  });

  afterAll(async () => {
    await api.close();
    await rig.cleanup();
  });

  it('ranks advocates with filters and stable cursor pages', async () => {
    const all = (await (await api.call('/advocates?limit=1', { role: 'marketing' })).json()) as {
      items: Array<{ authorId: string }>;
      nextCursor: string | null;
    };
    const ids = [all.items[0]!.authorId];
    let cursor = all.nextCursor;
    while (cursor) {
      const next = (await (
        await api.call(`/advocates?limit=1&cursor=${cursor}`)
      ).json()) as typeof all;
      ids.push(...next.items.map((a) => a.authorId));
      cursor = next.nextCursor;
    }
    expect(ids).toEqual(['fan-a', 'fan-b', 'fan-c']);
    expect(all.items.every((a) => !('recent' in a))).toBe(true);
    const hn = (await (await api.call('/advocates?source=hackernews')).json()) as typeof all;
    expect(hn.items.map((a) => a.authorId)).toEqual(['fan-b']);
    const strong = (await (await api.call('/advocates?minScore=20')).json()) as typeof all;
    expect(strong.items.map((a) => a.authorId)).toEqual(['fan-a']);
    const recent = await api.call('/advocates?activeSince=2026-11-02T00:00:00Z');
    expect(((await recent.json()) as typeof all).items).toEqual([]);
  });

  it('exports the ranking as CSV that parses back, by path and by Accept', async () => {
    const response = await api.call('/advocates.csv', { role: 'marketing' });
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse<Record<string, string>>(await response.text(), { columns: true });
    expect(rows.map((r) => [r.rank, r.author_id, r.advocate_score])).toEqual([
      ['1', 'fan-a', '30'],
      ['2', 'fan-b', '12.5'],
      ['3', 'fan-c', '12.5'],
    ]);
    expect(rows[0]!.positive).toBe('1');
    const negotiated = await api.call('/advocates?watch=acme', { headers: { accept: 'text/csv' } });
    expect(negotiated.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(parse(await negotiated.text(), { columns: true })).toEqual(rows);
  });

  it('serves an author with profiles, recent mentions and alerts', async () => {
    const body = (await (await api.call('/authors/fan-a')).json()) as {
      profiles: Array<{ watchId: string; advocateScore: number }>;
      mentions: Array<{ text: string }>;
      alerts: Array<{ type: string }>;
    };
    expect(body.profiles.map((p) => [p.watchId, p.advocateScore])).toEqual([['acme', 30]]);
    expect(body.mentions.length).toBe(2);
    expect(body.alerts.map((a) => a.type)).toEqual(['emerging_advocate']);
    expect((await api.call('/authors/nobody-at-all')).status).toBe(404);
  });

  it('filters mentions by intent, label, time and text', async () => {
    type Page = { items: Array<{ author: { id: string } }> };
    const praise = (await (await api.call('/mentions?intent=praise&limit=50')).json()) as Page;
    expect(praise.items.map((m) => m.author.id).sort()).toEqual([
      'fan-a',
      'fan-b',
      'fan-c',
      'quiet',
    ]);
    const negative = (await (await api.call('/mentions?label=negative')).json()) as Page;
    expect(negative.items.map((m) => m.author.id)).toEqual(['fan-a']);
    const window = (await (
      await api.call('/mentions?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z')
    ).json()) as Page;
    expect(window.items.length).toBe(4);
    const text = (await (await api.call('/mentions?q=%22fan-c%22')).json()) as Page;
    expect(text.items.map((m) => m.author.id)).toEqual(['fan-c']);
  });

  it('creates, edits and deletes a watch; the scheduler sees each change on its next tick', async () => {
    const watch = {
      id: 'crud',
      name: 'CRUD',
      keywords: ['Acme'],
      sources: [{ type: 'hackernews' }],
      schedule: '0 * * * *',
    };
    const created = await api.call('/watches', {
      role: 'manager',
      method: 'POST',
      headers: json,
      body: JSON.stringify(watch),
    });
    expect(created.status).toBe(201);
    expect(
      (await api.call('/watches', { method: 'POST', headers: json, body: JSON.stringify(watch) }))
        .status,
    ).toBe(409);
    const scheduler = new Scheduler(rig.store, rig.producer, createLogger('silent'));
    expect(await scheduler.tick(new Date('2026-11-20T10:05:00Z'))).toBe(1);
    const edited = await api.call('/watches/crud', {
      role: 'manager',
      method: 'PUT',
      headers: json,
      body: JSON.stringify({
        ...watch,
        id: undefined,
        sources: [{ type: 'hackernews' }, { type: 'reddit' }],
      }),
    });
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as { sources: unknown[] }).sources).toHaveLength(2);
    // Same slot: the new source is due, the old one is not.
    expect(await scheduler.tick(new Date('2026-11-20T10:06:00Z'))).toBe(1);
    // What GET returns goes back with PUT, read-only updatedAt and all.
    const current = (await (await api.call('/watches/crud')).json()) as Record<string, unknown>;
    expect(current.updatedAt).toBeDefined();
    const disabled = await api.call('/watches/crud', {
      role: 'manager',
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ ...current, enabled: false }),
    });
    expect(disabled.status).toBe(200);
    expect(await scheduler.tick(new Date('2026-11-20T11:05:00Z'))).toBe(0);
    expect((await api.call('/watches/crud', { role: 'manager', method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await api.call('/watches/crud')).status).toBe(404);
  });

  it('never shows notification URLs or secrets, and keeps them when GET is sent back with PUT', async () => {
    const secret = 'whsec-0123456789abcdef';
    const slack = 'https://hooks.slack.test/services/T000/B000/XXXXSECRET';
    const watch = {
      id: 'notified',
      name: 'Notified',
      keywords: ['Acme'],
      sources: [{ type: 'hackernews' }],
      schedule: '0 * * * *',
      alerting: {
        channels: [
          { id: 'ops', type: 'webhook', url: 'https://hooks.test/earshot', secret },
          { id: 'team', type: 'slack', url: slack },
        ],
      },
    };
    const created = await api.call('/watches', {
      role: 'manager',
      method: 'POST',
      headers: json,
      body: JSON.stringify(watch),
    });
    expect(created.status).toBe(201);
    const shownToAgent = await (await api.call('/watches/notified', { role: 'agent' })).text();
    const listed = await (await api.call('/watches', { role: 'agent' })).text();
    for (const body of [await created.text(), shownToAgent, listed]) {
      expect(body).not.toContain(secret);
      expect(body).not.toContain('XXXXSECRET');
    }
    const current = JSON.parse(shownToAgent) as Record<string, unknown>;
    const put = await api.call('/watches/notified', {
      role: 'manager',
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ ...current, name: 'Notified, renamed' }),
    });
    expect(put.status).toBe(200);
    const stored = await rig.store.watches.get('notified');
    expect(stored?.name).toBe('Notified, renamed');
    expect(stored?.alerting?.channels.map((c) => [c.url, c.secret])).toEqual([
      ['https://hooks.test/earshot', secret],
      [slack, undefined],
    ]);
    const rotated = structuredClone(current) as typeof watch;
    rotated.alerting.channels[0]!.secret = 'whsec-rotated-0000000000';
    await api.call('/watches/notified', {
      role: 'manager',
      method: 'PUT',
      headers: json,
      body: JSON.stringify(rotated),
    });
    expect((await rig.store.watches.get('notified'))?.alerting?.channels[0]?.secret).toBe(
      'whsec-rotated-0000000000',
    );
  });

  it('serves Prometheus metrics, the queue dashboard and an OpenAPI document', async () => {
    await rig.producer.enqueue('poll', {
      watchId: 'acme',
      sourceKey: 'hackernews',
      slot: new Date().toISOString(),
    });
    const metrics = await (await api.call('/metrics')).text();
    const waiting = await rig.producer.queues.poll.getWaitingCount();
    expect(waiting).toBeGreaterThan(0);
    expect(metrics).toContain(`earshot_queue_jobs{queue="poll",state="waiting"} ${waiting}`);
    expect(metrics).toMatch(/earshot_alerts_raised\{type="emerging_advocate"\} 1/);
    expect(metrics).toMatch(/earshot_mentions_ingested \d+/);
    expect(metrics).toMatch(
      /earshot_http_requests_total\{method="GET",route="\/advocates",status="200"\}/,
    );
    const board = await api.call('/admin/queues');
    expect(board.status).toBe(200);
    expect(await board.text()).toMatch(/<html/i);
    const doc = (await (await api.call('/openapi.json')).json()) as {
      openapi: string;
      paths: object;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/alerts/{id}');
  });
});
