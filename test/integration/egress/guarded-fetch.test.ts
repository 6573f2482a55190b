import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EgressRefusedError } from '../../../domain/errors.js';
import { STRICT_POLICY, egressPolicy } from '../../../domain/egress-policy.js';
import { guardedFetch } from '../../../egress/guarded-fetch.js';
import { rejectionOf } from '../../helpers/fake-source.js';

interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Local {
  server: Server;
  port: number;
  seen: Seen[];
  origin: string;
}

type Answer = (seen: Seen) => { status: number; headers?: Record<string, string>; body?: string };

async function listen(host: string, answer: Answer): Promise<Local> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const one = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(one);
      const { status, headers = {}, body = '' } = answer(one);
      response.writeHead(status, headers).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, port, seen, origin: `http://${host}:${port}` };
}

const LOCAL_ONLY = egressPolicy(['127.0.0.1']);
const SECRET_PAGE = 'INTERNAL-SECRET-TOKEN=abc';

describe('guardedFetch', () => {
  let secret: Local; // a loopback-only service an attacker would like to read
  let open: Local; // an allowed server that redirects wherever it is told
  let other: Local; // a second allowed origin (another port)

  beforeAll(async () => {
    secret = await listen('127.0.0.2', () => ({ status: 200, body: SECRET_PAGE }));
    other = await listen('127.0.0.1', () => ({ status: 200, body: 'other' }));
    open = await listen('127.0.0.1', (seen) => {
      const to = new URL(seen.path, 'http://x').searchParams.get('to');
      const status = Number(new URL(seen.path, 'http://x').searchParams.get('status') ?? 302);
      return to ? { status, headers: { location: to } } : { status: 200, body: 'x'.repeat(5000) };
    });
  });
  afterAll(async () => {
    for (const local of [secret, open, other]) {
      local.server.closeAllConnections();
      await new Promise((resolve) => local.server.close(resolve));
    }
  });

  const refusal = async (url: string, policy = STRICT_POLICY) => {
    const error = await rejectionOf(guardedFetch(url, { maxBytes: 1e6, policy }));
    expect(error).toBeInstanceOf(EgressRefusedError);
    return error as EgressRefusedError;
  };

  it.each([
    ['http://127.0.0.1:PORT/', 'loopback'],
    ['http://[::1]:PORT/', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'cloud metadata'],
    ['http://2130706433:PORT/', 'loopback'],
    ['http://0x7f.1:PORT/', 'loopback'],
    ['http://[::ffff:127.0.0.1]:PORT/', 'loopback'],
    ['http://10.1.2.3/', 'private'],
    ['http://192.168.0.1/', 'private'],
    ['http://100.64.0.1/', 'carrierGradeNat'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://0.0.0.0:PORT/', 'unspecified'],
    ['http://[fd00::1]/', 'uniqueLocal'],
    ['http://[fe80::1]/', 'linkLocal'],
  ])('refuses the literal address %s (%s) before connecting', async (url, range) => {
    const error = await refusal(url.replace('PORT', String(other.port)));
    expect(error.code).toBe('EGRESS_REFUSED');
    expect(error.reason).toContain(range);
    expect(other.seen).toHaveLength(0);
  });

  it('refuses every scheme but http(s)', async () => {
    expect((await refusal('file:///etc/passwd')).reason).toContain('file:');
    expect((await refusal('ftp://example.com/')).reason).toContain('ftp:');
  });

  it('refuses a host name that resolves to loopback, at connect time', async () => {
    const error = await refusal(`http://localhost:${other.port}/`);
    expect(error.host).toBe('localhost');
    expect(error.reason).toMatch(/resolves to .*loopback/);
    expect(other.seen).toHaveLength(0);
  });

  it('reaches allowed hosts, addresses and ranges of EGRESS_ALLOW', async () => {
    for (const entries of [['127.0.0.1'], ['127.0.0.0/8'], ['localhost']]) {
      const policy = egressPolicy(entries);
      const response = await guardedFetch(`http://localhost:${other.port}/`, {
        maxBytes: 1e6,
        policy,
      });
      expect(await response.text()).toBe('other');
    }
    // 127.0.0.1/32 does not open the rest of the loopback range.
    expect((await refusal(`${secret.origin}/`, LOCAL_ONLY)).reason).toContain('loopback');
    expect(secret.seen).toHaveLength(0);
  });

  it('re-checks every redirect: a 302 to a loopback-only service is refused unread', async () => {
    for (const status of [301, 302, 303, 307, 308]) {
      const to = encodeURIComponent(`${secret.origin}/`);
      const error = await refusal(`${open.origin}/?status=${status}&to=${to}`, LOCAL_ONLY);
      expect(error.host).toBe('127.0.0.2');
    }
    expect(secret.seen).toHaveLength(0);
  });

  it('follows at most 5 redirects', async () => {
    const chain = (hops: number): string => {
      let url = `${other.origin}/end`;
      for (let i = 0; i < hops; i += 1) {
        url = `${open.origin}/?to=${encodeURIComponent(url)}`;
      }
      return url;
    };
    const five = await guardedFetch(chain(5), { maxBytes: 1e6, policy: LOCAL_ONLY });
    expect(five.status).toBe(200);
    expect(await five.text()).toBe('other');
    const error = await refusal(chain(6), LOCAL_ONLY);
    expect(error.reason).toBe('more than 5 redirects');
  });

  it('keeps credentials and signatures on the first origin only', async () => {
    const headers = {
      authorization: 'Bearer source-token',
      'x-earshot-signature': 'sha256=abc',
      'x-earshot-timestamp': '1',
      'content-type': 'application/json',
      'user-agent': 'earshot/test',
    };
    const sameOrigin = `${open.origin}/?to=${encodeURIComponent(`${open.origin}/final`)}&status=307`;
    await guardedFetch(sameOrigin, {
      method: 'POST',
      body: '{}',
      headers,
      maxBytes: 1e6,
      policy: LOCAL_ONLY,
    });
    const kept = open.seen.at(-1)!;
    expect(kept.path).toBe('/final');
    expect(kept.headers.authorization).toBe('Bearer source-token');
    expect(kept.method).toBe('POST');

    const crossOrigin = `${open.origin}/?to=${encodeURIComponent(`${other.origin}/hook`)}&status=307`;
    await guardedFetch(crossOrigin, {
      method: 'POST',
      body: '{"a":1}',
      headers,
      maxBytes: 1e6,
      policy: LOCAL_ONLY,
    });
    const moved = other.seen.at(-1)!;
    expect(moved.path).toBe('/hook');
    expect(moved.method).toBe('POST');
    expect(moved.body).toBe('{"a":1}');
    expect(moved.headers.authorization).toBeUndefined();
    expect(moved.headers['x-earshot-signature']).toBeUndefined();
    expect(moved.headers['x-earshot-timestamp']).toBeUndefined();
    expect(moved.headers['user-agent']).toBe('earshot/test');
  });

  it('turns a POST answered with 303 into a GET without the body', async () => {
    const url = `${open.origin}/?to=${encodeURIComponent(`${other.origin}/after`)}&status=303`;
    await guardedFetch(url, { method: 'POST', body: 'payload', maxBytes: 1e6, policy: LOCAL_ONLY });
    const after = other.seen.at(-1)!;
    expect([after.path, after.method, after.body]).toEqual(['/after', 'GET', '']);
  });

  it('caps the body it reads', async () => {
    const response = await guardedFetch(`${open.origin}/big`, {
      maxBytes: 1000,
      policy: LOCAL_ONLY,
    });
    const error = (await rejectionOf(response.text())) as { type?: string };
    expect(error.type).toBe('max-size');
  });
});
