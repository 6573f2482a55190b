import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The text of a fixture under test/fixtures/sources. */
export const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/sources/${name}`, import.meta.url), 'utf8');

/** A request the fake source received. */
export interface SeenRequest {
  method: string;
  path: string;
  /** The request body as text ('' for a GET). */
  body: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

/** Answers one request; answering nothing leaves the request hanging. */
export type Handler = (request: SeenRequest, response: ServerResponse) => void;

/** Answers with a JSON body. */
export const json = (response: ServerResponse, body: string, status = 200): void => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(body);
};

/** A local HTTP server standing in for a source's API. */
export interface FakeSource {
  /** The server's origin, `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** Every request received since the start or the last reset, oldest first. */
  requests: SeenRequest[];
  /** Answers the next requests with this handler. */
  setHandler(handler: Handler): void;
  /** Goes back to the initial handler and forgets the requests seen. */
  reset(): void;
  /** Drops open connections and stops the server. */
  close(): Promise<void>;
}

/** Starts a fake source on a free port of 127.0.0.1, answering with `initialHandler`. */
export async function startFakeSource(initialHandler: Handler): Promise<FakeSource> {
  let handler = initialHandler;
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen = {
        method: req.method ?? 'GET',
        path: url.pathname,
        body: Buffer.concat(chunks).toString('utf8'),
        query: url.searchParams,
        headers: req.headers,
      };
      requests.push(seen);
      handler(seen, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    setHandler(next) {
      handler = next;
    },
    reset() {
      handler = initialHandler;
      requests.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** The rejection of a promise that must reject. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
