// The people's web application in Debian's Chromium (playwright-core; .ci/run installs it), one
// main path per role, signed in through the form: an enterprise deposits two files and verifies
// one on /verify; staff move a pre-examination case and are never offered an illegal move; a bank
// proposes a pledge the enterprise confirms, and releases it; an insurer settles a claim; the cockpit draws every chart; a
// court checks referred evidence; GraphiQL runs a query. On every page: no console error, no request leaving the hub, no serious or critical
// axe-core violation; enterprise pages also at 375 px. Screenshots go to test/artifacts/.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { gql } from 'graphql-request';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAccount } from '../gateway/accounts/accounts.js';
import { certificateFromPdf } from '../ledger/verify/index.js';
import { verifyCertificate } from '../ledger/verify/index.js';
import { hubDateOf } from '../platform/hub-calendar.js';
import type { Role } from '../platform/identity.js';
import { staleBuild } from '../web/app/built.js';
import { CHROMIUM, chromiumPresent, launchChromium } from './support/browser.js';
import { startTestHub, type TestHub } from './support/hub.js';
import { tempDir } from './support/tmp.js';
import { axeViolations, DESKTOP, openWatched, PHONE, screenshot, signInThroughPage, type Watched } from './support/web-app.js';

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });
const present = chromiumPresent();
if (!present && process.env.IPHUB_REQUIRE_BROWSER === '1') throw new Error(`no Chromium at ${CHROMIUM}, and IPHUB_REQUIRE_BROWSER=1`);
if (!present)
  console.warn(`skipping the web application's browser tests: no Chromium at ${CHROMIUM} (.ci/run installs Debian's chromium; or set IPHUB_CHROMIUM)`);

const USCC = '914403001922038216';
const COURT = '杭州互联网法院';
const BANK = '杭州银行科技支行';
const INSURER = '人保财险杭州分公司';
const PASSWORD = 'correct horse battery';

const day = (d: Date) => hubDateOf(d);
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.skipIf(!present)('the web application in Chromium', { timeout: 90_000 }, () => {
  let t: TestHub;
  let browser: Browser;
  let origin: string;
  let enterpriseId: string;
  let preExamId: string;
  const users = {} as Record<Role, string>;
  let claimId: string;
  const files = tempDir('iphub-web-app-');
  const contract = join(files.path, '技术许可合同.pdf');
  const drawing = join(files.path, 'design.png');
  const courtEvidence = join(files.path, '侵权网页截图.png');
  const grantedPatent = '202010566088.9';

  beforeAll(async () => {
    const stale = staleBuild();
    if (stale !== undefined) throw new Error(stale);
    writeFileSync(contract, Buffer.from('%PDF-1.7 技术许可合同 '.repeat(50_000)));
    writeFileSync(drawing, Buffer.from('PNG design drawing '.repeat(10_000)));
    writeFileSync(courtEvidence, Buffer.from('PNG 侵权网页截图 '.repeat(5_000)));
    t = await startTestHub();
    origin = t.hub.url.replace(/\/graphql$/, '');
    const staff = t.client(await t.key('CENTER_STAFF'));
    const { registerEnterprise } = await staff.request<{ registerEnterprise: { id: string } }>(gql`
      mutation {
        registerEnterprise(input: { uscc: "${USCC}", name: "华为技术有限公司", regionCode: "330106", industry: "计算机、通信和其他电子设备制造业" }) {
          id
        }
      }
    `);
    enterpriseId = registerEnterprise.id;
    const enterprise = t.client(await t.key('ENTERPRISE', { enterpriseId }));
    // A granted patent (filed in 2020, as its number says) in force with its fees paid: pledgeable. Its anniversary is some 200 days off.
    const next = daysFromNow(200);
    const md = `${String(next.getUTCMonth() + 1).padStart(2, '0')}-${String(Math.min(next.getUTCDate(), 28)).padStart(2, '0')}`;
    const REGISTER_PATENT = gql`
      mutation ($input: RegisterPatentInput!) {
        registerPatent(input: $input) {
          applicationNumber
        }
      }
    `;
    await staff.request(REGISTER_PATENT, {
      input: {
        enterpriseId,
        applicationNumber: grantedPatent,
        title: '一种图像识别方法',
        filingDate: `2020-${md}`,
        status: 'GRANTED',
        grantDate: `2022-${md}`,
        feesPaidThrough: `${next.getUTCFullYear() - 1}-${md}`,
      },
    });
    await staff.request(REGISTER_PATENT, { input: { enterpriseId, applicationNumber: '201510958772.0', title: '一种数据传输方法', filingDate: '2015-12-28' } });
    const { filePreExamination } = await enterprise.request<{ filePreExamination: { id: string } }>(
      gql`
        mutation ($input: FilePreExaminationInput!) {
          filePreExamination(input: $input) {
            id
          }
        }
      `,
      { input: { enterpriseId, applicationNumber: '201510958772.0', title: '一种数据传输方法', industry: '新一代信息技术' } },
    );
    preExamId = filePreExamination.id;
    // A protection case referred to the court, citing one deposit.
    const { depositEvidence } = await enterprise.request<{ depositEvidence: { id: string } }>(
      gql`
        mutation ($d: String!) {
          depositEvidence(input: { contentDigest: $d, title: "侵权网页截图", category: WEB_PAGE }) {
            id
          }
        }
      `,
      { d: sha256(readFileSync(courtEvidence)) },
    );
    const { applyForProtection } = await enterprise.request<{ applyForProtection: { id: string } }>(
      gql`
        mutation ($input: ApplyForProtectionInput!) {
          applyForProtection(input: $input) {
            id
          }
        }
      `,
      {
        input: {
          kind: 'INFRINGEMENT',
          route: 'COURT_REFERRAL',
          summary: '某电商店铺销售仿冒产品',
          claimant: { name: '华为技术有限公司', enterpriseId },
          respondents: [{ name: '某电商店铺' }],
          ipRights: [{ kind: 'PATENT', number: grantedPatent }],
          evidenceIds: [depositEvidence.id],
        },
      },
    );
    for (const to of ['ACCEPTED', 'IN_PROGRESS', 'REFERRED']) {
      await staff.request(
        gql`
          mutation ($input: MoveProtectionCaseInput!) {
            moveProtectionCase(input: $input) {
              state
            }
          }
        `,
        { input: { caseId: applyForProtection.id, to, ...(to === 'REFERRED' ? { court: COURT } : {}) } },
      );
    }
    // A policy over the granted patent, with a claim filed on it for the insurer to settle.
    const { issueInsurancePolicy } = await staff.request<{ issueInsurancePolicy: { id: string } }>(
      gql`
        mutation ($input: IssueInsurancePolicyInput!) {
          issueInsurancePolicy(input: $input) {
            id
          }
        }
      `,
      {
        input: {
          product: 'INFRINGEMENT_LOSS',
          insurer: INSURER,
          insuredId: enterpriseId,
          coveredAssets: [{ kind: 'PATENT', id: grantedPatent }],
          premium: '1200000',
          sumInsured: '100000000',
          period: { startDate: day(daysFromNow(0)), endDate: day(daysFromNow(365)) },
        },
      },
    );
    const { fileInsuranceClaim } = await enterprise.request<{ fileInsuranceClaim: { id: string } }>(
      gql`
        mutation ($input: FileInsuranceClaimInput!) {
          fileInsuranceClaim(input: $input) {
            id
          }
        }
      `,
      { input: { policyId: issueInsurancePolicy.id, amount: '3000000', protectionCaseId: applyForProtection.id } },
    );
    claimId = fileInsuranceClaim.id;
    const people: [Role, { enterpriseId?: string; organization?: string }][] = [
      ['ENTERPRISE', { enterpriseId }],
      ['CENTER_STAFF', {}],
      ['BANK', { organization: BANK }],
      ['INSURER', { organization: INSURER }],
      ['COURT', { organization: COURT }],
    ];
    for (const [role, binding] of people) {
      users[role] = `${role.toLowerCase()}-person`;
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

  const offeredMoves = (row: ReturnType<Page['locator']>) =>
    row.locator('[data-testid^="preexam-move-"]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-testid')));

  it('signs in through the form, in Chinese first, switches to English and signs out', async () => {
    const w = await openWatched(browser, origin);
    await w.page.goto(origin);
    await w.page.getByTestId('login-submit').waitFor();
    expect(await w.page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await w.page.getByTestId('login-submit').textContent()).toContain('登');
    await checkPage(w, 'sign-in');
    await w.page.getByTestId('lang-switch').click();
    await poll(() => w.page.locator('html').getAttribute('lang')).toBe('en');
    expect(await w.page.getByTestId('login-submit').textContent()).toBe('Sign in');
    // A wrong password is refused in the page's words, and nothing is signed in.
    await w.page.getByTestId('login-username').fill(users.ENTERPRISE);
    await w.page.getByTestId('login-password').fill('not the password');
    await w.page.getByTestId('login-submit').click();
    await w.page.getByRole('alert').waitFor();
    expect(await w.page.getByRole('alert').textContent()).toContain('username or password');
    await w.page.getByTestId('login-password').fill(PASSWORD);
    await w.page.getByTestId('login-submit').click();
    await w.page.getByTestId('logout').waitFor();
    expect(await w.page.getByTestId('nav-deposit').textContent()).toBe('Deposit evidence');
    await w.page.getByTestId('logout').click();
    await w.page.getByTestId('login-submit').waitFor();
    // The session is gone on the hub too: reloading asks to sign in again.
    await w.page.reload();
    await w.page.getByTestId('login-submit').waitFor();
    // The refused sign-in above is the one error the browser logs, as it logs every 401.
    const refused = w.problems.findIndex((p) => /status of 401 .*\/auth\/sign-in$/.test(p));
    expect(refused).toBeGreaterThanOrEqual(0);
    w.problems.splice(refused, 1);
    await finish(w);
  });

  it('lets an enterprise deposit two files, hashed in the page, and verify one on /verify', async () => {
    const w = await signedIn('ENTERPRISE');
    const { page } = w;
    const posted: Buffer[] = [];
    page.on('request', (r) => void posted.push(r.postDataBuffer() ?? Buffer.alloc(0)));
    await page.getByTestId('nav-deposit').click();
    expect(await page.getByTestId('deposit-files').getAttribute('multiple')).not.toBeNull();
    await page.getByTestId('deposit-files').setInputFiles([contract, drawing]);
    await poll(() => page.getByTestId('deposit-submit').textContent()).toContain('2');
    await page.getByTestId('deposit-submit').click();
    const results = page.getByTestId('deposit-result');
    await poll(() => results.count()).toBe(2);
    const deposited = await results.evaluateAll((cards) =>
      cards.map((c) => ({ seq: Number(c.getAttribute('data-seq')), digest: c.getAttribute('data-digest') })),
    );
    expect(deposited.map((d) => d.digest).sort()).toEqual([sha256(readFileSync(contract)), sha256(readFileSync(drawing))].sort());
    expect(new Set(deposited.map((d) => d.seq)).size).toBe(2);
    // Only digests left the page, never the files.
    for (const body of posted) expect(body.toString()).not.toContain('技术许可合同 %PDF');
    await checkPage(w, 'enterprise-deposit');

    // The certificate downloads as JSON and verifies offline against the hub's key.
    const first = results.first();
    const [download] = await Promise.all([page.waitForEvent('download'), first.getByTestId('certificate-json').click()]);
    const certificate = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    const seq = Number(await first.getAttribute('data-seq'));
    expect(certificate.entry.seq).toBe(seq);
    expect(verifyCertificate(certificate, { contentDigest: (await first.getAttribute('data-digest'))!, trustedKeys: [t.hub.ledger.verifierKey] }).ok).toBe(
      true,
    );
    // So does the PDF certificate, through the person's session (a link: no CSRF token), carrying the same entry.
    expect(await first.getByTestId('certificate-pdf').getAttribute('href')).toBe(`/certificates/${seq}.pdf`);
    const [pdf] = await Promise.all([page.waitForEvent('download'), first.getByTestId('certificate-pdf').click()]);
    expect(pdf.suggestedFilename()).toBe(`iphub-certificate-${seq}.pdf`);
    const fromPdf = await certificateFromPdf(readFileSync((await pdf.path())!));
    expect(fromPdf.entry).toStrictEqual(certificate.entry);
    expect(verifyCertificate(fromPdf, { contentDigest: (await first.getAttribute('data-digest'))!, trustedKeys: [t.hub.ledger.verifierKey] }).ok).toBe(true);
    // And the deposit's certificate, opened from the list of deposits, links to it.
    const digest = (await first.getAttribute('data-digest'))!;
    await page.getByTestId('nav-deposits').click();
    const row = page.locator(`[data-testid=deposit-row][data-digest="${digest}"]`);
    await row.locator('.ant-table-row-expand-icon').click();
    await poll(() => page.getByTestId('deposit-certificate').getByTestId('certificate-pdf').getAttribute('href')).toBe(`/certificates/${seq}.pdf`);

    // The contract, chosen again on /verify, verifies there.
    await page.goto(`${origin}/verify`);
    await poll(() => page.inputValue('#trusted-key')).toBe(t.hub.ledger.verifierKey);
    await page.setInputFiles('#file', contract);
    await poll(() => page.locator('article[data-verdict]').getAttribute('data-verdict')).toBe('pass');
    await screenshot(page, 'enterprise-verify');
    await finish(w);
  });

  it('shows every enterprise page without a fault, at 1280 px and at 375 px', async () => {
    for (const [viewport, size] of [
      [DESKTOP, '1280'],
      [PHONE, '375'],
    ] as const) {
      const w = await signedIn('ENTERPRISE', viewport);
      for (const path of ['rights', 'deposit', 'deposits', 'data-assets', 'cases', 'finance', 'password']) {
        await w.page.goto(`${origin}/${path}`);
        await checkPage(w, `enterprise-${path}-${size}`);
        // Nothing wider than the screen: the page scrolls down, not sideways.
        expect(await w.page.evaluate(() => document.documentElement.scrollWidth), `${path} at ${size} px`).toBeLessThanOrEqual(viewport.width);
      }
      await finish(w);
    }
  });

  it('lets staff move a pre-examination case through its workflow, offering only legal moves', async () => {
    const w = await signedIn('CENTER_STAFF');
    const { page } = w;
    await page.getByTestId('nav-preexam').click();
    const row = page.locator(`[data-testid="preexam-row"][data-id="${preExamId}"]`);
    await poll(() => row.getAttribute('data-state')).toBe('RECEIVED');
    expect(await offeredMoves(row)).toEqual(['preexam-move-CLASSIFIED']);
    await checkPage(w, 'staff-preexam');
    // Follow the case across the states on the "all" tab.
    await page.getByRole('tab', { name: '全部' }).click();
    const expected: Record<string, string[]> = {
      CLASSIFIED: ['preexam-move-EXAMINING'],
      EXAMINING: ['preexam-move-QUALITY_CHECK'],
      QUALITY_CHECK: ['preexam-move-PASSED', 'preexam-move-RETURNED'],
      PASSED: ['preexam-move-ARCHIVED'],
    };
    for (const [to, next] of Object.entries(expected)) {
      await row.getByTestId(`preexam-move-${to}`).click();
      await poll(() => row.getAttribute('data-state')).toBe(to);
      await poll(() => offeredMoves(row)).toEqual(next);
    }
    // An illegal move (back to RECEIVED, or RETURNED after PASSED) is not offered.
    expect(await row.getByTestId('preexam-move-RECEIVED').count()).toBe(0);
    expect(await row.getByTestId('preexam-move-RETURNED').count()).toBe(0);
    const staff = t.client(await t.key('CENTER_STAFF'));
    const { preExamCase } = await staff.request<{ preExamCase: { state: string; decisionReceipt: { seq: number } | null } }>(
      gql`
        query ($id: ID!) {
          preExamCase(id: $id) {
            state
            decisionReceipt {
              seq
            }
          }
        }
      `,
      { id: preExamId },
    );
    expect(preExamCase.state).toBe('PASSED');
    expect(preExamCase.decisionReceipt).not.toBeNull();
    for (const path of ['protection', 'registry', 'pledges', 'policies', 'accounts', 'password']) {
      await page.goto(`${origin}/${path}`);
      await checkPage(w, `staff-${path}`);
    }
    await finish(w);
  });

  it('draws every cockpit chart', async () => {
    const w = await signedIn('CENTER_STAFF');
    const { page } = w;
    await page.getByTestId('nav-cockpit').click();
    const charts = page.getByTestId('cockpit-chart');
    await poll(() => charts.count()).toBe(7);
    // Each chart's canvas has been drawn on.
    await poll(() =>
      charts.evaluateAll((boxes) =>
        boxes.map((box) => {
          const canvas = box.querySelector('canvas');
          if (canvas === null || canvas.width === 0) return false;
          const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
          for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
          return false;
        }),
      ),
    ).toEqual(Array(7).fill(true));
    await checkPage(w, 'staff-cockpit');
    await finish(w);
  });

  it('lets a bank propose a pledge, the enterprise confirm it, and the bank release it', async () => {
    const w = await signedIn('BANK');
    const { page } = w;
    await page.getByTestId('pledge-uscc').fill(USCC);
    await page.getByTestId('pledge-find').click();
    await page.getByRole('checkbox', { name: new RegExp(grantedPatent.replace('.', '\\.')) }).check();
    await page.getByTestId('pledge-amount').fill('5000000');
    const [start, end] = [day(daysFromNow(0)), day(daysFromNow(365))];
    const dates = page.getByTestId('pledge-term').locator('input');
    await dates.nth(0).click();
    await dates.nth(0).fill(start);
    await dates.nth(0).press('Enter');
    await dates.nth(1).fill(end);
    await dates.nth(1).press('Enter');
    // The signed contract is hashed in the page; only its digest and date go to the hub.
    const signed = Buffer.from('%PDF-1.7 知识产权质押合同 '.repeat(1_000));
    await page.getByTestId('pledge-contract').setInputFiles({ name: '质押合同.pdf', mimeType: 'application/pdf', buffer: signed });
    await poll(() => page.getByTestId('pledge-contract-digest').textContent()).toBe(sha256(signed));
    // Leaving the field takes the date (Enter would submit the form).
    const contractDate = page.getByTestId('pledge-contract-date');
    await contractDate.click();
    await contractDate.fill(start);
    await contractDate.press('Tab');
    await page.getByTestId('pledge-submit').click();
    await page.getByTestId('pledge-proposed').waitFor();
    // Nothing is pledged until the pledgor confirms: the proposal waits under its tab, and may be withdrawn.
    const row = page.getByTestId('pledge-row');
    await poll(() => row.getAttribute('data-state')).toBe('PROPOSED');
    expect(await row.getByTestId('pledge-withdraw').count()).toBe(1);
    await checkPage(w, 'bank-pledges');
    const staff = t.client(await t.key('CENTER_STAFF'));
    const PLEDGES = gql`
      {
        pledges(first: 10) {
          edges {
            node {
              pledgeeOrganization {
                name
              }
              state
              securedAmount
              term {
                startDate
                endDate
              }
              application {
                contract {
                  date
                  digest
                }
              }
            }
          }
        }
      }
    `;
    type Listed = { pledges: { edges: { node: { state: string } }[] } };
    const { pledges } = await staff.request<Listed>(PLEDGES);
    expect(pledges.edges.map((e) => e.node)).toEqual([
      {
        pledgeeOrganization: { name: BANK },
        state: 'PROPOSED',
        securedAmount: '500000000',
        term: { startDate: start, endDate: end },
        application: { contract: { date: start, digest: sha256(signed) } },
      },
    ]);

    // The enterprise confirms it as itself, from a dialog that sums the proposal up.
    const e = await signedIn('ENTERPRISE');
    await e.page.goto(`${origin}/finance`);
    const own = e.page.getByTestId('own-pledge-row');
    await poll(() => own.getAttribute('data-state')).toBe('PROPOSED');
    await own.getByTestId('own-pledge-confirm').click();
    const dialog = e.page.getByTestId('own-pledge-confirm-form');
    await dialog.waitFor();
    expect(await e.page.getByRole('dialog').textContent()).toContain(sha256(signed));
    await checkPage(e, 'enterprise-pledge-confirm');
    await e.page.getByTestId('own-pledge-confirm-submit').click();
    await poll(() => own.getAttribute('data-state')).toBe('REGISTERED');
    expect(await own.getByTestId('own-pledge-confirm').count()).toBe(0);
    await finish(e);
    expect((await staff.request<Listed>(PLEDGES)).pledges.edges[0]!.node.state).toBe('REGISTERED');

    // The bank finds it registered, and releases it.
    await page.getByRole('tab', { name: '已登记' }).click();
    await poll(() => row.getAttribute('data-state')).toBe('REGISTERED');
    await row.getByTestId('pledge-release').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await poll(async () => (await staff.request<Listed>(PLEDGES)).pledges.edges[0]!.node.state).toBe('RELEASED');
    await finish(w);
  });

  it('lets an insurer settle a filed claim', async () => {
    const w = await signedIn('INSURER');
    const { page } = w;
    await page.getByTestId('policy-row').locator('.ant-table-row-expand-icon').click();
    const claim = page.locator(`[data-testid="claim-row"][data-id="${claimId}"]`);
    expect(await claim.getAttribute('data-status')).toBe('FILED');
    await checkPage(w, 'insurer-policies');
    await claim.getByTestId('claim-pay').click();
    await page.getByTestId('claim-pay-confirm').click();
    await poll(() => claim.getAttribute('data-status')).toBe('PAID');
    await finish(w);
  });

  it('shows a court its referred case and checks the evidence on /verify in one click', async () => {
    const w = await signedIn('COURT');
    const { page } = w;
    const card = page.getByTestId('court-case');
    await card.waitFor();
    expect(await card.textContent()).toContain('某电商店铺销售仿冒产品');
    await checkPage(w, 'court-cases');
    const [verify] = await Promise.all([page.context().waitForEvent('page'), card.getByTestId('court-verify').first().click()]);
    // The link names the digest: a deposit on record, the file still to be checked.
    await poll(() => verify.locator('article[data-verdict]').getAttribute('data-verdict')).toBe('deposit-only');
    expect(await verify.inputValue('#digest')).toBe(sha256(readFileSync(courtEvidence)));
    await verify.setInputFiles('#file', courtEvidence);
    await poll(() => verify.locator('article[data-verdict]').getAttribute('data-verdict')).toBe('pass');
    await screenshot(verify, 'court-verify');
    await finish(w);
  });

  it('serves GraphiQL at /graphql from the hub itself, where a signed-in member of staff runs a query', async () => {
    // Staff may introspect (anonymous callers may not), so GraphiQL loads the schema without a refusal.
    const w = await signedIn('CENTER_STAFF');
    const { page } = w;
    await page.goto(`${origin}/graphql`);
    // Run once the editor holds the default query: a click before that runs nothing.
    await page.getByText('ledgerVerifierKey').first().waitFor();
    await page.locator('.graphiql-execute-button').click();
    // The editor wraps long lines: compare without the white space it adds.
    await poll(async () => ((await page.locator('.graphiql-response').textContent()) ?? '').replace(/\s+/g, '')).toContain(
      `"ledgerVerifierKey":"${t.hub.ledger.verifierKey}"`,
    );
    await screenshot(page, 'graphiql');
    await finish(w);
  });
});
