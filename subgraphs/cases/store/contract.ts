// The contract every CasesStore adapter passes (run by contract.test.ts per adapter).
import { beforeEach, describe, expect, it } from 'vitest';

import type { Notification } from '../../../outbox/notification.js';
import { openForEachTest, type StoreFixture } from '../../../test/support/adapters.js';
import type { CaseEvent, PreExamCaseRecord, ProtectionCaseRecord } from '../domain/model.js';
import type { PreExamState, ProtectionState } from '../domain/workflow.js';
import { moveNow } from './move.js';
import type { CasesStore, MoveClaim, PreExamFilter, ProtectionFilter } from './port.js';

const preExam = (id: string, enterpriseId: string, receivedAt: string, extra: Partial<PreExamCaseRecord> = {}): PreExamCaseRecord => ({
  id,
  enterpriseId,
  applicationNumber: '201510958772.0',
  title: `案件 ${id}`,
  industry: '软件和信息技术服务业',
  state: 'RECEIVED',
  receivedAt,
  decidedAt: null,
  decisionReceipt: null,
  updatedAt: receivedAt,
  ...extra,
});
const filed = (at: string): CaseEvent => ({ at, actor: 'key-e', role: 'ENTERPRISE', from: null, to: 'RECEIVED', note: null });
const step = (at: string, from: CaseEvent['from'], to: CaseEvent['to'], note: string | null = null): CaseEvent => ({
  at,
  actor: 'key-s',
  role: 'CENTER_STAFF',
  from,
  to,
  note,
});

const protection = (id: string, appliedAt: string, extra: Partial<ProtectionCaseRecord> = {}): ProtectionCaseRecord => ({
  id,
  kind: 'INFRINGEMENT',
  route: 'MEDIATION',
  summary: `纠纷 ${id}`,
  state: 'APPLIED',
  parties: [
    { role: 'CLAIMANT', enterpriseId: 'e1', name: '甲公司' },
    { role: 'RESPONDENT', enterpriseId: null, name: '乙商店' },
  ],
  ipRights: [{ kind: 'PATENT', number: '201510958772.0' }],
  evidenceIds: ['ev1'],
  referredTo: null,
  appliedAt,
  knownSince: '2026-01-15',
  evaluationReportDigest: 'e0'.repeat(32),
  outcomeAt: null,
  outcomeReceipt: null,
  updatedAt: appliedAt,
  ...extra,
});
const applied = (at: string): CaseEvent<ProtectionState> => ({ at, actor: 'key-e', role: 'ENTERPRISE', from: null, to: 'APPLIED', note: null });
const protectionStep = (at: string, from: ProtectionState, to: ProtectionState): CaseEvent<ProtectionState> => ({
  at,
  actor: 'key-s',
  role: 'CENTER_STAFF',
  from,
  to,
  note: null,
});

/** A notification as a resolver hands one to the store; the store writes it as it is. */
const note = (id: string, occurredAt: string, type = 'case.moved'): Notification => ({
  id,
  type,
  occurredAt,
  subject: `case:${id}`,
  audience: [{ kind: 'ENTERPRISE', id: 'e1' }],
  data: { note: id },
});

export function casesStoreContract(name: string, fixture: () => StoreFixture<CasesStore>): void {
  describe(`CasesStore contract: ${name}`, () => {
    const opened = openForEachTest(fixture, (s) => s.close());
    let store: CasesStore;
    beforeEach(() => {
      store = opened();
    });

    const A = preExam('a', 'e1', '2026-03-01T08:00:00.000Z');
    const B = preExam('b', 'e1', '2026-03-02T08:00:00.000Z', { industry: '医药制造业' });
    const C = preExam('c', 'e2', '2026-03-03T08:00:00.000Z');
    const seed = async () => {
      for (const c of [A, C, B]) await store.preExam.insert(c, filed(c.receivedAt));
    };

    it('gives back cases by id, by enterprise newest first, with their first event', async () => {
      await seed();
      expect(await store.preExam.byIds(['c', 'x', 'a'])).toStrictEqual([C, undefined, A]);
      expect(await store.preExam.byEnterprises(['e1', 'e9', 'e2'])).toStrictEqual([[B, A], [], [C]]);
      expect(await store.preExam.eventsOf(['a', 'x'])).toStrictEqual([[filed(A.receivedAt)], []]);
      expect(await store.preExam.byIds([])).toStrictEqual([]);
    });

    it('moves a case only from the state it is in, appending the event', async () => {
      await seed();
      expect(await moveNow(store.preExam, 'a', 'RECEIVED', step('2026-03-01T09:00:00.000Z', 'RECEIVED', 'CLASSIFIED', '分类：G06F'), {})).toBe(true);
      // A second move from RECEIVED lost the race: nothing changes.
      expect(await moveNow(store.preExam, 'a', 'RECEIVED', step('2026-03-01T09:00:01.000Z', 'RECEIVED', 'CLASSIFIED'), {})).toBe(false);
      expect(await moveNow(store.preExam, 'x', 'RECEIVED', step('2026-03-01T09:00:01.000Z', 'RECEIVED', 'CLASSIFIED'), {})).toBe(false);
      const [moved] = await store.preExam.byIds(['a']);
      expect(moved).toStrictEqual({ ...A, state: 'CLASSIFIED', updatedAt: '2026-03-01T09:00:00.000Z' });
      expect(await store.preExam.eventsOf(['a'])).toStrictEqual([
        [filed(A.receivedAt), step('2026-03-01T09:00:00.000Z', 'RECEIVED', 'CLASSIFIED', '分类：G06F')],
      ]);
    });

    it('records a decision with its ledger receipt, and lists decided cases', async () => {
      await seed();
      const receipt = { seq: 2 ** 40 + 3, entryHash: 'ab'.repeat(32), timestamp: 1_772_400_000_000 };
      let state: CaseEvent['from'] = 'RECEIVED';
      for (const to of ['CLASSIFIED', 'EXAMINING', 'QUALITY_CHECK'] as const) {
        expect(await moveNow(store.preExam, 'b', state, step('2026-03-03T08:00:00.000Z', state, to), {})).toBe(true);
        state = to;
      }
      expect(
        await moveNow(store.preExam, 'b', 'QUALITY_CHECK', step('2026-03-05T08:00:00.000Z', 'QUALITY_CHECK', 'PASSED'), {
          decidedAt: '2026-03-05T08:00:00.000Z',
          decisionReceipt: receipt,
        }),
      ).toBe(true);
      expect((await store.preExam.byIds(['b']))[0]).toStrictEqual({
        ...B,
        state: 'PASSED',
        decidedAt: '2026-03-05T08:00:00.000Z',
        decisionReceipt: receipt,
        updatedAt: '2026-03-05T08:00:00.000Z',
      });
      expect((await store.preExam.eventsOf(['b']))[0]).toHaveLength(5);
      expect(await store.preExam.decided()).toStrictEqual([{ industry: '医药制造业', receivedAt: B.receivedAt, decidedAt: '2026-03-05T08:00:00.000Z' }]);
    });

    describe('claims on moves', () => {
      const live = '2026-04-01T00:00:00.000Z';
      const stale = '2026-03-31T23:58:00.000Z';
      const staleBefore = '2026-03-31T23:59:00.000Z';
      const receipt = { seq: 5, entryHash: 'ab'.repeat(32), timestamp: 1_775_001_600_000 };

      it('claims a pre-examination move before anything is signed: one claim at a time, a stale one taken over and returned, the move only by the claim holder', async () => {
        await seed();
        const event = step(live, 'RECEIVED', 'CLASSIFIED');
        const claim = (token: string, at: string, digest: string | null = 'ab'.repeat(32)): MoveClaim<PreExamState> => ({ token, at, digest, event });
        expect(await store.preExam.claimMove('a', 'RECEIVED', claim('t1', stale), staleBefore)).toStrictEqual({ ok: true, replaced: null });
        // A stale claim is taken over, and returned: its digest finds what it may have signed.
        expect(await store.preExam.claimMove('a', 'RECEIVED', claim('t2', live), staleBefore)).toStrictEqual({ ok: true, replaced: claim('t1', stale) });
        // A live one holds; a case in another state, or none, is not claimed.
        expect(await store.preExam.claimMove('a', 'RECEIVED', claim('t3', live), staleBefore)).toStrictEqual({ ok: false });
        expect(await store.preExam.claimMove('a', 'CLASSIFIED', claim('t3', live), staleBefore)).toStrictEqual({ ok: false });
        expect(await store.preExam.claimMove('x', 'RECEIVED', claim('t3', live), staleBefore)).toStrictEqual({ ok: false });
        // Moved only by the claim's holder: the wrong token writes nothing.
        expect(await store.preExam.transition('a', 'RECEIVED', event, {}, [note('lost', live)], 't1')).toBe(false);
        expect(await store.preExam.byIds(['a'])).toStrictEqual([A]);
        expect(await store.preExam.eventsOf(['a'])).toStrictEqual([[filed(A.receivedAt)]]);
        expect(await store.outbox.pending(10)).toStrictEqual([]);
        // Dropped (the ledger refused the entry), it may be claimed again; a drop by another token changes nothing.
        await store.preExam.dropClaim('a', 't1');
        expect(await store.preExam.claimMove('a', 'RECEIVED', claim('t3', live), staleBefore)).toStrictEqual({ ok: false });
        await store.preExam.dropClaim('a', 't2');
        expect(await store.preExam.claimMove('a', 'RECEIVED', claim('t3', live, null), staleBefore)).toStrictEqual({ ok: true, replaced: null });
        expect(await store.preExam.transition('a', 'RECEIVED', event, {}, [], 't3')).toBe(true);
        // Moved, the claim is gone with it: the next move claims afresh.
        expect(await store.preExam.claimMove('a', 'RECEIVED', claim('t4', live), staleBefore)).toStrictEqual({ ok: false });
        expect(await store.preExam.claimMove('a', 'CLASSIFIED', claim('t4', live), staleBefore)).toStrictEqual({ ok: true, replaced: null });
        expect((await store.preExam.byIds(['a']))[0]).toStrictEqual({ ...A, state: 'CLASSIFIED', updatedAt: live });
      });

      it('claims a protection move likewise, and moves it with its outcome only under the claim', async () => {
        const P = protection('p', '2026-03-30T08:00:00.000Z');
        await store.protection.insert(P, applied(P.appliedAt));
        const event = protectionStep(live, 'APPLIED', 'REJECTED');
        const claim = (token: string, at: string): MoveClaim<ProtectionState> => ({ token, at, digest: 'cd'.repeat(32), event });
        const outcome = { outcomeAt: live, outcomeReceipt: receipt };
        expect(await store.protection.claimMove('p', 'APPLIED', claim('t1', stale), staleBefore)).toStrictEqual({ ok: true, replaced: null });
        expect(await store.protection.claimMove('p', 'APPLIED', claim('t2', live), staleBefore)).toStrictEqual({ ok: true, replaced: claim('t1', stale) });
        expect(await store.protection.claimMove('p', 'APPLIED', claim('t3', live), staleBefore)).toStrictEqual({ ok: false });
        expect(await store.protection.claimMove('x', 'APPLIED', claim('t3', live), staleBefore)).toStrictEqual({ ok: false });
        // The wrong token writes nothing, counts included.
        expect(await store.protection.transition('p', 'APPLIED', event, outcome, [note('lost', live)], 't1')).toBe(false);
        expect(await store.protection.byIds(['p'])).toStrictEqual([P]);
        expect(await store.protection.countByRouteAndState()).toStrictEqual([{ route: 'MEDIATION', state: 'APPLIED', count: 1 }]);
        expect(await store.outbox.pending(10)).toStrictEqual([]);
        await store.protection.dropClaim('p', 't1');
        expect(await store.protection.claimMove('p', 'APPLIED', claim('t3', live), staleBefore)).toStrictEqual({ ok: false });
        await store.protection.dropClaim('p', 't2');
        expect(await store.protection.claimMove('p', 'APPLIED', claim('t3', live), staleBefore)).toStrictEqual({ ok: true, replaced: null });
        expect(await store.protection.transition('p', 'APPLIED', event, outcome, [], 't3')).toBe(true);
        expect(await store.protection.claimMove('p', 'APPLIED', claim('t4', live), staleBefore)).toStrictEqual({ ok: false });
        expect((await store.protection.byIds(['p']))[0]).toStrictEqual({ ...P, state: 'REJECTED', ...outcome, updatedAt: live });
        expect(await store.protection.countByRouteAndState()).toStrictEqual([{ route: 'MEDIATION', state: 'REJECTED', count: 1 }]);
      });
    });

    const byId = (after?: string) => ({ order: 'ID', after }) as const;
    const byChange = (since: string, after?: { updatedAt: string; id: string }) => ({ order: 'UPDATED_AT', since, after }) as const;

    it('pages by id with state and enterprise filters', async () => {
      await seed();
      await moveNow(store.preExam, 'c', 'RECEIVED', step('2026-03-04T00:00:00.000Z', 'RECEIVED', 'CLASSIFIED'), {});
      expect(await store.preExam.page({}, byId(), 2)).toStrictEqual([A, B]);
      expect(await store.preExam.page({}, byId('b'), 2)).toStrictEqual([{ ...C, state: 'CLASSIFIED', updatedAt: '2026-03-04T00:00:00.000Z' }]);
      expect(await store.preExam.page({ state: 'RECEIVED' }, byId(), 10)).toStrictEqual([A, B]);
      expect(await store.preExam.page({ enterpriseId: 'e1', state: 'RECEIVED' }, byId('a'), 10)).toStrictEqual([B]);
      expect(await store.preExam.page({ state: 'ARCHIVED' }, byId(), 10)).toStrictEqual([]);
      expect(await store.preExam.page({}, byId(), 0)).toStrictEqual([]);
    });

    it('pages by change: a filing and each move, a decision among them, moves a case to the end', async () => {
      await seed();
      const changed = async (since: string, after?: { updatedAt: string; id: string }, filter: PreExamFilter = {}) =>
        (await store.preExam.page(filter, byChange(since, after), 10)).map((c) => [c.id, c.updatedAt]);
      expect(await changed('')).toEqual([
        ['a', A.receivedAt],
        ['b', B.receivedAt],
        ['c', C.receivedAt],
      ]);
      await moveNow(store.preExam, 'a', 'RECEIVED', step('2026-03-04T00:00:00.000Z', 'RECEIVED', 'CLASSIFIED'), {});
      expect(await changed('2026-03-02T08:00:00.000Z')).toEqual([
        ['b', B.receivedAt],
        ['c', C.receivedAt],
        ['a', '2026-03-04T00:00:00.000Z'],
      ]);
      let state: CaseEvent['from'] = 'RECEIVED';
      for (const to of ['CLASSIFIED', 'EXAMINING', 'QUALITY_CHECK'] as const) {
        await moveNow(store.preExam, 'b', state, step('2026-03-05T00:00:00.000Z', state, to), {});
        state = to;
      }
      const receipt = { seq: 7, entryHash: 'ef'.repeat(32), timestamp: 1_772_700_000_000 };
      const decided = '2026-03-06T00:00:00.000Z';
      await moveNow(store.preExam, 'b', 'QUALITY_CHECK', step(decided, 'QUALITY_CHECK', 'RETURNED'), { decidedAt: decided, decisionReceipt: receipt });
      expect(await changed('2026-03-04T00:00:00.000Z')).toEqual([
        ['a', '2026-03-04T00:00:00.000Z'],
        ['b', decided],
      ]);
      // Resumed after a change key; narrowed to a state, to an enterprise.
      expect(await changed('', { updatedAt: C.receivedAt, id: 'c' })).toEqual([
        ['a', '2026-03-04T00:00:00.000Z'],
        ['b', decided],
      ]);
      expect(await changed('', { updatedAt: '2026-03-04T00:00:00.000Z', id: 'a' })).toEqual([['b', decided]]);
      expect(await changed('', undefined, { state: 'RETURNED' })).toEqual([['b', decided]]);
      expect(await changed('2026-03-02T00:00:00.000Z', undefined, { enterpriseId: 'e2' })).toEqual([['c', C.receivedAt]]);
      expect(await changed('2026-03-07T00:00:00.000Z')).toEqual([]);
      // A move dated before the case's last change (another process's clock) leaves it where it was.
      await moveNow(store.preExam, 'b', 'RETURNED', step('2026-03-05T12:00:00.000Z', 'RETURNED', 'ARCHIVED'), {});
      expect((await store.preExam.byIds(['b']))[0]).toMatchObject({ state: 'ARCHIVED', updatedAt: decided });
    });

    it('counts what the pages hold, under each filter, by id and by change', async () => {
      await seed();
      await moveNow(store.preExam, 'c', 'RECEIVED', step('2026-03-04T00:00:00.000Z', 'RECEIVED', 'CLASSIFIED'), {});
      const filters: PreExamFilter[] = [
        {},
        { state: 'RECEIVED' },
        { state: 'CLASSIFIED' },
        { state: 'ARCHIVED' },
        { enterpriseId: 'e1' },
        { enterpriseId: 'e1', state: 'RECEIVED' },
        { enterpriseId: 'e9' },
      ];
      for (const filter of filters) {
        expect(await store.preExam.count(filter, undefined)).toBe((await store.preExam.page(filter, byId(), 100)).length);
        for (const since of ['', '2026-03-02T08:00:00.000Z', '2026-03-04T00:00:00.000Z', '2027-01-01T00:00:00.000Z']) {
          expect(await store.preExam.count(filter, since)).toBe((await store.preExam.page(filter, byChange(since), 100)).length);
        }
      }
      expect(await store.preExam.count({}, undefined)).toBe(3);
      expect(await store.preExam.count({ state: 'RECEIVED' }, undefined)).toBe(2);
      expect(await store.preExam.count({}, '2026-03-02T08:00:00.000Z')).toBe(2);
      expect(await store.preExam.count({ enterpriseId: 'e9' }, undefined)).toBe(0);
    });

    describe('protection cases', () => {
      const P = protection('p', '2026-04-01T08:00:00.000Z');
      const Q = protection('q', '2026-04-02T08:00:00.000Z', {
        kind: 'OWNERSHIP',
        parties: [
          { role: 'CLAIMANT', enterpriseId: 'e2', name: '丙公司' },
          { role: 'RESPONDENT', enterpriseId: 'e1', name: '甲公司' },
        ],
        evidenceIds: ['ev1', 'ev2'],
      });
      const seedProtection = async () => {
        for (const c of [P, Q]) await store.protection.insert(c, applied(c.appliedAt));
      };

      it('finds cases by id, by party enterprise and by cited evidence, newest first', async () => {
        await seedProtection();
        expect(await store.protection.byIds(['q', 'x', 'p'])).toStrictEqual([Q, undefined, P]);
        expect(await store.protection.byEnterprises(['e1', 'e2', 'e9'])).toStrictEqual([[Q, P], [Q], []]);
        expect(await store.protection.byEvidence(['ev2', 'ev1', 'ev9'])).toStrictEqual([[Q], [Q, P], []]);
        expect(await store.protection.eventsOf(['p'])).toStrictEqual([[applied(P.appliedAt)]]);
      });

      it('moves a case only from its state, recording a referral and its outcome', async () => {
        await seedProtection();
        const receipt = { seq: 9, entryHash: 'cd'.repeat(32), timestamp: 1_775_000_000_000 };
        expect(await moveNow(store.protection, 'p', 'APPLIED', protectionStep('2026-04-03T00:00:00.000Z', 'APPLIED', 'ACCEPTED'), {})).toBe(true);
        expect(await moveNow(store.protection, 'p', 'APPLIED', protectionStep('2026-04-03T00:00:01.000Z', 'APPLIED', 'REJECTED'), {})).toBe(false);
        expect(await moveNow(store.protection, 'p', 'ACCEPTED', protectionStep('2026-04-04T00:00:00.000Z', 'ACCEPTED', 'IN_PROGRESS'), {})).toBe(true);
        const changes = { referredTo: '福州市中级人民法院', outcomeAt: '2026-04-05T00:00:00.000Z', outcomeReceipt: receipt };
        expect(await moveNow(store.protection, 'p', 'IN_PROGRESS', protectionStep('2026-04-05T00:00:00.000Z', 'IN_PROGRESS', 'REFERRED'), changes)).toBe(true);
        const referred = { ...P, state: 'REFERRED', ...changes, updatedAt: '2026-04-05T00:00:00.000Z' };
        expect((await store.protection.byIds(['p']))[0]).toStrictEqual(referred);
        expect((await store.protection.eventsOf(['p']))[0]!.map((e) => e.to)).toStrictEqual(['APPLIED', 'ACCEPTED', 'IN_PROGRESS', 'REFERRED']);
        expect(await store.protection.page({ referredTo: '福州市中级人民法院' }, byId(), 10)).toStrictEqual([referred]);
      });

      it('counts cases per route and state, and per month applied for, as they are written and moved', async () => {
        expect(await store.protection.countByRouteAndState()).toStrictEqual([]);
        expect(await store.protection.countOpenedByMonth('2000-01', '2099-12')).toStrictEqual([]);
        await seedProtection();
        // Applied at the last millisecond of March in China time: March's.
        const R = protection('r', '2026-03-31T15:59:59.999Z', { route: 'ARBITRATION' });
        await store.protection.insert(R, applied(R.appliedAt));
        expect(await store.protection.countByRouteAndState()).toStrictEqual([
          { route: 'ARBITRATION', state: 'APPLIED', count: 1 },
          { route: 'MEDIATION', state: 'APPLIED', count: 2 },
        ]);
        expect(await moveNow(store.protection, 'p', 'APPLIED', protectionStep('2026-04-03T00:00:00.000Z', 'APPLIED', 'ACCEPTED'), {})).toBe(true);
        expect(await moveNow(store.protection, 'r', 'APPLIED', protectionStep('2026-04-03T00:00:00.000Z', 'APPLIED', 'REJECTED'), {})).toBe(true);
        // A move that loses its race counts nothing.
        expect(await moveNow(store.protection, 'p', 'APPLIED', protectionStep('2026-04-03T00:00:01.000Z', 'APPLIED', 'WITHDRAWN'), {})).toBe(false);
        expect(await moveNow(store.protection, 'x', 'APPLIED', protectionStep('2026-04-03T00:00:01.000Z', 'APPLIED', 'WITHDRAWN'), {})).toBe(false);
        expect(await store.protection.countByRouteAndState()).toStrictEqual([
          { route: 'ARBITRATION', state: 'REJECTED', count: 1 },
          { route: 'MEDIATION', state: 'ACCEPTED', count: 1 },
          { route: 'MEDIATION', state: 'APPLIED', count: 1 },
        ]);
        expect(await store.protection.countOpenedByMonth('2000-01', '2099-12')).toStrictEqual([
          { month: '2026-03', count: 1 },
          { month: '2026-04', count: 2 },
        ]);
        expect(await store.protection.countOpenedByMonth('2026-04', '2026-06')).toStrictEqual([{ month: '2026-04', count: 2 }]);
        expect(await store.protection.countOpenedByMonth('2026-05', '2026-06')).toStrictEqual([]);
      });

      it('pages by id with state, court and party filters', async () => {
        await seedProtection();
        expect(await store.protection.page({}, byId(), 1)).toStrictEqual([P]);
        expect(await store.protection.page({}, byId('p'), 5)).toStrictEqual([Q]);
        expect(await store.protection.page({ enterpriseId: 'e2' }, byId(), 5)).toStrictEqual([Q]);
        expect(await store.protection.page({ enterpriseId: 'e1', state: 'APPLIED' }, byId(), 5)).toStrictEqual([P, Q]);
        expect(await store.protection.page({ referredTo: 'nowhere' }, byId(), 5)).toStrictEqual([]);
      });

      it('pages by change: an application and each move, a referral and an outcome among them, move a case to the end', async () => {
        await seedProtection();
        const changed = async (since: string, after?: { updatedAt: string; id: string }, filter: ProtectionFilter = {}) =>
          (await store.protection.page(filter, byChange(since, after), 10)).map((c) => [c.id, c.updatedAt]);
        expect(await changed('')).toEqual([
          ['p', P.appliedAt],
          ['q', Q.appliedAt],
        ]);
        await moveNow(store.protection, 'p', 'APPLIED', protectionStep('2026-04-03T00:00:00.000Z', 'APPLIED', 'ACCEPTED'), {});
        expect(await changed(Q.appliedAt)).toEqual([
          ['q', Q.appliedAt],
          ['p', '2026-04-03T00:00:00.000Z'],
        ]);
        await moveNow(store.protection, 'q', 'APPLIED', protectionStep('2026-04-04T00:00:00.000Z', 'APPLIED', 'ACCEPTED'), {});
        await moveNow(store.protection, 'q', 'ACCEPTED', protectionStep('2026-04-05T00:00:00.000Z', 'ACCEPTED', 'IN_PROGRESS'), {});
        const receipt = { seq: 11, entryHash: '12'.repeat(32), timestamp: 1_775_100_000_000 };
        const referral = { referredTo: '厦门市中级人民法院', outcomeAt: '2026-04-06T00:00:00.000Z', outcomeReceipt: receipt };
        await moveNow(store.protection, 'q', 'IN_PROGRESS', protectionStep('2026-04-06T00:00:00.000Z', 'IN_PROGRESS', 'REFERRED'), referral);
        await moveNow(store.protection, 'p', 'ACCEPTED', protectionStep('2026-04-07T00:00:00.000Z', 'ACCEPTED', 'WITHDRAWN'), {
          outcomeAt: '2026-04-07T00:00:00.000Z',
          outcomeReceipt: { ...receipt, seq: 12 },
        });
        expect(await changed('2026-04-03T00:00:00.000Z')).toEqual([
          ['q', '2026-04-06T00:00:00.000Z'],
          ['p', '2026-04-07T00:00:00.000Z'],
        ]);
        // Resumed after a change key; narrowed to a court, a party, a state.
        expect(await changed('', { updatedAt: '2026-04-06T00:00:00.000Z', id: 'q' })).toEqual([['p', '2026-04-07T00:00:00.000Z']]);
        expect(await changed('', undefined, { referredTo: '厦门市中级人民法院' })).toEqual([['q', '2026-04-06T00:00:00.000Z']]);
        expect(await changed('2026-04-06T00:00:00.000Z', undefined, { enterpriseId: 'e2' })).toEqual([['q', '2026-04-06T00:00:00.000Z']]);
        expect(await changed('', undefined, { enterpriseId: 'e1', state: 'WITHDRAWN' })).toEqual([['p', '2026-04-07T00:00:00.000Z']]);
        expect(await changed('2026-04-08T00:00:00.000Z')).toEqual([]);
        // A move dated before the case's last change (another process's clock) leaves it where it was.
        await moveNow(store.protection, 'p', 'WITHDRAWN', protectionStep('2026-04-06T12:00:00.000Z', 'WITHDRAWN', 'CLOSED'), {});
        expect((await store.protection.byIds(['p']))[0]).toMatchObject({ state: 'CLOSED', updatedAt: '2026-04-07T00:00:00.000Z' });
      });

      it('counts what the pages hold, under each filter, by id and by change', async () => {
        expect(await store.protection.count({}, undefined)).toBe(0);
        expect(await store.protection.count({ state: 'APPLIED' }, undefined)).toBe(0);
        await seedProtection();
        const R = protection('r', '2026-04-03T08:00:00.000Z', { route: 'ARBITRATION' });
        await store.protection.insert(R, applied(R.appliedAt));
        await moveNow(store.protection, 'p', 'APPLIED', protectionStep('2026-04-04T00:00:00.000Z', 'APPLIED', 'ACCEPTED'), {});
        await moveNow(store.protection, 'p', 'ACCEPTED', protectionStep('2026-04-05T00:00:00.000Z', 'ACCEPTED', 'IN_PROGRESS'), {});
        await moveNow(store.protection, 'p', 'IN_PROGRESS', protectionStep('2026-04-06T00:00:00.000Z', 'IN_PROGRESS', 'REFERRED'), {
          referredTo: '福州市中级人民法院',
        });
        // A move that loses its race changes no count.
        expect(await moveNow(store.protection, 'p', 'APPLIED', protectionStep('2026-04-07T00:00:00.000Z', 'APPLIED', 'REJECTED'), {})).toBe(false);
        const filters: ProtectionFilter[] = [
          {},
          { state: 'APPLIED' },
          { state: 'REFERRED' },
          { state: 'CLOSED' },
          { referredTo: '福州市中级人民法院' },
          { referredTo: 'nowhere' },
          { enterpriseId: 'e1' },
          { enterpriseId: 'e2', state: 'APPLIED' },
          { enterpriseId: 'e9' },
        ];
        for (const filter of filters) {
          expect(await store.protection.count(filter, undefined)).toBe((await store.protection.page(filter, byId(), 100)).length);
          for (const since of ['', Q.appliedAt, '2026-04-06T00:00:00.000Z', '2027-01-01T00:00:00.000Z']) {
            expect(await store.protection.count(filter, since)).toBe((await store.protection.page(filter, byChange(since), 100)).length);
          }
        }
        expect(await store.protection.count({}, undefined)).toBe(3);
        expect(await store.protection.count({ state: 'APPLIED' }, undefined)).toBe(2);
        expect(await store.protection.count({ state: 'REFERRED' }, undefined)).toBe(1);
        expect(await store.protection.count({ enterpriseId: 'e1' }, undefined)).toBe(3);
        expect(await store.protection.count({}, Q.appliedAt)).toBe(3);
        expect(await store.protection.count({}, '2026-04-04T00:00:00.000Z')).toBe(1);
      });
    });

    describe('notifications', () => {
      const pending = async () => (await store.outbox.pending(100)).map((n) => n.id);

      it("writes a pre-examination case's notifications with its filing and its moves, and none with a move refused", async () => {
        expect(await store.outbox.pending(10)).toStrictEqual([]);
        const filing = note('filed-a', A.receivedAt, 'case.filed');
        await store.preExam.insert(A, filed(A.receivedAt), [filing]);
        // Written without any: none.
        await store.preExam.insert(B, filed(B.receivedAt));
        expect(await store.outbox.pending(10)).toStrictEqual([filing]);
        const moved = note('moved-a', '2026-03-01T09:00:00.000Z');
        expect(await moveNow(store.preExam, 'a', 'RECEIVED', step('2026-03-01T09:00:00.000Z', 'RECEIVED', 'CLASSIFIED'), {}, [moved])).toBe(true);
        // A move from a state the case has left, or of no case: nothing written, its notification neither.
        expect(
          await moveNow(store.preExam, 'a', 'RECEIVED', step('2026-03-01T09:00:01.000Z', 'RECEIVED', 'CLASSIFIED'), {}, [
            note('lost', '2026-03-01T09:00:01.000Z'),
          ]),
        ).toBe(false);
        expect(
          await moveNow(store.preExam, 'x', 'RECEIVED', step('2026-03-01T09:00:01.000Z', 'RECEIVED', 'CLASSIFIED'), {}, [
            note('none', '2026-03-01T09:00:01.000Z'),
          ]),
        ).toBe(false);
        // A case filed twice is refused, with its notification.
        await expect(store.preExam.insert(A, filed(A.receivedAt), [note('twice', A.receivedAt, 'case.filed')])).rejects.toThrow();
        expect(await store.outbox.pending(10)).toStrictEqual([filing, moved]);
      });

      it("writes a protection case's notifications with its application and its moves, and none with a move refused", async () => {
        const P = protection('p', '2026-04-01T08:00:00.000Z');
        const applying = note('applied-p', P.appliedAt, 'case.filed');
        await store.protection.insert(P, applied(P.appliedAt), [applying]);
        const accepted = note('accepted-p', '2026-04-03T00:00:00.000Z');
        expect(await moveNow(store.protection, 'p', 'APPLIED', protectionStep('2026-04-03T00:00:00.000Z', 'APPLIED', 'ACCEPTED'), {}, [accepted])).toBe(true);
        expect(
          await moveNow(store.protection, 'p', 'APPLIED', protectionStep('2026-04-03T00:00:01.000Z', 'APPLIED', 'REJECTED'), {}, [
            note('lost', '2026-04-03T00:00:01.000Z'),
          ]),
        ).toBe(false);
        await expect(store.protection.insert(P, applied(P.appliedAt), [note('twice', P.appliedAt, 'case.filed')])).rejects.toThrow();
        // Two notifications of one write, both kept.
        const inProgress = [note('progress-p-1', '2026-04-04T00:00:00.000Z'), note('progress-p-2', '2026-04-04T00:00:00.001Z')];
        expect(await moveNow(store.protection, 'p', 'ACCEPTED', protectionStep('2026-04-04T00:00:00.000Z', 'ACCEPTED', 'IN_PROGRESS'), {}, inProgress)).toBe(
          true,
        );
        expect(await pending()).toStrictEqual(['applied-p', 'accepted-p', 'progress-p-1', 'progress-p-2']);
      });

      it('writes the change and its notifications together or not at all', async () => {
        const bad = { ...note('bad', '2026-03-01T09:00:00.000Z'), type: 'Not A Type' };
        await expect(store.preExam.insert(A, filed(A.receivedAt), [bad])).rejects.toThrow(/type/);
        expect(await store.preExam.byIds(['a'])).toStrictEqual([undefined]);
        await store.preExam.insert(A, filed(A.receivedAt));
        await expect(moveNow(store.preExam, 'a', 'RECEIVED', step('2026-03-01T09:00:00.000Z', 'RECEIVED', 'CLASSIFIED'), {}, [bad])).rejects.toThrow(/type/);
        expect((await store.preExam.byIds(['a']))[0]!.state).toBe('RECEIVED');
        expect(await store.preExam.eventsOf(['a'])).toStrictEqual([[filed(A.receivedAt)]]);

        const P = protection('p', '2026-04-01T08:00:00.000Z');
        await expect(store.protection.insert(P, applied(P.appliedAt), [bad])).rejects.toThrow(/type/);
        expect(await store.protection.byIds(['p'])).toStrictEqual([undefined]);
        expect(await store.protection.countByRouteAndState()).toStrictEqual([]);
        await store.protection.insert(P, applied(P.appliedAt));
        await expect(moveNow(store.protection, 'p', 'APPLIED', protectionStep('2026-04-03T00:00:00.000Z', 'APPLIED', 'ACCEPTED'), {}, [bad])).rejects.toThrow(
          /type/,
        );
        expect((await store.protection.byIds(['p']))[0]!.state).toBe('APPLIED');
        expect(await store.protection.countByRouteAndState()).toStrictEqual([{ route: 'MEDIATION', state: 'APPLIED', count: 1 }]);
        expect(await store.outbox.pending(10)).toStrictEqual([]);
      });

      it('gives the relay its notifications oldest first, and no more once relayed', async () => {
        for (const [i, c] of [A, B, C].entries()) await store.preExam.insert(c, filed(c.receivedAt), [note(`filed-${i}`, c.receivedAt, 'case.filed')]);
        expect(store.outbox.name).toBe('cases');
        expect((await store.outbox.pending(2)).map((n) => n.id)).toStrictEqual(['filed-0', 'filed-1']);
        await store.outbox.markRelayed(['filed-0', 'filed-2']);
        expect(await pending()).toStrictEqual(['filed-1']);
        await store.outbox.markRelayed(['filed-1']);
        expect(await store.outbox.pending(10)).toStrictEqual([]);
        // Relayed ones are pruned by when they occurred.
        expect(await store.outbox.prune('2026-03-02T08:00:00.000Z')).toBe(1);
        expect(await store.outbox.prune('2027-01-01T00:00:00.000Z')).toBe(2);
      });
    });
  });
}
