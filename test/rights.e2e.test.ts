// Transfers and licences of patents and trademarks through the gateway, and trademark and
// copyright registration: ledger entries with certificates checked offline, ownership moving, the
// pledgee's consent, a court's freeze, overlapping exclusive licences, every refusal code and role
// rule, and that a refusal changes nothing.
import { createHash } from 'node:crypto';

import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { canonicalMetadata, type Metadata } from '../ledger/index.js';
import { verifyCertificate } from '../ledger/verify/index.js';
import { today as hubToday } from '../platform/hub-calendar.js';
import { addDays, addMonths, addYears } from '../standards/calendar-date.js';
import { answersNull, errorCode, errorExtensions, startTestHub, type TestHub } from './support/hub.js';
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
  const licenceInput = (number: string, kind: string, territory: string[], startDate: string, endDate: string) => ({
    right: { kind: 'PATENT', number },
    licenseeId: buyer,
    kind,
    territory,
    term: { startDate, endDate },
    royalty: '5000000',
    royaltyTerms: '一次性支付五万元',
    contractDate: today,
    contractDigest: CONTRACT,
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
    const { registerPledge: pledge } = await bank.request<{ registerPledge: { id: string } }>(
      gql`
        mutation ($input: RegisterPledgeInput!) {
          registerPledge(input: $input) {
            id
          }
        }
      `,
      {
        input: {
          pledgorId: seller,
          collateral: [{ kind: 'PATENT', id: n }],
          securedAmount: '100000000',
          term: { startDate: today, endDate: addYears(today, 1) },
        },
      },
    );
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
