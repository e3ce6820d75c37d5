// The verification page's trusted time, in Debian's Chromium: a hub configured with a real RFC 3161
// TSA (openssl ts -reply on loopback) stamps a deposit's checkpoint; the page, given the TSA's root
// (stated by the hub, or pasted by the court), checks the token in the browser and states the
// TSA's time beside the ledger's, and fails it against a root the TSA does not chain to.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { gql } from 'graphql-request';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeTestPki, startTestTsa, type TestPki, type TestTsa } from '../ledger/testing/tsa.js';
import { CHROMIUM, chromiumPresent, launchChromium } from './support/browser.js';
import { startTestHub, type TestHub } from './support/hub.js';
import { tempDir } from './support/tmp.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const poll = <T>(fn: () => T) => expect.poll(fn, { timeout: 20_000 });
const present = chromiumPresent();
if (!present && process.env.IPHUB_REQUIRE_BROWSER === '1') throw new Error(`no Chromium at ${CHROMIUM}, and IPHUB_REQUIRE_BROWSER=1`);
if (!present) console.warn(`skipping the trusted-time browser tests: no Chromium at ${CHROMIUM} (.ci/run installs Debian's chromium; or set IPHUB_CHROMIUM)`);

describe.skipIf(!present)('trusted time on the verification page in Chromium (RFC 3161)', () => {
  const files = tempDir('iphub-verify-tsa-');
  const content = Buffer.from('%PDF-1.7 专利许可合同 '.repeat(10_000));
  const digest = createHash('sha256').update(content).digest('hex');
  let pki: TestPki;
  let tsa: TestTsa;
  let t: TestHub;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    pki = await makeTestPki();
    tsa = await startTestTsa(pki);
    const roots = join(files.path, 'roots.pem');
    writeFileSync(roots, pki.rootPem);
    t = await startTestHub({ env: { IPHUB_TSA_URLS: tsa.url, IPHUB_TSA_ROOTS: roots, IPHUB_TSA_INTERVAL_MS: '1000' } });
    origin = t.hub.url.replace(/\/graphql$/, '');
    const staff = t.client(await t.key('CENTER_STAFF'));
    const { registerEnterprise } = await staff.request<{ registerEnterprise: { id: string } }>(gql`
      mutation {
        registerEnterprise(input: { uscc: "914403001922038216", name: "华为技术有限公司", regionCode: "440300", industry: "制造业" }) {
          id
        }
      }
    `);
    await staff.request(
      gql`
        mutation ($d: String!, $e: ID!) {
          depositEvidence(input: { contentDigest: $d, title: "专利许可合同", category: CONTRACT, depositorId: $e }) {
            id
          }
        }
      `,
      { d: digest, e: registerEnterprise.id },
    );
    // Until the TSA stamped a checkpoint covering it.
    for (let i = 0; i < 400 && (await t.hub.ledger.certificate(0)).trustedTime === undefined; i++) await new Promise((r) => setTimeout(r, 50));
    writeFileSync(join(files.path, 'contract.pdf'), content);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await tsa?.close();
    pki?.close();
    files.remove();
  });

  async function openPage(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    await page.goto(`${origin}/verify`);
    await poll(() => page.inputValue('#trusted-key')).toBe(t.hub.ledger.verifierKey);
    return { page, errors };
  }
  const trustedTimeCheck = (page: Page) => page.locator('article[data-verdict] li[data-check=trustedTime]');

  it("checks the token in the page against the TSA root the hub states, and states the TSA's time beside the ledger's", async () => {
    const { page, errors } = await openPage();
    await poll(() => page.inputValue('#tsa-roots')).toBe(pki.rootPem);
    expect(await page.locator('#tsa-roots-note').textContent()).toContain('These root certificates are as this hub states them');
    await page.setInputFiles('#file', join(files.path, 'contract.pdf'));
    const card = page.locator('article[data-verdict]');
    await poll(() => card.getAttribute('data-verdict')).toBe('pass');
    expect(await trustedTimeCheck(page).getAttribute('data-ok')).toBe('true');
    const words = await trustedTimeCheck(page).textContent();
    expect(words).toContain('时间戳服务机构 CN=IP Hub Test TSA, O=IP Hub tests 证明');
    expect(words).toMatch(/attests that the record existed no later than \d{4}-\d\d-\d\dT[\d:.]+Z \(±1 s\)/);
    expect(await card.locator('[data-fact=trusted-time]').textContent()).toMatch(/（北京时间）.* \(±1 s\) · CN=IP Hub Test TSA, O=IP Hub tests$/);
    expect(await card.locator('[data-fact=time]').textContent()).toContain('（北京时间）');
    await page.screenshot({ path: join(ARTIFACTS, 'verify-page-trusted-time.png'), fullPage: true });
    await page.context().close();
    expect(errors).toEqual([]);
  });

  it('fails the trusted time, saying why, against a root the TSA does not chain to', async () => {
    const { page, errors } = await openPage();
    await poll(() => page.inputValue('#tsa-roots')).toBe(pki.rootPem);
    await page.fill('#tsa-roots', pki.otherRootPem);
    await page.setInputFiles('#file', join(files.path, 'contract.pdf'));
    const card = page.locator('article[data-verdict]');
    await poll(() => card.getAttribute('data-verdict')).toBe('fail');
    expect(await trustedTimeCheck(page).getAttribute('data-ok')).toBe('false');
    expect(await trustedTimeCheck(page).textContent()).toContain('does not chain to a trusted root');
    await page.context().close();
    expect(errors).toEqual([]);
  });
});
