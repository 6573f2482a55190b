import { resolve } from 'node:path';
import { z } from 'zod';
import { SourceConfigError } from '../domain/errors.js';
import { fromPosted, type NewMention } from '../domain/mention.js';
import { readLines } from './lines.js';
import type { Connector, FetchRequest, FetchResult } from './types.js';

/** One line of a replay file: a mention as Earshot would store it, with lenient types. */
const ReplayLine = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  text: z.string().min(1),
  createdAt: z.union([z.string(), z.number()]).pipe(z.coerce.date()),
  url: z.string().url().nullish(),
  lang: z.string().nullish(),
  rating: z.number().int().min(1).max(5).nullish(),
  author: z.object({
    id: z.union([z.string().min(1), z.number()]).transform(String),
    handle: z.string().min(1),
    name: z.string().nullish(),
    followers: z.number().int().nonnegative().nullish(),
  }),
  engagement: z
    .object({
      likes: z.number().int().nonnegative().optional(),
      replies: z.number().int().nonnegative().optional(),
      shares: z.number().int().nonnegative().optional(),
      score: z.number().int().optional(),
    })
    .optional(),
});

/**
 * Replays a JSON Lines file of mentions: the demo, the tests and the benchmarks use it, and so can
 * anyone importing an export. The cursor is the byte offset read up to, so lines appended to the
 * file later are picked up by the next poll.
 */
export class ReplayConnector implements Connector<'replay'> {
  async fetchPage(request: FetchRequest<'replay'>): Promise<FetchResult> {
    const { watch, source, cursor, page, pageSize } = request;
    if (!source.file) {
      throw new SourceConfigError('replay', `watch ${watch.id} has a replay source without a file`);
    }
    const offset = Number(page ?? cursor ?? 0);
    const path = resolve(source.file);
    const read = await readLines(path, offset, pageSize).catch((error: NodeJS.ErrnoException) => {
      throw new SourceConfigError('replay', `cannot read ${path}: ${error.code ?? error.message}`);
    });
    const mentions: NewMention[] = [];
    const skipped: FetchResult['skipped'] = [];
    read.lines.forEach((text, index) => {
      if (text.trim() === '') {
        return;
      }
      const parsed = parseLine(text);
      if (parsed.success) {
        mentions.push(fromPosted(watch.id, 'replay', parsed.data));
      } else {
        skipped.push({ reason: `line at offset ${offset} +${index}: ${parsed.error}` });
      }
    });
    return {
      mentions,
      skipped,
      cursor: String(read.nextOffset),
      nextPage: read.atEnd ? null : String(read.nextOffset),
    };
  }
}

function parseLine(
  text: string,
): { success: true; data: z.infer<typeof ReplayLine> } | { success: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { success: false, error: 'not JSON' };
  }
  const result = ReplayLine.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    return {
      success: false,
      error: `${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}`,
    };
  }
  return { success: true, data: result.data };
}
