/**
 * API keys: `keys create --role agent --name support-desk` (prints the key, once),
 * `keys list`, `keys revoke --name support-desk`. Reads MONGODB_URL/MONGODB_DB like the server.
 */
import { parseArgs } from 'node:util';
import { KeyNameTaken } from '../domain/errors.js';
import { KeyName, Role } from '../domain/access.js';
import { failer, withStore } from './cli.js';

const USAGE = `usage: keys create --role admin|manager|agent|marketing --name NAME
       keys list
       keys revoke --name NAME`;

const fail: (message: string) => never = failer('keys');

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string' }, name: { type: 'string' } },
});
const command = positionals[0];
if (!command || !['create', 'list', 'revoke'].includes(command)) {
  fail(USAGE);
}

await withStore(fail, KeyNameTaken, async ({ store }) => {
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
});
