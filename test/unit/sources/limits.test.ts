import { describe, expect, it } from 'vitest';
import { ProviderBlockedError } from '../../../domain/errors.js';
import { memoryLimits, scopeKey, type LimitScope } from '../../../sources/limits.js';
import { rejectionOf } from '../../helpers/fake-source.js';
import { FIXTURE_NOW, stoppedClock } from '../../helpers/clock.js';

const scope = (method?: string, credential: string | null = 'secret-key'): LimitScope => ({
  source: 'stackexchange',
  host: 'api.stackexchange.com',
  credential,
  ...(method ? { method } : {}),
});

describe('ProviderLimits', () => {
  it('keys blocks by source, host and a digest of the credential, never the credential', () => {
    expect(scopeKey(scope())).toMatch(
      /^stackexchange\|api\.stackexchange\.com\|cred-[0-9a-f]{12}$/,
    );
    expect(scopeKey(scope())).not.toContain('secret-key');
    expect(scopeKey(scope(undefined, null))).toBe('stackexchange|api.stackexchange.com|anon');
    expect(scopeKey(scope(undefined, 'other'))).not.toBe(scopeKey(scope()));
    expect(scopeKey(scope('search/advanced'), true)).toMatch(/\|search\/advanced$/);
  });

  it('blocks a method alone, or the whole credential for every method', async () => {
    const clock = stoppedClock(FIXTURE_NOW);
    const limits = memoryLimits(clock);
    await limits.block(scope('search/advanced'), 10_000, 'backoff', true);
    expect(await rejectionOf(limits.check(scope('search/advanced')))).toBeInstanceOf(
      ProviderBlockedError,
    );
    await expect(limits.check(scope('questions'))).resolves.toBeUndefined();
    await limits.block(scope('search/advanced'), 60_000, 'throttle_violation');
    const error = (await rejectionOf(limits.check(scope('questions')))) as ProviderBlockedError;
    expect(error.retryAfterMs).toBe(60_000);
    expect(error.reason).toBe('throttle_violation');
  });

  it('ends a block at its reset, and never shortens a longer one', async () => {
    const clock = stoppedClock(FIXTURE_NOW);
    const limits = memoryLimits(clock);
    await limits.block(scope(), 3_600_000, 'quota_remaining 0');
    await limits.block(scope(), 5_000, 'HTTP 429');
    const error = (await rejectionOf(limits.check(scope()))) as ProviderBlockedError;
    expect(error.retryAfterMs).toBe(3_600_000);
    clock.advance(3_600_000);
    await expect(limits.check(scope())).resolves.toBeUndefined();
    expect(await limits.active()).toEqual([]);
  });
});
