// The web application's pages for the centre's IP operations (issue 13) in Debian's Chromium,
// signed in through the form: staff grant a pending patent, pay its fee, record and decide an
// invalidation, record a lapse and a restoration; register a trademark and a copyright and renew
// the trademark; register a licence (its certificate verifying offline, the contract hashed in the
// page) and a transfer; transfer a patent to a foreign entity and a trademark with its same-mark
// registrations on a later day (pending till then); a court freezes and unfreezes a patent, and a
// trademark for a year at most; a bank records its consent on a
// pledge; an enterprise sees the licence in its inbox with the unread badge, marks it read, and
// sees its patent's history; staff see a webhook delivery given up and send it again, and import
// a patent feed with its report. On every page: no console error, no request leaving the hub, no
// serious or critical axe-core violation; every new page also at 375 px without sideways
// scrolling. Screenshots go to test/artifacts/.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { gql, type GraphQLClient } from 'graphql-request';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAccount } from '../gateway/accounts/accounts.js';
import { canonicalMetadata } from '../ledger/verify/index.js';
import { verifyCertificate } from '../ledger/verify/index.js';
import { today as hubToday } from '../platform/hub-calendar.js';
import type { Role } from '../platform/identity.js';
import { addDays, addMonths, addYears } from '../standards/calendar-date.js';
import { patentCheckDigit } from '../standards/patent-number.js';
import { OUTBOX_OWNERS } from '../subgraphs/index.js';
import { notificationsSubgraph, webhookOptionsFromEnv } from '../subgraphs/notifications/index.js';
import { staleBuild } from '../web/app/built.js';
import { CHROMIUM, chromiumPresent, launchChromium } from './support/browser.js';
import { startTestHub, type TestHub } from './support/hub.js';
import { pledgeJointly } from './support/pledges.js';
import { registerTrademark } from './support/registry.js';
import { tempDir } from './support/tmp.js';
import { axeViolations, DESKTOP, openWatched, PHONE, screenshot, signInThroughPage, type Watched } from './support/web-app.js';

// The receivers are on this machine's loopback, which a centre's configuration must name to allow.
const LOCAL_RECEIVERS = webhookOptionsFromEnv({ IPHUB_WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32' });

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });
const present = chromiumPresent();
if (!present && process.env.IPHUB_REQUIRE_BROWSER === '1') throw new Error(`no Chromium at ${CHROMIUM}, and IPHUB_REQUIRE_BROWSER=1`);
if (!present)
  console.warn(`skipping the operations pages' browser tests: no Chromium at ${CHROMIUM} (.ci/run installs Debian's chromium; or set IPHUB_CHROMIUM)`);

const SELLER_USCC = '914403001922038216';
const BUYER_USCC = '9144030071526726XG';
// The owner of the rights transferred out and frozen below: the seller's inbox stays as the inbox test reads it.
const MAKER_USCC = '91330100MA27XF5T12';
const COURT = '杭州知识产权法庭';
const BANK = '杭州银行科技支行';
const PASSWORD = 'correct horse battery';
const HOUR = 3_600_000;

/** The hub's today (UTC), as its date checks count it. */
const today = hubToday();
/** A day in the past with a day of the month every month has. */
const safeDay = (date: string) => `${date.slice(0, 8)}${String(Math.min(Number(date.slice(8)), 28)).padStart(2, '0')}`;
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

let serial = 0;
/** A new invention application number filed in `year`, with its check digit. */
function patentNumber(year: string): string {
  const digits = `${year}1${String(500_000 + ++serial).padStart(7, '0')}`;
  return `${digits}.${patentCheckDigit(digits)}`;
}

/** Types a date into an antd DatePicker's input (or one end of a RangePicker's); leaving the field takes it. */
async function typeDate(input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Tab');
}

describe.skipIf(!present)('the operations pages in Chromium', { timeout: 120_000 }, () => {
  let t: TestHub;
  let browser: Browser;
  let origin: string;
  let staff: GraphQLClient;
  let seller: string;
  let maker: string;
  let pledgeId: string;
  // The deliverer's clock: moved on to see a delivery to a closed port given up.
  let offset = 0;
  let deadUrl = '';
  let deadSubscription = '';
  const users = {} as Record<Role, string>;
  const files = tempDir('iphub-web-ops-');
  const licenceContract = join(files.path, '专利实施许可合同.pdf');
  const transferContract = join(files.path, '商标转让合同.pdf');
  const outboundContract = join(files.path, 'Patent Assignment Agreement.pdf');
  const laterContract = join(files.path, '商标一并转让合同.pdf');
  const feed = join(files.path, 'patents.csv');
  // The patents the pages work on.
  const pendingFiled = safeDay(addMonths(today, -2));
  const pending = patentNumber(pendingFiled.slice(0, 4));
  const lapsedDue = safeDay(addMonths(today, -8));
  const lapsing = patentNumber(addYears(lapsedDue, -3).slice(0, 4));
  const frozen = patentNumber(addYears(today, -4).slice(0, 4));
  const pledged = patentNumber(addYears(today, -4).slice(0, 4));
  const trademarkNumber = '61234567';
  const trademarkDate = safeDay(addMonths(addYears(today, -9), -6));
  const copyrightNumber = `${today.slice(0, 4)}SR0${String(Date.now() % 1_000_000).padStart(6, '0')}`;

  const REGISTER_PATENT = gql`
    mutation ($input: RegisterPatentInput!) {
      registerPatent(input: $input) {
        applicationNumber
      }
    }
  `;
  const DELIVERIES = gql`
    query ($state: WebhookDeliveryState!) {
      webhookDeliveries(state: $state, first: 50) {
        edges {
          node {
            id
            state
            subscription {
              url
            }
          }
        }
      }
    }
  `;

  beforeAll(async () => {
    const stale = staleBuild();
    if (stale !== undefined) throw new Error(stale);
    writeFileSync(licenceContract, Buffer.from('%PDF-1.7 专利实施许可合同 '.repeat(40_000)));
    writeFileSync(transferContract, Buffer.from('%PDF-1.7 商标转让合同 '.repeat(1_000)));
    writeFileSync(outboundContract, Buffer.from('%PDF-1.7 Patent Assignment Agreement '.repeat(1_000)));
    writeFileSync(laterContract, Buffer.from('%PDF-1.7 商标一并转让合同 '.repeat(1_000)));
    t = await startTestHub({
      open: {
        notifications: (storage, ledger, hub, { owners }) =>
          notificationsSubgraph(OUTBOX_OWNERS, { ...LOCAL_RECEIVERS, owners, pollMs: 50, now: () => Date.now() + offset })(storage, ledger, hub),
      },
    });
    origin = t.hub.url.replace(/\/graphql$/, '');
    staff = t.client(await t.key('CENTER_STAFF'));
    const register = async (uscc: string, name: string) =>
      (
        await staff.request<{ registerEnterprise: { id: string } }>(
          gql`
            mutation ($input: RegisterEnterpriseInput!) {
              registerEnterprise(input: $input) {
                id
              }
            }
          `,
          { input: { uscc, name, regionCode: '330106', industry: '计算机、通信和其他电子设备制造业' } },
        )
      ).registerEnterprise.id;
    seller = await register(SELLER_USCC, '杭州海康威视数字技术股份有限公司');
    await register(BUYER_USCC, '宁德时代新能源科技股份有限公司');
    maker = await register(MAKER_USCC, '杭州萤石网络股份有限公司');

    // A pending application, filed two months ago; a granted patent whose fee lapsed eight months ago
    // (its grace period ended two months ago); two granted patents with their fees paid.
    await staff.request(REGISTER_PATENT, {
      input: { enterpriseId: seller, applicationNumber: pending, title: '一种视频结构化分析方法', filingDate: pendingFiled },
    });
    const lapsingFiled = addYears(lapsedDue, -3);
    await staff.request(REGISTER_PATENT, {
      input: {
        enterpriseId: seller,
        applicationNumber: lapsing,
        title: '一种红外热成像测温装置',
        filingDate: lapsingFiled,
        status: 'GRANTED',
        grantDate: addYears(lapsingFiled, 1),
        feesPaidThrough: addYears(lapsedDue, -1),
      },
    });
    for (const [number, title] of [
      [frozen, '一种多目标跟踪方法'],
      [pledged, '一种图像降噪方法'],
    ] as const) {
      const filed = safeDay(addYears(today, -4));
      await staff.request(REGISTER_PATENT, {
        input: {
          enterpriseId: seller,
          applicationNumber: number,
          title,
          filingDate: filed,
          status: 'GRANTED',
          grantDate: addYears(filed, 2),
          feesPaidThrough: today,
        },
      });
    }
    // The bank's pledge over one of them, for it to consent to a licence: proposed by the bank, confirmed by the seller.
    const bank = t.client(await t.key('BANK', { organization: BANK }));
    const pledgor = t.client(await t.key('ENTERPRISE', { enterpriseId: seller }));
    pledgeId = (
      await pledgeJointly(bank, pledgor, {
        pledgorId: seller,
        collateral: [{ kind: 'PATENT', id: pledged }],
        securedAmount: '500000000',
        term: { startDate: today, endDate: addYears(today, 1) },
      })
    ).id;

    // The seller's partner system subscribes a port nobody listens on: its deliveries fail.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    deadUrl = `http://127.0.0.1:${(closed.address() as { port: number }).port}/hooks`;
    await new Promise((resolve) => closed.close(resolve));
    const dead = await t.client(await t.key('ENTERPRISE', { enterpriseId: seller })).request<{
      createWebhookSubscription: { subscription: { id: string } };
    }>(
      gql`
        mutation ($input: CreateWebhookSubscriptionInput!) {
          createWebhookSubscription(input: $input) {
            subscription {
              id
            }
          }
        }
      `,
      { input: { url: deadUrl, eventTypes: ['licence.*', 'right.*'] } },
    );
    deadSubscription = dead.createWebhookSubscription.subscription.id;

    const people: [Role, { enterpriseId?: string; organization?: string }][] = [
      ['ENTERPRISE', { enterpriseId: seller }],
      ['CENTER_STAFF', {}],
      ['BANK', { organization: BANK }],
      ['COURT', { organization: COURT }],
    ];
    for (const [role, binding] of people) {
      users[role] = `${role.toLowerCase()}-ops`;
      await createAccount(t.hub.accounts, { username: users[role], password: PASSWORD, role, ...binding });
    }
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    files.remove();
  });

  /** The page as it stands passes axe and is kept as a screenshot. */
  async function checkPage(w: Watched, name: string): Promise<void> {
    await w.page.locator('h1').first().waitFor();
    await w.page.waitForLoadState('networkidle');
    // Settled: no table or record still loading.
    await poll(() => w.page.locator('.ant-spin-spinning').count()).toBe(0);
    expect(await axeViolations(w.page), `axe on ${name}`).toEqual([]);
    await screenshot(w.page, name);
  }

  async function signedIn(role: Role, viewport = DESKTOP): Promise<Watched> {
    const w = await openWatched(browser, origin, viewport);
    await signInThroughPage(w.page, origin, users[role], PASSWORD);
    return w;
  }

  async function finish(w: Watched): Promise<void> {
    const problems = [...w.problems];
    await w.close();
    expect(problems, 'what went wrong in the page').toEqual([]);
  }

  /** Opens a right's record in the registry's drawer. */
  async function openRight(page: Page, kind: 'patent' | 'trademark', number: string): Promise<Locator> {
    await page.goto(`${origin}/registry`);
    await page.getByTestId('registry-right-number').fill(number);
    await page.getByTestId(`registry-find-${kind}`).click();
    const record = page.getByTestId(`${kind}-record`);
    await record.getByTestId(kind === 'patent' ? 'patent-state' : 'trademark-expiry').waitFor();
    return record;
  }

  const statusOf = (record: Locator) => record.getByTestId('patent-status').getAttribute('data-status');
  // A record's history is a query of its own, fetched again after an operation beside the record's.
  const historyTypes = (record: Locator, testId = 'patent-history') =>
    record.getByTestId(testId).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')));

  it('lets staff move a patent through its life, offered only the operations its state allows', async () => {
    const w = await signedIn('CENTER_STAFF');
    const { page } = w;
    const record = await openRight(page, 'patent', pending);
    expect(await statusOf(record)).toBe('PENDING');
    // A pending application is granted; its fee, lapse and invalidation are not offered yet.
    for (const absent of ['patent-pay-fee', 'patent-lapse', 'patent-restore', 'patent-request-invalidation', 'patent-decide-invalidation'])
      expect(await record.getByTestId(absent).count(), absent).toBe(0);
    await checkPage(w, 'staff-patent-pending');
    await record.getByTestId('patent-grant').click();
    // A wrong announcement number is refused in the dialog, in the hub's words.
    await page.getByTestId('patent-grant-number').fill('CN115123456U');
    await page.getByTestId('patent-grant-submit').click();
    await page.getByTestId('patent-grant-form').getByRole('alert').waitFor();
    expect(await page.getByTestId('patent-grant-form').getByRole('alert').textContent()).toContain('kind code');
    await page.getByTestId('patent-grant-number').fill('CN115123456B');
    await page.getByTestId('patent-grant-submit').click();
    await poll(() => statusOf(record)).toBe('GRANTED');
    expect(await record.getByTestId('patent-grant').count()).toBe(0);

    // The next year's fee, paid in advance.
    await record.getByTestId('patent-pay-fee').click();
    await page.getByTestId('patent-pay-fee-submit').click();
    await poll(() => historyTypes(record)).toEqual(['GRANTED', 'ANNUAL_FEE_PAID']);

    // An invalidation requested, then decided: the patent maintained.
    await record.getByTestId('patent-request-invalidation').click();
    await page.getByTestId('patent-requester').fill('某科技有限公司');
    await page.getByTestId('patent-request-invalidation-submit').click();
    await poll(() => record.getByTestId('patent-invalidation').getAttribute('data-pending')).toBe('true');
    expect(await record.getByTestId('patent-request-invalidation').count()).toBe(0);
    await checkPage(w, 'staff-patent-invalidation');
    await record.getByTestId('patent-decide-invalidation').click();
    await page.getByTestId('patent-decide-invalidation-submit').click();
    await poll(() => record.getByTestId('patent-invalidation').getAttribute('data-pending')).toBe('false');
    expect(await statusOf(record)).toBe('GRANTED');
    expect(await historyTypes(record)).toEqual(['GRANTED', 'ANNUAL_FEE_PAID', 'INVALIDATION_REQUESTED', 'INVALIDATION_DECIDED']);

    // A fee unpaid past its grace period: the lapse is recorded, then the restoration.
    const lapsed = await openRight(page, 'patent', lapsing);
    expect(await lapsed.getByTestId('fee-state').getAttribute('data-state')).toBe('LAPSED');
    expect(await lapsed.getByTestId('patent-pay-fee').count()).toBe(0);
    // The lapse records the notice of termination, which a restoration for a justified reason counts from (rule 6(2)).
    await lapsed.getByTestId('patent-lapse').click();
    await typeDate(page.getByTestId('patent-lapse-form').getByLabel('专利权终止通知书发文日'), today);
    await page.getByTestId('patent-lapse-submit').click();
    await poll(() => statusOf(lapsed)).toBe('LAPSED');
    expect(await lapsed.getByTestId('patent-lapse').count()).toBe(0);
    await lapsed.getByTestId('patent-restore').click();
    await page.getByTestId('patent-restore-form').waitFor();
    await checkPage(w, 'staff-patent-restore');
    await page.getByTestId('patent-restore-submit').click();
    await poll(() => statusOf(lapsed)).toBe('GRANTED');
    await poll(() => historyTypes(lapsed)).toEqual(['LAPSED', 'RESTORED']);
    await finish(w);
  });

  it('lets staff register a trademark and a copyright, and renew the trademark', async () => {
    const w = await signedIn('CENTER_STAFF');
    const { page } = w;
    await page.getByTestId('nav-registry').click();
    const row = page.locator(`[data-testid="registry-row"][data-uscc="${SELLER_USCC}"]`);
    await row.getByTestId('trademark-new').click();
    const form = page.getByTestId('trademark-form');
    await page.getByTestId('trademark-number').fill(trademarkNumber);
    await page.getByTestId('trademark-mark').fill('海康威视');
    await form.getByLabel('尼斯分类').fill('9');
    await poll(() => form.textContent()).toContain('第 9 类：科学仪器');
    const goods = form.getByLabel('核定使用商品/服务');
    for (const item of ['摄像机', '录像机']) {
      await goods.fill(item);
      await goods.press('Enter');
    }
    await typeDate(form.getByLabel('注册日'), trademarkDate);
    await checkPage(w, 'staff-trademark-form');
    await page.getByTestId('trademark-submit').click();
    // It opens registered, within its renewal window: ten years from registration end within twelve months.
    const record = page.getByTestId('trademark-record');
    const expiry = await record.getByTestId('trademark-expiry').textContent();
    expect(expiry! > today && expiry! <= addYears(today, 1)).toBe(true);
    expect(await record.textContent()).toContain('录像机');
    await record.getByTestId('trademark-renew').click();
    await page.getByTestId('trademark-renew-submit').click();
    await poll(() => record.getByTestId('trademark-expiry').textContent()).toBe(addYears(expiry!, 10));
    await poll(() => historyTypes(record, 'trademark-history')).toEqual(['RENEWED']);
    expect(await record.getByTestId('trademark-renew').count()).toBe(0);
    await page.keyboard.press('Escape');

    await row.getByTestId('copyright-new').click();
    const copyright = page.getByTestId('copyright-form');
    await page.getByTestId('copyright-number').fill(copyrightNumber);
    await page.getByTestId('copyright-title').fill('视频结构化分析平台软件 V3.0');
    await page.getByTestId('copyright-author').fill('杭州海康威视数字技术股份有限公司');
    await typeDate(copyright.getByLabel('创作完成日'), addDays(today, -30));
    await typeDate(copyright.getByLabel('登记日'), today);
    await page.getByTestId('copyright-submit').click();
    await copyright.waitFor({ state: 'hidden' });
    // Both show among the enterprise's rights when its row is opened.
    await row.locator('.ant-table-row-expand-icon').click();
    await page.locator(`[data-testid="registry-copyright"][data-number="${copyrightNumber}"]`).waitFor();
    expect(await page.locator(`[data-testid="trademark-open"][data-number="${trademarkNumber}"]`).count()).toBe(1);
    await checkPage(w, 'staff-registry-rights');
    await finish(w);
  });

  it('lets staff register a licence and a transfer with the contract hashed in the page, answered with certificates', async () => {
    const w = await signedIn('CENTER_STAFF');
    const { page } = w;
    const posted: Buffer[] = [];
    page.on('request', (r) => void posted.push(r.postDataBuffer() ?? Buffer.alloc(0)));
    // From the patent's record to the licence form, the right filled in.
    const record = await openRight(page, 'patent', pending);
    await record.getByTestId('patent-licence').click();
    const form = page.getByTestId('licence-form');
    expect(await page.getByTestId('disposal-number').inputValue()).toBe(pending);
    await page.getByTestId('licence-to-uscc').fill(BUYER_USCC);
    await page.getByTestId('licence-to-find').click();
    await page.getByTestId('licence-to-chosen').waitFor();
    const term = page.getByTestId('licence-term').locator('input');
    await typeDate(term.nth(0), today);
    await typeDate(term.nth(1), addYears(today, 3));
    await page.getByTestId('licence-royalty').fill('120000');
    // A territory that is no region code is refused before anything is sent.
    const territory = form.getByLabel('许可地域');
    // A tag of the territory field, by its code: each step below waits for the tags it leaves.
    const tag = (code: string) => form.locator(`.ant-select-selection-item[title="${code}"]`);
    await territory.fill('3301');
    await territory.press('Enter');
    await tag('3301').waitFor();
    await page.getByTestId('licence-contract').setInputFiles(licenceContract);
    await poll(() => page.getByTestId('licence-contract-digest').textContent()).toBe(sha256(readFileSync(licenceContract)));
    await page.getByTestId('licence-submit').click();
    await poll(() => form.textContent()).toContain('3301 不是 6 位行政区划代码');
    // Removed by its own button (a Backspace is lost when it lands before the field has focus),
    // then the right code, each step once the page shows the one before.
    await tag('3301').locator('.ant-select-selection-item-remove').click();
    await tag('3301').waitFor({ state: 'detached' });
    await poll(() => form.textContent()).not.toContain('3301 不是 6 位行政区划代码');
    await territory.fill('330100');
    await territory.press('Enter');
    await tag('330100').waitFor();
    await checkPage(w, 'staff-licence-form');
    await page.getByTestId('licence-submit').click();
    const done = page.getByTestId('licence-registered');
    await done.waitFor();
    await checkPage(w, 'staff-licence-registered');
    // The certificate downloads and verifies offline; it names the contract's digest, which only the page computed.
    const [download] = await Promise.all([page.waitForEvent('download'), done.getByTestId('certificate-json').click()]);
    const certificate = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(certificate.entry).toMatchObject({ kind: 'LICENCE_REGISTRATION', seq: Number(await done.getAttribute('data-seq')) });
    expect(certificate.entry.metadata).toMatchObject({ contractDigest: sha256(readFileSync(licenceContract)), territory: ['CN', '330100'] });
    expect(
      verifyCertificate(certificate, { contentDigest: sha256(canonicalMetadata(certificate.entry.metadata)), trustedKeys: [t.hub.ledger.verifierKey] }).ok,
    ).toBe(true);
    for (const body of posted) expect(body.toString()).not.toContain('专利实施许可合同');

    // The trademark transferred from its record.
    const mark = await openRight(page, 'trademark', trademarkNumber);
    await mark.getByTestId('trademark-transfer').click();
    await page.getByTestId('transfer-form').waitFor();
    expect(await page.getByTestId('disposal-number').inputValue()).toBe(trademarkNumber);
    await page.getByTestId('transfer-to-uscc').fill(BUYER_USCC);
    await page.getByTestId('transfer-to-find').click();
    await page.getByTestId('transfer-to-chosen').waitFor();
    await page.getByTestId('transfer-contract').setInputFiles(transferContract);
    await page.getByTestId('transfer-contract-digest').waitFor();
    await page.getByTestId('transfer-submit').click();
    await page.getByTestId('transfer-registered').waitFor();
    await checkPage(w, 'staff-transfer-registered');
    // The records show them, and the trademark its new owner.
    const moved = await openRight(page, 'trademark', trademarkNumber);
    await moved.getByTestId('transfer-row').waitFor();
    expect(await moved.getByTestId('transfer-row').textContent()).toContain('宁德时代');
    expect(await historyTypes(moved, 'trademark-history')).toEqual(['RENEWED', 'TRANSFERRED']);
    const licensed = await openRight(page, 'patent', pending);
    await licensed.getByTestId('licence-row').waitFor();
    expect(await licensed.getByTestId('licence-row').getAttribute('data-kind')).toBe('ORDINARY');
    await poll(() => historyTypes(licensed)).toContain('LICENSED');
    await finish(w);
  });

  it('lets staff transfer a patent to a foreign entity, and a trademark with its same mark in the class on a later day, pending till then', async () => {
    const outbound = patentNumber(addYears(today, -4).slice(0, 4));
    const filed = safeDay(addYears(today, -4));
    await staff.request(REGISTER_PATENT, {
      input: {
        enterpriseId: maker,
        applicationNumber: outbound,
        title: '一种人脸识别方法',
        filingDate: filed,
        status: 'GRANTED',
        grantDate: addYears(filed, 2),
        feesPaidThrough: today,
      },
    });
    const marks = ['61234568', '61234569'];
    for (const n of marks) await registerTrademark(staff, { enterpriseId: maker, registrationNumber: n, mark: '萤石', niceClass: 9 });
    const w = await signedIn('CENTER_STAFF');
    const { page } = w;

    // To a foreign entity, by name and country, effective today: the patent leaves the registry.
    await page.getByTestId('nav-disposals').click();
    const form = page.getByTestId('transfer-form');
    await page.getByTestId('disposal-number').fill(outbound);
    await page.getByTestId('transfer-party-kind').getByText('区外当事人').click();
    await page.getByTestId('transfer-outside-name').fill('Siemens AG');
    await page.getByTestId('transfer-outside-country').fill('de');
    expect(await page.getByTestId('transfer-outside-country').inputValue()).toBe('DE');
    expect(await form.textContent()).toContain('不录入身份证件号码');
    expect(await page.getByTestId('transfer-effective-date').locator('input').inputValue()).toBe(today);
    await page.getByTestId('transfer-contract').setInputFiles(outboundContract);
    await page.getByTestId('transfer-contract-digest').waitFor();
    await checkPage(w, 'staff-transfer-outside');
    await page.getByTestId('transfer-submit').click();
    const done = page.getByTestId('transfer-registered');
    await done.waitFor();
    expect(await done.getByTestId('transfer-state').getAttribute('data-state')).toBe('EFFECTIVE');
    expect(await done.textContent()).toContain('已转让给 Siemens AG');
    const { patent } = await staff.request<{ patent: unknown }>(
      gql`
        query ($n: String!) {
          patent(applicationNumber: $n) {
            enterprise {
              id
            }
            outsideOwner {
              kind
              name
              country
            }
          }
        }
      `,
      { n: outbound },
    );
    expect(patent).toEqual({ enterprise: null, outsideOwner: { kind: 'FOREIGN_ENTITY', name: 'Siemens AG', country: 'DE' } });

    // A trademark to the buyer on its announcement a month on, its same mark in class 9 offered and moved with it.
    await page.goto(`${origin}/disposals?kind=TRADEMARK&number=${marks[0]}`);
    const also = page.getByTestId('transfer-also-trademarks');
    await also.waitFor();
    expect(await also.textContent()).toBe(marks[1]);
    expect(await also.locator('input[type="checkbox"]:checked').count()).toBe(1);
    await page.getByTestId('transfer-to-uscc').fill(BUYER_USCC);
    await page.getByTestId('transfer-to-find').click();
    await page.getByTestId('transfer-to-chosen').waitFor();
    const later = addDays(today, 30);
    await typeDate(page.getByTestId('transfer-effective-date').locator('input'), later);
    await page.getByTestId('transfer-contract').setInputFiles(laterContract);
    await page.getByTestId('transfer-contract-digest').waitFor();
    await checkPage(w, 'staff-transfer-trademarks');
    await page.getByTestId('transfer-submit').click();
    await done.waitFor();
    expect(await done.getByTestId('transfer-state').getAttribute('data-state')).toBe('PENDING');
    const line = await done.textContent();
    expect(line).toContain('待生效');
    expect(line).toContain(`自 ${later} 起生效`);
    expect(line).toContain(`一并转让：${marks[1]}`);
    await checkPage(w, 'staff-transfer-pending');
    await finish(w);
  });

  it('lets a court freeze a patent under its order and lift the freeze', async () => {
    const w = await signedIn('COURT');
    const { page } = w;
    await page.getByTestId('nav-freezes').click();
    await page.getByTestId('freeze-number').fill(`CN${frozen}`);
    await page.getByTestId('freeze-find').click();
    const state = page.getByTestId('patent-freeze');
    expect(await state.getAttribute('data-frozen')).toBe('false');
    await page.getByTestId('freeze-order').fill('(2026)浙01执保12号');
    await checkPage(w, 'court-freeze');
    await page.getByTestId('freeze-submit').click();
    await poll(() => state.getAttribute('data-frozen')).toBe('true');
    expect(await state.textContent()).toContain('(2026)浙01执保12号');
    // Frozen, it is not licensed: staff would be refused (ASSET_FROZEN).
    const { patent } = await staff.request<{ patent: { freeze: { court: string } | null } }>(
      gql`
        query ($n: String!) {
          patent(applicationNumber: $n) {
            freeze {
              court
            }
          }
        }
      `,
      { n: frozen },
    );
    expect(patent.freeze).toEqual({ court: COURT });
    await checkPage(w, 'court-frozen');
    await page.getByTestId('unfreeze-submit').click();
    await poll(() => state.getAttribute('data-frozen')).toBe('false');
    await poll(() => page.getByTestId('patent-history').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')))).toEqual(['FROZEN', 'UNFROZEN']);
    await finish(w);
  });

  it('lets a court freeze a trademark for a year at most and lift it', async () => {
    const mark = '61234570';
    await registerTrademark(staff, { enterpriseId: maker, registrationNumber: mark, mark: '萤石', niceClass: 7 });
    const w = await signedIn('COURT');
    const { page } = w;
    await page.getByTestId('nav-freezes').click();
    await page.getByTestId('freeze-right-kind').getByText('商标').click();
    await page.getByTestId('freeze-number').fill(mark);
    await page.getByTestId('freeze-find').click();
    const state = page.getByTestId('trademark-freeze');
    expect(await state.getAttribute('data-frozen')).toBe('false');
    expect(await page.getByTestId('freeze-trademark').textContent()).toContain('法释〔2001〕1号');
    await page.getByTestId('freeze-order').fill('(2026)浙01执保13号');
    await checkPage(w, 'court-trademark-freeze');
    await page.getByTestId('freeze-submit').click();
    await poll(() => state.getAttribute('data-frozen')).toBe('true');
    // One year unless the order says less: it ends by itself on the anniversary.
    expect(await state.textContent()).toContain(`(2026)浙01执保13号，${today} 起，${addYears(today, 1)} 期满解除`);
    const { trademark } = await staff.request<{ trademark: { freeze: unknown } }>(
      gql`
        query ($n: String!) {
          trademark(registrationNumber: $n) {
            freeze {
              court
              endsOn
            }
          }
        }
      `,
      { n: mark },
    );
    expect(trademark.freeze).toEqual({ court: COURT, endsOn: addYears(today, 1) });
    await checkPage(w, 'court-trademark-frozen');
    await page.getByTestId('unfreeze-submit').click();
    await poll(() => state.getAttribute('data-frozen')).toBe('false');
    await poll(() => page.getByTestId('trademark-history').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')))).toEqual(['FROZEN', 'UNFROZEN']);
    await finish(w);
  });

  it('lets a bank record its consent to a licence of a pledged patent', async () => {
    const w = await signedIn('BANK');
    const { page } = w;
    const row = page.locator(`[data-testid="pledge-row"][data-id="${pledgeId}"]`);
    await row.locator('.ant-table-row-expand-icon').click();
    const form = page.getByTestId('consent-form');
    await form.waitFor();
    await page.getByTestId('consent-to-uscc').fill(BUYER_USCC);
    await page.getByTestId('consent-to-find').click();
    await page.getByTestId('consent-to-chosen').waitFor();
    await page.getByTestId('consent-note').fill('同意以普通许可方式许可，许可费用于归还贷款');
    await page.getByTestId('consent-submit').click();
    const consent = page.getByTestId('consent-row');
    await consent.waitFor();
    expect(await consent.getAttribute('data-disposal')).toBe('LICENCE');
    expect(await consent.getAttribute('data-asset')).toBe(pledged);
    expect(await consent.textContent()).toContain('宁德时代');
    await checkPage(w, 'bank-consent');
    await finish(w);
  });

  it('shows an enterprise the licence in its inbox with the unread badge, marks it read, and shows its patent’s history', async () => {
    const w = await signedIn('ENTERPRISE');
    const { page } = w;
    const badge = page.getByTestId('inbox-unread');
    await poll(async () => Number(await badge.getAttribute('data-count'))).toBeGreaterThanOrEqual(2);
    await page.getByTestId('nav-inbox').click();
    const licence = page.locator('[data-testid="inbox-item"][data-type="licence.registered"]');
    await licence.waitFor();
    expect(await licence.getAttribute('data-read')).toBe('false');
    expect(await licence.textContent()).toContain('许可合同备案');
    expect(await licence.textContent()).toContain(pending);
    expect(await page.locator('[data-testid="inbox-item"][data-type="right.transferred"]').count()).toBe(1);
    await checkPage(w, 'enterprise-inbox');
    const before = Number(await badge.getAttribute('data-count'));
    await licence.getByTestId('inbox-mark-read').click();
    await poll(() => licence.getAttribute('data-read')).toBe('true');
    await poll(async () => Number(await badge.getAttribute('data-count'))).toBe(before - 1);
    await page.getByTestId('inbox-mark-all').click();
    await poll(() => badge.count()).toBe(0);
    // The list is fetched again after the badge: it follows a moment later.
    await poll(() => page.locator('[data-testid="inbox-item"][data-read="false"]').count()).toBe(0);
    // In English, each notification's kind in English words.
    await page.getByTestId('lang-switch').click();
    await poll(() => licence.textContent()).toContain('Licence registered');
    expect(await licence.textContent()).toContain('Ordinary');
    await page.getByTestId('lang-switch').click();

    // Its rights: the licensed patent's record, with its history and licence.
    await page.getByTestId('nav-rights').click();
    await page.locator(`[data-testid="patent-open"][data-number="${pending}"]`).click();
    const record = page.locator(`[data-testid="patent-record"][data-number="${pending}"]`);
    await record.getByTestId('licence-row').waitFor();
    await poll(() => historyTypes(record)).toEqual(['GRANTED', 'ANNUAL_FEE_PAID', 'INVALIDATION_REQUESTED', 'INVALIDATION_DECIDED', 'LICENSED']);
    expect(await record.getByTestId('patent-status').getAttribute('data-status')).toBe('GRANTED');
    await checkPage(w, 'enterprise-patent-history');
    await finish(w);
  });

  it('shows staff a webhook delivery given up after a day of failures, and sends it again', async () => {
    // A day and more passes for the deliverer, an hour at a time, until the hub gives the deliveries to the closed port up.
    // Failing an hour pauses the subscription each time; staff resume it, as they would once its owner says it is fixed.
    type Deliveries = { webhookDeliveries: { edges: { node: { id: string; subscription: { url: string } | null } }[] } };
    const RESUME = gql`
      mutation ($id: ID!) {
        resumeWebhookSubscription(id: $id) {
          id
        }
      }
    `;
    await expect
      .poll(
        async () => {
          offset += HOUR;
          await staff.request(RESUME, { id: deadSubscription });
          return (await staff.request<Deliveries>(DELIVERIES, { state: 'FAILED' })).webhookDeliveries.edges.length;
        },
        { timeout: 30_000, interval: 50 },
      )
      .toBeGreaterThanOrEqual(2);
    const w = await signedIn('CENTER_STAFF');
    const { page } = w;
    await page.getByTestId('nav-deliveries').click();
    const failed = page.locator('[data-testid="delivery-row"][data-state="FAILED"]');
    await poll(() => failed.count()).toBeGreaterThanOrEqual(2);
    const count = await failed.count();
    expect(await failed.first().getByTestId('delivery-url').textContent()).toBe(deadUrl);
    expect(await failed.first().textContent()).toContain('ECONNREFUSED');
    await poll(() => page.getByTestId('deliveries-backlog').getAttribute('data-failed')).toBe(String(count));
    await checkPage(w, 'staff-deliveries');
    await failed.first().getByTestId('delivery-resend').click();
    await poll(() => failed.count()).toBe(count - 1);
    // Sent again with a fresh day of retries: pending now.
    await page.getByRole('tab', { name: '待推送' }).click();
    await poll(() => page.locator('[data-testid="delivery-row"][data-state="PENDING"]').count()).toBeGreaterThanOrEqual(1);
    await checkPage(w, 'staff-deliveries-pending');
    await finish(w);
  });

  it('lets staff import a patent feed and read its report, every rejected row named; the same file again changes nothing', async () => {
    const good = [patentNumber('2021'), patentNumber('2022')];
    const wrong = patentNumber('2019');
    const bad = `${wrong.slice(0, -1)}${wrong.endsWith('0') ? '1' : '0'}`;
    writeFileSync(
      feed,
      [
        'applicationNumber,uscc,title,filingDate,status',
        `${good[0]},${SELLER_USCC},"一种人脸识别方法,及装置",2021-03-15,PENDING`,
        `${good[1]},${SELLER_USCC},一种车牌识别方法,2022-06-01,PENDING`,
        `${bad},${SELLER_USCC},一种校验位错误的专利,2019-01-01,PENDING`,
        '',
      ].join('\r\n'),
    );
    const w = await signedIn('CENTER_STAFF');
    const { page } = w;
    await page.getByTestId('nav-import').click();
    await page.getByTestId('import-file').setInputFiles(feed);
    await page.getByTestId('import-chosen').waitFor();
    await page.getByTestId('import-submit').click();
    const report = page.locator('[data-testid="import-report"][data-finished="true"]');
    await report.waitFor();
    expect(await report.evaluate((r) => ['rows', 'inserted', 'updated', 'unchanged', 'rejected'].map((k) => Number(r.getAttribute(`data-${k}`))))).toEqual([
      3, 2, 0, 0, 1,
    ]);
    const rejected = page.getByTestId('import-rejected');
    expect(await rejected.getAttribute('data-line')).toBe('4');
    expect(await rejected.getAttribute('data-code')).toBe('INVALID_PATENT_NUMBER');
    await checkPage(w, 'staff-import');
    await page.getByTestId('import-submit').click();
    await poll(() =>
      page
        .locator('[data-testid="import-report"][data-finished="true"]')
        .evaluate((r) => ['rows', 'inserted', 'unchanged'].map((k) => Number(r.getAttribute(`data-${k}`)))),
    ).toEqual([3, 0, 2]);
    await finish(w);
  });

  const PAGES: [Role, string[]][] = [
    ['CENTER_STAFF', ['inbox', 'registry', 'disposals', 'disposals?form=licence', 'import', 'deliveries']],
    ['ENTERPRISE', ['inbox', 'rights']],
    ['BANK', ['inbox', 'pledges']],
    ['COURT', ['inbox', 'freezes']],
  ];
  for (const [viewport, size] of [
    [DESKTOP, '1280'],
    [PHONE, '375'],
  ] as const) {
    it(`shows every new page without a fault at ${size} px, nothing wider than the screen`, async () => {
      for (const [role, paths] of PAGES) {
        const w = await signedIn(role, viewport);
        for (const path of paths) {
          await w.page.goto(`${origin}/${path}`);
          const name = `${role.toLowerCase()}-${path.replace(/\W+/g, '-')}-${size}`;
          await checkPage(w, name);
          // Opened records too: a patent in the registry's drawer and in the enterprise's, the bank's pledge.
          if (path === 'registry') {
            await openRight(w.page, 'patent', pending);
            await checkPage(w, `${name}-drawer`);
          }
          if (path === 'rights') {
            await w.page.getByTestId('patent-open').first().click();
            await w.page.getByTestId('patent-state').waitFor();
            await checkPage(w, `${name}-opened`);
          }
          if (path === 'pledges') {
            await w.page.locator('.ant-table-row-expand-icon').first().click();
            await w.page.waitForLoadState('networkidle');
            await checkPage(w, `${name}-opened`);
          }
          expect(await w.page.evaluate(() => document.documentElement.scrollWidth), `${path} at ${size} px`).toBeLessThanOrEqual(viewport.width);
        }
        await finish(w);
      }
    });
  }
});
