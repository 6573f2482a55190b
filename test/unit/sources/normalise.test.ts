import { describe, expect, it } from 'vitest';
import { count, reach } from '../../../sources/normalise.js';
import { maskUrlSecrets } from '../../../domain/url-secrets.js';

describe('connector normalisation helpers', () => {
  it('reads counts and reach of unexpected types', () => {
    expect([count(5), count('7'), count(null), count(-3), count('x'), count(2.9)]).toEqual([
      5, 7, 0, 0, 0, 2,
    ]);
    expect([reach(0), reach('15400'), reach('3,402'), reach(null), reach(-1), reach('')]).toEqual([
      0,
      15_400,
      null,
      null,
      null,
      null,
    ]);
  });

  it('masks credentials in URLs shown in errors and logs', () => {
    expect(maskUrlSecrets('https://api.stackexchange.com/2.3/search?site=su&key=s3cret&q=a')).toBe(
      'https://api.stackexchange.com/2.3/search?site=su&key=***&q=a',
    );
    // Sources mask as the API and the logs do: every credential-like name, not only three.
    expect(maskUrlSecrets('https://feeds.example/rss?token=t1&signature=s1&page=2')).toBe(
      'https://feeds.example/rss?token=***&signature=***&page=2',
    );
  });
});
