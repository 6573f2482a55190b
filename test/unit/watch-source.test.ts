import { describe, expect, expectTypeOf, it } from 'vitest';
import { SOURCE_NAMES, type SourceName } from '../../domain/mention.js';
import { Watch, WatchSource, type WatchSourceOf } from '../../domain/watch.js';

const watch = (sources: unknown[], channels: unknown[] = []) => ({
  id: 'acme',
  name: 'Acme',
  keywords: ['acme'],
  sources,
  schedule: '0 * * * *',
  alerting: { channels },
});

/** Each issue of a failed parse as `path: message`. */
function problems(input: unknown): string[] {
  const result = Watch.safeParse(input);
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('WatchSource', () => {
  it('has a schema for every source Earshot knows, keyed on type', () => {
    expectTypeOf<WatchSource['type']>().toEqualTypeOf<SourceName>();
    for (const type of SOURCE_NAMES) {
      const result = WatchSource.safeParse({ type });
      expect(result.error?.issues.map((issue) => issue.path.join('.')) ?? []).not.toContain('type');
    }
  });

  it('names the known types on an unknown one', () => {
    expect(problems(watch([{ type: 'hackernews' }, { type: 'twitter' }]))).toEqual([
      `sources.1.type: Invalid option: expected one of ${SOURCE_NAMES.map((n) => `"${n}"`).join('|')}`,
    ]);
  });

  it("reads a source as its type's settings: another type's fields are dropped", () => {
    const parsed = WatchSource.parse({ type: 'rss', url: 'https://a.example/feed', file: 'x' });
    expect(parsed).toEqual({ type: 'rss', url: 'https://a.example/feed' });
    if (parsed.type === 'rss') {
      const feed: WatchSourceOf<'rss'> = parsed;
      expectTypeOf(feed.url).toEqualTypeOf<string>();
    }
  });

  it('reports the problems of every source of a watch at once, each on its field', () => {
    expect(problems(watch([{ type: 'stackexchange' }, { type: 'replay' }, { type: 'x' }]))).toEqual(
      ['sources.0.site: stackexchange needs a site', 'sources.1.file: replay needs a file'],
    );
  });

  it('refuses a URL field that is no URL, naming the field, instead of throwing', () => {
    expect(problems(watch([{ type: 'rss', url: '' }]))).toEqual([
      'sources.0.url: Invalid URL',
      'sources.0.url: an http(s) URL',
    ]);
    expect(problems(watch([{ type: 'mastodon', instance: 'not a url' }]))[0]).toMatch(
      /^sources\.0\.instance: /,
    );
    const channel = { id: 'ops', type: 'slack', url: '' };
    expect(problems(watch([{ type: 'hackernews' }], [channel]))[0]).toMatch(
      /^alerting\.channels\.0\.url: /,
    );
  });
});
