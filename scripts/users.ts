/**
 * People who sign in to the web app:
 *   users create --email a@example.com --name "Ann" --role agent   (password from USER_PASSWORD or stdin)
 *   users list
 *   users disable --email a@example.com
 *   users reset-password --email a@example.com                     (same password sources)
 * Reads MONGODB_URL/MONGODB_DB like the server. A password is never taken as an argument, where it
 * would show in `ps` and the shell's history.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { ConflictError } from '../domain/errors.js';
import { Role } from '../domain/access.js';
import { Password, UserEmail, UserName } from '../domain/user.js';
import type { Config } from '../config/index.js';
import type { Store } from '../store/db.js';
import { failer, withStore } from './cli.js';
import { SESSION_DEFAULTS, SessionStore } from '../api/session.js';

const USAGE = `usage: users create --email EMAIL --name NAME --role admin|manager|agent|marketing
       users list
       users disable --email EMAIL
       users reset-password --email EMAIL
The password is read from USER_PASSWORD, else from the first line of standard input.`;

const fail: (message: string) => never = failer('users');

function field<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: Array<{ message: string }> } };
  },
  value: unknown,
  flag: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    fail(`${flag}: ${result.error.issues[0]?.message ?? 'invalid'}\n${USAGE}`);
  }
  return result.data;
}

function password(): string {
  const raw = process.env.USER_PASSWORD ?? readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '';
  return field(Password, raw, 'password');
}

async function endSessions(redisUrl: string, prefix: string, userId: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    await new SessionStore(redis, prefix, SESSION_DEFAULTS).destroyAll(userId);
  } finally {
    redis.disconnect();
  }
}

async function run(
  store: Store,
  command: string,
  values: Record<string, string | undefined>,
  config: Config,
) {
  if (command === 'create') {
    const email = field(UserEmail, values.email, '--email');
    const name = field(UserName, values.name, '--name');
    const role = field(Role, values.role, '--role');
    const user = await store.users.create({ email, name, role, password: password() });
    process.stderr.write(`users: created ${user.email} (${user.role})\n`);
    return;
  }
  if (command === 'list') {
    for (const user of await store.users.list()) {
      const state = user.disabledAt ? `disabled ${user.disabledAt.toISOString()}` : 'active';
      process.stdout.write(
        `${user.email}\t${user.name}\t${user.role}\t${user.createdAt.toISOString()}\t${state}\n`,
      );
    }
    return;
  }
  const email = field(UserEmail, values.email, '--email');
  const user = await store.users.byEmail(email);
  if (!user) {
    fail(`no user with email ${email}`);
  }
  const change = command === 'disable' ? { disabled: true } : { password: password() };
  await store.users.update(user.id, change);
  // Disabling or a new password ends the user's sessions at once, not at their expiry.
  await endSessions(config.redisUrl, config.queuePrefix, user.id);
  process.stderr.write(
    `users: ${command === 'disable' ? 'disabled' : 'new password for'} ${email}; sessions ended\n`,
  );
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
});
const command = positionals[0];
if (!command || !['create', 'list', 'disable', 'reset-password'].includes(command)) {
  fail(USAGE);
}
await withStore(fail, ConflictError, ({ config, store }) => run(store, command, values, config));
