import { MongoClient } from 'mongodb';
import { MentionRepository } from './mentions.js';
import { WatchRepository } from './watches.js';
import { CursorRepository } from './cursors.js';
import { AuthorRepository } from './authors.js';
import { AlertRepository } from './alerts.js';
import { ScheduleSlotRepository } from './slots.js';
import { RollupRepository } from './rollups.js';
import { KeyRepository } from './keys.js';
import { ChannelStatusRepository } from './channels.js';
import { countCommands } from './command-stats.js';
import { CorrectionRepository } from './corrections.js';
import { WatchModelRepository } from './watch-models.js';
import { UserRepository } from './users.js';
import { OverviewReader } from './overview.js';

/**
 * Every repository over one connection. Api and workers share this. It holds repositories only:
 * callers read and write through named methods, never through the database or a collection.
 */
export interface Store {
  mentions: MentionRepository;
  watches: WatchRepository;
  cursors: CursorRepository;
  authors: AuthorRepository;
  alerts: AlertRepository;
  slots: ScheduleSlotRepository;
  rollups: RollupRepository;
  keys: KeyRepository;
  channels: ChannelStatusRepository;
  corrections: CorrectionRepository;
  models: WatchModelRepository;
  users: UserRepository;
  overview: OverviewReader;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Connects and makes sure the indexes exist. With `statsFile` (the pipeline benchmark's
 * EARSHOT_STORE_STATS), the process's store commands are counted and written there on exit.
 */
export async function connectStore(
  url: string,
  dbName: string,
  statsFile?: string,
): Promise<Store> {
  const client = new MongoClient(url, {
    serverSelectionTimeoutMS: 5000,
    appName: 'earshot',
    monitorCommands: statsFile !== undefined,
  });
  if (statsFile) {
    countCommands(client, statsFile);
  }
  await client.connect();
  const db = client.db(dbName);
  const authors = new AuthorRepository(db);
  const store: Store = {
    mentions: new MentionRepository(db),
    watches: new WatchRepository(db),
    cursors: new CursorRepository(db),
    authors,
    alerts: new AlertRepository(db),
    slots: new ScheduleSlotRepository(db),
    rollups: new RollupRepository(db),
    keys: new KeyRepository(db),
    channels: new ChannelStatusRepository(db),
    corrections: new CorrectionRepository(db),
    models: new WatchModelRepository(db),
    users: new UserRepository(db),
    overview: new OverviewReader(db),
    ping: async () => {
      await db.command({ ping: 1 });
    },
    close: () => client.close(),
  };
  await Promise.all([
    store.mentions.ensureIndexes(),
    store.authors.ensureIndexes(),
    store.alerts.ensureIndexes(),
    store.rollups.ensureIndexes(),
    store.keys.ensureIndexes(),
    store.corrections.ensureIndexes(),
    store.models.ensureIndexes(),
    store.users.ensureIndexes(),
  ]);
  return store;
}
