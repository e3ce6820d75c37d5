// Nothing signed that did not happen, for pledge releases: a release claims the pledge in its
// store before it appends, so of racing moves one is signed and the others are refused before the
// ledger; a claim left by a request that died is taken over once stale, and the release it signed,
// found on the ledger by its digest, is finished rather than signed twice.
import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { documentDigest } from '../ledger/index.js';
import { today as hubToday } from '../platform/hub-calendar.js';
import { addYears } from '../standards/calendar-date.js';
import { CLAIM_LEASE_MS } from '../subgraphs/common/claim-lease.js';
import { releaseDocument } from '../subgraphs/finance/domain/pledge-rules.js';
import { openFinanceSubgraph } from '../subgraphs/finance/index.js';
import type { FinanceStore } from '../subgraphs/finance/store/port.js';
import { errorCode, startTestHub, type TestHub } from './support/hub.js';
import { pledgeJointly } from './support/pledges.js';
import { registerEnterprise, registerTrademark } from './support/registry.js';

const BANK = '中国工商银行福州分行';
const today = hubToday();

const RELEASE = gql`
  mutation ($id: ID!) {
    releasePledge(input: { pledgeId: $id }) {
      state
      releaseReceipt {
        seq
      }
    }
  }
`;
const ENFORCE = gql`
  mutation ($id: ID!) {
    enforcePledge(input: { pledgeId: $id, loss: "1" }) {
      state
    }
  }
`;

describe('a pledge closed once, and signed only when closed (nothing signed that did not happen)', () => {
  let t: TestHub;
  let store: FinanceStore;
  let bank: GraphQLClient;
  let staff: GraphQLClient;
  let pledgor: GraphQLClient;
  let huawei: string;
  let serial = 0;

  const ledgerSize = async () => (await t.hub.ledger.audit()).size;
  /** A registered pledge of a fresh trademark of huawei's: the bank proposed it, huawei confirmed it. */
  async function pledge(): Promise<string> {
    const registrationNumber = await registerTrademark(staff, {
      enterpriseId: huawei,
      registrationNumber: String(80_000_000 + ++serial),
      mark: `标${serial}`,
      niceClass: 9,
    });
    const registered = await pledgeJointly(bank, pledgor, {
      pledgorId: huawei,
      collateral: [{ rightKind: 'TRADEMARK', id: registrationNumber }],
      securedAmount: '100000000',
      term: { startDate: today, endDate: addYears(today, 2) },
    });
    return registered.id;
  }

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
    staff = t.client(await t.key('CENTER_STAFF'));
    bank = t.client(await t.key('BANK', { organization: BANK }));
    huawei = await registerEnterprise(staff, { uscc: '914403001922038216', name: '华为技术有限公司', regionCode: '440300', industry: '制造业' });
    pledgor = t.client(await t.key('ENTERPRISE', { enterpriseId: huawei }));
  });
  afterAll(() => t.close());

  it('signs one release of racing moves; the others are refused before the ledger', async () => {
    const id = await pledge();
    const size = await ledgerSize();
    const outcomes = await Promise.allSettled([...Array.from({ length: 4 }, () => bank.request(RELEASE, { id })), bank.request(ENFORCE, { id })]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    // Refused: CONFLICT for a move that read the pledge open, INVALID_TRANSITION for one that read it closed.
    for (const o of outcomes) if (o.status === 'rejected') expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(await errorCode(Promise.reject(o.reason)));
    // One entry at most: the release, when it won; none for an enforcement.
    const won = outcomes.find((o) => o.status === 'fulfilled') as PromiseFulfilledResult<{ releasePledge?: unknown }>;
    expect(await ledgerSize()).toBe(size + ('releasePledge' in won.value ? 1 : 0));
  });

  it('finishes the release a dead request signed, once its claim is stale, signing nothing more', async () => {
    const id = await pledge();
    const [current] = await store.pledges.byIds([id]);
    // A request that claimed, signed its release and died before closing the pledge.
    const deadAt = new Date(Date.now() - CLAIM_LEASE_MS - 1_000).toISOString();
    const document = releaseDocument(current!, deadAt);
    const digest = documentDigest(document);
    const event = { at: deadAt, actor: 'dead-key', role: 'BANK' as const, from: 'REGISTERED' as const, to: 'RELEASED' as const, note: null };
    expect(await store.pledges.claimClose(id, 'REGISTERED', { token: 'dead', at: deadAt, digest, event }, deadAt)).toMatchObject({ ok: true });
    const signed = await t.hub.ledger.append({
      kind: 'PLEDGE_RELEASE',
      subject: `pledge:${id}`,
      contentDigest: digest,
      depositor: 'dead-key',
      metadata: document,
    });
    const size = await ledgerSize();

    const { releasePledge } = await bank.request<{ releasePledge: { state: string; releaseReceipt: { seq: number } } }>(RELEASE, { id });
    expect(releasePledge).toEqual({ state: 'RELEASED', releaseReceipt: { seq: signed.seq } });
    expect(await ledgerSize()).toBe(size);
    expect((await store.pledges.byIds([id]))[0]).toMatchObject({ state: 'RELEASED', closedAt: deadAt });
  });

  it('takes over a stale claim whose request signed nothing, and refuses while a live claim holds', async () => {
    const id = await pledge();
    const [current] = await store.pledges.byIds([id]);
    const now = new Date().toISOString();
    const event = { at: now, actor: 'other-key', role: 'BANK' as const, from: 'REGISTERED' as const, to: 'RELEASED' as const, note: null };
    const digest = documentDigest(releaseDocument(current!, now));
    expect(await store.pledges.claimClose(id, 'REGISTERED', { token: 'live', at: now, digest, event }, now)).toMatchObject({ ok: true });
    const size = await ledgerSize();
    expect(await errorCode(bank.request(RELEASE, { id }))).toBe('CONFLICT');
    expect(await ledgerSize()).toBe(size);

    // The same claim, stale and unsigned: the next release goes on and is signed once.
    const old = new Date(Date.now() - CLAIM_LEASE_MS - 1_000).toISOString();
    await store.pledges.dropClaim(id, 'live');
    expect(await store.pledges.claimClose(id, 'REGISTERED', { token: 'dead', at: old, digest, event: { ...event, at: old } }, old)).toMatchObject({ ok: true });
    expect((await bank.request<{ releasePledge: { state: string } }>(RELEASE, { id })).releasePledge.state).toBe('RELEASED');
    expect(await ledgerSize()).toBe(size + 1);
  });
});
