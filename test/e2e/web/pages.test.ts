import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentimentLabel } from '../../../domain/mention.js';
import { axeViolations } from '../../helpers/browser.js';
import { seedAlert, seedMention } from '../../helpers/seed.js';
import { startWebRig, type WebRig } from './rig.js';

// Fixed instants: the data is stored around T0 and the browser's clock is set to NOW.
const T0 = new Date('2026-11-02T10:00:00Z');
const NOW = new Date('2026-11-09T12:00:00Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);
const SHOTS = 'docs/screenshots';
const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
};

let web: WebRig;
let alertId: string;

async function seed(): Promise<void> {
  const { store } = web.rig;
  await store.watches.upsert({
    id: 'lumora',
    name: 'Lumora smart lighting',
    keywords: ['Lumora'],
    exclusions: ['lumora festival'],
    sources: [{ type: 'replay', file: 'demo/mentions.jsonl' }],
    schedule: '*/30 * * * * *',
    enabled: true,
  });
  const labels: SentimentLabel[] = ['negative', 'neutral', 'positive'];
  for (let hour = 0; hour < 72; hour += 6) {
    const batch = [];
    for (let i = 0; i < 3 + (hour % 5); i += 1) {
      const label = labels[(hour + i) % 3]!;
      const mention = await seedMention(web.rig, {
        authorId: `person${i}`,
        watchId: 'lumora',
        label,
        text: `Lumora ${label} mention ${hour}-${i}`,
        intents:
          label === 'negative' ? ['complaint'] : label === 'positive' ? ['praise'] : ['question'],
        at: hours(hour),
      });
      batch.push({ id: mention.id, label });
    }
    await store.rollups.add('lumora', hours(hour), batch);
  }
  // The author has a profile: the alert's detail shows it.
  const earlier = await seedMention(web.rig, {
    authorId: 'angry_dan',
    watchId: 'lumora',
    text: 'Lumora app will not pair with the new bulb.',
    at: hours(4),
  });
  await store.authors.applyMention(earlier);
  alertId = await seedAlert(web.rig, {
    authorId: 'angry_dan',
    watchId: 'lumora',
    severity: 'high',
    text: 'My Lumora bulbs stopped working after the update. Really disappointed.',
    at: hours(10),
  });
  await seedAlert(web.rig, {
    authorId: 'late_kim',
    watchId: 'lumora',
    severity: 'medium',
    at: hours(20),
  });
  await seedAlert(web.rig, {
    authorId: 'happy_sam',
    watchId: 'lumora',
    type: 'emerging_advocate',
    label: 'positive',
    severity: 'low',
    at: hours(30),
  });
  const fan = await seedMention(web.rig, {
    authorId: 'happy_sam',
    watchId: 'lumora',
    label: 'positive',
    intents: ['recommendation'],
    at: hours(31),
  });
  const profile = await store.authors.applyMention(fan);
  await store.authors.setDerived(profile.id, { advocateScore: 9.5 });
}

beforeAll(async () => {
  web = await startWebRig('webpages');
  await seed();
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await web?.close();
});

const PAGES: Array<{ name: string; path: () => string; ready: (page: Page) => Promise<unknown> }> =
  [
    {
      name: 'inbox',
      path: () => `/app/inbox/${alertId}`,
      // The alert, and its author's part (which once came in a request of its own).
      ready: (p) => p.getByRole('heading', { name: /^Author angry_dan/ }).waitFor(),
    },
    {
      name: 'mentions',
      path: () => '/app/mentions',
      ready: (p) => p.locator('.mention').first().waitFor(),
    },
    {
      name: 'advocates',
      path: () => '/app/advocates',
      ready: (p) => p.getByRole('link', { name: 'happy_sam' }).waitFor(),
    },
    {
      name: 'author',
      path: () => '/app/authors/angry_dan',
      ready: (p) => p.getByRole('heading', { name: 'Latest mentions' }).waitFor(),
    },
    {
      name: 'overview',
      path: () => '/app/overview',
      ready: (p) =>
        p
          .locator('.counts', { hasText: /high\s*1\s*critical\s*0/ })
          .waitFor()
          .then(() => p.locator('.chart canvas').first().waitFor()),
    },
    {
      name: 'watches',
      path: () => '/app/watches',
      ready: (p) => p.getByRole('link', { name: 'Lumora smart lighting' }).waitFor(),
    },
    {
      name: 'watch-edit',
      path: () => '/app/watches/lumora',
      ready: (p) => p.getByLabel(/Schedule/).waitFor(),
    },
    {
      name: 'watch-new',
      path: () => '/app/watches/new',
      ready: (p) => p.getByLabel(/^Id/).waitFor(),
    },
    {
      name: 'team',
      path: () => '/app/team',
      ready: (p) => p.getByRole('cell', { name: 'marketing@earshot.test', exact: true }).waitFor(),
    },
  ];

describe.each(Object.entries(VIEWPORTS))('every page at %s size', (size, viewport) => {
  it('has no serious or critical axe violation, and is saved as a screenshot', async () => {
    const { context, page } = await web.signIn('admin', viewport);
    await context.clock.setFixedTime(NOW);
    const found: Record<string, string[]> = {};
    // Each page's data: the API requests it makes once the session is known (GET /auth/me), not
    // counting the inbox's live stream (an EventSource, not a fetch).
    const data: Record<string, string[]> = {};
    let requests: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.resourceType() === 'fetch' && url.pathname !== '/auth/me') {
        requests.push(`${request.method()} ${url.pathname}`);
      }
    });
    for (const { name, path, ready } of PAGES) {
      requests = [];
      await page.goto(`${web.base}${path()}`);
      await ready(page);
      data[name] = requests;
      // Nothing wider than the screen: the page scrolls down, never sideways.
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      if (wide > viewport.width) {
        found[name] = [`${wide}px wide at ${viewport.width}px`];
        continue;
      }
      await expect.poll(() => page.title(), { message: name }).toMatch(/ · Earshot$/);
      const serious = (await axeViolations(page)).filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      );
      found[name] = serious.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      );
      await page.screenshot({ path: `${SHOTS}/${name}-${size}.png`, fullPage: size === 'desktop' });
    }
    await context.close();
    const login = await web.browser.newContext({ viewport });
    const loginPage = await login.newPage();
    await loginPage.goto(`${web.base}/app/`);
    await loginPage.getByLabel('Email').waitFor();
    found.login = (await axeViolations(loginPage))
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id);
    await loginPage.screenshot({ path: `${SHOTS}/login-${size}.png` });
    await login.close();
    expect(found).toEqual(Object.fromEntries([...PAGES.map((p) => [p.name, []]), ['login', []]]));
    const overBudget = Object.entries(data).filter(([, made]) => made.length > 2);
    expect(overBudget, 'pages whose data took more than two requests').toEqual([]);
  }, 120_000);
});
