import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's chromium (scripts/browser.sh installs it), never a downloaded browser, for bench:web and
 * the browser tests. The flags keep it from reaching out to Google's hosts, which the closed network
 * refuses; --no-sandbox because it runs as root here.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: run bash scripts/browser.sh (apt-get install chromium)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    env: chromiumEnv(),
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * The environment chromium starts with: this process's, without libfaketime. The year-ahead test
 * pass (scripts/test.sh) runs node under libfaketime, which chromium would inherit through
 * LD_PRELOAD and then take over a minute to open a page; the browser tests that depend on the date
 * set the page's clock themselves (page.clock).
 */
export function chromiumEnv(): NodeJS.ProcessEnv {
  const { LD_PRELOAD: _preload, FAKETIME: _faketime, ...env } = process.env;
  return env;
}
