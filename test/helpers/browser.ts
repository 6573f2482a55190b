import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export { CHROMIUM, launchChromium } from '../../scripts/bench/chromium.js';

/**
 * Builds the web app from the current source (vite, about a second) into a folder of this test
 * file's own, so that test files running side by side never build over each other's.
 */
export function buildWeb(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-web-'));
  execFileSync(
    'npx',
    ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error', '--outDir', dir],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/**
 * axe-core from node_modules, evaluated through the DevTools protocol (the page's CSP forbids inline
 * scripts, and evaluate is not a page script), then run on the whole document.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    return (await axe.run(document)).violations;
  });
  return result.map(({ id, impact, help, nodes }) => ({
    id,
    impact,
    help,
    nodes: nodes.map((node) => ({ target: node.target })),
  }));
}
