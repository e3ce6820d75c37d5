// Transferees and licensees outside the registry (issue 25): a natural person or a foreign entity,
// by name and country, never an identity number. A patent transferred to a foreign entity leaves
// the transferor's lists and the registry's counts, reads back held by that party, and takes no
// later act here; a trademark licensed to a person keeps its licensor; a pledged patent leaves for
// an outside buyer only with the pledgee's consent to that very party.
import { createHash } from 'node:crypto';

import { ClientError, gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { today as hubToday } from '../platform/hub-calendar.js';
import { addYears } from '../standards/calendar-date.js';
import { errorCode, errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { pledgeJointly } from './support/pledges.js';
import { applicationNumber, registerEnterprise, registerPatent, registerTrademark } from './support/registry.js';

const SELLER = '914403001922038216';
const OTHER = '9144030071526726XG';
const BANK = '中国工商银行福州分行';
const SIEMENS = { kind: 'FOREIGN_ENTITY', name: 'Siemens AG', country: 'DE' };
const ZHANG = { kind: 'INDIVIDUAL', name: '张三', country: 'CN' };

const today = hubToday();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const TRANSFER = gql`
  mutation ($input: RegisterTransferInput!) {
    registerTransfer(input: $input) {
      id
      state
      from {
        id
      }
      to {
        id
      }
      toOutside {
        kind
        name
        country
      }
      certificate
    }
  }
`;
const LICENCE = gql`
  mutation ($input: RegisterLicenceInput!) {
    registerLicence(input: $input) {
      id
      licensor {
        id
      }
      licensee {
        id
      }
      outsideLicensee {
        kind
        name
        country
      }
      certificate
    }
  }
`;
const PATENT = gql`
  query ($n: String!) {
    patent(applicationNumber: $n) {
      applicationNumber
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
`;
const OWN = gql`
  query ($id: ID!) {
    enterprise(id: $id) {
      patents {
        totalCount
        edges {
          node {
            applicationNumber
          }
        }
      }
    }
    enterpriseStatistics {
      byRegion {
        regionCode
        patents
      }
      byIndustry {
        industry
        patents
      }
    }
  }
`;

describe('outside parties as transferees and licensees', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let bank: GraphQLClient;
  let sellerClient: GraphQLClient;
  let seller: string;
  let other: string;
  let serial = 0;
  let contracts = 0;

  const patent = () =>
    registerPatent(staff, {
      enterpriseId: seller,
      applicationNumber: applicationNumber('2016-03-01', '1', ++serial),
      title: `一种图像编码方法 ${serial}`,
      filingDate: '2016-03-01',
      status: 'GRANTED',
      grantDate: '2018-03-01',
      feesPaidThrough: addYears(today, 1),
    });
  const transferInput = (number: string, to: Record<string, unknown>, kind = 'PATENT') => ({
    right: { rightKind: kind, number },
    ...to,
    contractDate: today,
    contractDigest: sha256(`转让合同 ${++contracts}`),
  });
  const licenceInput = (number: string, licensee: Record<string, unknown>, kind = 'TRADEMARK') => ({
    right: { rightKind: kind, number },
    ...licensee,
    kind: 'ORDINARY',
    territory: ['CN'],
    term: { startDate: today, endDate: addYears(today, 1) },
    contractDate: today,
    contractDigest: sha256(`许可合同 ${++contracts}`),
  });
  const ledgerSize = async () => (await t.hub.ledger.audit()).size;
  const own = (id: string) =>
    staff.request<{
      enterprise: { patents: { totalCount: number; edges: { node: { applicationNumber: string } }[] } };
      enterpriseStatistics: { byRegion: { regionCode: string; patents: number }[]; byIndustry: { industry: string; patents: number }[] };
    }>(OWN, { id });

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    bank = t.client(await t.key('BANK', { organization: BANK }));
    seller = await registerEnterprise(staff, { uscc: SELLER, name: '华为技术有限公司', regionCode: '440300', industry: '计算机、通信和其他电子设备制造业' });
    other = await registerEnterprise(staff, { uscc: OTHER, name: '深圳市腾讯计算机系统有限公司', regionCode: '440300', industry: '软件和信息技术服务业' });
    sellerClient = t.client(await t.key('ENTERPRISE', { enterpriseId: seller }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('transfers a patent to a foreign entity (Patent Law art. 10(2)): it leaves the transferor’s patents and the counts, is read back held by that party, and takes no later transfer', async () => {
    const n = await patent();
    const before = await own(seller);
    const regionBefore = before.enterpriseStatistics.byRegion.find((r) => r.regionCode === '440300')!.patents;
    expect(before.enterprise.patents.edges.map((e) => e.node.applicationNumber)).toContain(n);

    const { registerTransfer } = await staff.request<{
      registerTransfer: { state: string; from: { id: string }; to: null; toOutside: unknown; certificate: { entry: { metadata: Record<string, unknown> } } };
    }>(TRANSFER, { input: transferInput(n, { toOutsideParty: { ...SIEMENS, name: '  Siemens AG ', country: 'de' } }) });
    expect(registerTransfer).toMatchObject({ state: 'EFFECTIVE', from: { id: seller }, to: null, toOutside: SIEMENS });
    // The ledger names the party by kind, name and country: no enterprise id, no identity number.
    expect(registerTransfer.certificate.entry.metadata).toMatchObject({ from: seller, to: { outside: SIEMENS } });

    const after = await own(seller);
    expect(after.enterprise.patents.totalCount).toBe(before.enterprise.patents.totalCount - 1);
    expect(after.enterprise.patents.edges.map((e) => e.node.applicationNumber)).not.toContain(n);
    expect(after.enterpriseStatistics.byRegion.find((r) => r.regionCode === '440300')!.patents).toBe(regionBefore - 1);

    // Staff read it by its number: held outside, by no enterprise; the former owner reads nothing.
    expect((await staff.request<{ patent: unknown }>(PATENT, { n })).patent).toEqual({ applicationNumber: n, enterprise: null, outsideOwner: SIEMENS });
    expect((await sellerClient.request<{ patent: unknown }>(PATENT, { n })).patent).toBeNull();

    // No later act of it here: a transfer back, a licence.
    const size = await ledgerSize();
    expect(await errorExtensions(staff.request(TRANSFER, { input: transferInput(n, { toEnterpriseId: other }) }))).toMatchObject({
      code: 'OWNER_OUTSIDE_REGISTRY',
      outsideOwner: SIEMENS,
    });
    expect(await errorCode(staff.request(LICENCE, { input: licenceInput(n, { licenseeId: other }, 'PATENT') }))).toBe('OWNER_OUTSIDE_REGISTRY');
    expect(await ledgerSize()).toBe(size);
  });

  it('refuses a pledge of a patent held outside the registry (finance: not the pledgor’s)', async () => {
    const n = await patent();
    await staff.request(TRANSFER, { input: transferInput(n, { toOutsideParty: SIEMENS }) });
    const proposal = pledgeJointly(bank, sellerClient, {
      pledgorId: seller,
      collateral: [{ kind: 'PATENT', id: n }],
      securedAmount: '100000',
      term: { startDate: today, endDate: addYears(today, 1) },
    });
    const error = await proposal.then(
      () => undefined,
      (err: unknown) => (err instanceof ClientError ? err.response.errors?.[0] : undefined),
    );
    // Finance compares Patent.enterprise with the pledgor: null, held outside, is not the pledgor's.
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'collateral[0]' });
    expect(error?.message).toBe(`patent ${n} does not belong to enterprise ${seller}`);
  });

  it('licenses a trademark to an individual: the licensee outside the registry, the licensor kept, no identity number taken', async () => {
    const number = await registerTrademark(staff, { enterpriseId: seller, registrationNumber: '40561234', mark: '星河', niceClass: 9 });
    const { registerLicence } = await staff.request<{
      registerLicence: { licensor: { id: string }; licensee: null; outsideLicensee: unknown; certificate: { entry: { metadata: Record<string, unknown> } } };
    }>(LICENCE, { input: licenceInput(number, { outsideLicensee: ZHANG }) });
    expect(registerLicence).toMatchObject({ licensor: { id: seller }, licensee: null, outsideLicensee: ZHANG });
    expect(registerLicence.certificate.entry.metadata).toMatchObject({ licensor: seller, licensee: { outside: ZHANG } });
    // An identity number is no field of the input: the schema refuses one.
    expect(await errorCode(staff.request(LICENCE, { input: licenceInput(number, { outsideLicensee: { ...ZHANG, idNumber: '110101199003070000' } }) }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('names the transferee or licensee once, and checks an outside party as given, changing nothing', async () => {
    const n = await patent();
    const size = await ledgerSize();
    const refused = async (to: Record<string, unknown>) => errorExtensions(staff.request(TRANSFER, { input: transferInput(n, to) }));
    expect(await refused({ toEnterpriseId: other, toOutsideParty: SIEMENS })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toEnterpriseId' });
    expect(await refused({})).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toEnterpriseId' });
    expect(await refused({ toOutsideParty: { ...SIEMENS, name: '   ' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toOutsideParty.name' });
    expect(await refused({ toOutsideParty: { ...SIEMENS, name: 'x'.repeat(201) } })).toMatchObject({ field: 'toOutsideParty.name' });
    expect(await refused({ toOutsideParty: { ...SIEMENS, country: 'DEU' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toOutsideParty.country' });
    // A mainland entity has a unified social credit code (GB 32100-2015): registered as an enterprise, not outside.
    expect(await refused({ toOutsideParty: { ...SIEMENS, name: '某某有限公司', country: 'CN' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'toOutsideParty.country',
    });
    const licence = async (licensee: Record<string, unknown>) => errorExtensions(staff.request(LICENCE, { input: licenceInput(n, licensee, 'PATENT') }));
    expect(await licence({ licenseeId: other, outsideLicensee: ZHANG })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'licenseeId' });
    expect(await ledgerSize()).toBe(size);
    // A Hong Kong entity is outside; a Chinese citizen is an INDIVIDUAL of CN.
    await staff.request(LICENCE, {
      input: licenceInput(n, { outsideLicensee: { kind: 'FOREIGN_ENTITY', name: '長江實業有限公司', country: 'hk' } }, 'PATENT'),
    });
    await staff.request(LICENCE, { input: licenceInput(n, { outsideLicensee: ZHANG }, 'PATENT') });
  });

  it('transfers a pledged patent to an outside buyer only with the pledgee’s consent to that party (Civil Code art. 444(2))', async () => {
    const n = await patent();
    const pledge = await pledgeJointly(bank, sellerClient, {
      pledgorId: seller,
      collateral: [{ kind: 'PATENT', id: n }],
      securedAmount: '100000000',
      term: { startDate: today, endDate: addYears(today, 2) },
    });
    const input = transferInput(n, { toOutsideParty: SIEMENS });
    expect(await errorExtensions(staff.request(TRANSFER, { input }))).toMatchObject({ code: 'ASSET_PLEDGED_CONSENT_REQUIRED', pledgeId: pledge.id });
    const consent = (outsideCounterparty: Record<string, unknown>) =>
      bank.request(
        gql`
          mutation ($input: ConsentToDisposalInput!) {
            consentToDisposal(input: $input) {
              id
            }
          }
        `,
        { input: { pledgeId: pledge.id, asset: { rightKind: 'PATENT', id: n }, disposal: 'TRANSFER', outsideCounterparty } },
      );
    // A consent to another outside party is not this one's.
    await consent({ kind: 'FOREIGN_ENTITY', name: 'Siemens Energy AG', country: 'DE' });
    expect(await errorCode(staff.request(TRANSFER, { input }))).toBe('ASSET_PLEDGED_CONSENT_REQUIRED');
    // The same party, as the bank spelled it: kind, trimmed name and country alike.
    await consent({ kind: 'FOREIGN_ENTITY', name: 'Siemens AG ', country: 'de' });
    const { registerTransfer } = await staff.request<{ registerTransfer: { toOutside: unknown } }>(TRANSFER, { input });
    expect(registerTransfer.toOutside).toEqual(SIEMENS);
  });

  it('moves a pending transfer to an outside party on its effective date, like any other', async () => {
    const n = await patent();
    const { registerTransfer } = await staff.request<{ registerTransfer: { state: string } }>(TRANSFER, {
      input: { ...transferInput(n, { toOutsideParty: ZHANG }), effectiveDate: addYears(today, 1) },
    });
    expect(registerTransfer.state).toBe('PENDING');
    expect((await staff.request<{ patent: unknown }>(PATENT, { n })).patent).toEqual({ applicationNumber: n, enterprise: { id: seller }, outsideOwner: null });
  });
});
