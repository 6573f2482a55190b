import type { ServerResponse } from 'node:http';
import { expect, it } from 'vitest';
import { SourceHttpError, SourcePayloadError } from '../../domain/errors.js';
import type { SourceName } from '../../domain/mention.js';
import type { FetchResult } from '../../sources/types.js';
import { json, rejectionOf, type FakeSource, type Handler } from './fake-source.js';

/** A JSON web connector as its failure tests drive it. */
export interface JsonConnectorUnderTest {
  /** The source type, as its errors name it. */
  name: SourceName;
  /** The fake API the connector asks (its handler is reset after each test). */
  source: FakeSource;
  /** Answers as the real API does when all is well. */
  healthy: Handler;
  /** Fetches the first page of a poll with a connector whose request timeout is `timeoutMs`. */
  firstPage: (timeoutMs?: number) => Promise<FetchResult>;
  /** Bodies of this API's own wrong shape, besides a bare array, and what the error then says. */
  wrongShapes?: Array<{ body: string; message?: string }>;
}

const answer =
  (status: number, headers: Record<string, string | number>, body: string | Buffer) =>
  (_request: unknown, response: ServerResponse) => {
    response.writeHead(status, headers);
    response.end(body);
  };

/** Answers that are no page of any JSON API, and what the connector's error says of each. */
const NOT_A_PAGE: Array<[what: string, handler: Handler, message: string | null]> = [
  [
    'a 200 with an HTML error page',
    answer(
      200,
      { 'content-type': 'text/html' },
      '<!DOCTYPE html><html><body>Service unavailable</body></html>',
    ),
    'not JSON',
  ],
  [
    'a body cut off mid-JSON',
    (_request, response) => json(response, '{"items":[{"id":"a","snip'),
    null,
  ],
  [
    'a connection that drops before the body ends',
    (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      response.write('{"items":[');
      setTimeout(() => response.destroy(), 20);
    },
    'cut short',
  ],
  [
    'a body over 20 MB, without parsing it',
    answer(200, { 'content-type': 'application/json' }, Buffer.alloc(21 * 1024 * 1024, 0x20)),
    'bytes',
  ],
];

/**
 * The HTTP failures every JSON web connector must survive, as tests of the calling `describe`:
 * a 429, server errors, a 404, bodies that are no page, and a server that never answers.
 */
export function httpFailureCases(connector: JsonConnectorUnderTest): void {
  const { name, source, healthy, firstPage } = connector;

  it('fails retryably on 429 and passes on the Retry-After', async () => {
    source.setHandler(
      answer(429, { 'retry-after': '30', 'content-type': 'text/plain' }, 'Too Many Requests'),
    );
    const error = await rejectionOf(firstPage());
    expect(error).toBeInstanceOf(SourceHttpError);
    expect(error).toMatchObject({ code: 'SOURCE_HTTP', status: 429, retryable: true });
    expect(error).toMatchObject({ retryAfterMs: 30_000, source: name });
  });

  it('fails retryably on a 500 and a 502, and succeeds when the server recovers', async () => {
    const failures = [500, 502];
    source.setHandler((request, response) => {
      const status = failures[source.requests.length - 1];
      if (status) {
        json(response, '{"error":"internal"}', status);
      } else {
        healthy(request, response);
      }
    });
    for (const status of failures) {
      const error = await rejectionOf(firstPage());
      expect(error).toBeInstanceOf(SourceHttpError);
      expect(error).toMatchObject({ status, retryable: true, retryAfterMs: null });
    }
    expect((await firstPage()).mentions.length).toBeGreaterThan(0);
  });

  it('fails without retry on 404', async () => {
    source.setHandler((_request, response) => json(response, '{"message":"Not Found"}', 404));
    const error = await rejectionOf(firstPage());
    expect(error).toBeInstanceOf(SourceHttpError);
    expect(error).toMatchObject({ status: 404, retryable: false });
  });

  it.each(NOT_A_PAGE)('fails with SOURCE_PAYLOAD on %s', async (_what, handler, message) => {
    source.setHandler(handler);
    const error = await rejectionOf(firstPage());
    expect(error).toBeInstanceOf(SourcePayloadError);
    expect((error as SourcePayloadError).code).toBe('SOURCE_PAYLOAD');
    if (message !== null) {
      expect((error as Error).message).toContain(message);
    }
  });

  const wrongShapes = [{ body: '[1,2,3]' }, ...(connector.wrongShapes ?? [])];
  it.each(wrongShapes)(
    'fails with SOURCE_PAYLOAD on JSON of the wrong shape: $body',
    async (wrong) => {
      source.setHandler((_request, response) => json(response, wrong.body));
      const error = await rejectionOf(firstPage());
      expect(error).toBeInstanceOf(SourcePayloadError);
      expect((error as SourcePayloadError).code).toBe('SOURCE_PAYLOAD');
      if (wrong.message !== undefined) {
        expect((error as Error).message).toContain(wrong.message);
      }
    },
  );

  it('gives up on a server that never answers within the timeout', async () => {
    source.setHandler(() => undefined);
    const started = Date.now();
    await expect(firstPage(300)).rejects.toThrow();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2000);
    expect(source.requests).toHaveLength(1);
  });
}
