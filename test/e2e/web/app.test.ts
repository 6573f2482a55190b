import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ObjectId } from 'mongodb';
import { OPERATIONS } from '../../../api/openapi.js';
import { seedAlert, seedMention } from '../../helpers/seed.js';
import { watchSubject } from '../../../domain/alert.js';
import { AlertService } from '../../../services/alerts/service.js';
import { PASSWORD, startWebRig, type WebRig } from './rig.js';

// A fixed instant for everything the tests store: no test reads the real clock.
const T0 = new Date('2026-11-02T10:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const WATCH = {
  id: 'acme',
  name: 'Acme',
  keywords: ['acme'],
  exclusions: [],
  sources: [{ type: 'replay' as const, file: 'demo/mentions.jsonl' }],
  schedule: '*/30 * * * * *',
  enabled: true,
};

// A browser on a shared 2-core machine: steps that take a second alone can take ten under load.
vi.setConfig({ testTimeout: 60_000 });

let web: WebRig;
let alertId: string;

beforeAll(async () => {
  web = await startWebRig('web');
  await web.rig.store.watches.upsert(WATCH);
  alertId = await seedAlert(web.rig, { authorId: 'grumpy', severity: 'high', at: at(0) });
  await seedAlert(web.rig, { authorId: 'cross', severity: 'low', at: at(1) });
  const hacker = await seedMention(web.rig, {
    authorId: 'hacker',
    text: '<img src=x onerror=alert(1)>',
    at: at(2),
  });
  // A post URL no source should give: it must never become a link.
  await web.rig.db
    .collection('mentions')
    .updateOne({ _id: new ObjectId(hacker.id) }, { $set: { url: 'javascript:alert(1)' } });
  const fan = await seedMention(web.rig, {
    authorId: 'fan1',
    label: 'positive',
    intents: ['recommendation'],
    at: at(3),
  });
  const profile = await web.rig.store.authors.applyMention(fan);
  await web.rig.store.authors.setDerived(profile.id, { advocateScore: 12.5 });
}, 120_000);

afterAll(async () => {
  await web?.close();
});

describe('sign-in', () => {
  it('says a password is wrong, then throttles the account', async () => {
    await web.rig.store.users.create({
      email: 'locked@earshot.test',
      name: 'Locked',
      role: 'agent',
      password: PASSWORD,
    });
    const context = await web.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${web.base}/app/`);
    const attempt = async () => {
      await page.getByLabel('Email').fill('locked@earshot.test');
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      return page.getByRole('alert').textContent();
    };
    expect(await attempt()).toContain('wrong email or password');
    await attempt();
    await attempt();
    await page.getByLabel('Email').fill('locked@earshot.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Even the right password is refused once the account's failures are spent.
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/too many failed sign-ins for this account; try again in \d+ minutes?/);
    await context.close();
  });
});

describe('roles', () => {
  it('shows marketing no triage buttons, and the server refuses it with 403', async () => {
    const { context, page } = await web.signIn('marketing');
    await page.goto(`${web.base}/app/inbox/${alertId}`);
    await page.getByRole('heading', { name: /grumpy/ }).waitFor();
    expect(await page.getByRole('button', { name: /Take/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Team' }).count()).toBe(0);
    const status = await page.evaluate(async (id) => {
      const me = (await (await fetch('/auth/me')).json()) as { csrf: string };
      const res = await fetch(`/alerts/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf },
        body: JSON.stringify({ status: 'dismissed' }),
      });
      return res.status;
    }, alertId);
    expect(status).toBe(403);
    await context.close();
  });
});

describe('inbox', () => {
  it('opens the alert the keys selected, even when they come faster than a render', async () => {
    const { context, page } = await web.signIn('agent');
    await page.goto(`${web.base}/app/inbox`);
    await page.locator('.alerts li[aria-current="true"]').waitFor();
    const second = await page.locator('.alerts li .who').nth(1).textContent();
    // j and Enter in one task: no render, and no effect, can run between them.
    await page.evaluate(() => {
      for (const key of ['j', 'Enter']) {
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      }
    });
    await page.getByRole('heading', { name: new RegExp(second ?? 'no second row') }).waitFor();
    await context.close();
  });

  it('triages by keyboard to a resolved alert whose history names the user', async () => {
    const { context, page } = await web.signIn('agent');
    await page.goto(`${web.base}/app/inbox`);
    const rows = page.locator('.alerts li');
    await rows.filter({ hasText: 'grumpy' }).waitFor();
    // Down with j until grumpy's alert is the current row (live alerts may reorder the list).
    const current = page.locator('.alerts li[aria-current="true"]');
    await current.waitFor();
    for (let i = 0; i < 50 && !(await current.textContent())?.includes('grumpy'); i += 1) {
      await page.keyboard.press('j');
    }
    await current.filter({ hasText: 'grumpy' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /grumpy/ }).waitFor();
    await page.keyboard.press('a');
    await page.getByText('assigned to agent@earshot.test').waitFor();
    await page.keyboard.press('e');
    await page.getByLabel('Note (what was done)').fill('Refund sent');
    await page.keyboard.press('Enter');
    await page
      .locator('.alert-detail .meta', { hasText: /^resolved · assigned to agent@earshot\.test/ })
      .waitFor();
    const alert = await web.rig.store.alerts.triage.get(alertId);
    expect(alert?.status).toBe('resolved');
    expect(alert?.history.map((change) => [change.field, change.by])).toEqual([
      ['status', 'agent@earshot.test'],
      ['assignee', 'agent@earshot.test'],
      ['status', 'agent@earshot.test'],
      ['note', 'agent@earshot.test'],
    ]);
    await expect
      .poll(() => page.locator('.timeline').textContent())
      .toContain('noted: Refund sent');
    await context.close();
  });

  it('shows a change made in one browser in another open one', async () => {
    const watcher = await web.signIn('manager');
    await watcher.page.goto(`${web.base}/app/inbox`);
    const row = watcher.page.locator('.alerts li', { hasText: 'cross' });
    await row.locator('.state', { hasText: 'open' }).waitFor();
    const actor = await web.signIn('agent');
    await actor.page.goto(`${web.base}/app/inbox`);
    await actor.page.locator('.alerts li a', { hasText: 'cross' }).click();
    await actor.page.getByRole('button', { name: 'Take (a)' }).click();
    await actor.page.getByText('assigned to agent@earshot.test').waitFor();
    await row.locator('.state', { hasText: 'acknowledged' }).waitFor({ timeout: 10_000 });
    await watcher.context.close();
    await actor.context.close();
  });

  it('shows a new alert live, with the unread count in the title', async () => {
    const { context, page } = await web.signIn('agent');
    // The inbox may be empty by now (earlier tests closed its alerts): wait for this page's list
    // and stream themselves (the sign-in page made its own before the listener).
    const seen = new Set<string>();
    page.on('response', (res) => {
      seen.add(
        res.url().includes('/alerts/stream')
          ? 'stream'
          : res.url().includes('/alerts?')
            ? 'list'
            : 'other',
      );
    });
    await page.goto(`${web.base}/app/inbox`);
    await expect.poll(() => seen.has('stream') && seen.has('list')).toBe(true);
    await page.locator('section[aria-label="Alerts"][aria-busy="false"]').waitFor();
    await seedAlert(web.rig, { authorId: 'newcomer', severity: 'critical', at: at(10) });
    await page.locator('.alerts li', { hasText: 'newcomer' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => page.title()).toBe('(1) Inbox · Earshot');
    await context.close();
  });
});

describe('inbox keys and filters', () => {
  it('lists the keys with ?, and dismisses the open alert with #, listed or not', async () => {
    // Opened by its address, and not in the list (taken already, the list shows open alerts):
    // the keys act on it, not on the list's selected row.
    const id = await seedAlert(web.rig, { authorId: 'dismissable', severity: 'low', at: at(20) });
    const bystander = await seedAlert(web.rig, { authorId: 'bystander', at: at(20.5) });
    await new AlertService(web.rig.store).triage(
      id,
      { assignee: 'agent@earshot.test', status: 'acknowledged' },
      'agent@earshot.test',
    );
    const { context, page } = await web.signIn('agent');
    await page.goto(`${web.base}/app/inbox/${id}`);
    await page.getByRole('heading', { name: /dismissable/ }).waitFor();
    const help = page.getByRole('dialog', { name: 'Keyboard' });
    // Pressed again until the page listens (its key handler is set after the first paint); a ?
    // while the list is open is ignored, so a repeat is harmless.
    await expect
      .poll(async () => {
        await page.keyboard.press('?');
        return help.isVisible();
      })
      .toBe(true);
    const keys = await help.locator('dt').allTextContents();
    expect(keys).toEqual(['j / k', 'Enter', 'a', 'e', '#', '?']);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    // Pressed again, a second later, while the alert is not dismissed: in one fresh-clone CI run
    // a # after the key list closed changed nothing, not reproduced here under load or not. A
    // second # on a dismissed alert cannot change it again.
    await expect
      .poll(
        async () => {
          if ((await web.rig.store.alerts.triage.get(id))?.status !== 'dismissed') {
            await page.keyboard.press('#');
          }
          return (await web.rig.store.alerts.triage.get(id))?.status;
        },
        { interval: 1000, timeout: 15_000 },
      )
      .toBe('dismissed');
    await page.locator('.alert-detail .meta', { hasText: /^dismissed/ }).waitFor();
    const alert = await web.rig.store.alerts.triage.get(id);
    expect(alert?.status).toBe('dismissed');
    expect(alert?.history.at(-1)).toMatchObject({ field: 'status', by: 'agent@earshot.test' });
    expect((await web.rig.store.alerts.triage.get(bystander))?.status).toBe('open');
    await context.close();
  });

  it('shows only the alerts I took with "Mine", whatever their status', async () => {
    const mine = await seedAlert(web.rig, { authorId: 'taken_by_me', at: at(21) });
    await seedAlert(web.rig, { authorId: 'not_mine', at: at(22) });
    await new AlertService(web.rig.store).triage(
      mine,
      { assignee: 'agent@earshot.test', status: 'acknowledged' },
      'agent@earshot.test',
    );
    const { context, page } = await web.signIn('agent');
    await page.goto(`${web.base}/app/inbox`);
    await page.locator('.alerts li', { hasText: 'not_mine' }).waitFor();
    await page.getByRole('button', { name: 'Mine' }).click();
    await page.locator('.alerts li', { hasText: 'taken_by_me' }).waitFor();
    // Earlier tests had the agent take alerts too: "Mine" is every one of them, open or not.
    const assigned = await web.rig.store.alerts.triage.search(
      { assignee: 'agent@earshot.test' },
      'newest',
      100,
      null,
    );
    await expect
      .poll(() => page.locator('.alerts li .who').allTextContents())
      .toEqual(assigned.map((alert) => alert.authorHandle));
    expect(assigned.map((alert) => alert.authorHandle)).toContain('taken_by_me');
    expect(assigned.map((alert) => alert.authorHandle)).not.toContain('not_mine');
    await context.close();
  });
});

describe('mentions', () => {
  it('shows a mention written as HTML as its text, and no link for a javascript: URL', async () => {
    const { context, page } = await web.signIn('agent');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${web.base}/app/mentions`);
    const card = page.locator('.mention', { hasText: '<img src=x onerror=alert(1)>' });
    await card.waitFor();
    expect(await card.locator('img').count()).toBe(0);
    expect(await card.locator('a').count()).toBe(0);
    expect(dialogs).toEqual([]);
    // Other posts' links: http(s), in a new tab that cannot reach back to the app.
    const link = page.getByRole('link', { name: 'original post' }).first();
    expect(await link.getAttribute('href')).toMatch(/^https:\/\//);
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    await context.close();
  });
});

describe('mentions search', () => {
  it('filters by label, intent and text, each row with its label, score, intents and why', async () => {
    const praise = await seedMention(web.rig, {
      authorId: 'praiser',
      label: 'positive',
      intents: ['praise'],
      text: 'Acme support was quick and kind',
      at: at(30),
    });
    // The analyzer's words for it (seedMention stores none).
    await web.rig.db
      .collection('mentions')
      .updateOne(
        { _id: new ObjectId(praise.id) },
        { $set: { 'analysis.evidence': ['"quick" (+2)', '"kind" (+2)'] } },
      );
    const { context, page } = await web.signIn('marketing');
    await page.goto(`${web.base}/app/mentions`);
    await page.locator('.mention').first().waitFor();
    await page.getByLabel('Label').selectOption('positive');
    await page.getByLabel('Intent').selectOption('praise');
    await page.getByLabel('Text').fill('support');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect
      .poll(() => page.locator('.mention .text').allTextContents())
      .toEqual(['Acme support was quick and kind']);
    const meta = await page.locator('.mention .meta').first().textContent();
    expect(meta).toMatch(/^positive score 0\.80 praise · replay · praiser/);
    expect(await page.locator('.mention .why').textContent()).toBe(
      'Why: "quick" (+2), "kind" (+2)',
    );
    // Marketing may not triage: no correction control.
    expect(await page.getByLabel('Correct label').count()).toBe(0);
    await context.close();
  });
});

// PATCH /mentions/:id is the learning issue's route (#17): where it is not served, this test is skipped.
const correctable = OPERATIONS.some((op) => op.method === 'patch' && op.path === '/mentions/:id');

describe('label corrections', () => {
  it.runIf(correctable)('stores a correction made in the Mentions page', async () => {
    const { context, page } = await web.signIn('agent');
    await page.goto(`${web.base}/app/mentions`);
    const card = page.locator('.mention', { hasText: '<img src=x onerror=alert(1)>' });
    await card.getByLabel('Correct label').selectOption('positive');
    const [response] = await Promise.all([
      page.waitForResponse((res) => res.request().method() === 'PATCH'),
      card.getByRole('button', { name: 'Save' }).click(),
    ]);
    expect(response.status()).toBe(200);
    await card.getByText('Saved: positive').waitFor();
    const [correction] = await web.rig.store.corrections.list('acme', 10, false);
    expect(correction).toMatchObject({
      from: 'negative',
      to: 'positive',
      by: 'agent@earshot.test',
      text: '<img src=x onerror=alert(1)>',
    });
    await context.close();
  });
});

describe('advocates', () => {
  it('downloads the ranking as CSV, and filters it by source', async () => {
    const { context, page } = await web.signIn('marketing');
    await page.goto(`${web.base}/app/advocates`);
    await page.getByRole('link', { name: 'fan1' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('advocates.csv');
    const lines = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^rank,watch,source,author_id,handle/);
    expect(lines[1]).toContain(',fan1,');
    expect(lines).toHaveLength(2);
    // A filter narrows the ranking, and the CSV link with it.
    await page.getByLabel('Source').selectOption('hackernews');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No advocates match.').waitFor();
    expect(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toContain(
      'source=hackernews',
    );
    await context.close();
  });
});

describe('watches', () => {
  it('refuses a bad schedule at the field, then saves the fixed one', async () => {
    const { context, page } = await web.signIn('manager');
    await page.goto(`${web.base}/app/watches/acme`);
    const schedule = page.getByLabel(/Schedule/);
    await expect.poll(() => schedule.inputValue()).toBe(WATCH.schedule);
    await schedule.fill('every minute');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('#f-schedule-error').textContent())
      .toContain('not a valid cron expression');
    expect(await schedule.getAttribute('aria-invalid')).toBe('true');
    expect((await web.rig.store.watches.get('acme'))?.schedule).toBe(WATCH.schedule);
    await schedule.fill('*/5 * * * *');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved Acme').waitFor();
    expect((await web.rig.store.watches.get('acme'))?.schedule).toBe('*/5 * * * *');
    expect(await page.locator('#f-schedule-error').count()).toBe(0);
    await context.close();
  });

  it('shows the next runs and sends a test notification that reaches the channel', async () => {
    const received: string[] = [];
    const hook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push(body);
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    const stored = (await web.rig.store.watches.get('acme'))!;
    await web.rig.store.watches.upsert({
      ...stored,
      alerting: {
        channels: [
          { id: 'ops', type: 'webhook', url, secret: 'browser-test-secret', minSeverity: 'low' },
        ],
      },
    });
    const { context, page } = await web.signIn('manager');
    await page.goto(`${web.base}/app/watches/acme`);
    await page.getByText(/Next runs/).waitFor();
    await page.getByRole('button', { name: 'Send a test notification to ops' }).click();
    await page.getByText(/Delivered: ops accepted/).waitFor();
    expect(received.at(-1)).toContain('Test notification from Earshot');
    hook.close();
    await context.close();
  });
  it('edits channels: adds one, changes a saved one, and keeps its masked URL and secret', async () => {
    const stored = (await web.rig.store.watches.get('acme'))!;
    const secret = 'browser-channel-secret-1234';
    const saved = { id: 'ops', type: 'webhook' as const, url: 'http://127.0.0.1:9/ops', secret };
    await web.rig.store.watches.upsert({
      ...stored,
      alerting: { channels: [{ ...saved, minSeverity: 'low' }] },
    });
    const { context, page } = await web.signIn('manager');
    await page.goto(`${web.base}/app/watches/acme`);
    const firstUrl = page.getByLabel('Channel 1 URL');
    await expect.poll(() => firstUrl.inputValue()).toBe('http://127.0.0.1:9/********');
    expect(await page.getByLabel('Channel 1 id').isDisabled()).toBe(true);
    await page.getByLabel('Channel 1 from severity').selectOption('high');
    await page.getByRole('button', { name: 'Add a channel' }).click();
    await page.getByLabel('Channel 2 id').fill('night');
    await page.getByLabel('Channel 2 URL').fill('not a url');
    await page.getByRole('button', { name: 'Save' }).click();
    // Refused at the field; nothing saved.
    await page.locator('#f-alerting-channels-1-url-error').waitFor();
    expect((await web.rig.store.watches.get('acme'))?.alerting?.channels).toHaveLength(1);
    await page.getByLabel('Channel 2 URL').fill('http://127.0.0.1:9/night');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved Acme').waitFor();
    const channels = (await web.rig.store.watches.get('acme'))?.alerting?.channels;
    expect(channels).toEqual([
      { ...saved, minSeverity: 'high' },
      { id: 'night', type: 'slack', url: 'http://127.0.0.1:9/night', minSeverity: 'medium' },
    ]);
    await page.getByRole('button', { name: 'Remove channel 2' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => (await web.rig.store.watches.get('acme'))?.alerting?.channels.length)
      .toBe(1);
    await context.close();
  });
});

describe('refusals', () => {
  let attacker: Server;
  afterAll(() => attacker?.close());

  it('refuses a cross-site form post that carries the session cookie', async () => {
    const { context, page } = await web.signIn('admin');
    // Another origin on the same host (same site, so even SameSite=Strict sends the cookie): only
    // the CSRF token stops it.
    const body = JSON.stringify({
      email: 'evil@earshot.test',
      name: 'x',
      role: 'admin',
      password: 'p'.repeat(12),
    });
    attacker = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(
        `<form method="post" action="${web.base}/users" enctype="text/plain"><input name='${body.slice(0, -1)},"pad":"' value='"}'><button>Win a prize</button></form>`,
      );
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => attacker.once('listening', resolve));
    await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
    await Promise.all([
      page.waitForURL(`${web.base}/users`),
      page.getByRole('button', { name: 'Win a prize' }).click(),
    ]);
    expect(await page.textContent('body')).toContain(
      "x-csrf-token: a browser request that changes something must carry the session's CSRF token",
    );
    expect(await web.rig.store.users.byEmail('evil@earshot.test')).toBeNull();
    await context.close();
  });

  it('ends the session in every browser on "sign out everywhere"', async () => {
    const first = await web.signIn('admin');
    const second = await web.signIn('admin');
    await first.page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await first.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await second.page.reload();
    await second.page.getByRole('button', { name: 'Sign in' }).waitFor();
    const status = await second.page.evaluate(async () => (await fetch('/auth/me')).status);
    expect(status).toBe(401);
    await first.context.close();
    await second.context.close();
  });
});

describe('overview', () => {
  it('marks a spike at the hour it happened, over a chosen range of days', async () => {
    // Raised now, about an hour of T0's day: a replay, or a source read late.
    const samples = [
      await seedMention(web.rig, { authorId: 'spiky1', at: at(120) }),
      await seedMention(web.rig, { authorId: 'spiky2', at: at(190) }),
    ];
    await new AlertService(web.rig.store).apply(
      [
        {
          kind: 'raise',
          decision: {
            type: 'negative_spike',
            severity: 'high',
            score: 6,
            reason: 'seeded spike',
            factors: { zScore: 6 },
          },
          subject: watchSubject('acme'),
          mentions: samples,
        },
      ],
      0,
    );
    const { context, page } = await web.signIn('manager');
    await page.goto(`${web.base}/app/overview`);
    await page.getByRole('heading', { name: 'Acme' }).waitFor();
    await page.getByLabel('Range').selectOption('custom');
    await page.getByLabel('From (day)').fill('2026-11-02');
    await page.getByLabel('To (day, included)').fill('2026-11-02');
    const hour = (n: number) =>
      at(n).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
    await expect
      .poll(() => page.locator('.chart figcaption').textContent())
      .toContain(`negative spikes at ${hour(120)}, ${hour(180)}`);
    await context.close();
  });
});

describe('team', () => {
  it('lets an admin add a person, and create a key shown once, then revoke it', async () => {
    const { context, page } = await web.signIn('admin');
    await page.goto(`${web.base}/app/team`);
    await page.getByLabel('Email').fill('new.hire@earshot.test');
    await page.getByLabel('Name', { exact: true }).fill('New Hire');
    await page.getByLabel('Role', { exact: true }).selectOption('marketing');
    await page.getByLabel('Password (10+ characters)').fill('short');
    await page.getByRole('button', { name: 'Add user' }).click();
    // The API's refusal shows at the field it names; nothing is stored.
    await page.locator('#user-password-error').waitFor();
    expect(await web.rig.store.users.byEmail('new.hire@earshot.test')).toBeNull();
    await page.getByLabel('Password (10+ characters)').fill('a long enough password');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('cell', { name: 'new.hire@earshot.test', exact: true }).waitFor();
    expect(await web.rig.store.users.byEmail('new.hire@earshot.test')).toMatchObject({
      name: 'New Hire',
      role: 'marketing',
    });

    await page.getByLabel('Key name').fill('crm-sync');
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = await page.locator('.secret').textContent();
    const key = /(esk_\S+)/.exec(shown ?? '')?.[1];
    expect(key, shown ?? '').toBeDefined();
    const works = await fetch(`${web.base}/alerts?limit=1`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(works.status).toBe(200);
    await page.getByRole('button', { name: 'Revoke crm-sync' }).click();
    await page.getByRole('cell', { name: /^revoked/ }).waitFor();
    const refused = await fetch(`${web.base}/alerts?limit=1`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(refused.status).toBe(401);
    await context.close();
  });
});

describe('new watch', () => {
  it('refuses a source without its field at that field, then creates the watch', async () => {
    const { context, page } = await web.signIn('manager');
    await page.goto(`${web.base}/app/watches`);
    await page.getByRole('link', { name: 'New watch' }).click();
    await page.getByLabel(/^Id/).fill('globex');
    await page.getByLabel('Name').fill('Globex');
    await page.getByLabel(/^Keywords/).fill('globex\nglobex corp');
    await page.getByLabel('Source 1 type').selectOption('rss');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('#f-sources-0-url-error').textContent())
      .toContain('rss needs a url');
    expect(await web.rig.store.watches.get('globex')).toBeNull();
    await page.getByLabel('url').fill('https://globex.example/feed.xml');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Watch Globex' }).waitFor();
    expect(await web.rig.store.watches.get('globex')).toMatchObject({
      keywords: ['globex', 'globex corp'],
      sources: [{ type: 'rss', url: 'https://globex.example/feed.xml' }],
    });
    await context.close();
  });
});

describe('offline', () => {
  it('serves the app under a strict CSP, loads nothing from elsewhere, and its JS in 200 kB', async () => {
    const res = await fetch(`${web.base}/app/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    // Scripts only by src, from this origin's /app: no inline script, no CDN.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="\/app\//);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const { context, page } = await web.signIn('admin');
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(web.base)) {
        elsewhere.push(request.url());
      }
    });
    for (const path of ['inbox', 'mentions', 'advocates', 'overview', 'watches', 'team']) {
      await page.goto(`${web.base}/app/${path}`);
      await page.locator('main h1').first().waitFor();
    }
    expect(elsewhere).toEqual([]);
    await context.close();
    // The first page's JavaScript as it crosses the wire (gzipped), from an empty cache: within
    // the 200 kB budget.
    const fresh = await web.browser.newContext();
    const first = await fresh.newPage();
    const scriptSizes: Array<Promise<number>> = [];
    first.on('requestfinished', (request) => {
      if (request.resourceType() === 'script') {
        scriptSizes.push(request.sizes().then((sizes) => sizes.responseBodySize));
      }
    });
    await first.goto(`${web.base}/app/`);
    await first.getByLabel('Email').waitFor();
    const bytes = (await Promise.all(scriptSizes)).reduce((sum, size) => sum + size, 0);
    expect(bytes).toBeGreaterThan(10_000);
    expect(bytes).toBeLessThanOrEqual(200_000);
    await fresh.close();
  });
});
