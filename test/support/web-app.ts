// Driving the people's web application in Chromium: a page watched for what must never happen
// (console errors, uncaught exceptions, CSP refusals, requests leaving the hub's origin), axe-core
// run in the page, signing in through the form, screenshots kept under test/artifacts/.
import { fileURLToPath } from 'node:url';

import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 812 };

export interface Watched {
  readonly page: Page;
  /** Everything that went wrong in the page so far, as lines a person can read. */
  readonly problems: string[];
  close(): Promise<void>;
}

/** A fresh context (its own cookies and storage) at `viewport`, watched from its first request. */
export async function openWatched(browser: Browser, origin: string, viewport = DESKTOP): Promise<Watched> {
  // Reduced motion: antd then draws no animations, whose frames would be checked half-faded.
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true, reducedMotion: 'reduce' });
  const problems: string[] = [];
  // Every page of the context, the ones a link opens included.
  context.on('page', (page) => {
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()} ${m.location().url}`)));
  });
  context.on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin) problems.push(`left the origin: ${r.url()}`);
  });
  const page = await context.newPage();
  return { page, problems, close: () => context.close() };
}

/** Signs in through the form (the test ids are a contract) and waits for the role's menu. */
export async function signInThroughPage(page: Page, origin: string, username: string, password: string, path = '/'): Promise<void> {
  await page.goto(`${origin}${path}`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('logout').waitFor();
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A and AA). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol, which the page's CSP does not govern.
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    interface AxeViolation {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[]; any: { data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } | null }[] }[];
    }
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    // A contrast failure says which colours, so that it can be mended.
    const where = (n: AxeViolation['nodes'][number]) => {
      const data = n.any[0]?.data;
      return data?.fgColor === undefined ? n.target.join(' ') : `${n.target.join(' ')} ${data.fgColor} on ${data.bgColor} = ${data.contrastRatio}`;
    };
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map(where) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.join(', ')})`);
}

export function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: `${ARTIFACTS}app-${name}.png`, fullPage: true });
}
