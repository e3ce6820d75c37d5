// Pledges as the law makes them, end to end through the gateway: applied for jointly (专利权质押登记办法
// art. 7(1)), the pledgee proposing on the contract and the pledgor confirming as itself; a pledge
// exists from its registration (民法典 art. 444), whose authority number staff record; amendments are
// joint acts on the ledger too; guarantee institutions take counter-guarantee pledges (反担保); an
// enforcement records what became of the collateral.
import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { documentDigest } from '../ledger/index.js';
import { verifyCertificate } from '../ledger/verify/index.js';
import { today as hubToday } from '../platform/hub-calendar.js';
import { addYears } from '../standards/calendar-date.js';
import { openFinanceSubgraph } from '../subgraphs/finance/index.js';
import type { FinanceStore } from '../subgraphs/finance/store/port.js';
import { OUTBOX_OWNERS } from '../subgraphs/index.js';
import { notificationsSubgraph } from '../subgraphs/notifications/index.js';
import { errorCode, errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { PLEDGE_CONTRACT } from './support/pledges.js';
import { applicationNumber, registerEnterprise, registerPatent } from './support/registry.js';

const BANK = '中国工商银行福州分行';
const GUARANTOR = '福建省融资担保有限责任公司';
const today = hubToday();

const PLEDGE = `id registrationNumber state registeredAt securedAmount term { startDate endDate }
  pledgeeOrganization { name kind }
  application { contract { date digest } proposedBy confirmedBy proposedAt confirmedAt }
  acknowledgedRisks { asset { id } risk }
  authorityRegistration { number date }
  pendingAmendment { securedAmount term { endDate } contract { digest } }
  amendments { securedAmountBefore securedAmount termBefore { endDate } term { endDate } receipt { seq } certificate }
  registrationReceipt { seq } registrationCertificate
  events { from to role note }`;

interface Pledge {
  id: string;
  registrationNumber: string;
  state: string;
  securedAmount: string;
  term: { startDate: string; endDate: string };
  pledgeeOrganization: { name: string; kind: string };
  application: { contract: { date: string; digest: string }; proposedBy: string; confirmedBy: string | null } | null;
  acknowledgedRisks: { asset: { id: string }; risk: string }[];
  authorityRegistration: { number: string; date: string } | null;
  pendingAmendment: { securedAmount: string | null; term: { endDate: string } | null; contract: { digest: string } } | null;
  amendments: {
    securedAmountBefore: string;
    securedAmount: string | null;
    termBefore: { endDate: string };
    term: { endDate: string } | null;
    receipt: { seq: number };
    certificate: { entry: { metadata: Record<string, unknown> } };
  }[];
  registrationReceipt: { seq: number } | null;
  registrationCertificate: { entry: { metadata: Record<string, unknown> } } | null;
  events: { from: string | null; to: string; role: string; note: string | null }[];
}

const mutation = (name: string, input: string) => `mutation ($input: ${input}!) { ${name}(input: $input) { ${PLEDGE} } }`;
const PROPOSE = mutation('proposePledge', 'ProposePledgeInput');
const CONFIRM = mutation('confirmPledge', 'ConfirmPledgeInput');
const DECLINE = mutation('declinePledge', 'AnswerPledgeInput');
const WITHDRAW = mutation('withdrawPledge', 'AnswerPledgeInput');
const AUTHORITY = mutation('recordPledgeRegistration', 'RecordPledgeRegistrationInput');
const AMEND = mutation('proposePledgeAmendment', 'ProposePledgeAmendmentInput');
const CONFIRM_AMENDMENT = mutation('confirmPledgeAmendment', 'AnswerPledgeAmendmentInput');
const DECLINE_AMENDMENT = mutation('declinePledgeAmendment', 'AnswerPledgeAmendmentInput');
const READ = gql`query ($id: ID!) { pledge(id: $id) { ${PLEDGE} } }`;

describe('pledges applied for jointly (专利权质押登记办法 art. 7(1)) and registered from the pledgor’s confirmation (民法典 art. 444)', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let bank: GraphQLClient;
  let otherBank: GraphQLClient;
  let guarantor: GraphQLClient;
  let store: FinanceStore;
  let huawei: string;
  let tencent: string;
  let huaweiClient: GraphQLClient;
  let tencentClient: GraphQLClient;
  let serial = 0;

  const ledgerSize = async () => (await t.hub.ledger.audit()).size;
  const patent = () =>
    registerPatent(staff, {
      enterpriseId: huawei,
      applicationNumber: applicationNumber('2020-03-01', '1', 700 + ++serial),
      title: `一种编码方法 ${serial}`,
      filingDate: '2020-03-01',
      status: 'GRANTED',
      grantDate: '2022-03-01',
      feesPaidThrough: addYears(today, 1),
    });
  const proposal = (collateral: string[], extra: Record<string, unknown> = {}) => ({
    pledgorId: huawei,
    collateral: collateral.map((id) => ({ rightKind: 'PATENT', id })),
    securedAmount: '200000000',
    term: { startDate: today, endDate: addYears(today, 2) },
    contract: PLEDGE_CONTRACT,
    ...extra,
  });
  const propose = async (client: GraphQLClient, input: Record<string, unknown>) =>
    (await client.request<{ proposePledge: Pledge }>(PROPOSE, { input })).proposePledge;
  const confirm = async (client: GraphQLClient, pledgeId: string, extra: Record<string, unknown> = {}) =>
    (await client.request<{ confirmPledge: Pledge }>(CONFIRM, { input: { pledgeId, ...extra } })).confirmPledge;
  const read = async (client: GraphQLClient, id: string) => (await client.request<{ pledge: Pledge | null }>(READ, { id })).pledge;
  /** What the finance store has written to tell both parties (the relay held back, so it stays there). */
  const pendingTypes = async () => (await store.outbox.pending(1000)).map((n) => `${n.type}:${n.subject}`);

  beforeAll(async () => {
    t = await startTestHub({
      open: {
        finance: (storage, ledger, hub) =>
          openFinanceSubgraph(storage, ledger, hub, (s) => {
            store = s;
            return s;
          }),
        notifications: (storage, ledger, hub, { owners }) => notificationsSubgraph(OUTBOX_OWNERS, { owners, pollMs: 3_600_000 })(storage, ledger, hub),
      },
    });
    staff = t.client(await t.key('CENTER_STAFF'));
    bank = t.client(await t.key('BANK', { organization: BANK }));
    otherBank = t.client(await t.key('BANK', { organization: '兴业银行福州分行' }));
    guarantor = t.client(await t.key('GUARANTOR', { organization: GUARANTOR }));
    huawei = await registerEnterprise(staff, { uscc: '914403001922038216', name: '华为技术有限公司', regionCode: '440300', industry: '制造业' });
    tencent = await registerEnterprise(staff, {
      uscc: '9144030071526726XG',
      name: '深圳市腾讯计算机系统有限公司',
      regionCode: '440300',
      industry: '软件和信息技术服务业',
    });
    huaweiClient = t.client(await t.key('ENTERPRISE', { enterpriseId: huawei }));
    tencentClient = t.client(await t.key('ENTERPRISE', { enterpriseId: tencent }));
  });
  afterAll(() => t.close());

  it('refuses a bank registering a pledge alone (FORBIDDEN), and staff recording a paper application without its contract', async () => {
    const number = await patent();
    const input = { pledgorId: huawei, collateral: [{ rightKind: 'PATENT', id: number }], securedAmount: '100', term: proposal([]).term };
    const REGISTER = gql`
      mutation ($input: RegisterPledgeInput!) {
        registerPledge(input: $input) {
          id
        }
      }
    `;
    const size = await ledgerSize();
    expect(await errorCode(bank.request(REGISTER, { input: { ...input, pledgee: BANK } }))).toBe('FORBIDDEN');
    expect(await errorExtensions(staff.request(REGISTER, { input: { ...input, pledgee: BANK } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'contract',
    });
    expect(await ledgerSize()).toBe(size);
  });

  it('proposes without pledging anything, then registers on the pledgor’s confirmation: the ledger entry names the contract and both acts, and verifies offline', async () => {
    const number = await patent();
    const size = await ledgerSize();
    const proposed = await propose(bank, proposal([number]));
    expect(proposed).toMatchObject({
      state: 'PROPOSED',
      registrationReceipt: null,
      pledgeeOrganization: { name: BANK, kind: 'BANK' },
      application: { contract: PLEDGE_CONTRACT, confirmedBy: null },
    });
    expect(proposed.registrationNumber).toMatch(/^ZX-\d{4}-\d{6}$/);
    expect(await ledgerSize()).toBe(size);
    expect(await pendingTypes()).toContain(`pledge.proposed:pledge:${proposed.id}`);

    // Only the pledgor confirms, as itself: not the bank, not centre staff, not another enterprise.
    for (const client of [bank, staff, tencentClient]) expect(await errorCode(client.request(CONFIRM, { input: { pledgeId: proposed.id } }))).toBe('FORBIDDEN');
    const registered = await confirm(huaweiClient, proposed.id, { note: '同意出质' });
    expect(registered).toMatchObject({ state: 'REGISTERED', registrationNumber: proposed.registrationNumber });
    expect(registered.application!.confirmedBy).not.toBeNull();
    expect(registered.application!.confirmedBy).not.toBe(registered.application!.proposedBy);
    expect(registered.events.map((e) => [e.from, e.to, e.role])).toEqual([
      [null, 'PROPOSED', 'BANK'],
      ['PROPOSED', 'REGISTERED', 'ENTERPRISE'],
    ]);
    expect(await ledgerSize()).toBe(size + 1);
    const certificate = registered.registrationCertificate!;
    expect(certificate.entry.metadata).toMatchObject({
      pledge: registered.id,
      contract: PLEDGE_CONTRACT,
      proposed: { by: registered.application!.proposedBy },
      confirmed: { by: registered.application!.confirmedBy },
    });
    const trustedKeys = [t.hub.ledger.verifierKey];
    expect(verifyCertificate(certificate as never, { contentDigest: documentDigest(certificate.entry.metadata as never), trustedKeys }).ok).toBe(true);
    expect(await pendingTypes()).toContain(`pledge.registered:pledge:${registered.id}`);
    // Confirmed once: a second confirmation is a move that does not exist.
    expect(await errorCode(huaweiClient.request(CONFIRM, { input: { pledgeId: proposed.id } }))).toBe('INVALID_TRANSITION');
  });

  it('claims the collateral at confirmation, not at proposal: a proposal whose patent another pledge took meanwhile is refused then (ASSET_ALREADY_PLEDGED)', async () => {
    const number = await patent();
    const first = await propose(bank, proposal([number]));
    const second = await propose(otherBank, proposal([number]));
    await confirm(huaweiClient, second.id);
    const size = await ledgerSize();
    expect(await errorExtensions(huaweiClient.request(CONFIRM, { input: { pledgeId: first.id } }))).toMatchObject({
      code: 'ASSET_ALREADY_PLEDGED',
      assets: [`PATENT:${number}`],
    });
    expect((await read(bank, first.id))!.state).toBe('PROPOSED');
    expect(await ledgerSize()).toBe(size);
  });

  it('lets the pledgor decline and the pledgee withdraw a proposal, each final and told to both, nothing signed', async () => {
    const number = await patent();
    const size = await ledgerSize();
    const a = await propose(bank, proposal([number]));
    const b = await propose(bank, proposal([number]));
    expect(await errorCode(bank.request(DECLINE, { input: { pledgeId: a.id } }))).toBe('FORBIDDEN');
    expect(await errorCode(huaweiClient.request(WITHDRAW, { input: { pledgeId: b.id } }))).toBe('FORBIDDEN');
    const declined = (await huaweiClient.request<{ declinePledge: Pledge }>(DECLINE, { input: { pledgeId: a.id, note: '利率未谈妥' } })).declinePledge;
    const withdrawn = (await bank.request<{ withdrawPledge: Pledge }>(WITHDRAW, { input: { pledgeId: b.id } })).withdrawPledge;
    expect([declined.state, withdrawn.state]).toEqual(['DECLINED', 'WITHDRAWN']);
    expect(await errorCode(huaweiClient.request(CONFIRM, { input: { pledgeId: a.id } }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(huaweiClient.request(CONFIRM, { input: { pledgeId: b.id } }))).toBe('INVALID_TRANSITION');
    expect(await ledgerSize()).toBe(size);
    const told = await pendingTypes();
    expect(told).toContain(`pledge.declined:pledge:${a.id}`);
    expect(told).toContain(`pledge.withdrawn:pledge:${b.id}`);
  });

  it('pledges a patent under a pending invalidation only when both parties acknowledge it (专利权质押登记办法, 2021)', async () => {
    const number = await patent();
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
    expect(await errorExtensions(bank.request(PROPOSE, { input: proposal([number]) }))).toMatchObject({
      code: 'PATENT_NOT_PLEDGEABLE',
      reason: 'UNDER_INVALIDATION',
    });
    const proposed = await propose(bank, proposal([number], { acknowledgedInvalidations: [number] }));
    expect(proposed.acknowledgedRisks).toEqual([{ asset: { id: number }, risk: 'UNDER_INVALIDATION' }]);
    // The pledgor has not acknowledged it: refused, nothing claimed.
    expect(await errorExtensions(huaweiClient.request(CONFIRM, { input: { pledgeId: proposed.id } }))).toMatchObject({
      code: 'PATENT_NOT_PLEDGEABLE',
      reason: 'UNDER_INVALIDATION',
      field: 'acknowledgedInvalidations',
    });
    const registered = await confirm(huaweiClient, proposed.id, { acknowledgedInvalidations: [number] });
    expect(registered.state).toBe('REGISTERED');
    expect(registered.registrationCertificate!.entry.metadata).toMatchObject({
      acknowledgedRisks: [{ kind: 'PATENT', id: number, risk: 'UNDER_INVALIDATION', since: today }],
    });
  });

  it('lets a guarantee institution take a counter-guarantee pledge (反担保) with a bank’s rights over its own pledges, and no bank see it', async () => {
    const number = await patent();
    const proposed = await propose(guarantor, proposal([number]));
    expect(proposed.pledgeeOrganization).toEqual({ name: GUARANTOR, kind: 'GUARANTOR' });
    const registered = await confirm(huaweiClient, proposed.id);
    expect(registered.registrationCertificate!.entry.metadata).toMatchObject({ pledgee: GUARANTOR, pledgeeKind: 'GUARANTOR' });
    expect(await read(guarantor, registered.id)).toMatchObject({ state: 'REGISTERED' });
    // A bank of the same name is another pledgee.
    const namesake = t.client(await t.key('BANK', { organization: GUARANTOR }));
    expect(await read(namesake, registered.id)).toBeNull();
    expect(await read(bank, registered.id)).toBeNull();
    const released = await guarantor.request<{ releasePledge: { state: string } }>(
      gql`
        mutation ($input: ReleasePledgeInput!) {
          releasePledge(input: $input) {
            state
          }
        }
      `,
      { input: { pledgeId: registered.id } },
    );
    expect(released.releasePledge.state).toBe('RELEASED');
  });

  it("records the registration authority's number and date once, by centre staff, on a pledge that was registered", async () => {
    const number = await patent();
    const proposed = await propose(bank, proposal([number]));
    const input = { pledgeId: proposed.id, number: 'Y2026980012345', date: today };
    expect(await errorCode(staff.request(AUTHORITY, { input }))).toBe('INVALID_TRANSITION');
    await confirm(huaweiClient, proposed.id);
    expect(await errorCode(bank.request(AUTHORITY, { input }))).toBe('FORBIDDEN');
    expect(await errorExtensions(staff.request(AUTHORITY, { input: { ...input, date: addYears(today, 1) } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'date',
    });
    const recorded = (await staff.request<{ recordPledgeRegistration: Pledge }>(AUTHORITY, { input })).recordPledgeRegistration;
    expect(recorded.authorityRegistration).toEqual({ number: 'Y2026980012345', date: today });
    expect(recorded.events.at(-1)).toMatchObject({ role: 'CENTER_STAFF', note: `registered by the authority on ${today} under Y2026980012345` });
    expect(await errorCode(staff.request(AUTHORITY, { input: { ...input, number: 'other' } }))).toBe('CONFLICT');
  });

  it('amends the secured amount and term as a joint act on the ledger (变更登记), the statistics following the amount; a declined one changes nothing', async () => {
    const number = await patent();
    const registered = await confirm(huaweiClient, (await propose(bank, proposal([number]))).id);
    const endDate = addYears(today, 3);
    const amendment = { pledgeId: registered.id, securedAmount: '300000000', termEndDate: endDate, contract: { date: today, digest: 'a1'.repeat(32) } };
    expect(await errorCode(huaweiClient.request(AMEND, { input: amendment }))).toBe('FORBIDDEN');
    expect(await errorExtensions(bank.request(AMEND, { input: { ...amendment, securedAmount: '200000000', termEndDate: undefined } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    const proposed = (await bank.request<{ proposePledgeAmendment: Pledge }>(AMEND, { input: amendment })).proposePledgeAmendment;
    expect(proposed).toMatchObject({ securedAmount: '200000000', pendingAmendment: { securedAmount: '300000000', term: { endDate } } });
    expect(await errorCode(bank.request(AMEND, { input: amendment }))).toBe('CONFLICT');
    expect(await errorCode(bank.request(CONFIRM_AMENDMENT, { input: { pledgeId: registered.id } }))).toBe('FORBIDDEN');

    const size = await ledgerSize();
    const amended = (await huaweiClient.request<{ confirmPledgeAmendment: Pledge }>(CONFIRM_AMENDMENT, { input: { pledgeId: registered.id } }))
      .confirmPledgeAmendment;
    expect(amended).toMatchObject({ securedAmount: '300000000', term: { endDate }, pendingAmendment: null });
    expect(amended.amendments).toHaveLength(1);
    expect(amended.amendments[0]).toMatchObject({ securedAmountBefore: '200000000', securedAmount: '300000000', term: { endDate } });
    expect(await ledgerSize()).toBe(size + 1);
    const entry = await t.hub.ledger.entry(amended.amendments[0]!.receipt.seq);
    expect(entry).toMatchObject({ kind: 'PLEDGE_AMENDMENT', subject: `pledge:${registered.id}` });
    expect(entry!.metadata).toMatchObject({
      before: { securedAmountFen: '200000000' },
      after: { securedAmountFen: '300000000', term: { endDate } },
      contract: { digest: 'a1'.repeat(32) },
    });
    expect(await pendingTypes()).toContain(`pledge.amended:pledge:${registered.id}`);

    // Declined: nothing changes, nothing signed.
    await bank.request(AMEND, { input: { ...amendment, securedAmount: '100000000', termEndDate: undefined } });
    const declined = (await huaweiClient.request<{ declinePledgeAmendment: Pledge }>(DECLINE_AMENDMENT, { input: { pledgeId: registered.id } }))
      .declinePledgeAmendment;
    expect(declined).toMatchObject({ securedAmount: '300000000', pendingAmendment: null });
    expect(await ledgerSize()).toBe(size + 1);
    expect(await errorCode(huaweiClient.request(CONFIRM_AMENDMENT, { input: { pledgeId: registered.id } }))).toBe('INVALID_TRANSITION');
  });

  it('signs an amendment and a release racing for one pledge only as they happen: every entry the ledger gains is an act the pledge records', async () => {
    const RELEASE = gql`
      mutation ($input: ReleasePledgeInput!) {
        releasePledge(input: $input) {
          state
        }
      }
    `;
    for (let round = 0; round < 4; round++) {
      const number = await patent();
      const registered = await confirm(huaweiClient, (await propose(bank, proposal([number]))).id);
      await bank.request(AMEND, { input: { pledgeId: registered.id, securedAmount: '250000000', contract: { date: today, digest: 'b2'.repeat(32) } } });
      const size = await ledgerSize();
      const [amending, releasing] = await Promise.allSettled([
        huaweiClient.request(CONFIRM_AMENDMENT, { input: { pledgeId: registered.id } }),
        bank.request(RELEASE, { input: { pledgeId: registered.id } }),
      ]);
      const after = (await read(staff, registered.id))!;
      // Each act that answered is recorded, and the ledger gained exactly those entries.
      expect(after.amendments).toHaveLength(amending.status === 'fulfilled' ? 1 : 0);
      expect(after.state).toBe(releasing.status === 'fulfilled' ? 'RELEASED' : 'REGISTERED');
      expect(await ledgerSize()).toBe(size + (amending.status === 'fulfilled' ? 1 : 0) + (releasing.status === 'fulfilled' ? 1 : 0));
      for (const r of [amending, releasing])
        if (r.status === 'rejected') expect(await errorCode(Promise.reject(r.reason))).toMatch(/^(CONFLICT|INVALID_TRANSITION)$/);
    }
  });

  it('records what an enforcement led to: the buyer at auction, an enterprise or a party outside the registry, with the pledgee’s consent', async () => {
    const a = await patent();
    const b = await patent();
    const registered = await confirm(huaweiClient, (await propose(bank, proposal([a, b]))).id);
    const ENFORCE = gql`
      mutation ($input: EnforcePledgeInput!) {
        enforcePledge(input: $input) {
          state
          riskCompensation {
            method
            disposals {
              asset {
                id
              }
              disposal
              counterparty {
                id
              }
              outsideCounterparty {
                kind
                name
                country
              }
            }
          }
        }
      }
    `;
    const base = { pledgeId: registered.id, loss: '1000' };
    const outside = { kind: 'FOREIGN_ENTITY', name: 'Acme GmbH', country: 'de' };
    expect(
      await errorExtensions(
        bank.request(ENFORCE, {
          input: { ...base, method: 'DEBT_TO_EQUITY', disposals: [{ asset: { rightKind: 'PATENT', id: a }, outsideCounterparty: outside }] },
        }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'disposals' });
    expect(
      await errorExtensions(
        bank.request(ENFORCE, { input: { ...base, method: 'AUCTION', disposals: [{ asset: { rightKind: 'PATENT', id: a }, counterpartyId: huawei }] } }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'disposals[0].counterpartyId' });
    expect((await read(staff, registered.id))!.state).toBe('REGISTERED');
    const enforced = await bank.request<{ enforcePledge: { state: string; riskCompensation: { disposals: unknown[] } } }>(ENFORCE, {
      input: {
        ...base,
        method: 'AUCTION',
        disposals: [
          { asset: { rightKind: 'PATENT', id: a }, outsideCounterparty: outside },
          { asset: { rightKind: 'PATENT', id: b }, counterpartyId: tencent },
        ],
      },
    });
    expect(enforced.enforcePledge.state).toBe('ENFORCED');
    expect(enforced.enforcePledge.riskCompensation.disposals).toEqual([
      { asset: { id: a }, disposal: 'TRANSFER', counterparty: null, outsideCounterparty: { kind: 'FOREIGN_ENTITY', name: 'Acme GmbH', country: 'DE' } },
      { asset: { id: b }, disposal: 'TRANSFER', counterparty: { id: tencent }, outsideCounterparty: null },
    ]);
  });
});
