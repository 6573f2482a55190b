import { loadConfig, type Config } from '../config/index.js';
import { ConfigError } from '../domain/errors.js';
import { connectStore, type Store } from '../store/db.js';

/** Writes `name: message` to stderr and exits 2: how the command-line tools refuse. */
export function failer(name: string): (message: string) => never {
  return (message) => {
    process.stderr.write(`${name}: ${message}\n`);
    process.exit(2);
  };
}

/**
 * Runs a tool's command on the configured store and closes the store after. An error of the kind
 * `refused` (a name or an email taken) ends the tool with `fail` and its message; others propagate.
 */
export async function withStore(
  fail: (message: string) => never,
  refused: abstract new (...args: never[]) => Error,
  command: (opened: { config: Config; store: Store }) => Promise<void>,
): Promise<void> {
  const opened = await openStore(fail);
  try {
    await command(opened);
  } catch (error) {
    if (error instanceof refused) {
      fail(error.message);
    }
    throw error;
  } finally {
    await opened.store.close();
  }
}

/** The configuration and the store for a command-line tool; a bad setting ends it with `fail`. */
export async function openStore(
  fail: (message: string) => never,
): Promise<{ config: Config; store: Store }> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : String(error));
  }
  return { config, store: await connectStore(config.mongo.url, config.mongo.db) };
}
