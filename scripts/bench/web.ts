/**
 * `npm run bench:web`: runs Earshot on the demo data (as `npm run demo` does), then loads each page
 * of the web app in Debian's chromium, cold (an empty cache each time), and prints the time until
 * the page shows its data and the bytes it took. A benchmark, not a test: nothing here fails on a
 * slow figure.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium.js';
import {
  buildEarshot,
  fmt,
  intArg,
  serviceUrls,
  sleep,
  startEarshot,
  stopProcess,
} from './common.js';

const PORT = intArg('port', 3914);
const RUNS = intArg('runs', 3);
const base = `http://127.0.0.1:${PORT}`;
const key = `esk_bench_${randomBytes(24).toString('base64url')}`;
const email = 'bench@example.com';
const password = randomBytes(12).toString('base64url');

interface Target {
  name: string;
  path: (alertId: string) => string;
  /** What the page shows once its data is in: the moment it is usable. */
  ready: (page: Page) => Promise<unknown>;
}

/** Ready once the first element of `selector` is on the page. */
const first = (selector: string) => (page: Page) => page.locator(selector).first().waitFor();

const PAGES: Target[] = [
  { name: 'sign-in', path: () => '/app/', ready: (p) => p.getByLabel('Email').waitFor() },
  { name: 'inbox', path: () => '/app/inbox', ready: first('.alerts li') },
  {
    name: 'alert detail',
    path: (id) => `/app/inbox/${id}`,
    ready: first('.alert-detail .timeline, .alert-detail p'),
  },
  { name: 'mentions', path: () => '/app/mentions', ready: first('.mention') },
  { name: 'advocates', path: () => '/app/advocates', ready: first('table.grid tbody tr') },
  { name: 'overview', path: () => '/app/overview', ready: first('.chart canvas') },
  { name: 'watches', path: () => '/app/watches', ready: first('table.grid tbody tr') },
  { name: 'team', path: () => '/app/team', ready: first('table.grid tbody tr') },
];

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${key}` } });
  if (!res.ok) {
    throw new Error(`${path}: ${res.status}`);
  }
  return (await res.json()) as T;
}

/** Waits until the demo's alerts stop changing in number (the replay is done), at most 2 minutes. */
async function settle(): Promise<string> {
  let last = -1;
  let steady = 0;
  for (let i = 0; i < 120 && steady < 3; i += 1) {
    await sleep(1000);
    const page = await api<{ items: Array<{ id: string }> }>('/alerts?limit=200').catch(() => null);
    const count = page?.items.length ?? -1;
    steady = count > 0 && count === last ? steady + 1 : 0;
    last = count;
  }
  const first = await api<{ items: Array<{ id: string }> }>('/alerts?limit=1');
  if (!first.items[0]) {
    throw new Error('the demo raised no alert');
  }
  return first.items[0].id;
}

async function sessionCookie(): Promise<string> {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = /earshot_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) {
    throw new Error(`sign-in failed: ${res.status}`);
  }
  return cookie;
}

interface Load {
  ms: number;
  requests: number;
  bytes: number;
  scriptBytes: number;
}

async function load(
  browser: Browser,
  cookie: string,
  target: Target,
  alertId: string,
): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  if (target.name !== 'sign-in') {
    await context.addCookies([{ name: 'earshot_session', value: cookie, url: base }]);
  }
  const page = await context.newPage();
  const responses: Array<Promise<{ bytes: number; script: boolean }>> = [];
  page.on('requestfinished', (request) => {
    responses.push(
      request.sizes().then((sizes) => ({
        bytes: sizes.responseBodySize + sizes.responseHeadersSize,
        script: request.resourceType() === 'script',
      })),
    );
  });
  const started = performance.now();
  await page.goto(`${base}${target.path(alertId)}`, { waitUntil: 'commit' });
  await target.ready(page);
  const ms = performance.now() - started;
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const sizes = await Promise.all(responses);
  await context.close();
  return {
    ms,
    requests: sizes.length,
    bytes: sizes.reduce((n, s) => n + s.bytes, 0),
    scriptBytes: sizes.filter((s) => s.script).reduce((n, s) => n + s.bytes, 0),
  };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<void> {
  const { redisUrl, mongoUrl } = serviceUrls();
  execFileSync('bash', ['scripts/browser.sh'], { stdio: 'inherit' });
  buildEarshot();
  const env = {
    REDIS_URL: redisUrl,
    MONGODB_URL: mongoUrl,
    MONGODB_DB: 'earshot_bench_web',
    QUEUE_PREFIX: 'earshot-bench-web',
    WATCHES_FILE: 'demo/watches.json',
    SCHEDULER_TICK: '*/5 * * * * *',
    PORT: String(PORT),
    LOG_LEVEL: 'warn',
    ADMIN_API_KEY: key,
    ADMIN_EMAIL: email,
    ADMIN_PASSWORD: password,
  };
  execFileSync(process.execPath, ['dist/scripts/demo-reset.js'], {
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  const earshot = startEarshot('all', env);
  const browser = await launchChromium();
  try {
    process.stderr.write('bench:web: waiting for the demo pipeline to settle…\n');
    const alertId = await settle();
    const cookie = await sessionCookie();
    await load(browser, cookie, PAGES[1]!, alertId); // warm the server, not the browser
    process.stdout.write(
      `bench:web: ${RUNS} cold loads per page (median), chromium 1280x800, demo data\n`,
    );
    process.stdout.write('page           time to data (ms)  requests  bytes (all)  bytes (JS)\n');
    for (const target of PAGES) {
      const runs: Load[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        runs.push(await load(browser, cookie, target, alertId));
      }
      const row = [
        target.name.padEnd(15),
        fmt(median(runs.map((r) => r.ms))).padStart(17),
        String(median(runs.map((r) => r.requests))).padStart(9),
        fmt(median(runs.map((r) => r.bytes))).padStart(12),
        fmt(median(runs.map((r) => r.scriptBytes))).padStart(11),
      ];
      process.stdout.write(`${row.join('  ')}\n`);
    }
  } finally {
    await browser.close();
    await stopProcess(earshot);
  }
}

await main();
