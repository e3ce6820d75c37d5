// Open licences of patents (开放许可, Patent Law 2020 arts. 50-51) through the gateway: a
// declaration recorded on the ledger and each refusal of one (Implementing Regulations 2023 rule
// 86), the bar on exclusive and sole licences while open (art. 51(3)), a licence taken by the
// licensee's notice (art. 51(1)) by its own key or by staff, and a withdrawal (art. 50(2)) that
// stops new takes, leaves earlier licences standing and lifts the bar.
import { createHash } from 'node:crypto';

import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { canonicalMetadata, type Metadata } from '../ledger/index.js';
import { verifyCertificate } from '../ledger/verify/index.js';
import { today as hubToday } from '../platform/hub-calendar.js';
import { addDays, addMonths, addYears } from '../standards/calendar-date.js';
import { errorCode, errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { applicationNumber, registerEnterprise, registerPatent } from './support/registry.js';

const today = hubToday();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const ROYALTY = '按年销售额的 2% 支付，每年一月结算';

interface Certificate {
  entry: { kind: string; subject: string; metadata: Metadata };
}
interface OpenLicence {
  announcedOn: string;
  royalty: string;
  evaluationReportNumber: string | null;
  withdrawnOn: string | null;
  open: boolean;
  receipt: { seq: number };
  withdrawalReceipt: { seq: number } | null;
}
interface Licence {
  id: string;
  kind: string;
  openLicence: boolean;
  territory: string[];
  term: { startDate: string; endDate: string };
  royaltyTerms: string | null;
  licensee: { id: string } | null;
  receipt: { seq: number };
  certificate: Certificate;
}

const OPEN_LICENCE_FIELDS = `announcedOn royalty evaluationReportNumber withdrawnOn open receipt { seq } withdrawalReceipt { seq }`;
const DECLARE = gql`
  mutation ($input: DeclareOpenLicenceInput!) {
    declareOpenLicence(input: $input) { ${OPEN_LICENCE_FIELDS} }
  }
`;
const WITHDRAW = gql`
  mutation ($input: WithdrawOpenLicenceInput!) {
    withdrawOpenLicence(input: $input) { ${OPEN_LICENCE_FIELDS} }
  }
`;
const TAKE = gql`
  mutation ($input: TakeOpenLicenceInput!) {
    takeOpenLicence(input: $input) {
      id
      kind
      openLicence
      territory
      term {
        startDate
        endDate
      }
      royaltyTerms
      licensee {
        id
      }
      receipt {
        seq
      }
      certificate
    }
  }
`;
const LICENCE = gql`
  mutation ($input: RegisterLicenceInput!) {
    registerLicence(input: $input) {
      id
      kind
      openLicence
    }
  }
`;
const PATENT = gql`
  query ($n: String!) {
    patent(applicationNumber: $n) {
      protectionEndsOn
      openLicence { ${OPEN_LICENCE_FIELDS} }
      licences(first: 10) { edges { node { id kind openLicence } } }
      history(first: 20) { edges { node { type } } }
    }
  }
`;

const INBOX = gql`
  query {
    inbox {
      notifications(first: 50) {
        edges {
          node {
            notification {
              id
            }
          }
        }
      }
    }
  }
`;

describe('open licences (开放许可, Patent Law arts. 50-51)', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let owner: string;
  let taker: string;
  let other: string;
  let ownerClient: GraphQLClient;
  let takerClient: GraphQLClient;
  let serial = 0;
  let contracts = 0;

  /** A granted invention ('1') or utility model ('2') of the owner, filed four years ago, its fees paid. */
  async function patent(type: '1' | '2' = '1', extra: Record<string, unknown> = {}): Promise<string> {
    const filingDate = addYears(today, -4);
    return registerPatent(staff, {
      enterpriseId: owner,
      applicationNumber: applicationNumber(filingDate, type, ++serial),
      title: `一种固态电池 ${serial}`,
      filingDate,
      status: 'GRANTED',
      grantDate: addYears(filingDate, 2),
      feesPaidThrough: addYears(filingDate, 4),
      ...extra,
    });
  }
  const declareInput = (applicationNumber: string, extra: Record<string, unknown> = {}) => ({
    applicationNumber,
    royalty: ROYALTY,
    announcedOn: addDays(today, -10),
    ...extra,
  });
  const licenceInput = (number: string, kind: string, licenseeId = other) => ({
    right: { rightKind: 'PATENT', number },
    licenseeId,
    kind,
    territory: ['440000'],
    term: { startDate: today, endDate: addYears(today, 1) },
    royaltyTerms: '一次性支付五万元',
    contractDate: today,
    contractDigest: sha256(`许可合同 ${++contracts}`),
  });
  const declare = async (n: string, extra: Record<string, unknown> = {}) =>
    (await staff.request<{ declareOpenLicence: OpenLicence }>(DECLARE, { input: declareInput(n, extra) })).declareOpenLicence;
  const read = async (n: string) =>
    (
      await staff.request<{
        patent: {
          protectionEndsOn: string;
          openLicence: OpenLicence | null;
          licences: { edges: { node: { id: string; kind: string; openLicence: boolean } }[] };
          history: { edges: { node: { type: string } }[] };
        };
      }>(PATENT, { n })
    ).patent;
  const ledgerSize = async () => (await t.hub.ledger.audit()).size;
  const entry = async (seq: number) => (await t.hub.ledger.certificate(seq)) as unknown as Certificate;
  const verifies = (c: Certificate) =>
    verifyCertificate(c as never, { contentDigest: sha256(canonicalMetadata(c.entry.metadata)), trustedKeys: [t.hub.ledger.verifierKey] }).ok;

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    const register = (uscc: string, name: string, regionCode: string) =>
      registerEnterprise(staff, { uscc, name, regionCode, industry: '电气机械和器材制造业' });
    owner = await register('914403001922038216', '比亚迪股份有限公司', '440300');
    taker = await register('9144030071526726XG', '宁德时代新能源科技股份有限公司', '350900');
    other = await register('91110108MA0000001D', '北京某电池科技有限公司', '110108');
    ownerClient = t.client(await t.key('ENTERPRISE', { enterpriseId: owner }));
    takerClient = t.client(await t.key('ENTERPRISE', { enterpriseId: taker }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('records a declaration (Patent Law art. 50) on the ledger as OPEN_LICENCE_DECLARATION, read on the patent as the patent is', async () => {
    const n = await patent();
    expect((await read(n)).openLicence).toBeNull();
    const declared = await declare(`CN${n}`, { idempotencyKey: 'declare-1' });
    expect(declared).toMatchObject({
      announcedOn: addDays(today, -10),
      royalty: ROYALTY,
      evaluationReportNumber: null,
      withdrawnOn: null,
      open: true,
      withdrawalReceipt: null,
    });
    const certificate = await entry(declared.receipt.seq);
    expect(certificate.entry).toMatchObject({ kind: 'OPEN_LICENCE_DECLARATION', subject: `patent:${n}` });
    expect(certificate.entry.metadata).toMatchObject({ state: 'DECLARED', patentee: owner, royalty: ROYALTY, announcedOn: addDays(today, -10) });
    expect(verifies(certificate)).toBe(true);
    // A retry with its key is the same declaration, not a second one.
    const size = await ledgerSize();
    expect(await declare(n, { idempotencyKey: 'declare-1' })).toStrictEqual(declared);
    expect(await ledgerSize()).toBe(size);
    const readBack = await read(n);
    expect(readBack.openLicence).toStrictEqual(declared);
    expect(readBack.history.edges.map((e) => e.node.type)).toStrictEqual(['OPEN_LICENCE_DECLARED']);
    // Its owner reads it with the patent; centre staff alone record it.
    const own = await ownerClient.request<{ patent: { openLicence: OpenLicence } }>(PATENT, { n });
    expect(own.patent.openLicence.open).toBe(true);
    expect(await errorCode(ownerClient.request(DECLARE, { input: declareInput(n) }))).toBe('FORBIDDEN');
  });

  it("asks a utility model's declaration for its patent evaluation report (art. 50(1)), and an invention's for none (art. 66(2))", async () => {
    const model = await patent('2');
    expect(await errorExtensions(staff.request(DECLARE, { input: declareInput(model) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'evaluationReportNumber',
    });
    expect(await declare(model, { evaluationReportNumber: 'PJ2025000123' })).toMatchObject({ evaluationReportNumber: 'PJ2025000123', open: true });
    const invention = await patent();
    expect(await errorExtensions(staff.request(DECLARE, { input: declareInput(invention, { evaluationReportNumber: 'PJ2025000124' }) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'evaluationReportNumber',
    });
  });

  it('refuses a declaration for each ground of Implementing Regulations 2023 rule 86 the hub sees, writing nothing', async () => {
    const before = await ledgerSize();
    // Not granted: an application is not declared open.
    const pending = await registerPatent(staff, {
      enterpriseId: owner,
      applicationNumber: applicationNumber(addYears(today, -1), '1', ++serial),
      title: '一种待审电池',
      filingDate: addYears(today, -1),
    });
    expect(await errorExtensions(staff.request(DECLARE, { input: declareInput(pending) }))).toMatchObject({ code: 'INVALID_TRANSITION', status: 'PENDING' });
    // Frozen by a court (rule 86(2): the suspension of rule 104).
    const frozen = await patent();
    const court = t.client(await t.key('COURT', { organization: '深圳市中级人民法院' }));
    await court.request(
      gql`
        mutation ($input: FreezePatentInput!) {
          freezePatent(input: $input) {
            applicationNumber
          }
        }
      `,
      { input: { applicationNumber: frozen, orderNumber: '(2026)粤03执保9号', frozenOn: today } },
    );
    expect(await errorExtensions(staff.request(DECLARE, { input: declareInput(frozen) }))).toMatchObject({ code: 'ASSET_FROZEN', court: '深圳市中级人民法院' });
    // Its annual fee unpaid (rule 86(3)): due a month ago, in its grace.
    const filingDate = addMonths(addYears(today, -4), -1);
    const late = await registerPatent(staff, {
      enterpriseId: owner,
      applicationNumber: applicationNumber(filingDate, '1', ++serial),
      title: '一种欠费电池',
      filingDate,
      status: 'GRANTED',
      grantDate: addYears(filingDate, 2),
      feesPaidThrough: addYears(filingDate, 3),
    });
    expect(await errorExtensions(staff.request(DECLARE, { input: declareInput(late) }))).toMatchObject({ code: 'ANNUAL_FEE_OVERDUE', state: 'GRACE' });
    // Under an exclusive or sole licence in force (rule 86(1)).
    const exclusive = await patent();
    const { registerLicence } = await staff.request<{ registerLicence: { id: string } }>(LICENCE, { input: licenceInput(exclusive, 'SOLE') });
    const sizeWithLicence = await ledgerSize();
    expect(await errorExtensions(staff.request(DECLARE, { input: declareInput(exclusive) }))).toMatchObject({
      code: 'OPEN_LICENCE_REFUSED',
      reason: 'EXCLUSIVE_LICENCE',
      licenceId: registerLicence.id,
    });
    // Open already.
    const open = await patent();
    await declare(open);
    const sizeDeclared = await ledgerSize();
    expect(await errorExtensions(staff.request(DECLARE, { input: declareInput(open) }))).toMatchObject({
      code: 'OPEN_LICENCE_REFUSED',
      reason: 'ALREADY_OPEN',
    });
    // Input: a future announcement, one before the grant, an empty royalty, a number that is none.
    expect(await errorExtensions(staff.request(DECLARE, { input: declareInput(open, { announcedOn: addDays(today, 1) }) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'announcedOn',
    });
    const fresh = await patent();
    expect(await errorExtensions(staff.request(DECLARE, { input: declareInput(fresh, { announcedOn: addYears(today, -3) }) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'announcedOn',
    });
    expect(await errorExtensions(staff.request(DECLARE, { input: declareInput(fresh, { royalty: '  ' }) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'royalty',
    });
    expect(await errorCode(staff.request(DECLARE, { input: declareInput('202310999999.X') }))).toMatch(/^(NOT_FOUND|INVALID_PATENT_NUMBER)$/);
    expect(await ledgerSize()).toBe(sizeDeclared);
    expect(sizeDeclared - sizeWithLicence).toBe(1);
    expect(sizeWithLicence - before).toBe(1);
    for (const n of [pending, frozen, late, exclusive, fresh]) expect((await read(n)).openLicence).toBeNull();
  });

  it('bars exclusive and sole licences while open (Patent Law art. 51(3)); ordinary ones are recorded', async () => {
    const n = await patent();
    await declare(n);
    const before = await ledgerSize();
    for (const kind of ['EXCLUSIVE', 'SOLE']) {
      expect(await errorExtensions(staff.request(LICENCE, { input: licenceInput(n, kind) }))).toMatchObject({
        code: 'OPEN_LICENCE_BARS_EXCLUSIVE',
        field: 'kind',
        openLicenceAnnouncedOn: addDays(today, -10),
      });
    }
    expect(await ledgerSize()).toBe(before);
    const { registerLicence } = await staff.request<{ registerLicence: { kind: string; openLicence: boolean } }>(LICENCE, {
      input: licenceInput(n, 'ORDINARY'),
    });
    expect(registerLicence).toMatchObject({ kind: 'ORDINARY', openLicence: false });
  });

  it("takes an ordinary licence by the licensee's notice (Patent Law art. 51(1)), by its own key or by staff, on the ledger and marked", async () => {
    const n = await patent();
    await declare(n);
    const { protectionEndsOn } = await read(n);
    const noticeDate = addDays(today, -2);
    const { takeOpenLicence: taken } = await takerClient.request<{ takeOpenLicence: Licence }>(TAKE, {
      input: { applicationNumber: n, licenseeId: taker, noticeDate, idempotencyKey: 'take-1' },
    });
    expect(taken).toMatchObject({
      kind: 'ORDINARY',
      openLicence: true,
      territory: ['CN'],
      term: { startDate: noticeDate, endDate: addDays(protectionEndsOn, -1) },
      royaltyTerms: ROYALTY,
      licensee: { id: taker },
    });
    expect(taken.certificate.entry).toMatchObject({ kind: 'LICENCE_REGISTRATION', subject: `patent:${n}` });
    expect(taken.certificate.entry.metadata).toMatchObject({ licensor: owner, licensee: taker, kind: 'ORDINARY', openLicence: { noticeDate } });
    expect(verifies(taken.certificate)).toBe(true);
    // A retry with its key answers the same licence.
    const again = await takerClient.request<{ takeOpenLicence: Licence }>(TAKE, {
      input: { applicationNumber: n, licenseeId: taker, noticeDate, idempotencyKey: 'take-1' },
    });
    expect(again.takeOpenLicence.id).toBe(taken.id);
    // Staff record another licensee's notice.
    const { takeOpenLicence: byStaff } = await staff.request<{ takeOpenLicence: Licence }>(TAKE, {
      input: { applicationNumber: n, licenseeId: other, noticeDate: today },
    });
    expect(byStaff).toMatchObject({ openLicence: true, licensee: { id: other } });
    expect(byStaff.certificate.entry.metadata).toMatchObject({ licensor: owner, licensee: other });
    const readBack = await read(n);
    expect(readBack.licences.edges.map((e) => e.node)).toStrictEqual([
      { id: taken.id, kind: 'ORDINARY', openLicence: true },
      { id: byStaff.id, kind: 'ORDINARY', openLicence: true },
    ]);
    expect(readBack.history.edges.map((e) => e.node.type)).toStrictEqual(['OPEN_LICENCE_DECLARED', 'LICENSED', 'LICENSED']);
    // Both parties are told, as of any licence (licence.registered).
    const told = async (client: GraphQLClient) =>
      (await client.request<{ inbox: { notifications: { edges: { node: { notification: { id: string } } }[] } } }>(INBOX)).inbox.notifications.edges.map(
        (e) => e.node.notification.id,
      );
    for (const client of [ownerClient, takerClient])
      await expect.poll(() => told(client), { timeout: 15_000, interval: 100 }).toContain(`licence.registered:${taken.id}`);
  });

  it('refuses a take for each reason, writing nothing', async () => {
    const n = await patent();
    const closed = await patent();
    await declare(n);
    await takerClient.request(TAKE, { input: { applicationNumber: n, licenseeId: taker, noticeDate: today } });
    const before = await ledgerSize();
    const take = (client: GraphQLClient, input: Record<string, unknown>) =>
      errorExtensions(client.request(TAKE, { input: { applicationNumber: n, ...input } }));
    // Holds one under this declaration already.
    expect(await take(staff, { licenseeId: taker, noticeDate: today })).toMatchObject({ code: 'OPEN_LICENCE_REFUSED', reason: 'ALREADY_LICENSED' });
    // The owner takes no licence of its own patent.
    expect(await take(staff, { licenseeId: owner, noticeDate: today })).toMatchObject({
      code: 'OPEN_LICENCE_REFUSED',
      reason: 'LICENSEE_IS_OWNER',
      field: 'licenseeId',
    });
    // Not open on the notice date: before the announcement, or never declared.
    expect(await take(staff, { licenseeId: other, noticeDate: addDays(today, -11) })).toMatchObject({ code: 'OPEN_LICENCE_REFUSED', reason: 'NOT_OPEN' });
    expect(await take(staff, { applicationNumber: closed, licenseeId: other, noticeDate: today })).toMatchObject({
      code: 'OPEN_LICENCE_REFUSED',
      reason: 'NOT_OPEN',
    });
    // An enterprise key gives notice for itself only; a notice is not given in the future.
    expect(await take(takerClient, { licenseeId: other, noticeDate: today })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await take(staff, { licenseeId: other, noticeDate: addDays(today, 1) })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'noticeDate' });
    expect(await take(staff, { licenseeId: 'no-such-enterprise', noticeDate: today })).toMatchObject({ code: 'NOT_FOUND', field: 'licenseeId' });
    expect(await ledgerSize()).toBe(before);
    expect((await read(n)).licences.edges).toHaveLength(1);
  });

  it('withdraws (Patent Law art. 50(2)): no new takes from the withdrawal, earlier licences stand, and the bar lifts', async () => {
    const n = await patent();
    const untaken = await patent();
    const announcedOn = addDays(today, -10);
    await declare(n);
    await declare(untaken);
    const { takeOpenLicence: earlier } = await staff.request<{ takeOpenLicence: Licence }>(TAKE, {
      input: { applicationNumber: n, licenseeId: taker, noticeDate: addDays(today, -5) },
    });
    expect(await errorExtensions(staff.request(WITHDRAW, { input: { applicationNumber: n, withdrawnOn: addDays(announcedOn, -1) } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'withdrawnOn',
    });
    const withdrawnOn = addDays(today, -3);
    const { withdrawOpenLicence: withdrawn } = await staff.request<{ withdrawOpenLicence: OpenLicence }>(WITHDRAW, {
      input: { applicationNumber: n, withdrawnOn },
    });
    expect(withdrawn).toMatchObject({ announcedOn, withdrawnOn, open: false });
    const certificate = await entry(withdrawn.withdrawalReceipt!.seq);
    expect(certificate.entry).toMatchObject({ kind: 'OPEN_LICENCE_DECLARATION', subject: `patent:${n}` });
    expect(certificate.entry.metadata).toMatchObject({ state: 'WITHDRAWN', withdrawnOn, declarationSeq: withdrawn.receipt.seq });
    expect(verifies(certificate)).toBe(true);
    expect((await read(n)).openLicence).toStrictEqual(withdrawn);
    // Withdrawn once; a notice from the withdrawal on is refused; one given while open is still recorded.
    expect(await errorExtensions(staff.request(WITHDRAW, { input: { applicationNumber: n, withdrawnOn: today } }))).toMatchObject({
      code: 'OPEN_LICENCE_REFUSED',
      reason: 'NOT_OPEN',
    });
    expect(await errorExtensions(staff.request(TAKE, { input: { applicationNumber: n, licenseeId: other, noticeDate: withdrawnOn } }))).toMatchObject({
      code: 'OPEN_LICENCE_REFUSED',
      reason: 'NOT_OPEN',
    });
    const { takeOpenLicence: beforeWithdrawal } = await staff.request<{ takeOpenLicence: Licence }>(TAKE, {
      input: { applicationNumber: n, licenseeId: other, noticeDate: addDays(withdrawnOn, -1) },
    });
    expect(beforeWithdrawal.openLicence).toBe(true);
    // The earlier licences stand: an exclusive licence meeting them is refused as any overlap.
    const readBack = await read(n);
    expect(readBack.licences.edges.map((e) => e.node.id)).toStrictEqual([earlier.id, beforeWithdrawal.id]);
    expect(readBack.history.edges.map((e) => e.node.type)).toStrictEqual(['OPEN_LICENCE_DECLARED', 'LICENSED', 'OPEN_LICENCE_WITHDRAWN', 'LICENSED']);
    expect(await errorCode(staff.request(LICENCE, { input: licenceInput(n, 'EXCLUSIVE') }))).toBe('LICENCE_OVERLAP');
    // Where none was taken, the bar lifts with the withdrawal.
    expect(await errorCode(staff.request(LICENCE, { input: licenceInput(untaken, 'EXCLUSIVE') }))).toBe('OPEN_LICENCE_BARS_EXCLUSIVE');
    await staff.request(WITHDRAW, { input: { applicationNumber: untaken, withdrawnOn: today } });
    const { registerLicence } = await staff.request<{ registerLicence: { kind: string } }>(LICENCE, { input: licenceInput(untaken, 'EXCLUSIVE') });
    expect(registerLicence.kind).toBe('EXCLUSIVE');
    // Never declared: nothing to withdraw.
    expect(await errorExtensions(staff.request(WITHDRAW, { input: { applicationNumber: await patent(), withdrawnOn: today } }))).toMatchObject({
      code: 'OPEN_LICENCE_REFUSED',
      reason: 'NOT_OPEN',
    });
  });
});
