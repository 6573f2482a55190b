import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type ApiDeps, type ApiOptions } from '../../api/app.js';
import { createLogger } from '../../config/logger.js';
import type { Role } from '../../domain/access.js';
import type { TestRig } from './env.js';

export interface TestApi {
  base: string;
  keys: Record<Role, string>;
  /** fetch against the API with the key of `role` (or no key with null). */
  call(path: string, init?: RequestInit & { role?: Role | null }): Promise<Response>;
  close(): Promise<void>;
}

/** The real app on an ephemeral port over the rig's store and Redis, with one key per role. */
export async function startApi(
  rig: TestRig,
  options: Partial<ApiOptions> = {},
  extra: Pick<ApiDeps, 'producer' | 'rescoreDays'> = {},
): Promise<TestApi> {
  const keys = {} as Record<Role, string>;
  const suffix = Math.random().toString(36).slice(2, 8);
  for (const role of ['admin', 'manager', 'agent', 'marketing'] as const) {
    keys[role] = (await rig.store.keys.create(`test-${role}-${suffix}`, role)).key;
  }
  const app = createApp({
    store: rig.store,
    redis: rig.redis,
    log: createLogger('silent'),
    queues: Object.values(rig.producer.queues),
    options: { keyPrefix: rig.config.queuePrefix, ...options },
    ...extra,
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    keys,
    call(path, { role = 'admin', headers, ...init } = {}) {
      const auth: Record<string, string> = role ? { authorization: `Bearer ${keys[role]}` } : {};
      return fetch(`${base}${path}`, { ...init, headers: { ...auth, ...(headers as object) } });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
