import { writeFileSync } from 'node:fs';
import type { CommandSucceededEvent, MongoClient } from 'mongodb';

/** Handshakes and pings: the driver's own traffic, not Earshot's work. */
const HOUSEKEEPING = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'buildInfo']);

export interface CommandStats {
  commands: number;
  documentsWritten: number;
  byCommand: Record<string, number>;
}

/** Documents a write command's reply says it inserted, changed, upserted or removed. */
function documentsWritten(event: CommandSucceededEvent): number {
  const reply = event.reply as {
    n?: number;
    nModified?: number;
    upserted?: unknown[];
    lastErrorObject?: { n?: number };
  };
  switch (event.commandName) {
    case 'insert':
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
  client.on('commandSucceeded', (event) => {
    if (HOUSEKEEPING.has(event.commandName)) {
      return;
    }
    stats.commands += 1;
    stats.byCommand[event.commandName] = (stats.byCommand[event.commandName] ?? 0) + 1;
    stats.documentsWritten += documentsWritten(event);
  });
  if (file) {
    process.on('exit', () => writeFileSync(file, JSON.stringify(stats)));
  }
  return stats;
}
