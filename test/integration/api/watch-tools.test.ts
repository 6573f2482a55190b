import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../../notify/sign.js';
import { startApi, type TestApi } from '../../helpers/api.js';
import { createRig, type TestRig } from '../../helpers/env.js';

const SECRET = 'test-notification-secret';
const json = { 'content-type': 'application/json' };

/** A local channel endpoint that answers with the status the test sets. */
async function endpoint() {
  const seen: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const state = { status: 200 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(state.status).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, seen, state, server };
}

describe('a watch’s schedule and a test notification, from the Watches page', () => {
  let rig: TestRig;
  let api: TestApi;
  let hook: Awaited<ReturnType<typeof endpoint>>;

  beforeAll(async () => {
    rig = await createRig('watch_tools');
    api = await startApi(rig);
    hook = await endpoint();
    const created = await api.call('/watches', {
      role: 'manager',
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        id: 'tools',
        name: 'Tools',
        keywords: ['Acme'],
        sources: [{ type: 'hackernews' }],
        schedule: '0 * * * *',
        alerting: {
          channels: [{ id: 'ops', type: 'webhook', url: hook.url, secret: SECRET }],
        },
      }),
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await api.close();
    hook.server.close();
    await rig.cleanup();
  });

  it('lists the next five runs of the schedule, an hour apart on the hour', async () => {
    const response = await api.call('/watches/tools/schedule', { role: 'agent' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { schedule: string; nextRuns: string[] };
    expect(body.schedule).toBe('0 * * * *');
    const runs = body.nextRuns.map((run) => new Date(run));
    expect(runs).toHaveLength(5);
    expect(runs.every((run) => run.getUTCMinutes() === 0 && run.getUTCSeconds() === 0)).toBe(true);
    expect(runs.slice(1).map((run, i) => run.getTime() - runs[i]!.getTime())).toEqual(
      Array.from({ length: 4 }, () => 3_600_000),
    );
  });

  it('sends a signed test notification and says it was delivered', async () => {
    const response = await api.call('/watches/tools/channels/ops/test', {
      role: 'manager',
      method: 'POST',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ delivered: true });
    const received = hook.seen.at(-1)!;
    const timestamp = received.headers['x-earshot-timestamp'] as string;
    const header = received.headers['x-earshot-signature'] as string;
    expect(verifySignature(SECRET, timestamp, received.body, header)).toBe(true);
    expect(received.body).toContain('Test notification from Earshot');
  });

  it('says so, with the channel’s answer, when the channel refuses it', async () => {
    hook.state.status = 500;
    const response = await api.call('/watches/tools/channels/ops/test', {
      role: 'manager',
      method: 'POST',
    });
    hook.state.status = 200;
    expect(response.status).toBe(200);
    const body = (await response.json()) as { delivered: boolean; detail: string };
    expect(body.delivered).toBe(false);
    expect(body.detail).toContain('500');
  });

  it('lets only roles that edit watches send one, and names an unknown channel', async () => {
    const agent = await api.call('/watches/tools/channels/ops/test', {
      role: 'agent',
      method: 'POST',
    });
    expect(agent.status).toBe(403);
    const unknown = await api.call('/watches/tools/channels/nope/test', {
      role: 'manager',
      method: 'POST',
    });
    expect(unknown.status).toBe(404);
  });
});
