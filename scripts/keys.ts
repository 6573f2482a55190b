/**
 * API keys: `keys create --role agent --name support-desk` (prints the key, once),
 * `keys list`, `keys revoke --name support-desk`. Reads MONGODB_URL/MONGODB_DB like the server.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.js';
import { ConfigError, KeyNameTaken } from '../domain/errors.js';
import { KeyName, Role } from '../domain/access.js';
import { connectStore } from '../store/db.js';

const USAGE = `usage: keys create --role admin|manager|agent|marketing --name NAME
       keys list
       keys revoke --name NAME`;

function fail(message: string): never {
  process.stderr.write(`keys: ${message}\n`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string' }, name: { type: 'string' } },
});
const command = positionals[0];
if (!command || !['create', 'list', 'revoke'].includes(command)) {
  fail(USAGE);
}

let config;
try {
  config = loadConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}
const store = await connectStore(config.mongo.url, config.mongo.db);
try {
  if (command === 'create') {
    const role = Role.safeParse(values.role);
    const name = KeyName.safeParse(values.name);
    if (!role.success) {
      fail(`--role: one of ${Role.options.join(', ')}\n${USAGE}`);
    }
    if (!name.success) {
      fail(`--name: ${name.error.issues[0]?.message ?? 'bad name'}\n${USAGE}`);
    }
    const { key } = await store.keys.create(name.data, role.data);
    process.stdout.write(`${key}\n`);
    process.stderr.write(
      `keys: created "${name.data}" (${role.data}); the key is shown only now\n`,
    );
  } else if (command === 'list') {
    for (const key of await store.keys.list()) {
      const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active';
      process.stdout.write(
        `${key.name}\t${key.role}\t${key.prefix}…\t${key.createdAt.toISOString()}\t${state}\n`,
      );
    }
  } else {
    const name = KeyName.safeParse(values.name);
    if (!name.success) {
      fail(`--name: required\n${USAGE}`);
    }
    if (!(await store.keys.revoke(name.data))) {
      fail(`no active key named "${name.data}"`);
    }
    process.stderr.write(`keys: revoked "${name.data}"\n`);
  }
} catch (error) {
  if (error instanceof KeyNameTaken) {
    fail(error.message);
  }
  throw error;
} finally {
  await store.close();
}
