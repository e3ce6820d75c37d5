// Identical marks transfer together (Trademark Law art. 42(2): 转让注册商标的，商标注册人对其在同一种商品上
// 注册的相同或者近似的商标，应当一并转让), through the gateway: a trademark's transfer names in
// alsoTrademarks every other registration of the same mark in its Nice class its owner holds; one
// left out refuses it (TRANSFER_INCOMPLETE, extensions.missing) before the ledger hears of it. All
// move in one act: every right claimed, one RIGHT_TRANSFER entry listing each, each recorded as its
// own transfer; a transfer announced later moves them all together on its day (art. 42(4)).
import { createHash } from 'node:crypto';

import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { documentDigest, type Metadata } from '../ledger/index.js';
import { today as hubToday } from '../platform/hub-calendar.js';
import { addDays } from '../standards/calendar-date.js';
import { openEnterprisesStore } from '../subgraphs/enterprises/store/open.js';
import type { EnterprisesStore } from '../subgraphs/enterprises/store/port.js';
import { effectDueTransfers } from '../subgraphs/enterprises/transfer-scheduler.js';
import { errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { registerEnterprise, registerTrademark } from './support/registry.js';

const today = hubToday();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

interface Transfer {
  id: string;
  state: string;
  right: { number: string };
  together: { rightKind: string; number: string }[];
  receipt: { seq: number };
  certificate: { entry: { kind: string; subject: string; metadata: Record<string, unknown> } };
}
const TRANSFER = gql`
  mutation ($input: RegisterTransferInput!) {
    registerTransfer(input: $input) {
      id
      state
      right {
        number
      }
      together {
        rightKind
        number
      }
      receipt {
        seq
      }
      certificate
    }
  }
`;
const MARK = gql`
  query ($n: String!) {
    trademark(registrationNumber: $n) {
      enterprise {
        id
      }
      transfers {
        id
        state
        receipt {
          seq
        }
        together {
          number
        }
      }
      history(first: 10) {
        edges {
          node {
            type
          }
        }
      }
    }
  }
`;
interface Mark {
  enterprise: { id: string };
  transfers: { id: string; state: string; receipt: { seq: number }; together: { number: string }[] }[];
  history: { edges: { node: { type: string } }[] };
}

describe('identical marks in one class transfer together (Trademark Law art. 42(2))', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let store: EnterprisesStore;
  let seller: string;
  let buyer: string;

  const read = async (n: string) => (await staff.request<{ trademark: Mark }>(MARK, { n })).trademark;
  const ledgerSize = async () => (await t.hub.ledger.audit()).size;
  const input = (number: string, extra: Record<string, unknown> = {}) => ({
    right: { rightKind: 'TRADEMARK', number },
    toEnterpriseId: buyer,
    contractDate: today,
    contractDigest: sha256(`商标转让合同 ${number} ${JSON.stringify(extra)}`),
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    seller = await registerEnterprise(staff, { uscc: '914403001922038216', name: '比亚迪股份有限公司', regionCode: '440300', industry: '制造业' });
    buyer = await registerEnterprise(staff, { uscc: '9144030071526726XG', name: '宁德时代新能源科技股份有限公司', regionCode: '350900', industry: '制造业' });
    store = await openEnterprisesStore(t.hub.storage);
  });
  afterAll(async () => {
    await store.close();
    await t.close();
  });

  it('refuses one of two registrations of the same mark in class 9 transferred alone (TRANSFER_INCOMPLETE), and moves both together in one ledger entry', async () => {
    // The law's case: the same mark registered twice on goods of class 9 (e.g. 蓄电池, 电池充电器).
    const a = await registerTrademark(staff, { enterpriseId: seller, registrationNumber: '90000001', mark: '刀片', niceClass: 9, goods: ['蓄电池'] });
    const b = await registerTrademark(staff, { enterpriseId: seller, registrationNumber: '90000002', mark: '刀片', niceClass: 9, goods: ['电池充电器'] });
    // Another class and another mark are not moved with it.
    const other = await registerTrademark(staff, { enterpriseId: seller, registrationNumber: '90000003', mark: '刀片', niceClass: 12 });
    const before = await ledgerSize();

    const alone = await errorExtensions(staff.request(TRANSFER, { input: input(a) }));
    expect(alone).toMatchObject({ code: 'TRANSFER_INCOMPLETE', missing: [b], field: 'alsoTrademarks' });
    expect(await errorExtensions(staff.request(TRANSFER, { input: input(b) }))).toMatchObject({ code: 'TRANSFER_INCOMPLETE', missing: [a] });
    // Only the same mark's registrations in the class are named with it; a patent is transferred alone.
    expect(await errorExtensions(staff.request(TRANSFER, { input: input(a, { alsoTrademarks: [b, other] }) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'alsoTrademarks[1]',
    });
    expect(await errorExtensions(staff.request(TRANSFER, { input: input(a, { alsoTrademarks: [b, '99999999'] }) }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'alsoTrademarks[1]',
    });
    expect(await ledgerSize()).toBe(before);
    expect((await read(a)).enterprise.id).toBe(seller);
    expect((await read(b)).enterprise.id).toBe(seller);

    const { registerTransfer: transfer } = await staff.request<{ registerTransfer: Transfer }>(TRANSFER, { input: input(a, { alsoTrademarks: [` ${b} `] }) });
    expect(transfer).toMatchObject({ state: 'EFFECTIVE', right: { number: a }, together: [{ rightKind: 'TRADEMARK', number: b }] });
    // One entry for the act, listing every right.
    expect(await ledgerSize()).toBe(before + 1);
    expect(transfer.certificate.entry).toMatchObject({ kind: 'RIGHT_TRANSFER', subject: `trademark:${a}` });
    expect(transfer.certificate.entry.metadata).toMatchObject({
      right: { kind: 'TRADEMARK', number: a },
      together: [{ right: { kind: 'TRADEMARK', number: b } }],
      from: seller,
      to: buyer,
    });
    const [readA, readB] = [await read(a), await read(b)];
    expect(readA.enterprise.id).toBe(buyer);
    expect(readB.enterprise.id).toBe(buyer);
    expect(readA.transfers).toStrictEqual([{ id: transfer.id, state: 'EFFECTIVE', receipt: transfer.receipt, together: [{ number: b }] }]);
    expect(readB.transfers).toMatchObject([{ state: 'EFFECTIVE', receipt: transfer.receipt, together: [{ number: a }] }]);
    expect(readB.transfers[0]!.id).not.toBe(transfer.id);
    expect(readB.history.edges.map((e) => e.node.type)).toStrictEqual(['TRANSFERRED']);
    expect((await read(other)).enterprise.id).toBe(seller);
  });

  it('finishes the whole act a dead request signed: a stale claim taken over moves every right it claimed, signing nothing more', async () => {
    const a = await registerTrademark(staff, { enterpriseId: seller, registrationNumber: '92000001', mark: '汉', niceClass: 9 });
    const b = await registerTrademark(staff, { enterpriseId: seller, registrationNumber: '92000002', mark: '汉', niceClass: 9 });
    // A request that claimed both, signed their transfer and died before recording it, longer ago than the lease.
    const deadAt = new Date(Date.now() - 120_000).toISOString();
    const rightOf = (number: string) => ({ kind: 'TRADEMARK' as const, number });
    const transfer = {
      id: 'dead-transfer',
      right: rightOf(a),
      fromEnterpriseId: seller,
      toEnterpriseId: buyer,
      contractDate: today,
      contractDigest: sha256('死去的请求'),
      effectiveDate: today,
      state: 'EFFECTIVE' as const,
      registeredAt: deadAt,
      registeredBy: 'dead-key',
      together: [{ id: 'dead-transfer-b', right: rightOf(b) }],
    };
    // The document right-acts.ts signs for it.
    const document: Metadata = {
      transfer: transfer.id,
      right: { kind: 'TRADEMARK', number: a },
      from: seller,
      to: buyer,
      contractDate: today,
      contractDigest: transfer.contractDigest,
      effectiveDate: today,
      registeredAt: deadAt,
      together: [{ transfer: 'dead-transfer-b', right: { kind: 'TRADEMARK', number: b } }],
    };
    const claim = { token: 'dead', at: deadAt, digest: documentDigest(document), role: 'CENTER_STAFF', act: { kind: 'TRANSFER' as const, transfer } };
    for (const n of [a, b]) expect(await store.rights.claim(rightOf(n), 1, claim, deadAt)).toMatchObject({ ok: true });
    const { seq } = await t.hub.ledger.append({
      kind: 'RIGHT_TRANSFER',
      subject: `trademark:${a}`,
      contentDigest: documentDigest(document),
      depositor: 'dead-key',
      metadata: document,
    });
    const size = await ledgerSize();

    // Another transfer of the second mark (with the first) takes the stale claim over: the dead act is recorded, this one refused.
    expect(await errorExtensions(staff.request(TRANSFER, { input: input(b, { alsoTrademarks: [a] }) }))).toMatchObject({ code: 'CONFLICT' });
    expect(await ledgerSize()).toBe(size);
    const [readA, readB] = [await read(a), await read(b)];
    expect(readA.enterprise.id).toBe(buyer);
    expect(readB.enterprise.id).toBe(buyer);
    expect(readA.transfers).toStrictEqual([{ id: 'dead-transfer', state: 'EFFECTIVE', receipt: { seq }, together: [{ number: b }] }]);
    expect(readB.transfers).toStrictEqual([{ id: 'dead-transfer-b', state: 'EFFECTIVE', receipt: { seq }, together: [{ number: a }] }]);
    // Both free again: the buyer's marks transfer on (back to the seller) as any.
    await staff.request(TRANSFER, { input: { ...input(a, { alsoTrademarks: [b] }), toEnterpriseId: seller } });
    expect((await read(b)).enterprise.id).toBe(seller);
  });

  it('moves the same marks together on the announcement day of a transfer recorded before it (art. 42(4))', async () => {
    const a = await registerTrademark(staff, { enterpriseId: seller, registrationNumber: '91000001', mark: 'BLADE', niceClass: 9 });
    const b = await registerTrademark(staff, { enterpriseId: seller, registrationNumber: '91000002', mark: 'ＢＬＡＤＥ', niceClass: 9 });
    const announcedOn = addDays(today, 5);
    const { registerTransfer: transfer } = await staff.request<{ registerTransfer: Transfer }>(TRANSFER, {
      input: input(b, { alsoTrademarks: [a], effectiveDate: announcedOn }),
    });
    expect(transfer).toMatchObject({ state: 'PENDING', together: [{ number: a }] });
    expect((await read(a)).enterprise.id).toBe(seller);
    // Both wait: neither is transferred or licensed meanwhile.
    expect(await errorExtensions(staff.request(TRANSFER, { input: input(a, { alsoTrademarks: [b] }) }))).toMatchObject({ code: 'TRANSFER_PENDING' });
    expect(await effectDueTransfers(store, addDays(announcedOn, -1), new Date().toISOString())).toBe(0);
    expect(await effectDueTransfers(store, announcedOn, new Date().toISOString())).toBe(1);
    expect(await effectDueTransfers(store, announcedOn, new Date().toISOString())).toBe(0);
    for (const n of [a, b]) {
      const m = await read(n);
      expect(m.enterprise.id).toBe(buyer);
      expect(m.transfers.map((x) => x.state)).toStrictEqual(['EFFECTIVE']);
      expect(m.history.edges.map((e) => e.node.type)).toStrictEqual(['TRANSFER_RECORDED', 'TRANSFERRED']);
    }
  });
});
