import { describe, expect, it } from 'vitest';
import { parseRateLimitReset, quotaSpent, retryAfterOf } from '../../../sources/http.js';

const NOW = Date.parse('2026-08-01T13:59:00Z');
const headers = (values: Record<string, string>) => ({
  get: (name: string) => values[name] ?? null,
});

describe('parseRateLimitReset', () => {
  it('reads seconds until the reset (Reddit, IETF ratelimit-reset)', () => {
    expect(parseRateLimitReset('7', NOW)).toBe(7000);
    expect(parseRateLimitReset('1.5', NOW)).toBe(1500);
  });

  it('reads epoch seconds (X, Bluesky)', () => {
    expect(parseRateLimitReset(String(NOW / 1000 + 90), NOW)).toBe(90_000);
  });

  it('reads an ISO time (Mastodon) and never goes below zero', () => {
    expect(parseRateLimitReset('2026-08-01T14:00:00.070144Z', NOW)).toBe(60_070);
    expect(parseRateLimitReset('2026-08-01T13:00:00Z', NOW)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRateLimitReset(null, NOW)).toBeNull();
    expect(parseRateLimitReset('soon', NOW)).toBeNull();
    expect(parseRateLimitReset('-3', NOW)).toBeNull();
  });
});

describe('retryAfterOf', () => {
  it('prefers Retry-After', () => {
    expect(retryAfterOf(429, headers({ 'retry-after': '3', 'x-ratelimit-reset': '60' }), NOW)).toBe(
      3000,
    );
  });

  it('falls back to the reset header of a 429 in each API form', () => {
    expect(retryAfterOf(429, headers({ 'x-ratelimit-reset': '42' }), NOW)).toBe(42_000);
    expect(retryAfterOf(429, headers({ 'x-rate-limit-reset': String(NOW / 1000 + 5) }), NOW)).toBe(
      5000,
    );
    expect(retryAfterOf(429, headers({ 'ratelimit-reset': '9' }), NOW)).toBe(9000);
  });

  it("reads Reddit's decimal remaining count of 0.0 as spent, and 0.5 as not", () => {
    const reset = { 'x-ratelimit-reset': '42' };
    expect(quotaSpent(headers({ 'x-ratelimit-remaining': '0.0' }))).toBe(true);
    expect(quotaSpent(headers({ 'x-ratelimit-remaining': '0.5' }))).toBe(false);
    expect(quotaSpent(headers({ 'x-ratelimit-remaining': '599.0' }))).toBe(false);
    expect(quotaSpent(headers({ 'x-ratelimit-remaining': 'none' }))).toBe(false);
    expect(retryAfterOf(403, headers({ ...reset, 'x-ratelimit-remaining': '0.0' }), NOW)).toBe(
      42_000,
    );
  });

  it('honours a reset header on another status only when the quota is spent', () => {
    expect(retryAfterOf(503, headers({ 'x-ratelimit-reset': '42' }), NOW)).toBeNull();
    expect(
      retryAfterOf(403, headers({ 'x-ratelimit-reset': '42', 'x-ratelimit-remaining': '0' }), NOW),
    ).toBe(42_000);
  });
});
