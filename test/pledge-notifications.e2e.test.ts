// Pledges and insurance claims through the gateway leave their notifications in the finance
// store's outbox, written with the change: a bank's proposal, the registration once the pledgor
// confirmed it and the ledger has recorded it (none for one refused or undone), a proposal
// declined, a consent, a release, an enforcement, a claim settled; a refused write leaves none. Relayed, they reach the pledgor's, the bank's and the insurer's inboxes. The
// hub's own relay is held back (an hour between looks) so that the outbox is seen as the writes
// left it; the tests relay with the same function when they mean to.
import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Ledger, LedgerUnavailableError } from '../ledger/index.js';
import type { Notification } from '../outbox/notification.js';
import { today as hubToday } from '../platform/hub-calendar.js';
import { addYears } from '../standards/calendar-date.js';
import { openFinanceSubgraph } from '../subgraphs/finance/index.js';
import type { FinanceStore } from '../subgraphs/finance/store/port.js';
import { OUTBOX_OWNERS } from '../subgraphs/index.js';
import { notificationsSubgraph } from '../subgraphs/notifications/index.js';
import { relayPending } from '../subgraphs/notifications/relay.js';
import { openNotificationStore } from '../subgraphs/notifications/store/open.js';
import type { NotificationStore } from '../subgraphs/notifications/store/port.js';
import { errorCode, startTestHub, type TestHub } from './support/hub.js';
import { PLEDGE_CONTRACT, pledgeJointly } from './support/pledges.js';
import { applicationNumber, registerEnterprise, registerPatent } from './support/registry.js';

const BANK = '中国工商银行福州分行';
const INSURER = '中国人民财产保险福建分公司';
const today = hubToday();
const term = { startDate: today, endDate: addYears(today, 2) };
const patentAsset = (id: string) => ({ kind: 'PATENT', id });

interface Pledge {
  id: string;
  registrationNumber: string;
  registeredAt: string;
  closedAt: string | null;
  registrationReceipt: { seq: number; entryHash: string; timestamp: string } | null;
  releaseReceipt: { seq: number; entryHash: string; timestamp: string } | null;
}
const PLEDGE = `id registrationNumber registeredAt closedAt registrationReceipt { seq entryHash timestamp } releaseReceipt { seq entryHash timestamp }`;
const REGISTER = gql`mutation ($input: RegisterPledgeInput!) { registerPledge(input: $input) { ${PLEDGE} } }`;
const PROPOSE = gql`mutation ($input: ProposePledgeInput!) { proposePledge(input: $input) { ${PLEDGE} } }`;
const CONFIRM = gql`mutation ($input: ConfirmPledgeInput!) { confirmPledge(input: $input) { ${PLEDGE} } }`;
const DECLINE = gql`
  mutation ($input: AnswerPledgeInput!) {
    declinePledge(input: $input) {
      closedAt
    }
  }
`;
const RELEASE = gql`mutation ($input: ReleasePledgeInput!) { releasePledge(input: $input) { ${PLEDGE} } }`;
const ENFORCE = gql`mutation ($input: EnforcePledgeInput!) { enforcePledge(input: $input) { ${PLEDGE} } }`;
const CONSENT = gql`
  mutation ($input: ConsentToDisposalInput!) {
    consentToDisposal(input: $input) {
      id
      consents {
        grantedAt
      }
    }
  }
`;
const INBOX = gql`
  query {
    inbox {
      unreadCount
      notifications(first: 50) {
        edges {
          node {
            notification {
              id
              type
              subject
            }
          }
        }
      }
    }
  }
`;

/** The ledger as the finance subgraph sees it: failing every append while `ledgerDown`. */
let ledgerDown = false;
const flaky = (ledger: Ledger): Ledger =>
  new Proxy(ledger, {
    get(target, key) {
      if (key === 'append' && ledgerDown) return () => Promise.reject(new LedgerUnavailableError('the ledger store is down'));
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

describe('pledge and claim notifications', () => {
  let t: TestHub;
  let store: FinanceStore;
  let notifications: NotificationStore;
  let staff: GraphQLClient;
  let bank: GraphQLClient;
  let insurer: GraphQLClient;
  let huawei: string;
  let tencent: string;
  let huaweiClient: GraphQLClient;
  let serial = 0;

  const seen = new Set<string>();
  /** The notifications written to the outbox since the last call, oldest first (left pending). */
  async function written(): Promise<Notification[]> {
    const fresh = (await store.outbox.pending(1000)).filter((n) => !seen.has(n.id));
    for (const n of fresh) seen.add(n.id);
    return fresh;
  }

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
  const pledgeInput = (collateral: { kind: string; id: string }[]) => ({ pledgorId: huawei, collateral, securedAmount: '50000000000', term });
  /** A pledge the bank proposed and huawei confirmed. */
  const register = (collateral: { kind: string; id: string }[]) => pledgeJointly<Pledge>(bank, huaweiClient, pledgeInput(collateral), PLEDGE);
  const propose = async (collateral: { kind: string; id: string }[]) =>
    (await bank.request<{ proposePledge: Pledge }>(PROPOSE, { input: { contract: PLEDGE_CONTRACT, ...pledgeInput(collateral) } })).proposePledge;
  const confirm = async (pledgeId: string) => (await huaweiClient.request<{ confirmPledge: Pledge }>(CONFIRM, { input: { pledgeId } })).confirmPledge;
  /** A paper application both signed, as centre staff record it. */
  const registerPaper = (collateral: { kind: string; id: string }[]) =>
    staff.request(REGISTER, { input: { pledgee: BANK, contract: PLEDGE_CONTRACT, ...pledgeInput(collateral) } });

  beforeAll(async () => {
    t = await startTestHub({
      open: {
        finance: (storage, ledger, hub) =>
          openFinanceSubgraph(storage, flaky(ledger), hub, (s) => {
            store = s;
            return s;
          }),
        notifications: async (storage, ledger, hub, { owners }) => {
          notifications = await openNotificationStore(storage);
          return notificationsSubgraph(OUTBOX_OWNERS, { owners, pollMs: 3_600_000 })(storage, ledger, hub);
        },
      },
    });
    staff = t.client(await t.key('CENTER_STAFF'));
    bank = t.client(await t.key('BANK', { organization: BANK }));
    insurer = t.client(await t.key('INSURER', { organization: INSURER }));
    const enterprise = (uscc: string, name: string) =>
      registerEnterprise(staff, { uscc, name, regionCode: '440300', industry: '计算机、通信和其他电子设备制造业' });
    huawei = await enterprise('914403001922038216', '华为技术有限公司');
    tencent = await enterprise('9144030071526726XG', '深圳市腾讯计算机系统有限公司');
    huaweiClient = t.client(await t.key('ENTERPRISE', { enterpriseId: huawei }));
  });
  afterAll(async () => {
    ledgerDown = false;
    await notifications?.close();
    await t?.close();
  });

  const parties = () => [
    { kind: 'ENTERPRISE', id: huawei },
    { kind: 'ORGANIZATION', role: 'BANK', name: BANK },
  ];

  it('tells the pledgor and the bank of a proposal, and of its registration once the pledgor confirmed it and the ledger has recorded it, and of nothing refused or undone', async () => {
    expect(await written()).toEqual([]);
    const number = await patent(huawei);
    const pledgeData = (p: Pledge, state: string) => ({
      pledgeId: p.id,
      registrationNumber: p.registrationNumber,
      pledgor: huawei,
      pledgee: BANK,
      collateral: [patentAsset(number)],
      securedAmountFen: '50000000000',
      term,
      state,
    });
    const proposed = await propose([patentAsset(number)]);
    // Proposed: both told, the contract named; nothing registered yet.
    expect(await written()).toEqual([
      {
        id: `pledge.proposed:${proposed.id}`,
        type: 'pledge.proposed',
        occurredAt: proposed.registeredAt,
        subject: `pledge:${proposed.id}`,
        audience: parties(),
        data: { ...pledgeData(proposed, 'PROPOSED'), contract: PLEDGE_CONTRACT },
      },
    ]);
    // Another proposal of the patent, overtaken below by the first's registration.
    const overtaken = await propose([patentAsset(number)]);
    expect((await written()).map((n) => n.id)).toEqual([`pledge.proposed:${overtaken.id}`]);

    const pledge = await confirm(proposed.id);
    expect(await written()).toEqual([
      {
        id: `pledge.registered:${pledge.id}`,
        type: 'pledge.registered',
        occurredAt: pledge.registeredAt,
        subject: `pledge:${pledge.id}`,
        audience: parties(),
        data: { ...pledgeData(pledge, 'REGISTERED'), registrationReceipt: pledge.registrationReceipt },
      },
    ]);

    // Refused: the asset is pledged already, whether confirmed or recorded from paper. Nothing told.
    expect(await errorCode(confirm(overtaken.id))).toBe('ASSET_ALREADY_PLEDGED');
    expect(await errorCode(registerPaper([patentAsset(number)]))).toBe('ASSET_ALREADY_PLEDGED');
    expect(await written()).toEqual([]);
    // Declined: both told.
    const declined = (await huaweiClient.request<{ declinePledge: { closedAt: string } }>(DECLINE, { input: { pledgeId: overtaken.id, note: '已另行出质' } }))
      .declinePledge;
    expect(await written()).toEqual([
      {
        id: `pledge.declined:${overtaken.id}`,
        type: 'pledge.declined',
        occurredAt: declined.closedAt,
        subject: `pledge:${overtaken.id}`,
        audience: parties(),
        data: { ...pledgeData(overtaken, 'DECLINED'), closedAt: declined.closedAt, note: '已另行出质' },
      },
    ]);

    // Undone: the ledger could not record it, so the confirmation was taken back (and the paper application discarded). Nothing told.
    const later = await propose([patentAsset(await patent(huawei))]);
    await written();
    ledgerDown = true;
    try {
      expect(await errorCode(confirm(later.id))).toBe('LEDGER_UNAVAILABLE');
      expect(await errorCode(registerPaper([patentAsset(await patent(huawei))]))).toBe('LEDGER_UNAVAILABLE');
    } finally {
      ledgerDown = false;
    }
    expect(await written()).toEqual([]);
    // Confirmed again once the ledger is back: told once.
    const registered = await confirm(later.id);
    expect((await written()).map((n) => [n.id, n.occurredAt])).toEqual([[`pledge.registered:${later.id}`, registered.registeredAt]]);
  });

  it('tells them of a consent, a release and an enforcement, and of no closing refused', async () => {
    const number = await patent(huawei);
    const pledge = await register([patentAsset(number)]);
    await written();
    const consented = (
      await bank.request<{ consentToDisposal: { consents: { grantedAt: string }[] } }>(CONSENT, {
        input: { pledgeId: pledge.id, asset: patentAsset(number), disposal: 'LICENCE', counterpartyId: tencent, note: '许可费用于还款' },
      })
    ).consentToDisposal;
    const [consent, ...more] = await written();
    expect(more).toEqual([]);
    expect(consent).toMatchObject({
      id: expect.stringMatching(/^pledge\.consent_recorded:/),
      type: 'pledge.consent_recorded',
      occurredAt: consented.consents[0]!.grantedAt,
      subject: `pledge:${pledge.id}`,
      audience: parties(),
      data: { pledgeId: pledge.id, asset: patentAsset(number), disposal: 'LICENCE', counterpartyId: tencent, note: '许可费用于还款', state: 'REGISTERED' },
    });

    const released = (await bank.request<{ releasePledge: Pledge }>(RELEASE, { input: { pledgeId: pledge.id } })).releasePledge;
    // Closed already: refused, nothing told.
    expect(await errorCode(bank.request(ENFORCE, { input: { pledgeId: pledge.id, loss: '1' } }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(bank.request(RELEASE, { input: { pledgeId: pledge.id } }))).toBe('INVALID_TRANSITION');
    expect(await written()).toEqual([
      {
        id: `pledge.released:${pledge.id}`,
        type: 'pledge.released',
        occurredAt: released.closedAt,
        subject: `pledge:${pledge.id}`,
        audience: parties(),
        data: expect.objectContaining({ pledgeId: pledge.id, state: 'RELEASED', closedAt: released.closedAt, releaseReceipt: released.releaseReceipt }),
      },
    ]);

    const other = await register([patentAsset(await patent(huawei))]);
    await written();
    const enforced = (await bank.request<{ enforcePledge: Pledge }>(ENFORCE, { input: { pledgeId: other.id, loss: '20000000000' } })).enforcePledge;
    expect(await written()).toEqual([
      expect.objectContaining({
        id: `pledge.enforced:${other.id}`,
        type: 'pledge.enforced',
        occurredAt: enforced.closedAt,
        data: expect.objectContaining({ state: 'ENFORCED', lossFen: '20000000000' }),
      }),
    ]);
  });

  it('tells the insured and the insurer of a claim settled, and of no settlement refused', async () => {
    const policy = (
      await insurer.request<{ issueInsurancePolicy: { id: string } }>(
        gql`
          mutation ($input: IssueInsurancePolicyInput!) {
            issueInsurancePolicy(input: $input) {
              id
            }
          }
        `,
        {
          input: {
            product: 'PLEDGE_FINANCING_GUARANTEE',
            insuredId: huawei,
            coveredAssets: [patentAsset(await patent(huawei))],
            premium: '1200000',
            sumInsured: '1000000',
            period: term,
          },
        },
      )
    ).issueInsurancePolicy;
    const claim = (
      await huaweiClient.request<{ fileInsuranceClaim: { id: string } }>(
        gql`
          mutation ($input: FileInsuranceClaimInput!) {
            fileInsuranceClaim(input: $input) {
              id
            }
          }
        `,
        { input: { policyId: policy.id, amount: '600000' } },
      )
    ).fileInsuranceClaim;
    // Issuing a policy and filing a claim tell nobody yet.
    expect(await written()).toEqual([]);
    const SETTLE = gql`
      mutation ($input: SettleInsuranceClaimInput!) {
        settleInsuranceClaim(input: $input) {
          settledAt
        }
      }
    `;
    const settled = (
      await insurer.request<{ settleInsuranceClaim: { settledAt: string } }>(SETTLE, { input: { policyId: policy.id, claimId: claim.id, decision: 'PAID' } })
    ).settleInsuranceClaim;
    expect(await errorCode(insurer.request(SETTLE, { input: { policyId: policy.id, claimId: claim.id, decision: 'REJECTED' } }))).toBe('INVALID_TRANSITION');
    expect(await written()).toEqual([
      {
        id: `claim.settled:${claim.id}`,
        type: 'claim.settled',
        occurredAt: settled.settledAt,
        subject: `insurance_claim:${claim.id}`,
        audience: [
          { kind: 'ENTERPRISE', id: huawei },
          { kind: 'ORGANIZATION', role: 'INSURER', name: INSURER },
        ],
        data: {
          claimId: claim.id,
          policyId: policy.id,
          product: 'PLEDGE_FINANCING_GUARANTEE',
          insurer: INSURER,
          insured: huawei,
          amountFen: '600000',
          decision: 'PAID',
          protectionCaseId: null,
          filedAt: expect.stringMatching(/Z$/),
        },
      },
    ]);
  });

  it('reaches the inboxes of those it names once relayed, and leaves the outbox', async () => {
    expect(await relayPending(store.outbox, notifications, 100)).toBe(seen.size);
    expect(await store.outbox.pending(10)).toEqual([]);
    const inbox = async (client: GraphQLClient) =>
      (await client.request<{ inbox: { unreadCount: number; notifications: { edges: { node: { notification: { type: string } } }[] } } }>(INBOX)).inbox;
    const types = (i: Awaited<ReturnType<typeof inbox>>) => i.notifications.edges.map((e) => e.node.notification.type).sort();
    // Four pledges registered, each proposed first; and a fifth proposal, declined.
    const pledges = [
      'pledge.consent_recorded',
      'pledge.declined',
      'pledge.enforced',
      ...Array<string>(5).fill('pledge.proposed'),
      ...Array<string>(4).fill('pledge.registered'),
      'pledge.released',
    ];
    expect(types(await inbox(bank))).toEqual(pledges);
    expect(types(await inbox(huaweiClient))).toEqual(['claim.settled', ...pledges]);
    expect(types(await inbox(insurer))).toEqual(['claim.settled']);
    expect((await inbox(huaweiClient)).unreadCount).toBe(seen.size);
  });
});
