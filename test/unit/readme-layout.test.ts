import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Folders that exist in a working copy but are never part of the project (see .gitignore). */
const NOT_OURS = new Set(['.git', 'node_modules', 'dist', '.earshot', 'coverage']);

/** The folders named in the first column of the README's "Layout" table, without the slash. */
function layoutFolders(readme: string): string[] {
  const section = /^## Layout\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  if (section === undefined) {
    throw new Error('the README has no "## Layout" section');
  }
  return [...section.matchAll(/^\| `([^`/]+)\/` +\|/gm)].map((match) => match[1] ?? '');
}

/** Top-level folders holding a file git tracks; without git (an unpacked archive), the folders there. */
function topLevelFolders(): string[] {
  let files: string[];
  try {
    files = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n');
  } catch {
    return readdirSync(ROOT, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !NOT_OURS.has(entry.name))
      .map((entry) => entry.name);
  }
  const folders = files
    .filter((file) => file.includes('/'))
    .map((file) => file.split('/')[0] ?? '');
  return [...new Set(folders)].filter((name) => !NOT_OURS.has(name));
}

describe('README layout table', () => {
  const named = layoutFolders(readFileSync(`${ROOT}README.md`, 'utf8'));

  it('names every top-level folder of the project', () => {
    const missing = topLevelFolders().filter((folder) => !named.includes(folder));
    expect(missing, 'folders missing from the README layout table').toEqual([]);
  });

  it('names no folder that does not exist, and none twice', () => {
    const present = new Set(topLevelFolders());
    expect(named.filter((folder) => !present.has(folder))).toEqual([]);
    expect(new Set(named).size).toBe(named.length);
  });

  it('reads the table: a folder left out of it is reported', () => {
    const readme = '## Layout\n\n| folder | what |\n| - | - |\n| `api/` | the API |\n\n## Next\n';
    expect(layoutFolders(readme)).toEqual(['api']);
    expect(() => layoutFolders('# no layout here\n')).toThrow(/Layout/);
  });
});
