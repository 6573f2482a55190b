import { writeFileSync } from 'node:fs';
import type { CommandSucceededEvent, MongoClient } from 'mongodb';

/** Handshakes and pings: the driver's own traffic, not Earshot's work. */
const HOUSEKEEPING = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'buildInfo']);

export interface CommandStats {
  commands: number;
  documentsWritten: number;
  /** Commands by name and collection, and documents written by collection. */
  byCommand: Record<string, number>;
}

/**
 * Documents a write command's reply says it inserted, changed, upserted or removed. `sent` is the
 * number of documents an insert carried: the local store counts refused duplicates in `n`, MongoDB
 * does not, so an insert counts at most what was sent less what was refused.
 */
function documentsWritten(event: CommandSucceededEvent, sent: number): number {
  const reply = event.reply as {
    n?: number;
    nModified?: number;
    upserted?: unknown[];
    writeErrors?: unknown[];
    lastErrorObject?: { n?: number };
  };
  switch (event.commandName) {
    case 'insert':
      return Math.min(reply.n ?? 0, sent - (reply.writeErrors?.length ?? 0));
    case 'delete':
      return reply.n ?? 0;
    case 'update':
      return (reply.nModified ?? 0) + (reply.upserted?.length ?? 0);
    case 'findAndModify':
      return reply.lastErrorObject?.n ?? 0;
    default:
      return 0;
  }
}

/**
 * Counts the store commands this process sends and the documents they write, from the driver's
 * command monitoring (the client must be created with `monitorCommands: true`). With a file, the
 * totals are written there as JSON when the process exits: the pipeline benchmark reads them.
 */
export function countCommands(client: MongoClient, file?: string): CommandStats {
  const stats: CommandStats = { commands: 0, documentsWritten: 0, byCommand: {} };
  const targets = new Map<number, { name: string; sent: number }>();
  client.on('commandStarted', (event) => {
    const target = event.command[event.commandName] as unknown;
    const documents = event.command.documents as unknown[] | undefined;
    targets.set(event.requestId, {
      name: typeof target === 'string' ? target : '',
      sent: documents?.length ?? 0,
    });
  });
  client.on('commandSucceeded', (event) => {
    const { name: target, sent } = targets.get(event.requestId) ?? { name: '', sent: 0 };
    targets.delete(event.requestId);
    if (HOUSEKEEPING.has(event.commandName)) {
      return;
    }
    const written = documentsWritten(event, sent);
    const name = `${event.commandName} ${target}`.trim();
    stats.commands += 1;
    stats.documentsWritten += written;
    stats.byCommand[name] = (stats.byCommand[name] ?? 0) + 1;
    stats.byCommand[`written to ${target}`] =
      (stats.byCommand[`written to ${target}`] ?? 0) + written;
  });
  client.on('commandFailed', (event) => targets.delete(event.requestId));
  if (file) {
    process.on('exit', () => writeFileSync(file, JSON.stringify(stats)));
  }
  return stats;
}
