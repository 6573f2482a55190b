import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceConfigError } from '../../../domain/errors.js';
import type { WatchSourceOf } from '../../../domain/watch.js';
import { readLines } from '../../../sources/lines.js';
import { ReplayConnector } from '../../../sources/replay.js';
import { expectStorable, testWatch } from '../../helpers/connector-harness.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'earshot-replay-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let fileCount = 0;
function tempFile(content: string | Buffer): string {
  fileCount += 1;
  const path = join(dir, `file-${fileCount}.jsonl`);
  writeFileSync(path, content);
  return path;
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('readLines', () => {
  it('reads up to the asked number of lines and says where it stopped', async () => {
    const path = tempFile('a\nbb\nccc\n');
    expect(await readLines(path, 0, 2)).toEqual({
      lines: ['a', 'bb'],
      nextOffset: 5,
      atEnd: false,
    });
    expect(await readLines(path, 5, 2)).toEqual({ lines: ['ccc'], nextOffset: 9, atEnd: true });
  });

  it('reports the end when the last line read is the last of the file', async () => {
    const path = tempFile('a\nbb\nccc\n');
    expect(await readLines(path, 0, 3)).toEqual({
      lines: ['a', 'bb', 'ccc'],
      nextOffset: 9,
      atEnd: true,
    });
    expect(await readLines(path, 9, 3)).toEqual({ lines: [], nextOffset: 9, atEnd: true });
  });

  it('drops the carriage return of CRLF line ends', async () => {
    const path = tempFile('one\r\ntwo\r\n\r\nthree\n');
    expect(await readLines(path, 0, 10)).toEqual({
      lines: ['one', 'two', '', 'three'],
      nextOffset: 18,
      atEnd: true,
    });
  });

  it('leaves a trailing line without its newline for a later read', async () => {
    const path = tempFile('done\npartial');
    expect(await readLines(path, 0, 10)).toEqual({ lines: ['done'], nextOffset: 5, atEnd: true });
    appendFileSync(path, ' now complete\nnext');
    expect(await readLines(path, 5, 10)).toEqual({
      lines: ['partial now complete'],
      nextOffset: 26,
      atEnd: true,
    });
  });

  it('keeps a multibyte character whole across the 64 KiB read boundary', async () => {
    // 'é' takes bytes 65535-65536 and '🎉' bytes 65534-65537 of their files: both straddle the
    // end of the first 64 KiB chunk.
    const first = `${'x'.repeat(65_535)}é`;
    const second = '日本語のレビュー ✓ 🎉';
    const path = tempFile(`${first}\n${second}\n`);
    const page = await readLines(path, 0, 10);
    expect(page.lines).toHaveLength(2);
    expect(page.lines[0]).toBe(first);
    expect(page.lines[1]).toBe(second);
    expect(page.nextOffset).toBe(bytes(first) + 1 + bytes(second) + 1);
    expect(page.atEnd).toBe(true);

    const emoji = `${'y'.repeat(65_534)}🎉 party`;
    const other = tempFile(`${emoji}\nshort\n`);
    expect((await readLines(other, 0, 1)).lines).toEqual([emoji]);
    expect(await readLines(other, bytes(emoji) + 1, 1)).toEqual({
      lines: ['short'],
      nextOffset: bytes(emoji) + 7,
      atEnd: true,
    });
  });

  it('pages through a file larger than one chunk without losing or repeating a line', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `line ${i} ${'ü'.repeat(i % 40)}`);
    const path = tempFile(`${lines.join('\n')}\n`);
    expect(bytes(lines.join('\n'))).toBeGreaterThan(64 * 1024);
    const seen: string[] = [];
    let offset = 0;
    for (;;) {
      const page = await readLines(path, offset, 700);
      seen.push(...page.lines);
      offset = page.nextOffset;
      if (page.atEnd) {
        break;
      }
    }
    expect(seen).toEqual(lines);
    expect(offset).toBe(bytes(lines.join('\n')) + 1);
  });
});

describe('ReplayConnector.fetchPage', () => {
  const watch = testWatch();
  const connector = new ReplayConnector();

  const good1 = JSON.stringify({
    id: 'r1',
    text: 'Acme billing is broken again',
    createdAt: '2024-05-01T10:00:00Z',
    url: 'https://example.com/posts/r1',
    lang: 'en',
    author: { id: 'u1', handle: 'pat', name: 'Pat Doe', followers: 120 },
    engagement: { likes: 3, replies: 1 },
  });
  const notJson = '{"id":"r2","text":"cut off';
  const noAuthor = JSON.stringify({ id: 'r3', text: 'Who wrote this?', createdAt: 1714557600000 });
  const good4 = JSON.stringify({
    id: 4,
    text: 'Acme support sorted it in minutes',
    createdAt: 1714561200000,
    author: { id: 42, handle: 'sam' },
  });
  const good5 = JSON.stringify({
    id: 'r5',
    text: 'Acme 🎉 merci',
    createdAt: '2024-05-01T12:00:00.000Z',
    url: null,
    author: { id: 'u5', handle: 'léa', name: null },
  });
  const lines = [good1, notJson, '', noAuthor, good4, '   ', good5];
  const content = `${lines.join('\n')}\n`;
  const firstFour = bytes(`${lines.slice(0, 4).join('\n')}\n`);

  const source = (file: string): WatchSourceOf<'replay'> => ({ type: 'replay', file });
  /** One page of `file` from the `cursor`, or from the page token `page` when there is one. */
  const fetchPage = (
    file: string,
    cursor: string | null,
    pageSize: number,
    page: string | null = null,
  ) => connector.fetchPage({ watch, source: source(file), cursor, page, pageSize });

  it('normalises good lines and counts malformed ones with their reasons', async () => {
    const file = tempFile(content);
    const result = await fetchPage(file, null, 4);
    expect(result.mentions).toEqual([
      {
        watchId: 'acme',
        source: 'replay',
        externalId: 'r1',
        url: 'https://example.com/posts/r1',
        text: 'Acme billing is broken again',
        author: { id: 'u1', handle: 'pat', name: 'Pat Doe', followers: 120 },
        createdAt: new Date('2024-05-01T10:00:00Z'),
        engagement: { likes: 3, replies: 1, shares: 0, score: 0 },
        lang: 'en',
        rating: null,
      },
    ]);
    expect(result.skipped).toHaveLength(2);
    expect(result.skipped[0]?.reason).toBe('line at offset 0 +1: not JSON');
    expect(result.skipped[1]?.reason).toMatch(/^line at offset 0 \+3: author: /);
    expect(result.cursor).toBe(String(firstFour));
    expect(result.nextPage).toBe(String(firstFour));
  });

  it('yields the remaining lines when called again from the returned cursor', async () => {
    const file = tempFile(content);
    const first = await fetchPage(file, null, 4);
    const second = await fetchPage(file, first.cursor, 4);
    expect(second.mentions.map((mention) => mention.externalId)).toEqual(['4', 'r5']);
    expect(second.mentions[0]?.author).toEqual({
      id: '42',
      handle: 'sam',
      name: null,
      followers: null,
    });
    expect(second.mentions[0]?.createdAt).toEqual(new Date(1714561200000));
    expect(second.mentions[0]?.url).toBeNull();
    expect(second.mentions[0]?.lang).toBeNull();
    expect(second.mentions[0]?.engagement).toEqual({ likes: 0, replies: 0, shares: 0, score: 0 });
    expect(second.mentions[1]?.text).toBe('Acme 🎉 merci');
    expect(second.skipped).toEqual([]);
    expect(second.cursor).toBe(String(bytes(content)));
    expect(second.nextPage).toBeNull();
    expectStorable([...first.mentions, ...second.mentions]);
  });

  it('reads from the page token in preference to the cursor', async () => {
    const file = tempFile(content);
    const result = await fetchPage(file, '0', 100, String(firstFour));
    expect(result.mentions.map((mention) => mention.externalId)).toEqual(['4', 'r5']);
  });

  it('returns nothing new, and keeps the cursor, at the end of the file', async () => {
    const file = tempFile(content);
    const end = String(bytes(content));
    const result = await fetchPage(file, end, 10);
    expect(result).toEqual({ mentions: [], skipped: [], cursor: end, nextPage: null });
  });

  it('picks up lines appended after a finished poll', async () => {
    const file = tempFile(`${good1}\n`);
    const first = await fetchPage(file, null, 10);
    expect(first.nextPage).toBeNull();
    appendFileSync(file, `${good5}\n`);
    const later = await fetchPage(file, first.cursor, 10);
    expect(later.mentions.map((mention) => mention.externalId)).toEqual(['r5']);
  });

  it('fails with SOURCE_CONFIG when the file does not exist', async () => {
    const missing = join(dir, 'missing.jsonl');
    const attempt = fetchPage(missing, null, 10);
    await expect(attempt).rejects.toBeInstanceOf(SourceConfigError);
    await expect(attempt).rejects.toMatchObject({ code: 'SOURCE_CONFIG' });
    await expect(attempt).rejects.toThrow(/ENOENT/);
  });

  it('fails with SOURCE_CONFIG when the source has no file', async () => {
    await expect(
      connector.fetchPage({
        watch,
        // The schema needs the field; a watch written to the store past it is still refused here.
        source: { type: 'replay' } as WatchSourceOf<'replay'>,
        cursor: null,
        page: null,
        pageSize: 10,
      }),
    ).rejects.toMatchObject({ code: 'SOURCE_CONFIG' });
  });
});
