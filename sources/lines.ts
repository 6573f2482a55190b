import { open } from 'node:fs/promises';

export interface LinePage {
  lines: string[];
  /** Byte offset just past the last complete line read. */
  nextOffset: number;
  /** True when the file has no complete line after `nextOffset`. */
  atEnd: boolean;
}

const CHUNK = 64 * 1024;

/**
 * Reads up to `max` complete lines of a file from a byte offset. A trailing line without its
 * newline is left for later: a file still being appended to is never read half-written.
 */
export async function readLines(path: string, offset: number, max: number): Promise<LinePage> {
  const file = await open(path, 'r');
  try {
    const lines: string[] = [];
    let position = offset;
    let pending = Buffer.alloc(0);
    while (lines.length < max) {
      const chunk = Buffer.alloc(CHUNK);
      const { bytesRead } = await file.read(chunk, 0, CHUNK, position + pending.length);
      if (bytesRead === 0) {
        return { lines, nextOffset: position, atEnd: true };
      }
      pending = Buffer.concat([pending, chunk.subarray(0, bytesRead)]);
      let newline = pending.indexOf(0x0a);
      while (newline !== -1 && lines.length < max) {
        lines.push(pending.subarray(0, newline).toString('utf8').replace(/\r$/, ''));
        position += newline + 1;
        pending = pending.subarray(newline + 1);
        newline = pending.indexOf(0x0a);
      }
    }
    const { bytesRead } = await file.read(Buffer.alloc(1), 0, 1, position);
    return { lines, nextOffset: position, atEnd: bytesRead === 0 };
  } finally {
    await file.close();
  }
}
