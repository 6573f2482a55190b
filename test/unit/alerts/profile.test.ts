import { describe, expect, it } from 'vitest';
import { sentimentTrend, windowCounts } from '../../../analysis/alerts/profile.js';
import { verifySignature, signature } from '../../../notify/sign.js';
import { NOW, hoursBefore, recent } from './fixtures.js';

describe('profile windows and trend', () => {
  it('counts by label within 24 h, 7 d and 30 d, back from the end', () => {
    const items = [
      recent('negative', -0.5, hoursBefore(2)),
      recent('positive', 0.5, hoursBefore(30)),
      recent('neutral', 0, hoursBefore(24 * 10)),
      recent('negative', -0.5, hoursBefore(24 * 40)),
    ];
    const windows = windowCounts(items, NOW);
    expect(windows.h24).toEqual({ negative: 1, neutral: 0, positive: 0, total: 1 });
    expect(windows.d7).toEqual({ negative: 1, neutral: 0, positive: 1, total: 2 });
    expect(windows.d30).toEqual({ negative: 1, neutral: 1, positive: 1, total: 3 });
  });

  it('reports the trend as last week’s mean minus the weeks before, null without both', () => {
    expect(sentimentTrend([recent('positive', 0.8, NOW)], NOW)).toBeNull();
    const items = [
      recent('negative', -0.4, hoursBefore(24 * 12)),
      recent('positive', 0.6, hoursBefore(24)),
    ];
    expect(sentimentTrend(items, NOW)).toBe(1);
  });
});

describe('webhook signature', () => {
  it('is HMAC-SHA256 over timestamp.body and verifies only the same bytes', () => {
    const sig = signature('0123456789abcdef', '1700000000', '{"a":1}');
    // printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 0123456789abcdef
    expect(sig).toBe('sha256=9eb18f493f8ec135d9eb2dad817c369bb4e9cbfa818657897a7437c1cd8c3a23');
    expect(verifySignature('0123456789abcdef', '1700000000', '{"a":1}', sig)).toBe(true);
    expect(verifySignature('0123456789abcdef', '1700000001', '{"a":1}', sig)).toBe(false);
    expect(verifySignature('0123456789abcdef', '1700000000', '{"a":2}', sig)).toBe(false);
  });
});
