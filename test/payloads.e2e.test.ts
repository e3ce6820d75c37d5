// Mutations in their payload form (docs/api-evolution.md): every problem of an input listed at
// once in userErrors, each with its code and the path of the argument at fault, nothing written;
// who calls stays a top-level error; and the first form, deprecated, answers as it did.
import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { today as hubToday } from '../platform/hub-calendar.js';
import { addYears } from '../standards/calendar-date.js';
import { errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { PLEDGE_CONTRACT } from './support/pledges.js';
import { applicationNumber, registerEnterprise, registerPatent } from './support/registry.js';

const REGISTER = gql`
  mutation ($input: RegisterPledgeInput!) {
    pledgeRegister(input: $input) {
      pledge {
        id
        state
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;
type Registered = {
  pledgeRegister: { pledge: { id: string; state: string } | null; userErrors: { code: string; field: string[] | null; message: string }[] } | null;
};
const PLEDGES = gql`
  query {
    pledges(first: 100) {
      edges {
        node {
          id
        }
      }
    }
  }
`;

const today = hubToday();

describe('payload forms', () => {
  let t: TestHub;
  // registerPledge records a paper application both parties signed: centre staff's (专利权质押登记办法 art. 7(1)).
  let staff: GraphQLClient;
  let bank: GraphQLClient;
  let pledgorId: string;
  let patent: string;
  const pledgeCount = async (): Promise<number> => (await bank.request<{ pledges: { edges: unknown[] } }>(PLEDGES)).pledges.edges.length;

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    bank = t.client(await t.key('BANK', { organization: '杭州银行' }));
    pledgorId = await registerEnterprise(staff, { uscc: '91330100MA27XF5T12', name: '杭州海康微影传感科技有限公司', regionCode: '330100', industry: '制造业' });
    patent = await registerPatent(staff, {
      enterpriseId: pledgorId,
      applicationNumber: applicationNumber('2019-03-01', '1', 4711),
      title: '一种红外探测器',
      filingDate: '2019-03-01',
      status: 'GRANTED',
      grantDate: '2021-06-01',
      feesPaidThrough: addYears(today, 1),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const input = (changes: Record<string, unknown> = {}) => ({
    pledgorId,
    pledgee: '杭州银行',
    contract: PLEDGE_CONTRACT,
    collateral: [{ kind: 'PATENT', id: patent }],
    securedAmount: '500000000',
    term: { startDate: today, endDate: addYears(today, 1) },
    ...changes,
  });

  it('lists every problem of one input at once, each with its path, and writes nothing', async () => {
    const answer = await staff.request<Registered>(REGISTER, {
      input: input({
        securedAmount: '0',
        term: { startDate: addYears(today, -2), endDate: addYears(today, -1) },
        collateral: [
          { kind: 'PATENT', id: patent },
          { kind: 'DATA_ASSET', id: 'ds-1' },
          { kind: 'PATENT', id: '201510958772.1' },
        ],
      }),
    });
    expect(answer.pledgeRegister!.pledge).toBeNull();
    const problems = answer.pledgeRegister!.userErrors;
    expect(problems.map((p) => [p.code, p.field])).toEqual(
      expect.arrayContaining([
        ['INVALID_PATENT_NUMBER', ['input', 'collateral', '2']],
        ['BAD_USER_INPUT', ['input', 'securedAmount']],
        ['BAD_USER_INPUT', ['input', 'term']],
      ]),
    );
    expect(problems).toHaveLength(3);
    for (const p of problems) expect(p.message.length).toBeGreaterThan(10);
    // The contract the parties apply on is required (optional in the schema only for documents from before), listed with the rest.
    const uncontracted = await staff.request<Registered>(REGISTER, { input: input({ contract: undefined, securedAmount: '0' }) });
    expect(uncontracted.pledgeRegister!.pledge).toBeNull();
    expect(uncontracted.pledgeRegister!.userErrors.map((p) => [p.code, p.field])).toEqual([
      ['BAD_USER_INPUT', ['input', 'securedAmount']],
      ['BAD_USER_INPUT', ['input', 'contract']],
    ]);
    expect(await pledgeCount()).toBe(0);
  });

  it('answers the object and no problems when the input is good', async () => {
    const answer = await staff.request<Registered>(REGISTER, { input: input() });
    expect(answer.pledgeRegister).toMatchObject({ pledge: { state: 'REGISTERED' }, userErrors: [] });
    // A business rule refusing it is a problem too: the patent is pledged now.
    const again = await staff.request<Registered>(REGISTER, { input: input() });
    expect(again.pledgeRegister!.pledge).toBeNull();
    expect(again.pledgeRegister!.userErrors).toMatchObject([{ code: 'ASSET_ALREADY_PLEDGED' }]);
    expect(await pledgeCount()).toBe(1);
  });

  it('keeps who calls a top-level error, nulling that mutation alone', async () => {
    const enterprise = t.client(await t.key('ENTERPRISE', { enterpriseId: pledgorId }));
    const before = await pledgeCount();
    expect(await errorExtensions(enterprise.request(REGISTER, { input: input() }))).toMatchObject({ code: 'FORBIDDEN' });
    // A bank alone registers nothing: the pledge is applied for jointly (专利权质押登记办法 art. 7(1)), proposed and confirmed.
    expect(await errorExtensions(bank.request(REGISTER, { input: input() }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorExtensions(t.anonymous.request(REGISTER, { input: input() }))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await pledgeCount()).toBe(before);
  });

  it('keeps the first form, deprecated: the first problem as the error, every one in extensions.problems', async () => {
    const refused = await errorExtensions(
      staff.request(
        gql`
          mutation ($input: RegisterPledgeInput!) {
            registerPledge(input: $input) {
              id
            }
          }
        `,
        { input: input({ securedAmount: '0', term: { startDate: addYears(today, -2), endDate: addYears(today, -1) } }) },
      ),
    );
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((refused!.problems as { field: string }[]).map((p) => p.field)).toEqual(['securedAmount', 'term']);
  });
});
