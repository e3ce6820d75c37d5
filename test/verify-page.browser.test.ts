// The verification page at /verify, in a real browser: Debian's Chromium driven by
// playwright-core (.ci/run installs it). A file deposited through the API verifies on the page;
// a changed one does not; certificates download as JSON and as a printable page.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { gql } from 'graphql-request';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { generateSigner, verifierKey } from '../ledger/index.js';
import { CHROMIUM, chromiumPresent, launchChromium } from './support/browser.js';
import { startTestHub, type TestHub } from './support/hub.js';
import { tempDir } from './support/tmp.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
/** expect.poll, waiting as long as a busy machine needs for the page to get there (vitest's default gives up after 1 s). */
const poll = <T>(fn: () => T) => expect.poll(fn, { timeout: 20_000 });
const present = chromiumPresent();
if (!present && process.env.IPHUB_REQUIRE_BROWSER === '1') throw new Error(`no Chromium at ${CHROMIUM}, and IPHUB_REQUIRE_BROWSER=1`);
if (!present) console.warn(`skipping the browser tests: no Chromium at ${CHROMIUM} (.ci/run installs Debian's chromium; or set IPHUB_CHROMIUM)`);

describe.skipIf(!present)('the verification page in Chromium', () => {
  let t: TestHub;
  let browser: Browser;
  let origin: string;
  let enterpriseId: string;
  let seq: number;
  const files = tempDir('iphub-verify-page-');
  const contract = join(files.path, '采购合同.pdf');
  const changed = join(files.path, '采购合同-改.pdf');
  const content = Buffer.from('%PDF-1.7 采购合同 甲方 乙方 '.repeat(20_000));

  beforeAll(async () => {
    t = await startTestHub();
    origin = t.hub.url.replace(/\/graphql$/, '');
    writeFileSync(contract, content);
    const altered = Buffer.from(content);
    altered[altered.length - 1]! ^= 1;
    writeFileSync(changed, altered);
    const staff = t.client(await t.key('CENTER_STAFF'));
    const { registerEnterprise } = await staff.request<{ registerEnterprise: { id: string } }>(gql`
      mutation {
        registerEnterprise(input: { uscc: "914403001922038216", name: "华为技术有限公司", regionCode: "440300", industry: "制造业" }) {
          id
        }
      }
    `);
    enterpriseId = registerEnterprise.id;
    const { depositEvidence } = await staff.request<{ depositEvidence: { receipt: { seq: number } } }>(
      gql`
        mutation ($d: String!, $e: ID!) {
          depositEvidence(input: { contentDigest: $d, title: "采购合同", category: CONTRACT, depositorId: $e }) {
            receipt {
              seq
            }
          }
        }
      `,
      { d: createHash('sha256').update(content).digest('hex'), e: enterpriseId },
    );
    seq = depositEvidence.receipt.seq;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    files.remove();
  });

  const pageErrors = new Map<Page, string[]>();

  /** A fresh browser context (its own storage) on the page, with the hub's key filled in. */
  async function openPage(): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    pageErrors.set(page, errors);
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => void (m.type() === 'error' && errors.push(`${m.text()} ${m.location().url}`)));
    await page.goto(`${origin}/verify`);
    await poll(() => page.inputValue('#trusted-key')).toBe(t.hub.ledger.verifierKey);
    return page;
  }

  /** Closes the page, which must have logged no error. */
  async function done(page: Page): Promise<void> {
    await page.context().close();
    expect(pageErrors.get(page), 'errors in the page').toEqual([]);
  }

  const checks = (page: Page) =>
    page.$$eval('article[data-verdict] li[data-check]', (items) =>
      Object.fromEntries(items.map((li) => [li.getAttribute('data-check'), li.getAttribute('data-ok') === 'true'])),
    );

  it('verifies a deposited file chosen on it, hashing it in the page, and says so in Chinese and English', async () => {
    const page = await openPage();
    const bodies: Buffer[] = [];
    page.on('request', (r) => void bodies.push(r.postDataBuffer() ?? Buffer.alloc(0)));
    await page.setInputFiles('#file', contract);
    const card = page.locator('article[data-verdict]');
    await poll(() => card.getAttribute('data-verdict')).toBe('pass');
    expect(await checks(page)).toEqual({ digest: true, entryHash: true, inclusion: true, checkpointSignature: true, consistency: true });
    expect(await page.inputValue('#digest')).toBe(createHash('sha256').update(content).digest('hex'));
    expect(await card.locator('[data-fact=depositor]').textContent()).toBe(enterpriseId);
    expect(await card.locator('[data-fact=position]').textContent()).toContain(`entry ${seq}`);
    expect(await card.locator('[data-fact=title]').textContent()).toBe('采购合同');
    expect(await card.locator('[data-fact=checkpoint]').textContent()).toMatch(/^iphub\S* · (\d+) 条记录 · \1 entr(y|ies) · root [0-9a-f]{64}$/);
    const verdict = await card.locator('.verdict').textContent();
    expect(verdict).toContain('核验通过');
    expect(verdict).toContain('Verified');
    // The key was the hub's own, and the card says the verdict rests on it.
    expect(await card.getAttribute('data-key-source')).toBe('hub');
    expect(await card.locator('[data-note=key-caveat]').textContent()).toContain('Checked only against the key this hub states');
    // The file itself never left the page: only its digest did.
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) {
      expect(body.length).toBeLessThan(4096);
      expect(body.toString()).not.toContain('采购合同 甲方');
    }
    await page.screenshot({ path: join(ARTIFACTS, 'verify-page-verified.png'), fullPage: true });
    await done(page);
  });

  it('fails a changed file dropped on it: the hub holds no deposit of it', async () => {
    const page = await openPage();
    const dataTransfer = await page.evaluateHandle(
      ([name, base64]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name));
        return dt;
      },
      ['采购合同-改.pdf', readFileSync(changed).toString('base64')] as const,
    );
    await page.dispatchEvent('#drop', 'drop', { dataTransfer });
    await poll(() => page.inputValue('#digest')).toBe(createHash('sha256').update(readFileSync(changed)).digest('hex'));
    const card = page.locator('article[data-verdict]');
    await poll(() => card.getAttribute('data-verdict')).toBe('fail');
    expect(await checks(page)).toEqual({ deposit: false });
    expect(await card.locator('.verdict').textContent()).toContain('核验未通过');
    await page.screenshot({ path: join(ARTIFACTS, 'verify-page-changed-file.png'), fullPage: true });
    await done(page);
  });

  it('opened from a link (/verify?digest=), says only that a deposit is on record until it fingerprints a file, and fails a forged one', async () => {
    const digest = createHash('sha256').update(content).digest('hex');
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    pageErrors.set(page, errors);
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/verify?digest=${digest}`);
    const card = page.locator('article[data-verdict]');
    await poll(() => card.getAttribute('data-verdict')).toBe('deposit-only');
    // No green verdict, no "the file is exactly the one deposited": no file was hashed.
    expect(await card.getAttribute('class')).not.toContain('pass');
    const verdict = (await card.locator('.verdict').textContent())!;
    expect(verdict).toContain('尚未核对文件');
    expect(verdict).toContain('no file has been checked');
    expect(verdict).not.toContain('Verified');
    expect(await card.locator('li[data-check=digest]').textContent()).not.toContain('exactly the one deposited');
    expect(await card.locator('[data-note=file-needed]').textContent()).toContain('Choose or drop the file');
    await page.screenshot({ path: join(ARTIFACTS, 'verify-page-link-no-file.png'), fullPage: true });

    // The clerk is handed a forged file with the genuine link: it fails.
    await page.setInputFiles('#file', changed);
    await poll(() => card.getAttribute('data-verdict')).toBe('fail');
    // The genuine file: now, and only now, the file is the one deposited.
    await page.setInputFiles('#file', contract);
    await poll(() => card.getAttribute('data-verdict')).toBe('pass');
    expect(await card.locator('li[data-check=digest]').textContent()).toContain('The file is exactly the one deposited');
    await done(page);
  });

  it('checks a loaded certificate offline: a changed file fails only the fingerprint check', async () => {
    const certificate = join(files.path, 'certificate.json');
    writeFileSync(certificate, JSON.stringify(await t.hub.ledger.certificate(seq)));
    const page = await openPage();
    await page.setInputFiles('#certificate', certificate);
    await page.setInputFiles('#file', changed);
    await poll(() => page.locator('article[data-verdict]').getAttribute('data-verdict')).toBe('fail');
    expect(await checks(page)).toEqual({ digest: false, entryHash: true, inclusion: true, checkpointSignature: true, consistency: true });
    expect(await page.locator('li[data-check=digest]').textContent()).toContain('The file is not the one deposited');
    await page.setInputFiles('#file', contract);
    await poll(() => page.locator('article[data-verdict]').getAttribute('data-verdict')).toBe('pass');
    await done(page);
  });

  it('downloads the standard proof (c2sp.org/tlog-proof@v1) and checks one loaded with the file, offline', async () => {
    const page = await openPage();
    await page.setInputFiles('#file', contract);
    await poll(() => page.locator('article[data-verdict]').getAttribute('data-verdict')).toBe('pass');
    const [proof] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=download-tlog-proof]')]);
    expect(proof.suggestedFilename()).toBe(`iphub-certificate-${seq}.tlog-proof`);
    const text = readFileSync(await proof.path(), 'utf8');
    expect(text.split('\n').slice(0, 3)).toEqual(['c2sp.org/tlog-proof@v1', expect.stringMatching(/^extra /), `index ${seq}`]);
    await done(page);

    const loaded = await openPage();
    const file = join(files.path, `iphub-certificate-${seq}.tlog-proof`);
    writeFileSync(file, text);
    await loaded.setInputFiles('#certificate', file);
    await loaded.setInputFiles('#file', changed);
    await poll(() => loaded.locator('article[data-verdict]').getAttribute('data-verdict')).toBe('fail');
    expect((await checks(loaded)).digest).toBe(false);
    await loaded.setInputFiles('#file', contract);
    await poll(() => loaded.locator('article[data-verdict]').getAttribute('data-verdict')).toBe('pass');
    // A changed line fails: the index, here.
    writeFileSync(file, text.replace(`index ${seq}\n`, `index ${seq + 1}\n`));
    await done(loaded);
    const tampered = await openPage();
    await tampered.setInputFiles('#certificate', file);
    await tampered.setInputFiles('#file', contract);
    await poll(() => tampered.locator('article[data-verdict]').getAttribute('data-verdict')).toBe('fail');
    expect(await checks(tampered)).toMatchObject({ digest: true, entryHash: true, inclusion: false });
    await done(tampered);
  });

  it('checks the PDF certificate (GET /certificates/<seq>.pdf) loaded with the file, offline, from the certificate the PDF carries', async () => {
    const res = await fetch(`${origin}/certificates/${seq}.pdf`, { headers: { authorization: `Bearer ${await t.key('CENTER_STAFF')}` } });
    expect(res.status).toBe(200);
    const pdf = join(files.path, `iphub-certificate-${seq}.pdf`);
    writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
    const page = await openPage();
    // pdf-lib comes in its own chunk, only once a PDF is loaded.
    const scripts: string[] = [];
    page.on('request', (r) => void (r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname)));
    await page.setInputFiles('#file', changed);
    await poll(() => page.locator('article[data-verdict]').count()).toBeGreaterThan(0);
    expect(scripts).toEqual([]);
    await page.setInputFiles('#certificate', pdf);
    await poll(() => page.locator('#certificate-name').textContent()).toContain(`iphub-certificate-${seq}.pdf`);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((s) => /^\/verify\/verify-[a-z0-9-]+\.js$/.test(s))).toBe(true);
    // Loaded with a changed file: only the fingerprint fails; with the deposited one, it verifies.
    await poll(() => page.locator('article[data-verdict]').getAttribute('data-verdict')).toBe('fail');
    expect(await checks(page)).toMatchObject({ digest: false, entryHash: true, inclusion: true, checkpointSignature: true });
    await page.setInputFiles('#file', contract);
    await poll(() => page.locator('article[data-verdict]').getAttribute('data-verdict')).toBe('pass');
    expect(await checks(page)).toMatchObject({ digest: true, entryHash: true, inclusion: true, checkpointSignature: true });
    await done(page);
  });

  it('downloads the certificate as JSON and as a printable page that stands alone', async () => {
    const page = await openPage();
    await page.setInputFiles('#file', contract);
    await poll(() => page.locator('article[data-verdict]').getAttribute('data-verdict')).toBe('pass');

    const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=download-json]')]);
    expect(json.suggestedFilename()).toBe(`iphub-certificate-${seq}.json`);
    const downloaded = JSON.parse(readFileSync(await json.path(), 'utf8'));
    expect(downloaded.entry).toEqual((await t.hub.ledger.certificate(seq)).entry);

    const [printable] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=download-printable]')]);
    const html = readFileSync(await printable.path(), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(`npx iphub verify --file '采购合同.pdf' --certificate iphub-certificate-${seq}.json --trusted-key '${t.hub.ledger.verifierKey}'`);
    // The key came from the hub and the report says so.
    expect(html).toContain('Checked only against the key this hub states');
    const print = await page.context().newPage();
    await print.setContent(html);
    expect(await print.locator('article').getAttribute('data-verdict')).toBe('pass');
    expect(JSON.parse((await print.locator('pre.certificate').textContent())!)).toEqual(downloaded);
    await print.screenshot({ path: join(ARTIFACTS, 'verify-printable.png'), fullPage: true });
    await print.close();
    await done(page);
  });

  it('trusts only the key the user gives, and keeps it for the next visit', async () => {
    const page = await openPage();
    // The right key, given by the user: a plain pass, with no caveat about the hub's own key.
    await page.fill('#trusted-key', t.hub.ledger.verifierKey);
    await page.dispatchEvent('#trusted-key', 'change');
    await page.setInputFiles('#file', contract);
    await poll(() => page.locator('article[data-verdict]').getAttribute('data-verdict')).toBe('pass');
    expect(await page.locator('article').getAttribute('data-key-source')).toBe('user');
    expect(await page.locator('[data-note]').count()).toBe(0);

    const other = verifierKey(generateSigner('iphub.test/other'));
    await page.fill('#trusted-key', other);
    await page.dispatchEvent('#trusted-key', 'change');
    await page.click('#verify');
    await poll(() => page.locator('article[data-verdict]').getAttribute('data-verdict')).toBe('fail');
    expect(await checks(page)).toMatchObject({ digest: true, inclusion: true, checkpointSignature: false });
    // What a failed certificate claims is marked as unverified.
    expect(await page.locator('[data-note=facts-caveat]').count()).toBe(1);
    await page.reload();
    await poll(() => page.inputValue('#trusted-key')).toBe(other);
    await done(page);
  });

  it('requires witness cosignatures when asked to', async () => {
    const page = await openPage();
    await page.fill('#witness-keys', verifierKey(generateSigner('witness.test/w1')));
    await page.fill('#min-witnesses', '1');
    await page.setInputFiles('#file', contract);
    await poll(() => page.locator('article[data-verdict]').getAttribute('data-verdict')).toBe('fail');
    expect(await checks(page)).toMatchObject({ checkpointSignature: true, witnesses: false });
    await done(page);
  });

  it('refuses a witness count that is not a whole number, rather than checking none', async () => {
    const page = await openPage();
    await page.fill('#min-witnesses', '1.5');
    await page.setInputFiles('#file', contract);
    await poll(() => page.textContent('#status')).toContain('whole number');
    expect(await page.locator('article').count()).toBe(0);
    await done(page);
  });

  it('refuses a digest that is not a SHA-256, asking for one, without a lookup', async () => {
    const page = await openPage();
    await page.fill('#digest', 'abc123');
    await page.press('#digest', 'Enter');
    await poll(() => page.textContent('#status')).toContain('64');
    expect(await page.locator('article').count()).toBe(0);
    await done(page);
  });
});
