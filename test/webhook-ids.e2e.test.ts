// What a webhook names can be looked up: a licence and a transfer by the id the notification
// carries, a pledge by its registration number, a copyright by its number; each read by those who
// may, and null for anyone else, as for one that is not there.
import { createHash } from 'node:crypto';

import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { today as hubToday } from '../platform/hub-calendar.js';
import { addYears } from '../standards/calendar-date.js';
import { startTestHub, type TestHub } from './support/hub.js';
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
    pledgeNumber = (
      await bank.request<{ registerPledge: { registrationNumber: string } }>(
        gql`
          mutation ($input: RegisterPledgeInput!) {
            registerPledge(input: $input) {
              registrationNumber
            }
          }
        `,
        {
          input: {
            pledgorId: a,
            collateral: [{ kind: 'PATENT', id: pledged }],
            securedAmount: '1000000',
            term: { startDate: today, endDate: addYears(today, 1) },
          },
        },
      )
    ).registerPledge.registrationNumber;
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
});
