// What a webhook names can be looked up: a licence, a transfer and an insurance claim by the id the
// notification carries, a pledge by its registration number, a copyright by its number; each read
// by those who may, and null for anyone else, as for one that is not there.
import { createHash } from 'node:crypto';

import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { today as hubToday } from '../platform/hub-calendar.js';
import { addYears } from '../standards/calendar-date.js';
import { errorCode, startTestHub, type TestHub } from './support/hub.js';
import { pledgeJointly } from './support/pledges.js';
import { applicationNumber, registerEnterprise, registerPatent } from './support/registry.js';

const today = hubToday();
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

describe('lookups for the ids webhooks carry', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let licensor: GraphQLClient;
  let licensee: GraphQLClient;
  let outsider: GraphQLClient;
  let licenceId: string;
  let transferId: string;
  let pledgeNumber: string;
  let copyrightNumber: string;
  let insuredId: string;
  let covered: string;

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    const a = await registerEnterprise(staff, { uscc: '914403001922038216', name: '比亚迪股份有限公司', regionCode: '440300', industry: '汽车制造业' });
    const b = await registerEnterprise(staff, {
      uscc: '9144030071526726XG',
      name: '宁德时代新能源科技股份有限公司',
      regionCode: '350900',
      industry: '电池制造',
    });
    const c = await registerEnterprise(staff, { uscc: '91440300708461136T', name: '华为技术有限公司', regionCode: '440300', industry: '通信设备制造业' });
    insuredId = a;
    licensor = t.client(await t.key('ENTERPRISE', { enterpriseId: a }));
    licensee = t.client(await t.key('ENTERPRISE', { enterpriseId: b }));
    outsider = t.client(await t.key('ENTERPRISE', { enterpriseId: c }));
    const filingDate = addYears(today, -4);
    const granted = (serial: number) =>
      registerPatent(staff, {
        enterpriseId: a,
        applicationNumber: applicationNumber(filingDate, '1', serial),
        title: `专利 ${serial}`,
        filingDate,
        status: 'GRANTED',
        grantDate: addYears(filingDate, 2),
        feesPaidThrough: addYears(today, 1),
      });
    const [licensed, transferred, pledged] = [await granted(1), await granted(2), await granted(3)];
    covered = licensed;
    licenceId = (
      await staff.request<{ registerLicence: { id: string } }>(
        gql`
          mutation ($input: RegisterLicenceInput!) {
            registerLicence(input: $input) {
              id
            }
          }
        `,
        {
          input: {
            right: { kind: 'PATENT', number: licensed },
            licenseeId: b,
            kind: 'ORDINARY',
            territory: ['CN'],
            term: { startDate: today, endDate: addYears(today, 1) },
            contractDate: today,
            contractDigest: sha256('licence'),
          },
        },
      )
    ).registerLicence.id;
    transferId = (
      await staff.request<{ registerTransfer: { id: string } }>(
        gql`
          mutation ($input: RegisterTransferInput!) {
            registerTransfer(input: $input) {
              id
            }
          }
        `,
        { input: { right: { kind: 'PATENT', number: transferred }, toEnterpriseId: b, contractDate: today, contractDigest: sha256('transfer') } },
      )
    ).registerTransfer.id;
    const bank = t.client(await t.key('BANK', { organization: '招商银行深圳分行' }));
    // Proposed by the bank, confirmed by the pledgor (licensor's enterprise).
    pledgeNumber = (
      await pledgeJointly<{ registrationNumber: string }>(
        bank,
        licensor,
        { pledgorId: a, collateral: [{ kind: 'PATENT', id: pledged }], securedAmount: '1000000', term: { startDate: today, endDate: addYears(today, 1) } },
        'registrationNumber',
      )
    ).registrationNumber;
    copyrightNumber = (
      await staff.request<{ registerCopyright: { registrationNumber: string } }>(
        gql`
          mutation ($input: RegisterCopyrightInput!) {
            registerCopyright(input: $input) {
              registrationNumber
            }
          }
        `,
        {
          input: {
            enterpriseId: a,
            registrationNumber: `${today.slice(0, 4)}SR0123456`,
            title: '电池管理系统软件',
            kind: 'SOFTWARE',
            author: '比亚迪股份有限公司',
            completedOn: `${today.slice(0, 4)}-01-01`,
            registeredOn: today,
          },
        },
      )
    ).registerCopyright.registrationNumber;
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds a licence and a transfer by id for their parties, and for no other enterprise', async () => {
    const LICENCE = gql`
      query ($id: ID!) {
        licence(id: $id) {
          id
          kind
        }
        transfer(id: $id) {
          id
        }
      }
    `;
    const TRANSFER = gql`
      query ($id: ID!) {
        transfer(id: $id) {
          id
        }
      }
    `;
    for (const client of [staff, licensor, licensee]) {
      expect((await client.request<{ licence: { id: string } | null }>(LICENCE, { id: licenceId })).licence).toEqual({ id: licenceId, kind: 'ORDINARY' });
      expect((await client.request<{ transfer: { id: string } | null }>(TRANSFER, { id: transferId })).transfer).toEqual({ id: transferId });
    }
    expect(await outsider.request(LICENCE, { id: licenceId })).toEqual({ licence: null, transfer: null });
    expect(await outsider.request(TRANSFER, { id: transferId })).toEqual({ transfer: null });
    expect(await staff.request(TRANSFER, { id: 'no-such-transfer' })).toEqual({ transfer: null });
  });

  it('finds a pledge by its registration number and a copyright by its number, for those who may read them', async () => {
    const PLEDGE = gql`
      query ($n: String!) {
        pledgeByRegistrationNumber(registrationNumber: $n) {
          registrationNumber
        }
      }
    `;
    expect(await licensor.request(PLEDGE, { n: pledgeNumber.toLowerCase() })).toEqual({ pledgeByRegistrationNumber: { registrationNumber: pledgeNumber } });
    expect(await staff.request(PLEDGE, { n: 'ZX-1999-000001' })).toEqual({ pledgeByRegistrationNumber: null });
    const COPYRIGHT = gql`
      query ($n: String!) {
        copyright(registrationNumber: $n) {
          registrationNumber
          title
          enterprise {
            name
          }
        }
      }
    `;
    expect(await licensor.request(COPYRIGHT, { n: copyrightNumber.toLowerCase() })).toEqual({
      copyright: { registrationNumber: copyrightNumber, title: '电池管理系统软件', enterprise: { name: '比亚迪股份有限公司' } },
    });
    expect(await outsider.request(COPYRIGHT, { n: copyrightNumber })).toEqual({ copyright: null });
  });

  it('finds an insurance claim by its id for the insured, its insurer and staff, and for no one else', async () => {
    const insurer = t.client(await t.key('INSURER', { organization: '中国平安财产保险' }));
    const otherInsurer = t.client(await t.key('INSURER', { organization: '中国人保财险' }));
    const { insurancePolicyIssue } = await insurer.request<{ insurancePolicyIssue: { policy: { id: string }; userErrors: unknown[] } }>(
      gql`
        mutation ($input: IssueInsurancePolicyInput!) {
          insurancePolicyIssue(input: $input) {
            policy {
              id
            }
            userErrors {
              message
            }
          }
        }
      `,
      {
        input: {
          product: 'PLEDGE_FINANCING_GUARANTEE',
          insuredId,
          coveredAssets: [{ kind: 'PATENT', id: covered }],
          premium: '120000',
          sumInsured: '10000000',
          period: { startDate: today, endDate: addYears(today, 1) },
        },
      },
    );
    expect(insurancePolicyIssue).toMatchObject({ userErrors: [] });
    const { insuranceClaimFile } = await licensor.request<{ insuranceClaimFile: { claim: { id: string }; userErrors: unknown[] } }>(
      gql`
        mutation ($input: FileInsuranceClaimInput!) {
          insuranceClaimFile(input: $input) {
            claim {
              id
            }
            userErrors {
              message
            }
          }
        }
      `,
      { input: { policyId: insurancePolicyIssue.policy.id, amount: '500000' } },
    );
    expect(insuranceClaimFile).toMatchObject({ userErrors: [] });
    const CLAIM = gql`
      query ($id: ID!) {
        insuranceClaim(id: $id) {
          id
          status
          policy {
            id
          }
        }
      }
    `;
    const id = insuranceClaimFile.claim.id;
    for (const client of [staff, licensor, insurer]) {
      expect(await client.request(CLAIM, { id })).toEqual({ insuranceClaim: { id, status: 'FILED', policy: { id: insurancePolicyIssue.policy.id } } });
    }
    for (const client of [outsider, otherInsurer]) expect(await client.request(CLAIM, { id })).toEqual({ insuranceClaim: null });
    expect(await staff.request(CLAIM, { id: 'no-such-claim' })).toEqual({ insuranceClaim: null });
    // A caller who reads no claims is refused alike whether the id exists or not: nothing tells which do.
    const court = t.client(await t.key('COURT', { organization: '深圳市中级人民法院' }));
    for (const caller of [court, t.anonymous]) {
      expect(await errorCode(caller.request(CLAIM, { id }))).toBe(await errorCode(caller.request(CLAIM, { id: 'no-such-claim' })));
    }
  });
});
