import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../api/app.js';
import { OPERATIONS, toOpenApiPath } from '../../../api/openapi.js';
import { BULL_BOARD_PATH } from '../../../api/routes/ops.js';
import { createLogger } from '../../../config/logger.js';
import { startApi, type TestApi } from '../../helpers/api.js';
import { createRig, type TestRig } from '../../helpers/env.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every method and path Express has registered, from the app's router and the routers it mounts. */
function registeredRoutes(app: Express): string[] {
  const routes: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          routes.push(`${method} ${layer.route.path}`);
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return routes;
}

describe('API contract: OpenAPI document and routes', () => {
  let rig: TestRig;
  let api: TestApi;

  beforeAll(async () => {
    rig = await createRig('api_contract');
    api = await startApi(rig);
  });

  afterAll(async () => {
    await api.close();
    await rig.cleanup();
  });

  it('documents every registered route, and registers every documented one', async () => {
    const app = createApp({
      store: rig.store,
      redis: rig.redis,
      log: createLogger('silent'),
      queues: Object.values(rig.producer.queues),
    });
    // bull-board is a sub-application mounted under one documented path (checked by a request).
    const registered = registeredRoutes(app).map((route) => {
      const [method, path] = route.split(' ');
      return `${method} ${toOpenApiPath(path!)}`;
    });
    const doc = (await (await api.call('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
    expect(registered.length).toBeGreaterThan(10);
    expect([...new Set(registered)].sort()).toEqual(
      documented.filter((route) => route !== `get ${BULL_BOARD_PATH}`).sort(),
    );
    expect((await api.call(BULL_BOARD_PATH)).status).toBe(200);
    expect(OPERATIONS.length).toBe(documented.length);
  });

  it('describes query parameters and bodies from the zod schemas', async () => {
    const doc = (await (await api.call('/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters: Array<{ name: string; schema: { enum?: string[] } }>;
            requestBody?: { content: Record<string, { schema: { properties: object } }> };
          }
        >
      >;
    };
    const list = doc.paths['/alerts']!.get!;
    const severity = list.parameters.find((p) => p.name === 'severity');
    expect(severity?.schema.enum).toEqual(['low', 'medium', 'high', 'critical']);
    const patchBody = doc.paths['/alerts/{id}']!.patch!.requestBody!.content['application/json']!;
    expect(Object.keys(patchBody.schema.properties).sort()).toEqual([
      'assignee',
      'note',
      'reason',
      'status',
      'tags',
    ]);
  });
});
