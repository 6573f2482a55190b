import { expect, it } from 'vitest';
import { SourceHttpError, SourcePayloadError } from '../../domain/errors.js';
import type { FetchResult } from '../../sources/types.js';
import { json, rejectionOf, type FakeSource, type Handler } from './fake-source.js';

/**
 * The HTTP failures every web connector must survive, as tests: `run` fetches the first page of a
 * poll against `source()`, whose handler the cases replace (`healthy` answers well) (the test file's afterEach resets it).
 */
export function httpFailureCases(
  name: string,
  source: () => FakeSource,
  healthy: Handler,
  run: () => Promise<FetchResult>,
): void {
  it('fails retryably on 429 and passes on the Retry-After', async () => {
    source().setHandler((_request, response) => {
      response.writeHead(429, { 'retry-after': '30', 'content-type': 'text/plain' });
      response.end('Too Many Requests');
    });
    const error = await rejectionOf(run());
    expect(error).toBeInstanceOf(SourceHttpError);
    expect((error as SourceHttpError).status).toBe(429);
    expect((error as SourceHttpError).retryable).toBe(true);
    expect((error as SourceHttpError).retryAfterMs).toBe(30_000);
    expect((error as SourceHttpError).source).toBe(name);
  });

  it('fails retryably on a 500 and succeeds when the server recovers', async () => {
    let calls = 0;
    source().setHandler((request, response) => {
      calls += 1;
      if (calls === 1) {
        json(response, '{"error":"internal"}', 500);
      } else {
        healthy(request, response);
      }
    });
    const error = await rejectionOf(run());
    expect(error).toBeInstanceOf(SourceHttpError);
    expect((error as SourceHttpError).status).toBe(500);
    expect((error as SourceHttpError).retryable).toBe(true);
    expect((error as SourceHttpError).retryAfterMs).toBeNull();
    const result = await run();
    expect(result.mentions.length).toBeGreaterThan(0);
  });

  it('fails with SOURCE_PAYLOAD on a 200 with an HTML error page', async () => {
    source().setHandler((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!DOCTYPE html><html><body>Service unavailable</body></html>');
    });
    const error = await rejectionOf(run());
    expect(error).toBeInstanceOf(SourcePayloadError);
    expect((error as Error).message).toContain('not JSON');
  });

  it('fails with SOURCE_PAYLOAD on a body cut off mid-JSON', async () => {
    source().setHandler((_request, response) => json(response, '{"items":[{"id":"a","snip'));
    const error = await rejectionOf(run());
    expect(error).toBeInstanceOf(SourcePayloadError);
  });

  it('fails with SOURCE_PAYLOAD when the connection drops before the body ends', async () => {
    source().setHandler((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      response.write('{"items":[');
      setTimeout(() => response.destroy(), 20);
    });
    const error = await rejectionOf(run());
    expect(error).toBeInstanceOf(SourcePayloadError);
    expect((error as Error).message).toContain('cut short');
  });

  it('fails with SOURCE_PAYLOAD on a body over 20 MB, without parsing it', async () => {
    source().setHandler((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(Buffer.alloc(21 * 1024 * 1024, 0x20));
    });
    const error = await rejectionOf(run());
    expect(error).toBeInstanceOf(SourcePayloadError);
    expect((error as Error).message).toContain('bytes');
  });

  it('fails with SOURCE_PAYLOAD on JSON of the wrong shape', async () => {
    source().setHandler((_request, response) => json(response, '[1,2,3]'));
    const error = await rejectionOf(run());
    expect(error).toBeInstanceOf(SourcePayloadError);
    expect((error as SourcePayloadError).code).toBe('SOURCE_PAYLOAD');
  });
}
