// Transfers and licences of patents and trademarks through the gateway, and trademark and
// copyright registration: ledger entries with certificates checked offline, ownership moving, the
// pledgee's consent, a court's freeze, overlapping exclusive licences, the licence refusals of
// 专利实施许可合同备案办法 art. 12(2) (a late annual fee, a contract recorded twice), art. 5's three
// months to record a licence, a trademark's registrations of the same mark in its class, every
// refusal code and role rule, and that a refusal changes nothing.
import { createHash } from 'node:crypto';

import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { canonicalMetadata, type Metadata } from '../ledger/index.js';
import { verifyCertificate } from '../ledger/verify/index.js';
import { today as hubToday } from '../platform/hub-calendar.js';
import { addDays, addMonths, addYears } from '../standards/calendar-date.js';
import { answersNull, errorCode, errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { pledgeJointly } from './support/pledges.js';
import { applicationNumber, registerEnterprise, registerPatent } from './support/registry.js';

const today = hubToday();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const CONTRACT = sha256('转让合同 2026-001');
const BANK = '招商银行深圳分行';

interface Certificate {
  entry: { kind: string; subject: string; metadata: Metadata };
}
interface Transfer {
  id: string;
  right: { kind: string; number: string };
  from: { id: string } | null;
  to: { id: string } | null;
  receipt: { seq: number };
  certificate: Certificate;
}
interface Licence {
  id: string;
  kind: string;
  territory: string[];
  term: { startDate: string; endDate: string };
  royalty: string | null;
  receipt: { seq: number };
  certificate: Certificate;
}

const TRANSFER = gql`
  mutation ($input: RegisterTransferInput!) {
    registerTransfer(input: $input) {
      id
      right {
        kind
        number
      }
      from {
        id
      }
      to {
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
      territory
      term {
        startDate
        endDate
      }
      royalty
      receipt {
        seq
      }
      certificate
    }
  }
`;
const PATENT = gql`
  query ($n: String!) {
    patent(applicationNumber: $n) {
      enterprise {
        id
      }
      transfers {
        id
        to {
          id
        }
      }
      licences(first: 10) {
        edges {
          node {
            id
            kind
          }
        }
      }
      history(first: 20) {
        edges {
          node {
            type
            details
          }
        }
      }
    }
  }
`;

describe('transfers, licences and registrations', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let bank: GraphQLClient;
  let seller: string;
  let buyer: string;
  let sellerClient: GraphQLClient;
  let buyerClient: GraphQLClient;
  let serial = 0;

  async function patent(owner = seller, extra: { status?: string } = {}): Promise<string> {
    const filingDate = addYears(today, -4);
    const status = extra.status ?? 'GRANTED';
    return registerPatent(staff, {
      enterpriseId: owner,
      applicationNumber: applicationNumber(filingDate, '1', ++serial),
      title: `一种储能电池 ${serial}`,
      filingDate,
      status,
      ...(status === 'PENDING' ? {} : { grantDate: addYears(filingDate, 2), feesPaidThrough: addYears(filingDate, 4) }),
    });
  }
  const transferInput = (number: string, to = buyer, kind = 'PATENT') => ({
    right: { kind, number },
    toEnterpriseId: to,
    contractDate: today,
    contractDigest: CONTRACT,
  });
  let contracts = 0;
  // A contract of its own each: one contract is recorded once per right (DUPLICATE_CONTRACT).
  const licenceInput = (number: string, kind: string, territory: string[], startDate: string, endDate: string) => ({
    right: { kind: 'PATENT', number },
    licenseeId: buyer,
    kind,
    territory,
    term: { startDate, endDate },
    royalty: '5000000',
    royaltyTerms: '一次性支付五万元',
    contractDate: today,
    contractDigest: sha256(`许可合同 ${++contracts}`),
  });
  const ledgerSize = async () => (await t.hub.ledger.audit()).size;
  const verifies = (c: Certificate) =>
    verifyCertificate(c as never, { contentDigest: sha256(canonicalMetadata(c.entry.metadata)), trustedKeys: [t.hub.ledger.verifierKey] }).ok;

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    bank = t.client(await t.key('BANK', { organization: BANK }));
    const register = (uscc: string, name: string, regionCode: string) =>
      registerEnterprise(staff, { uscc, name, regionCode, industry: '电气机械和器材制造业' });
    seller = await register('914403001922038216', '比亚迪股份有限公司', '440300');
    buyer = await register('9144030071526726XG', '宁德时代新能源科技股份有限公司', '350900');
    sellerClient = t.client(await t.key('ENTERPRISE', { enterpriseId: seller }));
    buyerClient = t.client(await t.key('ENTERPRISE', { enterpriseId: buyer }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('records a transfer on the ledger and moves the patent to its new owner', async () => {
    const n = await patent();
    const { registerTransfer: transfer } = await staff.request<{ registerTransfer: Transfer }>(TRANSFER, { input: transferInput(`CN${n}`) });
    expect(transfer).toMatchObject({ right: { kind: 'PATENT', number: n }, from: { id: seller }, to: { id: buyer } });
    expect(transfer.certificate.entry).toMatchObject({ kind: 'RIGHT_TRANSFER', subject: `patent:${n}` });
    expect(transfer.certificate.entry.metadata).toMatchObject({ transfer: transfer.id, from: seller, to: buyer, contractDigest: CONTRACT });
    expect(verifies(transfer.certificate)).toBe(true);
    const { patent: read } = await staff.request<{
      patent: { enterprise: { id: string }; transfers: { id: string }[]; history: { edges: { node: { type: string } }[] } };
    }>(PATENT, { n });
    expect(read.enterprise.id).toBe(buyer);
    expect(read.transfers.map((x) => x.id)).toStrictEqual([transfer.id]);
    expect(read.history.edges.map((e) => e.node.type)).toStrictEqual(['TRANSFERRED']);
    // The new owner reads it; the old one no longer may.
    expect((await buyerClient.request<{ patent: { enterprise: { id: string } } }>(PATENT, { n })).patent.enterprise.id).toBe(buyer);
    expect(await answersNull(sellerClient.request(PATENT, { n }))).toBe(true);
    // Transferred already: the seller owns it no more, so it cannot be given to the buyer again.
    expect(await errorExtensions(staff.request(TRANSFER, { input: transferInput(n) }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toEnterpriseId' });
  });

  it('refuses a transfer for each reason, writing nothing', async () => {
    const n = await patent();
    const before = await ledgerSize();
    expect(await errorCode(sellerClient.request(TRANSFER, { input: transferInput(n) }))).toBe('FORBIDDEN');
    expect(await errorExtensions(staff.request(TRANSFER, { input: { ...transferInput(n), contractDigest: 'abc' } }))).toMatchObject({
      code: 'INVALID_DIGEST',
      field: 'contractDigest',
    });
    expect(await errorExtensions(staff.request(TRANSFER, { input: { ...transferInput(n), contractDate: addDays(today, 1) } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'contractDate',
    });
    expect(await errorExtensions(staff.request(TRANSFER, { input: transferInput(n, 'no-such-enterprise') }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'toEnterpriseId',
    });
    expect(await errorCode(staff.request(TRANSFER, { input: transferInput('202310999999.X') }))).toMatch(/^(NOT_FOUND|INVALID_PATENT_NUMBER)$/);
    expect(await errorCode(staff.request(TRANSFER, { input: transferInput('12345678', buyer, 'TRADEMARK') }))).toBe('NOT_FOUND');
    const rejected = await patent(seller, { status: 'REJECTED' });
    expect(await errorCode(staff.request(TRANSFER, { input: transferInput(rejected) }))).toBe('INVALID_TRANSITION');

    const court = t.client(await t.key('COURT', { organization: '深圳市中级人民法院' }));
    await court.request(
      gql`
        mutation ($input: FreezePatentInput!) {
          freezePatent(input: $input) {
            applicationNumber
          }
        }
      `,
      {
        input: { applicationNumber: n, orderNumber: '(2026)粤03执保7号', frozenOn: today },
      },
    );
    expect(await errorExtensions(staff.request(TRANSFER, { input: transferInput(n) }))).toMatchObject({ code: 'ASSET_FROZEN', court: '深圳市中级人民法院' });
    expect(await ledgerSize()).toBe(before);
    expect((await staff.request<{ patent: { enterprise: { id: string }; transfers: unknown[] } }>(PATENT, { n })).patent).toMatchObject({
      enterprise: { id: seller },
      transfers: [],
    });
  });

  it("needs the pledgee's consent to this very disposal and counterparty to transfer or license a pledged patent", async () => {
    const n = await patent();
    const pledge = await pledgeJointly(bank, sellerClient, {
      pledgorId: seller,
      collateral: [{ kind: 'PATENT', id: n }],
      securedAmount: '100000000',
      term: { startDate: today, endDate: addYears(today, 1) },
    });
    const licence = licenceInput(n, 'ORDINARY', ['CN'], today, addYears(today, 1));
    expect(await errorExtensions(staff.request(TRANSFER, { input: transferInput(n) }))).toMatchObject({
      code: 'ASSET_PLEDGED_CONSENT_REQUIRED',
      pledgeId: pledge.id,
      pledgee: BANK,
    });
    const consent = (disposal: string) =>
      bank.request(
        gql`
          mutation ($input: ConsentToDisposalInput!) {
            consentToDisposal(input: $input) {
              id
            }
          }
        `,
        {
          input: { pledgeId: pledge.id, asset: { kind: 'PATENT', id: n }, disposal, counterpartyId: buyer },
        },
      );
    // A consent to license does not cover a transfer, and the other way round.
    await consent('LICENCE');
    expect(await errorCode(staff.request(TRANSFER, { input: transferInput(n) }))).toBe('ASSET_PLEDGED_CONSENT_REQUIRED');
    await staff.request(LICENCE, { input: licence });
    await consent('TRANSFER');
    const { registerTransfer } = await staff.request<{ registerTransfer: Transfer }>(TRANSFER, { input: transferInput(n) });
    expect(registerTransfer.to).toStrictEqual({ id: buyer });
  });

  it('refuses an exclusive licence meeting another in territory and time, and a term beyond the protection', async () => {
    const n = await patent();
    const end = addYears(today, 2);
    const { registerLicence: guangdong } = await staff.request<{ registerLicence: Licence }>(LICENCE, {
      input: licenceInput(n, 'EXCLUSIVE', ['440000'], today, end),
    });
    expect(guangdong).toMatchObject({ kind: 'EXCLUSIVE', territory: ['440000'], term: { startDate: today, endDate: end }, royalty: '5000000' });
    expect(guangdong.certificate.entry).toMatchObject({ kind: 'LICENCE_REGISTRATION', subject: `patent:${n}` });
    expect(verifies(guangdong.certificate)).toBe(true);

    const before = await ledgerSize();
    expect(await errorExtensions(staff.request(LICENCE, { input: licenceInput(n, 'EXCLUSIVE', ['440305'], end, addYears(end, 1)) }))).toMatchObject({
      code: 'LICENCE_OVERLAP',
      licenceId: guangdong.id,
    });
    expect(await errorCode(staff.request(LICENCE, { input: licenceInput(n, 'ORDINARY', ['CN'], today, end) }))).toBe('LICENCE_OVERLAP');
    expect(await ledgerSize()).toBe(before);
    // Elsewhere, or after it: no overlap.
    await staff.request(LICENCE, { input: licenceInput(n, 'EXCLUSIVE', ['110000', '310000'], today, end) });
    await staff.request(LICENCE, { input: licenceInput(n, 'SOLE', ['440300'], addDays(end, 1), addYears(end, 1)) });

    // The invention was filed four years ago: twenty years of protection, to the day before the anniversary.
    const lastDay = addDays(addYears(today, 16), -1);
    expect(await errorExtensions(staff.request(LICENCE, { input: licenceInput(n, 'ORDINARY', ['650000'], today, addDays(lastDay, 1)) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'term',
    });
    await staff.request(LICENCE, { input: licenceInput(n, 'ORDINARY', ['650000'], today, lastDay) });
    expect(await errorExtensions(staff.request(LICENCE, { input: licenceInput(n, 'ORDINARY', ['999999'], today, end) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'territory[0]',
    });
    expect(await errorExtensions(staff.request(LICENCE, { input: licenceInput(n, 'ORDINARY', ['650000'], end, today) }))).toMatchObject({ field: 'term' });
    expect(await errorCode(sellerClient.request(LICENCE, { input: licenceInput(n, 'ORDINARY', ['650000'], today, end) }))).toBe('FORBIDDEN');
    const pending = await patent(seller, { status: 'PENDING' });
    expect(await errorCode(staff.request(LICENCE, { input: licenceInput(pending, 'ORDINARY', ['CN'], today, end) }))).toBe('INVALID_TRANSITION');

    const { patent: read } = await staff.request<{
      patent: { licences: { edges: { node: { id: string } }[] }; history: { edges: { node: { type: string } }[] } };
    }>(PATENT, { n });
    expect(read.licences.edges).toHaveLength(4);
    expect(read.history.edges.map((e) => e.node.type)).toStrictEqual(['LICENSED', 'LICENSED', 'LICENSED', 'LICENSED']);
  });

  /** A granted invention whose annual fee of year 5 fell due `monthsAgo` months ago, unpaid. */
  async function latePatent(monthsAgo: number): Promise<{ number: string; dueDate: string }> {
    const filingDate = addMonths(addYears(today, -4), -monthsAgo);
    const number = await registerPatent(staff, {
      enterpriseId: seller,
      applicationNumber: applicationNumber(filingDate, '1', ++serial),
      title: `一种储能电池 ${serial}`,
      filingDate,
      status: 'GRANTED',
      grantDate: addYears(filingDate, 2),
      feesPaidThrough: addYears(filingDate, 3),
    });
    return { number, dueDate: addYears(filingDate, 4) };
  }

  it('refuses a licence of a patent whose annual fee is in its late-payment period, naming the due date and the last day (专利实施许可合同备案办法 art. 12(2)(vi))', async () => {
    const { number, dueDate } = await latePatent(1);
    const before = await ledgerSize();
    const input = licenceInput(number, 'ORDINARY', ['CN'], today, addYears(today, 1));
    const refused = await errorExtensions(staff.request(LICENCE, { input }));
    expect(refused).toMatchObject({ code: 'ANNUAL_FEE_OVERDUE', state: 'GRACE', dueDate });
    // Six months from the due date, or the first working day after them.
    expect((refused!.graceEndsOn as string) >= addMonths(dueDate, 6)).toBe(true);
    expect((refused!.graceEndsOn as string) <= addDays(addMonths(dueDate, 6), 10)).toBe(true);
    const { licenceRegister } = await staff.request<{ licenceRegister: { licence: null; userErrors: { code: string; message: string }[] } }>(
      gql`
        mutation ($input: RegisterLicenceInput!) {
          licenceRegister(input: $input) {
            licence {
              id
            }
            userErrors {
              code
              message
            }
          }
        }
      `,
      { input },
    );
    expect(licenceRegister.licence).toBeNull();
    expect(licenceRegister.userErrors).toStrictEqual([{ code: 'ANNUAL_FEE_OVERDUE', message: expect.stringContaining(dueDate) }]);
    expect(licenceRegister.userErrors[0]!.message).toContain(refused!.graceEndsOn as string);
    // Past the grace the patent lapsed from the due date (art. 12(2)(i)), though the lapse is not recorded yet.
    const lapsed = await latePatent(7);
    expect(await errorExtensions(staff.request(LICENCE, { input: licenceInput(lapsed.number, 'ORDINARY', ['CN'], today, addYears(today, 1)) }))).toMatchObject({
      code: 'ANNUAL_FEE_OVERDUE',
      state: 'LAPSED',
      dueDate: lapsed.dueDate,
    });
    expect(await ledgerSize()).toBe(before);
    // A transfer is no licence: the measures on recording licences do not bar it.
    await staff.request(TRANSFER, { input: transferInput(number) });
  });

  it('refuses a contract recorded for the right already, naming its licence, while a retry with the idempotency key answers the first (art. 12(2)(viii))', async () => {
    const n = await patent();
    const input = { ...licenceInput(n, 'ORDINARY', ['440000'], today, addYears(today, 1)), idempotencyKey: 'licence-dup-1' };
    const { registerLicence: first } = await staff.request<{ registerLicence: Licence }>(LICENCE, { input });
    // The same request again with its key: the first licence, made once.
    expect((await staff.request<{ registerLicence: Licence }>(LICENCE, { input })).registerLicence.id).toBe(first.id);
    const before = await ledgerSize();
    // Another request with the same contract: without a key, under another key, or for another territory and term.
    for (const again of [
      { ...input, idempotencyKey: undefined },
      { ...input, idempotencyKey: 'licence-dup-2' },
      { ...input, idempotencyKey: undefined, territory: ['110000'], term: { startDate: addYears(today, 2), endDate: addYears(today, 3) } },
    ]) {
      const refused = await errorExtensions(staff.request(LICENCE, { input: again }));
      expect(refused).toMatchObject({ code: 'DUPLICATE_CONTRACT', licenceId: first.id, field: 'contractDigest' });
    }
    // Upper-case hex is the same digest.
    expect(
      await errorCode(staff.request(LICENCE, { input: { ...input, idempotencyKey: undefined, contractDigest: input.contractDigest.toUpperCase() } })),
    ).toBe('DUPLICATE_CONTRACT');
    expect(await ledgerSize()).toBe(before);
    const { patent: read } = await staff.request<{ patent: { licences: { edges: { node: { id: string } }[] } } }>(PATENT, { n });
    expect(read.licences.edges.map((e) => e.node.id)).toStrictEqual([first.id]);
  });

  it('records one licence of two concurrent requests with one contract, refusing the other as DUPLICATE_CONTRACT', async () => {
    const n = await patent();
    const input = licenceInput(n, 'ORDINARY', ['CN'], today, addYears(today, 1));
    const results = await Promise.allSettled([
      staff.request<{ registerLicence: Licence }>(LICENCE, { input }),
      staff.request<{ registerLicence: Licence }>(LICENCE, { input: { ...input, territory: ['440000'] } }),
    ]);
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.registerLicence] : []));
    expect(won).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected');
    expect(await errorExtensions(Promise.reject(lost!.reason as Error))).toMatchObject({ code: 'DUPLICATE_CONTRACT', licenceId: won[0]!.id });
    const { patent: read } = await staff.request<{ patent: { licences: { edges: { node: { id: string } }[] } } }>(PATENT, { n });
    expect(read.licences.edges.map((e) => e.node.id)).toStrictEqual([won[0]!.id]);
  });

  it('records a patent licence past its three months from the contract taking effect, flags it, and tells both parties (art. 5)', async () => {
    const RECORDING = gql`
      mutation ($input: RegisterLicenceInput!) {
        registerLicence(input: $input) {
          id
          contractDate
          effectiveDate
          recordingDeadline
          recordedLate
        }
      }
    `;
    type Recording = { id: string; contractDate: string; effectiveDate: string; recordingDeadline: string; recordedLate: boolean };
    const n = await patent();
    const base = licenceInput(n, 'ORDINARY', ['CN'], today, addYears(today, 1));
    const [signed, tookEffect] = [addMonths(today, -5), addMonths(today, -4)];
    // The effective date: not before the contract, not in the future.
    expect(await errorExtensions(staff.request(RECORDING, { input: { ...base, contractDate: signed, effectiveDate: addDays(signed, -1) } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'effectiveDate',
    });
    expect(await errorExtensions(staff.request(RECORDING, { input: { ...base, effectiveDate: addDays(today, 1) } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'effectiveDate',
    });
    // In time: the effective date is the contract date unless given.
    const { registerLicence: inTime } = await staff.request<{ registerLicence: Recording }>(RECORDING, { input: base });
    expect(inTime).toMatchObject({ effectiveDate: today, recordingDeadline: addMonths(today, 3), recordedLate: false });
    // Four months after taking effect: recorded, late.
    const { registerLicence: late } = await staff.request<{ registerLicence: Recording }>(RECORDING, {
      input: { ...licenceInput(n, 'ORDINARY', ['440000'], today, addYears(today, 1)), contractDate: signed, effectiveDate: tookEffect },
    });
    expect(late).toMatchObject({ contractDate: signed, effectiveDate: tookEffect, recordingDeadline: addMonths(tookEffect, 3), recordedLate: true });
    const id = `licence.recorded.late:${late.id}`;
    const INBOX = gql`
      query {
        inbox {
          notifications(first: 20) {
            edges {
              node {
                notification {
                  id
                  type
                  data
                }
              }
            }
          }
        }
      }
    `;
    type Inbox = { inbox: { notifications: { edges: { node: { notification: { id: string; type: string; data: Record<string, unknown> } } }[] } } };
    const told = async (client: GraphQLClient) =>
      (await client.request<Inbox>(INBOX)).inbox.notifications.edges.map((e) => e.node.notification).filter((x) => x.type === 'licence.recorded.late');
    for (const client of [sellerClient, buyerClient]) {
      await expect
        .poll(() => told(client), { timeout: 15_000, interval: 200 })
        .toStrictEqual([
          {
            id,
            type: 'licence.recorded.late',
            data: expect.objectContaining({
              licenceId: late.id,
              licensor: seller,
              licensee: buyer,
              effectiveDate: tookEffect,
              recordingDeadline: addMonths(tookEffect, 3),
              recordedOn: today,
            }),
          },
        ]);
    }
    // Read back as recorded.
    const { licence } = await staff.request<{ licence: Recording }>(
      gql`
        query ($id: ID!) {
          licence(id: $id) {
            id
            contractDate
            effectiveDate
            recordingDeadline
            recordedLate
          }
        }
      `,
      { id: late.id },
    );
    expect(licence).toStrictEqual(late);
  });

  it("lists a trademark's other registrations of the same mark in its class, not another class's nor another owner's", async () => {
    const REGISTER = gql`
      mutation ($input: RegisterTrademarkInput!) {
        registerTrademark(input: $input) {
          registrationNumber
        }
      }
    `;
    const mark = (registrationNumber: string, text: string, niceClass: number, enterpriseId = seller) =>
      staff.request(REGISTER, {
        input: { enterpriseId, registrationNumber, mark: text, niceClass, goods: ['蓄电池'], registrationDate: addYears(today, -1) },
      });
    await mark('70000001', '刀片电池', 9);
    // Full-width and half-width forms are the same text.
    await mark('70000002', '刀片电池ＢＬＡＤＥ', 9);
    await mark('70000003', '刀片电池BLADE', 9);
    await mark('70000004', '刀片电池', 12);
    await mark('70000005', '刀片电池', 9, buyer);
    await mark('70000006', '刀片电池', 9);
    const SAME = gql`
      query ($n: String!) {
        trademark(registrationNumber: $n) {
          sameMarkInClass
        }
      }
    `;
    const same = async (n: string, client = staff) => (await client.request<{ trademark: { sameMarkInClass: string[] } | null }>(SAME, { n })).trademark;
    expect(await same('70000001')).toStrictEqual({ sameMarkInClass: ['70000006'] });
    expect(await same('70000006')).toStrictEqual({ sameMarkInClass: ['70000001'] });
    expect(await same('70000002')).toStrictEqual({ sameMarkInClass: ['70000003'] });
    expect(await same('70000004')).toStrictEqual({ sameMarkInClass: [] });
    expect(await same('70000005', buyerClient)).toStrictEqual({ sameMarkInClass: [] });
    // Whoever reads the trademark reads the list: its owner, not another enterprise.
    expect(await same('70000001', sellerClient)).toStrictEqual({ sameMarkInClass: ['70000006'] });
    expect(await errorCode(same('70000001', buyerClient))).toBe('FORBIDDEN');
  });

  it('registers a trademark, renews it in its window, and transfers it', async () => {
    const registrationDate = addDays(addYears(today, -10), 60);
    const input = {
      enterpriseId: seller,
      registrationNumber: '12345678',
      mark: '比亚迪',
      niceClass: 12,
      goods: ['汽车', '电动车辆', '汽车'],
      registrationDate,
    };
    const MARK = 'registrationNumber mark niceClass niceClassName goods registrationDate expiryDate renewalWindow { opens closes }';
    // A registration is the register's fact: the owner's own key may not record it.
    const REGISTER_MARK = gql`mutation ($input: RegisterTrademarkInput!) { registerTrademark(input: $input) { ${MARK} } }`;
    expect(await errorCode(sellerClient.request(REGISTER_MARK, { input }))).toBe('FORBIDDEN');
    const { registerTrademark: mark } = await staff.request<{ registerTrademark: Record<string, unknown> }>(REGISTER_MARK, { input });
    const expiryDate = addDays(addYears(registrationDate, 10), -1);
    expect(mark).toMatchObject({ niceClassName: '运输工具', goods: ['汽车', '电动车辆'], expiryDate, renewalWindow: { opens: addMonths(expiryDate, -12) } });
    const register = (over: Record<string, unknown>, client = staff) =>
      client.request(
        gql`
          mutation ($input: RegisterTrademarkInput!) {
            registerTrademark(input: $input) {
              registrationNumber
            }
          }
        `,
        { input: { ...input, ...over } },
      );
    // The same registration again is its own answer (a retry); other input under its number is a conflict.
    await register({});
    expect(await errorCode(register({ mark: '另一个商标' }))).toBe('CONFLICT');
    expect(await errorExtensions(register({ registrationNumber: 'TM-1' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'registrationNumber' });
    expect(await errorExtensions(register({ registrationNumber: '2', niceClass: 46 }))).toMatchObject({ field: 'niceClass' });
    expect(await errorExtensions(register({ registrationNumber: '3', goods: [] }))).toMatchObject({ field: 'goods' });
    expect(await errorExtensions(register({ registrationNumber: '4', registrationDate: addDays(today, 1) }))).toMatchObject({ field: 'registrationDate' });
    expect(await errorCode(register({ registrationNumber: '5' }, buyerClient))).toBe('FORBIDDEN');
    expect(await errorExtensions(register({ registrationNumber: '6', enterpriseId: 'nobody' }))).toMatchObject({ code: 'NOT_FOUND' });

    const RENEW = gql`
      mutation ($input: RenewTrademarkInput!) {
        renewTrademark(input: $input) {
          expiryDate
          history(first: 5) {
            edges {
              node {
                type
              }
            }
          }
        }
      }
    `;
    // Renewal opened ten months ago: the registration ends in about two.
    expect(await errorCode(sellerClient.request(RENEW, { input: { registrationNumber: '12345678', renewedOn: today } }))).toBe('FORBIDDEN');
    const { renewTrademark: renewed } = await staff.request<{ renewTrademark: { expiryDate: string; history: { edges: { node: { type: string } }[] } } }>(
      RENEW,
      {
        input: { registrationNumber: '12345678', renewedOn: today },
      },
    );
    expect(renewed.expiryDate).toBe(addYears(expiryDate, 10));
    expect(await errorCode(staff.request(RENEW, { input: { registrationNumber: '12345678', renewedOn: today } }))).toBe('INVALID_TRANSITION');

    const { registerTransfer } = await staff.request<{ registerTransfer: Transfer }>(TRANSFER, { input: transferInput('12345678', buyer, 'TRADEMARK') });
    expect(registerTransfer.certificate.entry).toMatchObject({ kind: 'RIGHT_TRANSFER', subject: 'trademark:12345678' });
    const { trademark } = await staff.request<{ trademark: { history: { edges: { node: { type: string } }[] }; transfers: { to: { id: string } }[] } }>(gql`
      query {
        trademark(registrationNumber: "12345678") {
          history(first: 5) {
            edges {
              node {
                type
              }
            }
          }
          transfers {
            to {
              id
            }
          }
        }
      }
    `);
    expect(trademark.history.edges.map((e) => e.node.type)).toStrictEqual(['RENEWED', 'TRANSFERRED']);
    expect(trademark.transfers).toStrictEqual([{ to: { id: buyer } }]);
  });

  it('registers a copyright with its author and completion date', async () => {
    const REGISTER = gql`
      mutation ($input: RegisterCopyrightInput!) {
        registerCopyright(input: $input) {
          registrationNumber
          kind
          author
          completedOn
        }
      }
    `;
    const year = today.slice(0, 4);
    const input = {
      enterpriseId: seller,
      registrationNumber: `${year}sr0123456`,
      title: '电池管理系统软件 V2.0',
      kind: 'SOFTWARE',
      author: '比亚迪股份有限公司',
      completedOn: `${year}-01-01`,
      registeredOn: today,
    };
    expect(await errorCode(sellerClient.request(REGISTER, { input }))).toBe('FORBIDDEN');
    expect((await staff.request<{ registerCopyright: unknown }>(REGISTER, { input })).registerCopyright).toStrictEqual({
      registrationNumber: `${year}SR0123456`,
      kind: 'SOFTWARE',
      author: '比亚迪股份有限公司',
      completedOn: `${year}-01-01`,
    });
    await staff.request(REGISTER, { input });
    expect(await errorCode(staff.request(REGISTER, { input: { ...input, title: '另一个软件' } }))).toBe('CONFLICT');
    expect(await errorExtensions(staff.request(REGISTER, { input: { ...input, registrationNumber: `国作登字-${year}-F-00000001` } }))).toMatchObject({
      field: 'registrationNumber',
    });
    expect(await errorExtensions(staff.request(REGISTER, { input: { ...input, registrationNumber: '2019SR0000001' } }))).toMatchObject({
      field: 'registeredOn',
    });
    expect(
      await errorExtensions(staff.request(REGISTER, { input: { ...input, registrationNumber: `${year}SR0000002`, completedOn: addDays(today, 1) } })),
    ).toMatchObject({
      field: 'completedOn',
    });
    await staff.request(REGISTER, { input: { ...input, kind: 'ARTISTIC', registrationNumber: `国作登字-${year}-H-00000001`, title: '品牌吉祥物' } });
    expect(await errorCode(buyerClient.request(REGISTER, { input: { ...input, registrationNumber: `${year}SR0000003` } }))).toBe('FORBIDDEN');
  });
});
