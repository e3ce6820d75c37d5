// The pledgee's consent to a transfer or licence of a pledged right (Civil Code art. 444) through
// the gateway: consentToDisposal, recorded with the pledge and in its history; activePledgesOn, as
// the enterprises subgraph asks it before registering a transfer or licence; every refusal, who
// may do what, and that a refusal changes nothing. And the pledge rules seeing a court's freeze and
// a pending invalidation, which the enterprises subgraph records.
import { ClientError, gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { today as hubToday } from '../platform/hub-calendar.js';
import { serviceIdentity } from '../platform/hub-query.js';
import { addMonths, addYears } from '../standards/calendar-date.js';
import { MAX_CONSENTS } from '../subgraphs/finance/domain/pledge-rules.js';
import { openFinanceSubgraph } from '../subgraphs/finance/index.js';
import type { FinanceStore } from '../subgraphs/finance/store/port.js';
import { errorCode, errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { PLEDGE_CONTRACT, pledgeJointly } from './support/pledges.js';
import { applicationNumber, registerEnterprise, registerPatent, registerTrademark } from './support/registry.js';

const HUAWEI = '914403001922038216';
const TENCENT = '9144030071526726XG';
const BANK = '中国工商银行福州分行';
const COURT = '福州市中级人民法院';
const OTHER_BANK = '兴业银行福州分行';

const today = hubToday();
const patentAsset = (id: string) => ({ kind: 'PATENT', id });
/** The key id in a key `iph_<id>.<secret>`: what grantedBy and an event's actor name. */
const keyIdOf = (key: string) => /^iph_([^.]+)\./.exec(key)![1]!;

interface Consent {
  asset: { kind: string; id: string };
  disposal: string;
  counterparty: { id: string; name: string };
  grantedAt: string;
  grantedBy: string;
  note: string | null;
}
interface Pledge {
  id: string;
  state: string;
  pledgee: string;
  consents: Consent[];
  events: { from: string | null; to: string; role: string; actor: string; note: string | null }[];
}

const PLEDGE = `id state pledgee consents { asset { kind id } disposal counterparty { id name } grantedAt grantedBy note } events { from to role actor note }`;
const PROPOSE = gql`mutation ($input: ProposePledgeInput!) { proposePledge(input: $input) { ${PLEDGE} } }`;
const CONFIRM = gql`mutation ($input: ConfirmPledgeInput!) { confirmPledge(input: $input) { ${PLEDGE} } }`;
const CONSENT = gql`mutation ($input: ConsentToDisposalInput!) { consentToDisposal(input: $input) { ${PLEDGE} } }`;
const RELEASE = gql`
  mutation ($input: ReleasePledgeInput!) {
    releasePledge(input: $input) {
      id
    }
  }
`;
const ENFORCE = gql`
  mutation ($input: EnforcePledgeInput!) {
    enforcePledge(input: $input) {
      id
    }
  }
`;
const READ = gql`query ($id: ID!) { pledge(id: $id) { ${PLEDGE} } }`;
/** The first GraphQL error a request failed with. */
async function firstError(request: Promise<unknown>): Promise<{ message: string; extensions: Record<string, unknown> }> {
  try {
    await request;
  } catch (err) {
    if (err instanceof ClientError && err.response.errors?.[0] !== undefined) {
      const { message, extensions } = err.response.errors[0];
      return { message, extensions: extensions ?? {} };
    }
    throw err;
  }
  throw new Error('the request succeeded');
}

/** What the enterprises subgraph asks before it registers a transfer or licence. */
const ACTIVE = `query ($asset: IpAssetInput!) { activePledgesOn(asset: $asset) { id pledgee consents { disposal counterparty { id } } } }`;

describe('pledgee consent to a disposal', () => {
  let t: TestHub;
  let store: FinanceStore;
  let staffKey: string;
  let bankKey: string;
  let huaweiKey: string;
  let staff: GraphQLClient;
  let bank: GraphQLClient;
  let otherBank: GraphQLClient;
  let huawei: string;
  let tencent: string;
  let huaweiClient: GraphQLClient;
  let tencentClient: GraphQLClient;
  let serial = 0;

  /** A granted patent of `enterpriseId`, its fees paid. */
  async function patent(enterpriseId: string): Promise<string> {
    return registerPatent(staff, {
      enterpriseId,
      applicationNumber: applicationNumber('2016-03-01', '1', ++serial),
      title: `一种图像编码方法 ${serial}`,
      filingDate: '2016-03-01',
      status: 'GRANTED',
      grantDate: '2018-03-01',
      feesPaidThrough: addYears(today, 1),
    });
  }
  const pledgeInput = (collateral: { kind: string; id: string }[]) => ({
    pledgorId: huawei,
    collateral,
    securedAmount: '50000000000',
    term: { startDate: today, endDate: addYears(today, 2) },
  });
  /** A pledge to `pledgee` (a bank's client), proposed by it and confirmed by huawei, the pledgor. */
  const register = (pledgee: GraphQLClient, collateral: { kind: string; id: string }[]) =>
    pledgeJointly<Pledge>(pledgee, huaweiClient, pledgeInput(collateral), PLEDGE);
  /** The bank's proposal alone: PROPOSED, nothing pledged. */
  const propose = async (pledgee: GraphQLClient, collateral: { kind: string; id: string }[]) =>
    (await pledgee.request<{ proposePledge: Pledge }>(PROPOSE, { input: { contract: PLEDGE_CONTRACT, ...pledgeInput(collateral) } })).proposePledge;
  /** Huawei's confirmation of a proposal: where the collateral is checked again. */
  const confirm = async (pledgeId: string, extra: Record<string, unknown> = {}) =>
    (await huaweiClient.request<{ confirmPledge: Pledge }>(CONFIRM, { input: { pledgeId, ...extra } })).confirmPledge;
  const consent = (client: GraphQLClient, input: Record<string, unknown>) => client.request<{ consentToDisposal: Pledge }>(CONSENT, { input });
  const read = async (id: string) => (await staff.request<{ pledge: Pledge }>(READ, { id })).pledge;
  const active = async (client: GraphQLClient, asset: { kind: string; id: string }) =>
    (
      await client.request<{ activePledgesOn: { id: string; pledgee: string; consents: { disposal: string; counterparty: { id: string } }[] }[] }>(ACTIVE, {
        asset,
      })
    ).activePledgesOn;
  const ledgerSize = async () => (await t.hub.ledger.audit()).size;

  beforeAll(async () => {
    t = await startTestHub({
      open: {
        finance: (storage, ledger, hub) =>
          openFinanceSubgraph(storage, ledger, hub, (s) => {
            store = s;
            return s;
          }),
      },
    });
    staffKey = await t.key('CENTER_STAFF');
    bankKey = await t.key('BANK', { organization: BANK });
    staff = t.client(staffKey);
    bank = t.client(bankKey);
    otherBank = t.client(await t.key('BANK', { organization: OTHER_BANK }));
    const enterprise = (uscc: string, name: string) =>
      registerEnterprise(staff, { uscc, name, regionCode: '440300', industry: '计算机、通信和其他电子设备制造业' });
    huawei = await enterprise(HUAWEI, '华为技术有限公司');
    tencent = await enterprise(TENCENT, '深圳市腾讯计算机系统有限公司');
    // The trademarks pledged below: each registered, the pledgor's, a mark of its own.
    for (const [registrationNumber, mark] of [
      ['30561234', '荣耀'],
      ['30569999', '鸿蒙'],
    ])
      await registerTrademark(staff, { enterpriseId: huawei, registrationNumber: registrationNumber!, mark: mark!, niceClass: 9 });
    huaweiKey = await t.key('ENTERPRISE', { enterpriseId: huawei });
    huaweiClient = t.client(huaweiKey);
    tencentClient = t.client(await t.key('ENTERPRISE', { enterpriseId: tencent }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it("records the pledgee's consents with the pledge, oldest first, and in its history; not on the ledger", async () => {
    const number = await patent(huawei);
    const pledge = await register(bank, [patentAsset(number), { kind: 'TRADEMARK', id: '30561234' }]);
    expect(pledge.consents).toEqual([]);
    const size = await ledgerSize();

    const first = (
      await consent(bank, {
        pledgeId: pledge.id,
        asset: patentAsset(`CN ${number}`),
        disposal: 'TRANSFER',
        counterpartyId: tencent,
        outsideCounterparty: null,
        note: '转让价款用于提前还款',
      })
    ).consentToDisposal;
    expect(first.consents).toEqual([
      {
        asset: patentAsset(number),
        disposal: 'TRANSFER',
        counterparty: { id: tencent, name: '深圳市腾讯计算机系统有限公司' },
        grantedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        grantedBy: keyIdOf(bankKey),
        note: '转让价款用于提前还款',
      },
    ]);
    const second = (await consent(staff, { pledgeId: pledge.id, asset: { kind: 'TRADEMARK', id: '30561234' }, disposal: 'LICENCE', counterpartyId: tencent }))
      .consentToDisposal;
    expect(second.consents.map((c) => [c.asset.kind, c.disposal, c.grantedBy, c.note])).toEqual([
      ['PATENT', 'TRANSFER', keyIdOf(bankKey), '转让价款用于提前还款'],
      ['TRADEMARK', 'LICENCE', keyIdOf(staffKey), null],
    ]);
    expect(second.consents[0]!.grantedAt <= second.consents[1]!.grantedAt).toBe(true);
    // The history: the bank's proposal and the pledgor's confirmation, then each consent, the pledge staying REGISTERED.
    expect((await read(pledge.id)).events).toEqual([
      { from: null, to: 'PROPOSED', role: 'BANK', actor: keyIdOf(bankKey), note: null },
      { from: 'PROPOSED', to: 'REGISTERED', role: 'ENTERPRISE', actor: keyIdOf(huaweiKey), note: null },
      {
        from: 'REGISTERED',
        to: 'REGISTERED',
        role: 'BANK',
        actor: keyIdOf(bankKey),
        note: `the pledgee consents to the transfer of PATENT:${number} to enterprise ${tencent}: 转让价款用于提前还款`,
      },
      {
        from: 'REGISTERED',
        to: 'REGISTERED',
        role: 'CENTER_STAFF',
        actor: keyIdOf(staffKey),
        note: `the pledgee consents to the licence of TRADEMARK:30561234 to enterprise ${tencent}`,
      },
    ]);
    expect((await read(pledge.id)).state).toBe('REGISTERED');
    // The pledgor sees the consents to its pledge (the counterparty's id: its registry entry is its own to read).
    const own = await huaweiClient.request<{ pledge: { consents: { disposal: string; counterparty: { id: string } }[] } }>(
      gql`
        query ($id: ID!) {
          pledge(id: $id) {
            consents {
              disposal
              counterparty {
                id
              }
            }
          }
        }
      `,
      { id: pledge.id },
    );
    expect(own.pledge.consents).toEqual([
      { disposal: 'TRANSFER', counterparty: { id: tencent } },
      { disposal: 'LICENCE', counterparty: { id: tencent } },
    ]);
    expect(await ledgerSize()).toBe(size);
  });

  it('answers the active pledge of an asset with its consents: to staff and services, the pledgee and the pledgor', async () => {
    const number = await patent(huawei);
    const free = await patent(huawei);
    const pledge = await register(bank, [patentAsset(number), { kind: 'TRADEMARK', id: '30569999' }]);
    await consent(bank, { pledgeId: pledge.id, asset: patentAsset(number), disposal: 'LICENCE', counterpartyId: tencent });
    const expected = [{ id: pledge.id, pledgee: BANK, consents: [{ disposal: 'LICENCE', counterparty: { id: tencent } }] }];

    expect(await active(staff, patentAsset(number))).toEqual(expected);
    // Any accepted form of the number.
    expect(await active(staff, patentAsset(`ZL ${number}`))).toEqual(expected);
    expect(await active(staff, { kind: 'TRADEMARK', id: '30569999' })).toEqual([{ ...expected[0], consents: expected[0]!.consents }]);
    // As the enterprises subgraph asks it: through the gateway, as a service.
    const asService = await t.hub.query<{ activePledgesOn: unknown[] }>(ACTIVE, { asset: patentAsset(number) }, serviceIdentity('enterprises'));
    expect(asService.activePledgesOn).toEqual(expected);
    expect(await active(bank, patentAsset(number))).toEqual(expected);
    expect(await active(huaweiClient, patentAsset(number))).toEqual(expected);
    // Parties to no pledge of it see none.
    expect(await active(otherBank, patentAsset(number))).toEqual([]);
    expect(await active(tencentClient, patentAsset(number))).toEqual([]);
    expect(await errorCode(t.client(await t.key('COURT')).request(ACTIVE, { asset: patentAsset(number) }))).toBe('FORBIDDEN');
    expect(await errorCode(t.client(await t.key('INSURER')).request(ACTIVE, { asset: patentAsset(number) }))).toBe('FORBIDDEN');
    expect(await errorCode(t.anonymous.request(ACTIVE, { asset: patentAsset(number) }))).toBe('UNAUTHENTICATED');
    expect(await errorExtensions(staff.request(ACTIVE, { asset: patentAsset('201510958772.1') }))).toMatchObject({
      code: 'INVALID_PATENT_NUMBER',
      field: 'asset',
    });
    expect(await errorExtensions(staff.request(ACTIVE, { asset: { kind: 'DATA_ASSET', id: ' ' } }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asset' });
    // Free assets, an asset only proposed for a pledge, and an asset once its pledge is released, are in none.
    expect(await active(staff, patentAsset(free))).toEqual([]);
    const proposal = await propose(otherBank, [patentAsset(free)]);
    expect(proposal.state).toBe('PROPOSED');
    expect(await active(staff, patentAsset(free))).toEqual([]);
    expect(await active(otherBank, patentAsset(free))).toEqual([]);
    expect(await active(staff, { kind: 'DATA_ASSET', id: 'no-such-data-asset' })).toEqual([]);
    await bank.request(RELEASE, { input: { pledgeId: pledge.id } });
    expect(await active(staff, patentAsset(number))).toEqual([]);
    // Pledged again: the new pledge, without the old one's consents.
    const again = await register(otherBank, [patentAsset(number)]);
    expect(await active(staff, patentAsset(number))).toEqual([{ id: again.id, pledgee: OTHER_BANK, consents: [] }]);
  });

  it('refuses with stable codes and changes nothing', async () => {
    const number = await patent(huawei);
    const other = await patent(huawei);
    const pledge = await register(bank, [patentAsset(number)]);
    await consent(bank, { pledgeId: pledge.id, asset: patentAsset(number), disposal: 'TRANSFER', counterpartyId: tencent });
    const before = await read(pledge.id);
    const size = await ledgerSize();
    const input = { pledgeId: pledge.id, asset: patentAsset(number), disposal: 'LICENCE', counterpartyId: tencent };

    // Who may consent: the pledgee bank and centre staff only.
    expect(await errorCode(consent(otherBank, input))).toBe('FORBIDDEN');
    expect(await errorCode(consent(huaweiClient, input))).toBe('FORBIDDEN');
    expect(await errorCode(consent(tencentClient, input))).toBe('FORBIDDEN');
    expect(await errorCode(consent(t.client(await t.key('COURT')), input))).toBe('FORBIDDEN');
    expect(await errorCode(consent(t.anonymous, input))).toBe('UNAUTHENTICATED');
    // What they may consent to.
    expect(await errorCode(consent(bank, { ...input, pledgeId: 'no-such-pledge' }))).toBe('NOT_FOUND');
    expect(await errorExtensions(consent(bank, { ...input, asset: patentAsset(other) }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asset' });
    expect(await errorExtensions(consent(bank, { ...input, asset: { kind: 'TRADEMARK', id: number } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'asset',
    });
    expect(await errorExtensions(consent(bank, { ...input, asset: patentAsset('201510958772.1') }))).toMatchObject({
      code: 'INVALID_PATENT_NUMBER',
      field: 'asset',
    });
    expect(await errorExtensions(consent(bank, { ...input, counterpartyId: 'no-such-enterprise' }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'counterpartyId',
    });
    expect(await errorExtensions(consent(bank, { ...input, counterpartyId: huawei }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'counterpartyId' });
    expect(await errorExtensions(consent(bank, { ...input, counterpartyId: ' ' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'counterpartyId' });
    expect(await errorExtensions(consent(bank, { ...input, note: '长'.repeat(2001) }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    expect(await errorCode(consent(bank, { ...input, disposal: 'PLEDGE' }))).toBe('BAD_USER_INPUT');

    expect(await read(pledge.id)).toEqual(before);
    expect(await ledgerSize()).toBe(size);
  });

  it('refuses a consent on a pledge only proposed, which binds its collateral not yet, or released or enforced, which binds it no more', async () => {
    const proposedPatent = await patent(huawei);
    const proposed = await propose(bank, [patentAsset(proposedPatent)]);
    const releasedPatent = await patent(huawei);
    const released = await register(bank, [patentAsset(releasedPatent)]);
    await bank.request(RELEASE, { input: { pledgeId: released.id } });
    const enforcedPatent = await patent(huawei);
    const enforced = await register(bank, [patentAsset(enforcedPatent)]);
    await bank.request(ENFORCE, { input: { pledgeId: enforced.id, loss: '1' } });
    for (const [id, number, state] of [
      [proposed.id, proposedPatent, 'PROPOSED'],
      [released.id, releasedPatent, 'RELEASED'],
      [enforced.id, enforcedPatent, 'ENFORCED'],
    ] as const) {
      const before = await read(id);
      const input = { pledgeId: id, asset: patentAsset(number), disposal: 'TRANSFER', counterpartyId: tencent };
      expect(await errorExtensions(consent(bank, input)), state).toMatchObject({ code: 'INVALID_TRANSITION', from: state });
      expect(await errorExtensions(consent(staff, input)), state).toMatchObject({ code: 'INVALID_TRANSITION', from: state });
      expect(await read(id)).toEqual(before);
    }
  });

  it(`keeps at most ${MAX_CONSENTS} consents on one pledge`, async () => {
    const number = await patent(huawei);
    const pledge = await register(bank, [patentAsset(number)]);
    // All but the last straight into the store: the cap is the store's to keep, the refusal the API's.
    for (let i = 0; i < MAX_CONSENTS - 1; i++) {
      const at = new Date().toISOString();
      const given = {
        id: `bulk-${i}`,
        pledgeId: pledge.id,
        asset: patentAsset(number) as { kind: 'PATENT'; id: string },
        disposal: 'LICENCE' as const,
        counterpartyId: tencent,
        outsideCounterparty: null,
        grantedAt: at,
        grantedBy: 'bulk',
        note: null,
      };
      expect(await store.pledges.addConsent(given, { at, actor: 'bulk', role: 'BANK', from: 'REGISTERED', to: 'REGISTERED', note: null }, MAX_CONSENTS)).toBe(
        'RECORDED',
      );
    }
    const input = { pledgeId: pledge.id, asset: patentAsset(number), disposal: 'LICENCE', counterpartyId: tencent };
    expect((await consent(bank, input)).consentToDisposal.consents).toHaveLength(MAX_CONSENTS);
    const before = await read(pledge.id);
    expect(await errorExtensions(consent(bank, input))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pledgeId', limit: MAX_CONSENTS });
    expect(await read(pledge.id)).toEqual(before);
  });

  describe('patents a court froze or whose invalidation is pending', () => {
    const lifecycle = (client: GraphQLClient, mutation: string, input: Record<string, unknown>) =>
      client.request(`mutation ($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { applicationNumber } }`, {
        input,
      });

    it('refuses a frozen patent with PATENT_NOT_PLEDGEABLE, FROZEN, until the court lifts the freeze', async () => {
      const court = t.client(await t.key('COURT', { organization: COURT }));
      const number = await patent(huawei);
      // Proposed before the freeze, confirmed after it: the confirmation is refused too.
      const early = await propose(bank, [patentAsset(number)]);
      await lifecycle(court, 'freezePatent', { applicationNumber: number, orderNumber: '(2026)闽01执保12号', frozenOn: today });
      const size = await ledgerSize();
      const refused = await firstError(propose(bank, [patentAsset(number)]));
      expect(refused.extensions).toMatchObject({ code: 'PATENT_NOT_PLEDGEABLE', reason: 'FROZEN', applicationNumber: number });
      // It names what lifts the bar: the court and its order.
      expect(refused.message).toContain(`frozen by ${COURT} under order (2026)闽01执保12号`);
      expect(await errorExtensions(confirm(early.id))).toMatchObject({ code: 'PATENT_NOT_PLEDGEABLE', reason: 'FROZEN', applicationNumber: number });
      expect((await read(early.id)).state).toBe('PROPOSED');
      expect(await ledgerSize()).toBe(size);
      expect(await active(staff, patentAsset(number))).toEqual([]);

      await lifecycle(court, 'unfreezePatent', { applicationNumber: number, unfrozenOn: today });
      expect((await confirm(early.id)).state).toBe('REGISTERED');
    });

    it('refuses a patent under invalidation with PATENT_NOT_PLEDGEABLE, UNDER_INVALIDATION, until it is maintained', async () => {
      const number = await patent(huawei);
      const free = await patent(huawei);
      // Proposed before the request: the pledgee acknowledged no risk, so the pledgor alone cannot take it on.
      const early = await propose(bank, [patentAsset(free), patentAsset(number)]);
      await lifecycle(staff, 'requestInvalidation', { applicationNumber: number, requestedOn: today, requester: '某科技有限公司' });
      const size = await ledgerSize();
      // With another, pledgeable patent: the whole pledge is refused.
      expect(await errorExtensions(propose(bank, [patentAsset(free), patentAsset(number)]))).toMatchObject({
        code: 'PATENT_NOT_PLEDGEABLE',
        reason: 'UNDER_INVALIDATION',
        applicationNumber: number,
      });
      for (const acknowledgedInvalidations of [[], [number]]) {
        expect(await errorExtensions(confirm(early.id, { acknowledgedInvalidations }))).toMatchObject({
          code: 'PATENT_NOT_PLEDGEABLE',
          reason: 'UNDER_INVALIDATION',
          applicationNumber: number,
        });
      }
      expect((await read(early.id)).state).toBe('PROPOSED');
      expect(await ledgerSize()).toBe(size);
      expect(await active(staff, patentAsset(free))).toEqual([]);

      await lifecycle(staff, 'decideInvalidation', { applicationNumber: number, decision: 'MAINTAINED', decidedOn: today });
      expect((await confirm(early.id)).state).toBe('REGISTERED');
    });

    it('refuses a patent declared invalid: under invalidation while a court action may be brought, no longer granted once final (Patent Law art. 46(2))', async () => {
      const number = await patent(huawei);
      await lifecycle(staff, 'requestInvalidation', { applicationNumber: number, requestedOn: today, requester: '某科技有限公司' });
      await lifecycle(staff, 'decideInvalidation', { applicationNumber: number, decision: 'INVALIDATED', decidedOn: today });
      expect(await errorExtensions(propose(bank, [patentAsset(number)]))).toMatchObject({ code: 'PATENT_NOT_PLEDGEABLE', reason: 'UNDER_INVALIDATION' });
      const final = await patent(huawei);
      await lifecycle(staff, 'requestInvalidation', { applicationNumber: final, requestedOn: addMonths(today, -6), requester: '某科技有限公司' });
      await lifecycle(staff, 'decideInvalidation', { applicationNumber: final, decision: 'INVALIDATED', decidedOn: addMonths(today, -5) });
      expect(await errorExtensions(propose(bank, [patentAsset(final)]))).toMatchObject({ code: 'PATENT_NOT_PLEDGEABLE', reason: 'NOT_GRANTED' });
    });
  });
});
