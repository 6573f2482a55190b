import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Watch } from '../domain/watch.js';
import { ConfigError } from '../domain/errors.js';

/** Reads the watches seed file (a JSON array of watches); every problem names the file and field. */
export function loadWatchesFile(path: string): Watch[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError([`WATCHES_FILE: cannot read ${path}: ${(error as Error).message}`]);
  }
  const result = z.array(Watch).safeParse(json);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map(
        (issue) => `WATCHES_FILE ${path}: [${issue.path.join('.')}] ${issue.message}`,
      ),
    );
  }
  const ids = result.data.map((watch) => watch.id);
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (repeated.length > 0) {
    throw new ConfigError([`WATCHES_FILE ${path}: watch id ${repeated[0]} appears twice`]);
  }
  return result.data;
}
