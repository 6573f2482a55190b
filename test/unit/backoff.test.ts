import { describe, expect, it } from 'vitest';
import { SourceHttpError, SourcePayloadError } from '../../domain/errors.js';
import { retryDelay } from '../../workers/backoff.js';
import { parseRetryAfter } from '../../sources/http.js';

const httpError = (status: number, retryAfterMs: number | null) =>
  new SourceHttpError('reddit', status, 'https://www.reddit.com/search.json', retryAfterMs);

describe('retryDelay', () => {
  it('doubles from one second with each attempt', () => {
    expect([1, 2, 3, 4, 5].map((attempts) => retryDelay(attempts, new Error('boom')))).toEqual([
      1000, 2000, 4000, 8000, 16_000,
    ]);
  });

  it('starts at one second when no attempt was counted yet', () => {
    expect(retryDelay(0, undefined)).toBe(1000);
  });

  it('caps the delay at ten minutes', () => {
    expect(retryDelay(10, undefined)).toBe(512_000);
    expect(retryDelay(11, undefined)).toBe(600_000);
    expect(retryDelay(50, undefined)).toBe(600_000);
  });

  it('honours the Retry-After a source sent, whatever the attempt', () => {
    expect(retryDelay(1, httpError(429, 30_000))).toBe(30_000);
    expect(retryDelay(9, httpError(503, 5_000))).toBe(5_000);
  });

  it('waits at least one second on a Retry-After of zero', () => {
    expect(retryDelay(1, httpError(429, 0))).toBe(1000);
    expect(retryDelay(1, httpError(429, 250))).toBe(1000);
  });

  it("honours a provider's long wait in full: no ten-minute cap on a declared reset", () => {
    // YouTube's daily quota (about 19 h), Stack Exchange's throttle (82,626 s), X's window.
    expect(retryDelay(1, httpError(429, 19 * 3_600_000))).toBe(19 * 3_600_000);
    expect(retryDelay(8, httpError(429, 82_626_000))).toBe(82_626_000);
    expect(retryDelay(2, httpError(429, 900_000))).toBe(900_000);
  });

  it('backs off exponentially for an HTTP error without Retry-After', () => {
    expect(retryDelay(3, httpError(500, null))).toBe(4000);
  });

  it('backs off exponentially for other Earshot errors', () => {
    expect(retryDelay(4, new SourcePayloadError('hackernews', 'http://x', 'not JSON'))).toBe(8000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('Wed, 21 Oct 2015 07:27:00 GMT');

  it('reads a number of seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 5 ', now)).toBe(5000);
    expect(parseRetryAfter('0', now)).toBe(0);
  });

  it('reads an HTTP date as the time left until then', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Wednesday, 21-Oct-15 07:27:30 GMT', now)).toBe(30_000);
  });

  it('reads an HTTP date in the past as no wait', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or empty header', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
  });

  it('ignores values that are neither seconds nor an HTTP date', () => {
    for (const value of ['soon', '12abc', '1.5', '-5', 'in 12', '2 minutes']) {
      expect(parseRetryAfter(value, now), value).toBeNull();
    }
  });
});
