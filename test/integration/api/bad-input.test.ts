import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../helpers/api.js';
import { createRig, type TestRig } from '../../helpers/env.js';
import { seedAlert } from '../../helpers/seed.js';
import type { Problem } from '../../../api/problem.js';
import type { ErrorCode } from '../../../domain/errors.js';

/** The catalogue's code for each status these cases expect. */
const CODE_OF: Record<number, ErrorCode> = {
  400: 'INVALID_INPUT',
  404: 'ROUTE_NOT_FOUND',
  413: 'BODY_TOO_LARGE',
};

interface Case {
  name: string;
  method?: string;
  path: string | (() => string);
  body?: string;
  headers?: Record<string, string>;
  status: number;
  detail: RegExp;
}

describe('API bad input: a 4xx problem naming the field, never a 500', () => {
  let rig: TestRig;
  let api: TestApi;
  let alertId: string;
  let newestCursor: string;

  beforeAll(async () => {
    rig = await createRig('api_bad');
    api = await startApi(rig);
    alertId = await seedAlert(rig, { authorId: 'a1' });
    await seedAlert(rig, { authorId: 'a2' });
    const page = (await (await api.call('/alerts?limit=1')).json()) as { nextCursor: string };
    newestCursor = page.nextCursor;
  });

  afterAll(async () => {
    await api.close();
    await rig.cleanup();
  });

  const watch = (extra: object) =>
    JSON.stringify({
      id: 'w1',
      name: 'W',
      keywords: ['Acme'],
      sources: [{ type: 'hackernews' }],
      schedule: '*/5 * * * *',
      ...extra,
    });
  const patch = (body: string): Partial<Case> => ({
    method: 'PATCH',
    path: () => `/alerts/${alertId}`,
    body,
    headers: { 'content-type': 'application/json' },
  });

  const cases: Case[] = [
    {
      name: 'operator in a query key',
      path: '/alerts?status[$ne]=open',
      status: 400,
      detail: /status\[\$ne\]/,
    },
    { name: 'unknown filter', path: '/alerts?colour=red', status: 400, detail: /^colour:/ },
    { name: 'unknown type', path: '/alerts?type=angry', status: 400, detail: /^type:/ },
    { name: 'unknown severity', path: '/alerts?severity=huge', status: 400, detail: /^severity:/ },
    { name: 'unknown sort', path: '/alerts?sort=random', status: 400, detail: /^sort:/ },
    { name: 'limit not a number', path: '/alerts?limit=ten', status: 400, detail: /^limit:/ },
    { name: 'limit too large', path: '/alerts?limit=201', status: 400, detail: /^limit:/ },
    {
      name: 'repeated parameter',
      path: '/alerts?status=open&status=resolved',
      status: 400,
      detail: /^status:/,
    },
    { name: 'bad cursor', path: '/alerts?cursor=nonsense', status: 400, detail: /^cursor:/ },
    {
      name: 'cursor of another sort',
      path: () => `/alerts?sort=severity&cursor=${newestCursor}`,
      status: 400,
      detail: /^cursor:/,
    },
    {
      name: 'cursor of another list',
      path: () => `/advocates?cursor=${newestCursor}`,
      status: 400,
      detail: /^cursor:/,
    },
    { name: 'bad time', path: '/alerts?from=yesterday', status: 400, detail: /^from:/ },
    {
      name: 'reversed range',
      path: '/mentions?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      status: 400,
      detail: /^from:/,
    },
    { name: 'empty text search', path: '/mentions?q=', status: 400, detail: /^q:/ },
    { name: 'unknown intent', path: '/mentions?intent=rage', status: 400, detail: /^intent:/ },
    {
      name: 'negative minScore',
      path: '/advocates?minScore=-1',
      status: 400,
      detail: /^minScore:/,
    },
    { name: 'bad ObjectId', path: '/alerts/not-an-id', status: 400, detail: /^id:/ },
    { name: 'bad watch id', path: '/watches/Not_Valid', status: 400, detail: /^id:/ },
    { name: 'stream filter', path: '/alerts/stream?status=gone', status: 400, detail: /^status:/ },
    {
      name: 'stream Last-Event-ID',
      path: '/alerts/stream',
      headers: { 'last-event-id': 'garbage' },
      status: 400,
      detail: /^lastEventId:/,
    },
    {
      name: 'operator in a body',
      ...patch('{"status":{"$ne":"open"}}'),
      status: 400,
      detail: /^status:/,
    } as Case,
    { name: 'empty patch', ...patch('{}'), status: 400, detail: /^body:/ } as Case,
    {
      name: 'unknown body field',
      ...patch('{"owner":"x"}'),
      status: 400,
      detail: /^owner:/,
    } as Case,
    {
      name: 'wrong body type',
      ...patch('{"assignee":42}'),
      status: 400,
      detail: /^assignee:/,
    } as Case,
    { name: 'malformed JSON', ...patch('{"status":'), status: 400, detail: /^body:/ } as Case,
    {
      name: 'oversized body',
      ...patch(JSON.stringify({ note: 'x'.repeat(200_000) })),
      status: 413,
      detail: /^body:/,
    } as Case,
    {
      name: 'bad cron',
      method: 'POST',
      path: '/watches',
      body: watch({ schedule: 'often' }),
      headers: { 'content-type': 'application/json' },
      status: 400,
      detail: /^schedule:/,
    },
    {
      name: 'replay file outside',
      method: 'POST',
      path: '/watches',
      body: watch({ sources: [{ type: 'replay', file: '/etc/passwd' }] }),
      headers: { 'content-type': 'application/json' },
      status: 400,
      detail: /^sources\.0\.file:/,
    },
    {
      name: 'channel URL that is no URL',
      method: 'POST',
      path: '/watches',
      body: watch({ alerting: { channels: [{ id: 'team', type: 'slack', url: 'not a url' }] } }),
      headers: { 'content-type': 'application/json' },
      status: 400,
      detail: /^alerting\.channels\.0\.url: /,
    },
    {
      name: 'feed URL that is no URL',
      method: 'PUT',
      path: '/watches/w1',
      body: watch({ sources: [{ type: 'rss', url: 'feeds/acme.xml' }] }),
      headers: { 'content-type': 'application/json' },
      status: 400,
      detail: /^sources\.0\.url: /,
    },
    {
      name: 'analyzer term that MongoDB reads as an operator',
      method: 'POST',
      path: '/watches',
      body: watch({ analysis: { extraTerms: { $gt: 1 } } }),
      headers: { 'content-type': 'application/json' },
      status: 400,
      detail: /^analysis\.extraTerms\.\$gt: a word or phrase/,
    },
    {
      name: 'analyzer term with a dot',
      method: 'PUT',
      path: '/watches/w1',
      body: watch({ analysis: { extraTerms: { 'v2.0': -2 } } }),
      headers: { 'content-type': 'application/json' },
      status: 400,
      detail: /^analysis\.extraTerms\.v2\.0: a word or phrase/,
    },
    { name: 'unknown route', path: '/nowhere', status: 404, detail: /GET \/nowhere/ },
    {
      name: 'unknown method',
      method: 'POST',
      path: '/alerts',
      status: 404,
      detail: /POST \/alerts/,
    },
  ];

  it.each(cases)('$name → $status', async (c) => {
    const path = typeof c.path === 'function' ? c.path() : c.path;
    const response = await api.call(path, {
      method: c.method ?? 'GET',
      body: c.body,
      headers: c.headers,
    });
    expect(response.status).toBe(c.status);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await response.json()) as Problem;
    expect(problem.status).toBe(c.status);
    expect(problem.detail).toMatch(c.detail);
    expect(problem.code).toBe(CODE_OF[c.status]);
    expect(problem.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(problem.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('never lets an operator reach the store: the alert is unchanged after the attempts', async () => {
    const alert = await rig.store.alerts.triage.get(alertId);
    expect(alert?.status).toBe('open');
    expect(alert?.history).toEqual([]);
  });
});
