import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApp } from '../../../api/app.js';
import { createLogger } from '../../../config/logger.js';
import type { Role } from '../../../domain/access.js';
import { buildWeb, launchChromium } from '../../helpers/browser.js';
import { createRig, type TestRig } from '../../helpers/env.js';

export const PASSWORD = 'correct horse battery';

export interface WebRig {
  rig: TestRig;
  base: string;
  browser: Browser;
  /** One user per role: `${role}@earshot.test`. */
  email: (role: Role) => string;
  signIn(
    who: string,
    viewport?: { width: number; height: number },
  ): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** The real API and web app over the real services, users of every role, and Debian's chromium. */
export async function startWebRig(name: string): Promise<WebRig> {
  const web = buildWeb();
  const rig = await createRig(name);
  const email = (role: Role) => `${role}@earshot.test`;
  for (const role of ['admin', 'manager', 'agent', 'marketing'] as const) {
    await rig.store.users.create({
      email: email(role),
      name: `${role} person`,
      role,
      password: PASSWORD,
    });
  }
  const app = createApp({
    store: rig.store,
    redis: rig.redis,
    log: createLogger('silent'),
    queues: Object.values(rig.producer.queues),
    options: {
      keyPrefix: rig.config.queuePrefix,
      webDir: web.dir,
      signIn: { perAccount: 3, perIp: 1000, windowS: 600 },
      // Every browser here comes from 127.0.0.1 and starts signed out (a 401 from /auth/me): the
      // per-address limit of failed authentications is tested in test/integration/security.
      ipLimits: { perMinute: 100_000, authFailuresPerMinute: 100_000 },
      stream: { pollMs: 200, settleMs: 200, heartbeatMs: 15_000 },
    },
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  return {
    rig,
    base,
    browser,
    email,
    async signIn(who, viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ viewport, acceptDownloads: true });
      const page = await context.newPage();
      await page.goto(`${base}/app/`);
      await page.getByLabel('Email').fill(who.includes('@') ? who : `${who}@earshot.test`);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out everywhere' }).waitFor();
      return { context, page };
    },
    async close() {
      await browser.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rig.cleanup();
      web.remove();
    },
  };
}
