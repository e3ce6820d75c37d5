// Every kind of collateral checked as the pledge registration rules make it, through the gateway:
// trademarks registered, the pledgor's, in force, and pledged with the pledgor's other registrations
// of the identical mark in the class (注册商标专用权质押登记程序规定, 2020; Trademark Law arts. 40,
// 42); copyrights registered and the pledgor's (著作权质权登记办法); a patent under a pending
// invalidation request pledged once the parties acknowledge it (专利权质押登记办法, 2021), the
// acknowledgement recorded on the pledge and its ledger entry. The pledgee proposes and the pledgor
// confirms (专利权质押登记办法 art. 7(1)): the collateral is checked at the proposal, and again at the
// confirmation. Each refusal writes nothing.
import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { today as hubToday } from '../platform/hub-calendar.js';
import { addYears } from '../standards/calendar-date.js';
import { errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { PLEDGE_CONTRACT, pledgeJointly } from './support/pledges.js';
import { applicationNumber, registerEnterprise, registerPatent, registerTrademark } from './support/registry.js';

const BANK = '中国工商银行福州分行';
const today = hubToday();

const PROPOSE = gql`
  mutation ($input: ProposePledgeInput!) {
    proposePledge(input: $input) {
      id
      state
    }
  }
`;
const CONFIRM = gql`
  mutation ($input: ConfirmPledgeInput!) {
    confirmPledge(input: $input) {
      id
      state
    }
  }
`;
const PLEDGES = gql`
  query {
    pledges(first: 100) {
      edges {
        node {
          id
          state
        }
      }
    }
  }
`;

const PLEDGED = `
      state
      collateral {
        rightKind
        id
        trademark {
          registrationNumber
        }
        copyright {
          registrationNumber
        }
      }
      acknowledgedRisks {
        asset {
          rightKind
          id
        }
        risk
        since
      }
      registrationReceipt {
        seq
      }
`;

interface Registered {
  id: string;
  state: string;
  collateral: { rightKind: string; id: string; trademark: { registrationNumber: string } | null; copyright: { registrationNumber: string } | null }[];
  acknowledgedRisks: { asset: { rightKind: string; id: string }; risk: string; since: string }[];
  registrationReceipt: { seq: number };
}

describe('pledge collateral of every kind, checked as the registration rules make it', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let bank: GraphQLClient;
  let pledgor: GraphQLClient;
  let huawei: string;
  let tencent: string;
  let serial = 0;
  let markSerial = 0;

  const pledgeInput = (collateral: { rightKind: string; id: string }[], extra: Record<string, unknown> = {}) => ({
    pledgorId: huawei,
    collateral,
    securedAmount: '500000000',
    term: { startDate: today, endDate: addYears(today, 2) },
    ...extra,
  });
  /** The bank's proposal alone: where the collateral is checked first. */
  const propose = async (collateral: { rightKind: string; id: string }[], extra: Record<string, unknown> = {}) =>
    (
      await bank.request<{ proposePledge: { id: string; state: string } }>(PROPOSE, {
        input: { contract: PLEDGE_CONTRACT, ...pledgeInput(collateral, extra) },
      })
    ).proposePledge;
  const confirm = async (pledgeId: string, extra: Record<string, unknown> = {}) =>
    (await pledgor.request<{ confirmPledge: { id: string; state: string } }>(CONFIRM, { input: { pledgeId, ...extra } })).confirmPledge;
  /** Proposed by the bank and confirmed by the pledgor, as the law has a pledge applied for. */
  const register = (collateral: { rightKind: string; id: string }[], extra: Record<string, unknown> = {}) =>
    pledgeJointly<Registered>(bank, pledgor, pledgeInput(collateral, extra), PLEDGED);
  const ledgerSize = async () => (await t.hub.ledger.checkpoint(), t.hub.ledger.stats().size);
  const pledgeStates = async () =>
    (await bank.request<{ pledges: { edges: { node: { id: string; state: string } }[] } }>(PLEDGES)).pledges.edges.map((e) => e.node);

  const trademark = (enterpriseId: string, mark: string, niceClass: number, registrationDate = addYears(today, -1)) =>
    registerTrademark(staff, { enterpriseId, registrationNumber: String(70_000_000 + ++markSerial), mark, niceClass, registrationDate });

  async function copyright(enterpriseId: string): Promise<string> {
    const registrationNumber = `2025SR${String(1_000_000 + ++serial)}`;
    await staff.request(
      gql`
        mutation ($input: RegisterCopyrightInput!) {
          registerCopyright(input: $input) {
            registrationNumber
          }
        }
      `,
      {
        input: {
          enterpriseId,
          registrationNumber,
          title: `图像处理软件 V${serial}`,
          kind: 'SOFTWARE',
          author: '华为技术有限公司',
          completedOn: '2025-01-10',
          registeredOn: '2025-03-01',
        },
      },
    );
    return registrationNumber;
  }

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    bank = t.client(await t.key('BANK', { organization: BANK }));
    huawei = await registerEnterprise(staff, { uscc: '914403001922038216', name: '华为技术有限公司', regionCode: '440300', industry: '制造业' });
    tencent = await registerEnterprise(staff, {
      uscc: '9144030071526726XG',
      name: '深圳市腾讯计算机系统有限公司',
      regionCode: '440300',
      industry: '软件和信息技术服务业',
    });
    pledgor = t.client(await t.key('ENTERPRISE', { enterpriseId: huawei }));
  });
  afterAll(() => t.close());

  it('refuses an unregistered trademark (NOT_FOUND) and another enterprise’s (BAD_USER_INPUT), each at its index, writing nothing', async () => {
    const others = await trademark(tencent, '腾讯', 9);
    const size = await ledgerSize();
    const pledges = await pledgeStates();
    const refused = await errorExtensions(
      propose([
        { rightKind: 'TRADEMARK', id: '79999999' },
        { rightKind: 'TRADEMARK', id: others },
      ]),
    );
    expect(refused).toMatchObject({ code: 'NOT_FOUND', field: 'collateral[0]' });
    expect((refused!.problems as { code: string; field: string }[]).map((p) => [p.code, p.field])).toEqual([
      ['NOT_FOUND', 'collateral[0]'],
      ['BAD_USER_INPUT', 'collateral[1]'],
    ]);
    expect(await ledgerSize()).toBe(size);
    expect(await pledgeStates()).toEqual(pledges);
  });

  it('refuses a trademark expired and not renewed (Trademark Law art. 40) with TRADEMARK_NOT_PLEDGEABLE, EXPIRED', async () => {
    // Registered eleven years ago: its ten years ended a year ago.
    const expired = await trademark(huawei, '旧标', 9, addYears(today, -11));
    const pledges = await pledgeStates();
    expect(await errorExtensions(propose([{ rightKind: 'TRADEMARK', id: expired }]))).toMatchObject({
      code: 'TRADEMARK_NOT_PLEDGEABLE',
      reason: 'EXPIRED',
      registrationNumber: expired,
      field: 'collateral[0]',
    });
    expect(await pledgeStates()).toEqual(pledges);
  });

  it('refuses a trademark a court has preserved (法释〔2001〕1号, as amended 2020) with TRADEMARK_NOT_PLEDGEABLE, FROZEN, until the court lifts it', async () => {
    const frozen = await trademark(huawei, '冻标', 9);
    const court = t.client(await t.key('COURT', { organization: '深圳市中级人民法院' }));
    const order = { registrationNumber: frozen, orderNumber: '(2026)粤03执保7号' };
    await court.request(
      gql`
        mutation ($input: FreezeTrademarkInput!) {
          freezeTrademark(input: $input) {
            registrationNumber
          }
        }
      `,
      { input: { ...order, frozenOn: today } },
    );
    const pledges = await pledgeStates();
    expect(await errorExtensions(propose([{ rightKind: 'TRADEMARK', id: frozen }]))).toMatchObject({
      code: 'TRADEMARK_NOT_PLEDGEABLE',
      reason: 'FROZEN',
      registrationNumber: frozen,
      field: 'collateral[0]',
    });
    expect(await pledgeStates()).toEqual(pledges);
    await court.request(
      gql`
        mutation ($input: UnfreezeTrademarkInput!) {
          unfreezeTrademark(input: $input) {
            registrationNumber
          }
        }
      `,
      { input: { registrationNumber: frozen, unfrozenOn: today } },
    );
    expect((await propose([{ rightKind: 'TRADEMARK', id: frozen }])).state).toBe('PROPOSED');
  });

  it('pledges a mark only with the pledgor’s other registrations of the identical mark in its class (Trademark Law art. 42; the 2020 procedure): COLLATERAL_INCOMPLETE lists them', async () => {
    const first = await trademark(huawei, '鸿蒙', 9);
    const second = await trademark(huawei, '鸿蒙', 9);
    // The same mark in another class, and another mark in the class, need not come along.
    await trademark(huawei, '鸿蒙', 42);
    await trademark(huawei, '麒麟', 9);
    const size = await ledgerSize();
    const pledges = await pledgeStates();
    const refused = await errorExtensions(propose([{ rightKind: 'TRADEMARK', id: first }]));
    expect(refused).toMatchObject({ code: 'COLLATERAL_INCOMPLETE', registrationNumber: first, missing: [second], field: 'collateral[0]' });
    expect(await ledgerSize()).toBe(size);
    expect(await pledgeStates()).toEqual(pledges);

    // Checked again when the pledgor confirms: a registration of the mark made since the proposal must come along too.
    const proposed = await propose([
      { rightKind: 'TRADEMARK', id: first },
      { rightKind: 'TRADEMARK', id: second },
    ]);
    expect(proposed.state).toBe('PROPOSED');
    const third = await trademark(huawei, '鸿蒙', 9);
    const reconfirmed = await errorExtensions(confirm(proposed.id));
    expect(reconfirmed).toMatchObject({ code: 'COLLATERAL_INCOMPLETE', field: 'collateral[0]' });
    const problems = reconfirmed!.problems as { code: string; field: string; message: string }[];
    expect(problems.map((p) => [p.code, p.field])).toEqual([
      ['COLLATERAL_INCOMPLETE', 'collateral[0]'],
      ['COLLATERAL_INCOMPLETE', 'collateral[1]'],
    ]);
    for (const p of problems) expect(p.message).toContain(`add ${third}`);
    expect(await ledgerSize()).toBe(size);
    expect((await pledgeStates()).find((p) => p.id === proposed.id)?.state).toBe('PROPOSED');

    const pledged = await register([
      { rightKind: 'TRADEMARK', id: first },
      { rightKind: 'TRADEMARK', id: second },
      { rightKind: 'TRADEMARK', id: third },
    ]);
    expect(pledged.state).toBe('REGISTERED');
    expect(pledged.collateral.map((a) => a.trademark?.registrationNumber)).toEqual([first, second, third]);
  });

  it('pledges a registered copyright of the pledgor (著作权质权登记办法), named in any case and spacing, and refuses another’s', async () => {
    const own = await copyright(huawei);
    const pledged = await register([{ rightKind: 'COPYRIGHT', id: ` ${own.toLowerCase()} ` }]);
    expect(pledged.collateral).toEqual([{ rightKind: 'COPYRIGHT', id: own, trademark: null, copyright: { registrationNumber: own } }]);
    const others = await copyright(tencent);
    const pledges = await pledgeStates();
    expect(await errorExtensions(propose([{ rightKind: 'COPYRIGHT', id: others }]))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'collateral[0]' });
    expect(await errorExtensions(propose([{ rightKind: 'COPYRIGHT', id: '2025SR9999999' }]))).toMatchObject({ code: 'NOT_FOUND', field: 'collateral[0]' });
    expect(await pledgeStates()).toEqual(pledges);
  });

  it('pledges a patent under a pending invalidation request once the parties acknowledge it (专利权质押登记办法, 2021), recording the risk on the pledge and its ledger entry', async () => {
    const number = await registerPatent(staff, {
      enterpriseId: huawei,
      applicationNumber: applicationNumber('2016-03-01', '1', 900 + ++serial),
      title: '一种无线通信方法',
      filingDate: '2016-03-01',
      status: 'GRANTED',
      grantDate: '2018-03-01',
      feesPaidThrough: addYears(today, 1),
    });
    await staff.request(
      gql`
        mutation ($input: RequestInvalidationInput!) {
          requestInvalidation(input: $input) {
            applicationNumber
          }
        }
      `,
      { input: { applicationNumber: number, requestedOn: today, requester: '某科技有限公司' } },
    );
    const pledges = await pledgeStates();
    expect(await errorExtensions(propose([{ rightKind: 'PATENT', id: number }]))).toMatchObject({
      code: 'PATENT_NOT_PLEDGEABLE',
      reason: 'UNDER_INVALIDATION',
    });
    // Naming a patent the collateral does not hold is refused.
    expect(await errorExtensions(propose([{ rightKind: 'PATENT', id: number }], { acknowledgedInvalidations: ['ZL201610000001.0'] }))).toMatchObject({
      field: 'acknowledgedInvalidations[0]',
    });
    expect(await pledgeStates()).toEqual(pledges);

    // Both parties acknowledge it: the pledgee proposing, the pledgor confirming. The pledgor's silence is a refusal.
    const size = await ledgerSize();
    const proposed = await propose([{ rightKind: 'PATENT', id: number }], { acknowledgedInvalidations: [number] });
    expect(await errorExtensions(confirm(proposed.id))).toMatchObject({
      code: 'PATENT_NOT_PLEDGEABLE',
      reason: 'UNDER_INVALIDATION',
      applicationNumber: number,
      field: 'acknowledgedInvalidations',
    });
    expect(await ledgerSize()).toBe(size);
    const pledged = (
      await pledgor.request<{ confirmPledge: Registered }>(`mutation ($input: ConfirmPledgeInput!) { confirmPledge(input: $input) { id ${PLEDGED} } }`, {
        input: { pledgeId: proposed.id, acknowledgedInvalidations: [number] },
      })
    ).confirmPledge;
    expect(pledged.state).toBe('REGISTERED');
    expect(pledged.acknowledgedRisks).toEqual([{ asset: { rightKind: 'PATENT', id: number }, risk: 'UNDER_INVALIDATION', since: today }]);
    const entry = await t.hub.ledger.entry(pledged.registrationReceipt.seq);
    expect(entry?.metadata).toMatchObject({ acknowledgedRisks: [{ kind: 'PATENT', id: number, risk: 'UNDER_INVALIDATION', since: today }] });
  });
});
