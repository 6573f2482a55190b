import { describe, expect, it } from 'vitest';
import { cleanText, clip, count, MAX_TEXT, reach } from '../../../workers/sources/normalise.js';
import { redactUrl } from '../../../workers/sources/http.js';

describe('connector normalisation helpers', () => {
  it('turns HTML and entities into text and drops replacement characters', () => {
    expect(cleanText('Tom &amp; Jerry &lt;3 it&#39;s <b>ok</b><br />next \uFFFD')).toBe(
      "Tom & Jerry <3 it's ok\nnext",
    );
  });

  it('clips a huge body to what a mention holds, never splitting a surrogate pair', () => {
    expect(clip('a'.repeat(MAX_TEXT + 10))).toHaveLength(MAX_TEXT);
    const emoji = `${'a'.repeat(MAX_TEXT - 1)}😀tail`;
    const clipped = clip(emoji);
    expect(clipped).toHaveLength(MAX_TEXT - 1);
    expect(clipped.endsWith('a')).toBe(true);
    expect(cleanText(`<p>${'word '.repeat(20_000)}</p>`).length).toBeLessThanOrEqual(MAX_TEXT);
  });

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
    expect(redactUrl('https://api.stackexchange.com/2.3/search?site=su&key=s3cret&q=a')).toBe(
      'https://api.stackexchange.com/2.3/search?site=su&key=***&q=a',
    );
  });
});
