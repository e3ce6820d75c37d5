// The contract every FinanceStore adapter passes (run by contract.test.ts per adapter).
import { beforeEach, describe, expect, it } from 'vitest';

import type { Notification } from '../../../outbox/notification.js';
import { openForEachTest, type StoreFixture } from '../../../test/support/adapters.js';
import type { AssetRef, ClaimRecord, ConsentRecord, NewPledge, PledgeEvent, PolicyRecord } from '../domain/model.js';
import { DEFAULT_RISK_SHARES } from '../domain/risk.js';
import { closeNow } from './close.js';
import type { FinanceStore } from './port.js';
import { AssetAlreadyPledgedError } from './port.js';

const patent = (id: string): AssetRef => ({ kind: 'PATENT', id });
const pledge = (id: string, collateral: AssetRef[], registeredAt: string, extra: Partial<NewPledge> = {}): NewPledge => ({
  id,
  pledgorId: 'e1',
  pledgee: '中国工商银行福州分行',
  pledgeeKind: 'BANK',
  application: null,
  authorityRegistration: null,
  pendingAmendment: null,
  amendments: [],
  collateral,
  acknowledgedRisks: [],
  securedAmountFen: 9_007_199_254_740_991,
  term: { startDate: '2026-03-01', endDate: '2029-02-28' },
  state: 'REGISTERED',
  registeredAt,
  closedAt: null,
  registrationReceipt: null,
  releaseReceipt: null,
  enforcement: null,
  ...extra,
});
const registered = (at: string): PledgeEvent => ({ at, actor: 'key-b', role: 'BANK', from: null, to: 'REGISTERED', note: null });
const closed = (at: string, to: 'RELEASED' | 'ENFORCED'): PledgeEvent => ({ at, actor: 'key-b', role: 'BANK', from: 'REGISTERED', to, note: '还款完毕' });
const consent = (id: string, pledgeId: string, asset: AssetRef, grantedAt: string, extra: Partial<ConsentRecord> = {}): ConsentRecord => ({
  id,
  pledgeId,
  asset,
  disposal: 'LICENCE',
  counterpartyId: 'e7',
  outsideCounterparty: null,
  grantedAt,
  grantedBy: 'key-b',
  note: null,
  ...extra,
});
const contract = { date: '2026-02-20', digest: 'cd'.repeat(32) };
/** A pledge the pledgee proposed at `at`, awaiting the pledgor. */
const proposal = (id: string, collateral: AssetRef[], at: string, extra: Partial<NewPledge> = {}): NewPledge =>
  pledge(id, collateral, at, {
    state: 'PROPOSED',
    application: { contract, proposedAt: at, proposedBy: 'key-b', confirmedAt: null, confirmedBy: null },
    ...extra,
  });
const proposed = (at: string): PledgeEvent => ({ at, actor: 'key-b', role: 'BANK', from: null, to: 'PROPOSED', note: null });
const confirmedBy = (at: string): PledgeEvent => ({ at, actor: 'key-e', role: 'ENTERPRISE', from: 'PROPOSED', to: 'REGISTERED', note: null });
const consented = (at: string): PledgeEvent => ({ at, actor: 'key-b', role: 'BANK', from: 'REGISTERED', to: 'REGISTERED', note: 'consent' });
const receipt = { seq: 2 ** 40 + 3, entryHash: 'ab'.repeat(32), timestamp: 1_772_400_000_000 };

const policy = (id: string, insuredId: string, issuedAt: string, extra: Partial<PolicyRecord> = {}): PolicyRecord => ({
  id,
  product: 'INFRINGEMENT_LOSS',
  insurer: '中国人民财产保险福建分公司',
  insuredId,
  coveredAssets: [patent('201510958772.0')],
  premiumFen: 1_200_000,
  sumInsuredFen: 100_000_000,
  period: { startDate: '2026-01-01', endDate: '2026-12-31' },
  issuedAt,
  updatedAt: issuedAt,
  ...extra,
});
const claim = (id: string, policyId: string, amountFen: number, filedAt: string): ClaimRecord => ({
  id,
  policyId,
  amountFen,
  status: 'FILED',
  protectionCaseId: 'case-1',
  filedAt,
  filedBy: 'key-e',
  settledAt: null,
  settledBy: null,
});

/** A notification as a resolver hands one to the store; the store writes it as it is. */
const note = (id: string, occurredAt: string, type = 'pledge.registered'): Notification => ({
  id,
  type,
  occurredAt,
  subject: `pledge:${id}`,
  audience: [
    { kind: 'ENTERPRISE', id: 'e1' },
    { kind: 'ORGANIZATION', role: 'BANK', name: '中国工商银行福州分行' },
  ],
  data: { note: id, amountFen: '9007199254740991' },
});
/** One the outbox refuses: its write must fail whole. */
const bad = (): Notification => ({ ...note('bad', '2026-04-01T00:00:00.000Z'), type: 'Not A Type' });

export function financeStoreContract(name: string, fixture: () => StoreFixture<FinanceStore>): void {
  describe(`FinanceStore contract: ${name}`, () => {
    const opened = openForEachTest(fixture, (s) => s.close());
    let store: FinanceStore;
    beforeEach(() => {
      store = opened();
    });

    const A = pledge('a', [patent('201510958772.0'), { kind: 'TRADEMARK', id: '12345678' }], '2026-03-01T08:00:00.000Z');
    const B = pledge('b', [patent('202310123456.5')], '2026-03-02T08:00:00.000Z', { pledgee: '兴业银行福州分行' });
    const C = pledge('c', [{ kind: 'DATA_ASSET', id: 'da:1' }], '2026-03-03T08:00:00.000Z', { pledgorId: 'e2' });
    const register = (p: NewPledge) => store.pledges.register(p, registered(p.registeredAt));

    it('registers pledges with consecutive numbers per year in China time, and gives them back', async () => {
      expect((await register(A)).registrationNumber).toBe('ZX-2026-000001');
      expect((await register(C)).registrationNumber).toBe('ZX-2026-000002');
      expect((await register(B)).registrationNumber).toBe('ZX-2026-000003');
      const newYear = pledge('d', [patent('202410000001.0')], '2026-12-31T16:00:00.000Z');
      expect((await register(newYear)).registrationNumber).toBe('ZX-2027-000001');
      const a = { ...A, registrationNumber: 'ZX-2026-000001', updatedAt: A.registeredAt };
      const b = { ...B, registrationNumber: 'ZX-2026-000003', updatedAt: B.registeredAt };
      const c = { ...C, registrationNumber: 'ZX-2026-000002', updatedAt: C.registeredAt };
      expect(await store.pledges.byIds(['c', 'x', 'a'])).toStrictEqual([c, undefined, a]);
      expect(await store.pledges.byRegistrationNumbers(['ZX-2026-000003', 'ZX-1999-000001', 'ZX-2026-000001'])).toStrictEqual([b, undefined, a]);
      expect(await store.pledges.byPledgors(['e1', 'e9', 'e2'])).toStrictEqual([
        [{ ...newYear, registrationNumber: 'ZX-2027-000001', updatedAt: newYear.registeredAt }, b, a],
        [],
        [c],
      ]);
      expect(await store.pledges.byAssets(['TRADEMARK:12345678', 'DATA_ASSET:da:1', 'PATENT:1'])).toStrictEqual([[a], [c], []]);
      expect(await store.pledges.eventsOf(['a', 'x'])).toStrictEqual([[registered(A.registeredAt)], []]);
      expect(await store.pledges.byIds([])).toStrictEqual([]);
    });

    it('refuses an asset in an active pledge, writing nothing', async () => {
      await register(A);
      const again = pledge('a2', [patent('202310123456.5'), { kind: 'TRADEMARK', id: '12345678' }], '2026-03-04T08:00:00.000Z');
      await expect(register(again)).rejects.toThrow(AssetAlreadyPledgedError);
      await expect(register(again)).rejects.toMatchObject({ assets: ['TRADEMARK:12345678'] });
      expect(await store.pledges.byIds(['a2'])).toStrictEqual([undefined]);
      expect(await store.pledges.eventsOf(['a2'])).toStrictEqual([[]]);
      // The free asset in the refused pledge was not claimed, and no number was used up.
      expect((await register(B)).registrationNumber).toBe('ZX-2026-000002');
    });

    it('refuses a pledge id used twice as that, not as an asset already pledged, writing nothing', async () => {
      await register(A);
      // Its collateral is free: only the id collides.
      const sameId = pledge('a', [patent('202310123456.5')], '2026-03-04T08:00:00.000Z');
      const refused: unknown = await register(sameId).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(refused).toBeInstanceOf(Error);
      expect(refused).not.toBeInstanceOf(AssetAlreadyPledgedError);
      expect(await store.pledges.byIds(['a'])).toStrictEqual([{ ...A, registrationNumber: 'ZX-2026-000001', updatedAt: A.registeredAt }]);
      // The free asset was not claimed, and no number was used up.
      expect((await register(B)).registrationNumber).toBe('ZX-2026-000002');
    });

    it('lets exactly one of many concurrent pledges of one asset through', async () => {
      const attempts = Array.from({ length: 16 }, (_, i) =>
        register(pledge(`race-${i}`, [patent('201510958772.0')], `2026-03-05T08:00:00.${String(i).padStart(3, '0')}Z`)),
      );
      const results = await Promise.allSettled(attempts);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(AssetAlreadyPledgedError);
      expect((await store.pledges.byAssets(['PATENT:201510958772.0']))[0]).toHaveLength(1);
    });

    it('attaches the registration receipt; discards only a pledge the ledger never recorded', async () => {
      await register(A);
      await register(B);
      await store.pledges.recordRegistration('a', receipt);
      await store.pledges.discard('a');
      await store.pledges.discard('b');
      expect(await store.pledges.byIds(['a', 'b'])).toStrictEqual([
        { ...A, registrationNumber: 'ZX-2026-000001', registrationReceipt: receipt, updatedAt: new Date(receipt.timestamp).toISOString() },
        undefined,
      ]);
      expect(await store.pledges.eventsOf(['b'])).toStrictEqual([[]]);
      expect(await store.pledges.byAssets(['PATENT:202310123456.5'])).toStrictEqual([[]]);
      // Its collateral is free again.
      expect((await register({ ...B, id: 'b2' })).registrationNumber).toBe('ZX-2026-000003');
    });

    it('counts pledges per month registered in the hub time zone (China time) and pledgee with their amounts, and per state, as they are written', async () => {
      expect(await store.pledges.countByMonthAndPledgee('2000-01', '2099-12')).toStrictEqual([]);
      expect(await store.pledges.countByState()).toStrictEqual([]);
      const icbc = '中国工商银行福州分行';
      const cib = '兴业银行福州分行';
      await register({ ...A, securedAmountFen: 1_000_000_00 });
      await register({ ...B, securedAmountFen: 250_000_00 });
      await register({ ...C, securedAmountFen: 2 ** 40 });
      // 17:00 UTC on March's last day is 1 April in China time: April's.
      await register(pledge('d', [patent('202410000001.0')], '2026-03-31T17:00:00.000Z', { securedAmountFen: 7 }));
      await register(pledge('e', [patent('202410000002.0')], '2026-04-01T00:00:00.000Z', { pledgee: cib, securedAmountFen: 30 }));
      // Refused: counted nowhere.
      await expect(register(pledge('f', [patent('202410000002.0')], '2026-04-02T00:00:00.000Z', { securedAmountFen: 5 }))).rejects.toThrow(
        AssetAlreadyPledgedError,
      );
      expect(await store.pledges.countByMonthAndPledgee('2000-01', '2099-12')).toStrictEqual([
        { month: '2026-03', pledgee: icbc, count: 2, amountFen: 1_000_000_00 + 2 ** 40 },
        { month: '2026-03', pledgee: cib, count: 1, amountFen: 250_000_00 },
        { month: '2026-04', pledgee: icbc, count: 1, amountFen: 7 },
        { month: '2026-04', pledgee: cib, count: 1, amountFen: 30 },
      ]);
      expect(await store.pledges.countByMonthAndPledgee('2026-04', '2026-12')).toStrictEqual([
        { month: '2026-04', pledgee: icbc, count: 1, amountFen: 7 },
        { month: '2026-04', pledgee: cib, count: 1, amountFen: 30 },
      ]);
      expect(await store.pledges.countByMonthAndPledgee('2026-05', '2026-12')).toStrictEqual([]);
      expect(await store.pledges.countByState()).toStrictEqual([{ state: 'REGISTERED', count: 5 }]);

      expect(await closeNow(store.pledges, 'a', 'REGISTERED', closed('2026-04-01T00:00:00.000Z', 'RELEASED'), { closedAt: '2026-04-01T00:00:00.000Z' })).toBe(
        true,
      );
      const enforcement = { lossFen: 1, shares: DEFAULT_RISK_SHARES };
      expect(
        await closeNow(store.pledges, 'b', 'REGISTERED', closed('2026-04-01T00:00:00.000Z', 'ENFORCED'), {
          closedAt: '2026-04-01T00:00:00.000Z',
          enforcement,
        }),
      ).toBe(true);
      // A move from a state the pledge has left counts nothing.
      expect(
        await closeNow(store.pledges, 'a', 'REGISTERED', closed('2026-04-02T00:00:00.000Z', 'ENFORCED'), {
          closedAt: '2026-04-02T00:00:00.000Z',
          enforcement,
        }),
      ).toBe(false);
      // A pledge the ledger never recorded is discarded, and taken off the counts; a recorded one is not.
      await store.pledges.recordRegistration('c', receipt);
      await store.pledges.discard('c');
      await store.pledges.discard('d');
      expect(await store.pledges.countByState()).toStrictEqual([
        { state: 'ENFORCED', count: 1 },
        { state: 'REGISTERED', count: 2 },
        { state: 'RELEASED', count: 1 },
      ]);
      // Closed pledges stay in the months they were registered in.
      expect(await store.pledges.countByMonthAndPledgee('2026-03', '2026-04')).toStrictEqual([
        { month: '2026-03', pledgee: icbc, count: 2, amountFen: 1_000_000_00 + 2 ** 40 },
        { month: '2026-03', pledgee: cib, count: 1, amountFen: 250_000_00 },
        { month: '2026-04', pledgee: cib, count: 1, amountFen: 30 },
      ]);
    });

    it('counts pledges and their amounts by the kind of their collateral as they are written, a pledge of several kinds under MIXED, a discarded one taken off', async () => {
      expect(await store.pledges.countByCollateralKind()).toStrictEqual([]);
      await register({ ...A, securedAmountFen: 100 });
      await register({ ...B, securedAmountFen: 20 });
      await register({ ...C, securedAmountFen: 3 });
      await register(
        pledge(
          't',
          [
            { kind: 'TRADEMARK', id: '87654321' },
            { kind: 'TRADEMARK', id: '87654322' },
          ],
          '2026-03-04T08:00:00.000Z',
          { securedAmountFen: 4000 },
        ),
      );
      await register(pledge('w', [{ kind: 'COPYRIGHT', id: '2025SR1000001' }], '2026-03-05T08:00:00.000Z', { securedAmountFen: 50000 }));
      await register(pledge('p', [patent('202410000003.0')], '2026-03-06T08:00:00.000Z', { securedAmountFen: 600000 }));
      await store.pledges.discard('p');
      // Closed pledges stay counted: the figure is what was pledged.
      expect(await closeNow(store.pledges, 'b', 'REGISTERED', closed('2026-04-01T00:00:00.000Z', 'RELEASED'), { closedAt: '2026-04-01T00:00:00.000Z' })).toBe(
        true,
      );
      expect(await store.pledges.countByCollateralKind()).toStrictEqual([
        { kind: 'COPYRIGHT', count: 1, amountFen: 50000 },
        { kind: 'DATA_ASSET', count: 1, amountFen: 3 },
        { kind: 'MIXED', count: 1, amountFen: 100 },
        { kind: 'PATENT', count: 1, amountFen: 20 },
        { kind: 'TRADEMARK', count: 1, amountFen: 4000 },
      ]);
    });

    it('keeps a proposal apart from registrations: numbered, nothing claimed, counted by state alone, its notices written with it', async () => {
      const p = proposal('p', [patent('201510958772.0')], '2026-03-01T08:00:00.000Z');
      expect(await store.pledges.register(p, proposed(p.registeredAt), (numbered) => [note(numbered.id, p.registeredAt, 'pledge.proposed')])).toMatchObject({
        registrationNumber: 'ZX-2026-000001',
        state: 'PROPOSED',
      });
      expect(await store.pledges.activeOn(['PATENT:201510958772.0'])).toStrictEqual([undefined]);
      // Another pledge may take the asset meanwhile: a proposal holds nothing.
      await register(pledge('q', [patent('201510958772.0')], '2026-03-01T09:00:00.000Z'));
      expect(await store.pledges.countByState()).toStrictEqual([
        { state: 'PROPOSED', count: 1 },
        { state: 'REGISTERED', count: 1 },
      ]);
      expect(await store.pledges.countByCollateralKind()).toStrictEqual([{ kind: 'PATENT', count: 1, amountFen: 9_007_199_254_740_991 }]);
      expect((await store.outbox.pending(10)).map((n) => n.id)).toStrictEqual(['p']);
    });

    it("confirms a proposal as the pledgor's act: its collateral claimed, counted as registered in the month confirmed, once", async () => {
      const risks = [{ asset: patent('201510958772.0'), risk: 'UNDER_INVALIDATION' as const, since: '2026-01-05' }];
      const p = proposal('p', [patent('201510958772.0')], '2026-03-31T08:00:00.000Z', { securedAmountFen: 500, acknowledgedRisks: risks });
      await store.pledges.register(p, proposed(p.registeredAt));
      const at = '2026-04-02T08:00:00.000Z';
      const confirmed = await store.pledges.confirm('p', { at, by: 'key-e' }, confirmedBy(at));
      expect(confirmed).toMatchObject({
        state: 'REGISTERED',
        registeredAt: at,
        acknowledgedRisks: risks,
        application: { contract, proposedAt: p.registeredAt, proposedBy: 'key-b', confirmedAt: at, confirmedBy: 'key-e' },
      });
      expect((await store.pledges.byIds(['p']))[0]).toStrictEqual(confirmed);
      expect((await store.pledges.activeOn(['PATENT:201510958772.0']))[0]?.id).toBe('p');
      expect(await store.pledges.countByMonthAndPledgee('2026-03', '2026-04')).toStrictEqual([
        { month: '2026-04', pledgee: '中国工商银行福州分行', count: 1, amountFen: 500 },
      ]);
      expect(await store.pledges.confirm('p', { at, by: 'key-e' }, confirmedBy(at))).toBeUndefined();
      expect((await store.pledges.eventsOf(['p']))[0]!.map((e) => e.to)).toStrictEqual(['PROPOSED', 'REGISTERED']);
    });

    it('refuses a confirmation whose collateral another pledge took meanwhile, writing nothing', async () => {
      const p = proposal('p', [patent('201510958772.0')], '2026-03-01T08:00:00.000Z');
      await store.pledges.register(p, proposed(p.registeredAt));
      await register(pledge('q', [patent('201510958772.0')], '2026-03-01T09:00:00.000Z'));
      const at = '2026-03-02T08:00:00.000Z';
      await expect(store.pledges.confirm('p', { at, by: 'key-e' }, confirmedBy(at))).rejects.toMatchObject({
        assets: ['PATENT:201510958772.0'],
      });
      expect((await store.pledges.byIds(['p']))[0]).toMatchObject({ state: 'PROPOSED', registeredAt: p.registeredAt });
      expect((await store.pledges.eventsOf(['p']))[0]).toHaveLength(1);
    });

    it('puts a confirmation the ledger never recorded back to its proposal, counts and all', async () => {
      const p = proposal('p', [patent('201510958772.0')], '2026-03-01T08:00:00.000Z');
      await store.pledges.register(p, proposed(p.registeredAt));
      const at = '2026-04-02T08:00:00.000Z';
      await store.pledges.confirm('p', { at, by: 'key-e' }, confirmedBy(at));
      await store.pledges.discard('p');
      expect((await store.pledges.byIds(['p']))[0]).toMatchObject({
        state: 'PROPOSED',
        registeredAt: p.registeredAt,
        application: { confirmedAt: null, confirmedBy: null },
      });
      expect((await store.pledges.eventsOf(['p']))[0]!.map((e) => e.to)).toStrictEqual(['PROPOSED']);
      expect(await store.pledges.activeOn(['PATENT:201510958772.0'])).toStrictEqual([undefined]);
      expect(await store.pledges.countByState()).toStrictEqual([{ state: 'PROPOSED', count: 1 }]);
      expect(await store.pledges.countByMonthAndPledgee('2026-03', '2026-04')).toStrictEqual([]);
      // And it may be confirmed again.
      expect(await store.pledges.confirm('p', { at, by: 'key-e' }, confirmedBy(at))).toMatchObject({ state: 'REGISTERED' });
    });

    it('closes a proposal as declined or withdrawn only while it is one, with its notices', async () => {
      for (const id of ['p1', 'p2'])
        await store.pledges.register(proposal(id, [patent('201510958772.0')], '2026-03-01T08:00:00.000Z'), proposed('2026-03-01T08:00:00.000Z'));
      const at = '2026-03-03T08:00:00.000Z';
      const declined: PledgeEvent = { at, actor: 'key-e', role: 'ENTERPRISE', from: 'PROPOSED', to: 'DECLINED', note: '利率未谈妥' };
      expect(await store.pledges.answerProposal('p1', declined, [note('p1', at, 'pledge.declined')])).toBe(true);
      expect(await store.pledges.answerProposal('p1', { ...declined, to: 'WITHDRAWN' }, [])).toBe(false);
      expect(await store.pledges.answerProposal('p2', { ...declined, actor: 'key-b', role: 'BANK', to: 'WITHDRAWN' }, [])).toBe(true);
      expect((await store.pledges.byIds(['p1', 'p2'])).map((p) => [p?.state, p?.closedAt])).toStrictEqual([
        ['DECLINED', at],
        ['WITHDRAWN', at],
      ]);
      expect(await store.pledges.confirm('p1', { at, by: 'key-e' }, confirmedBy(at))).toBeUndefined();
      expect(await store.pledges.countByState()).toStrictEqual([
        { state: 'DECLINED', count: 1 },
        { state: 'WITHDRAWN', count: 1 },
      ]);
      expect((await store.outbox.pending(10)).map((n) => n.id)).toStrictEqual(['p1']);
    });

    it("records the authority's registration once, on a pledge ever registered", async () => {
      await register(A);
      await store.pledges.register(proposal('p', [patent('202310123456.5')], '2026-03-01T08:00:00.000Z'), proposed('2026-03-01T08:00:00.000Z'));
      const reg = { number: 'Y2026980012345', date: '2026-03-05', recordedAt: '2026-03-06T08:00:00.000Z', recordedBy: 'key-s' };
      const e: PledgeEvent = { at: reg.recordedAt, actor: 'key-s', role: 'CENTER_STAFF', from: 'REGISTERED', to: 'REGISTERED', note: null };
      expect(await store.pledges.recordAuthorityRegistration('a', reg, e)).toBe('RECORDED');
      expect(await store.pledges.recordAuthorityRegistration('a', { ...reg, number: 'other' }, e)).toBe('RECORDED_ALREADY');
      expect(await store.pledges.recordAuthorityRegistration('p', reg, e)).toBe('NOT_REGISTERED');
      expect(await store.pledges.recordAuthorityRegistration('x', reg, e)).toBe('NOT_FOUND');
      expect((await store.pledges.byIds(['a']))[0]?.authorityRegistration).toStrictEqual(reg);
    });

    it('amends a pledge jointly: one pending at a time, applied only by the claim holder, the counts following the amount', async () => {
      await register({ ...A, securedAmountFen: 1000 });
      const at = '2026-04-01T08:00:00.000Z';
      const e = (to: 'REGISTERED', note: string): PledgeEvent => ({ at, actor: 'key-b', role: 'BANK', from: 'REGISTERED', to, note });
      const pending = {
        changes: { securedAmountFen: 1500, term: { startDate: '2026-03-01', endDate: '2029-08-31' } },
        contract: { date: '2026-03-28', digest: 'ef'.repeat(32) },
        proposedAt: at,
        proposedBy: 'key-b',
      };
      expect(await store.pledges.proposeAmendment('a', pending, e('REGISTERED', 'amendment proposed'), [])).toBe('RECORDED');
      expect(await store.pledges.proposeAmendment('a', pending, e('REGISTERED', 'again'), [])).toBe('PENDING');
      expect(await store.pledges.proposeAmendment('x', pending, e('REGISTERED', 'none'), [])).toBe('NOT_FOUND');
      expect((await store.pledges.byIds(['a']))[0]?.pendingAmendment).toStrictEqual(pending);
      const applied = { ...pending, before: { securedAmountFen: 1000, term: A.term }, confirmedAt: at, confirmedBy: 'key-e', receipt };
      const claim = { token: 't1', at, digest: 'ab'.repeat(32), event: e('REGISTERED', 'amended') };
      expect(await store.pledges.amend('a', applied, e('REGISTERED', 'amended'), [], 't1')).toBe(false);
      expect(await store.pledges.claimClose('a', 'REGISTERED', claim, '2026-04-01T07:59:00.000Z')).toMatchObject({ ok: true });
      expect(await store.pledges.amend('a', { ...applied, proposedAt: 'another' }, e('REGISTERED', 'amended'), [], 't1')).toBe(false);
      expect(await store.pledges.amend('a', applied, e('REGISTERED', 'amended'), [note('a', at, 'pledge.amended')], 't1')).toBe(true);
      expect((await store.pledges.byIds(['a']))[0]).toMatchObject({
        securedAmountFen: 1500,
        term: { startDate: '2026-03-01', endDate: '2029-08-31' },
        pendingAmendment: null,
        amendments: [applied],
      });
      expect(await store.pledges.countByMonthAndPledgee('2026-03', '2026-03')).toStrictEqual([
        { month: '2026-03', pledgee: '中国工商银行福州分行', count: 1, amountFen: 1500 },
      ]);
      expect(await store.pledges.countByCollateralKind()).toStrictEqual([{ kind: 'MIXED', count: 1, amountFen: 1500 }]);
      // The claim went with it; a second pending one may be dropped.
      expect(await store.pledges.claimClose('a', 'REGISTERED', { ...claim, token: 't2' }, '2026-04-01T07:59:00.000Z')).toMatchObject({
        ok: true,
        replaced: null,
      });
      await store.pledges.dropClaim('a', 't2');
      expect(await store.pledges.dropAmendment('a', e('REGISTERED', 'declined'), [])).toBe(false);
      expect(await store.pledges.proposeAmendment('a', { ...pending, proposedAt: '2026-04-02T08:00:00.000Z' }, e('REGISTERED', 'p2'), [])).toBe('RECORDED');
      expect(await store.pledges.dropAmendment('a', e('REGISTERED', 'declined'), [])).toBe(true);
      expect((await store.pledges.byIds(['a']))[0]?.pendingAmendment).toBeNull();
    });

    it('pages pledges by pledgee kind: a bank and a guarantor of one name are two pledgees', async () => {
      await register(A);
      await register({ ...B, pledgee: A.pledgee, pledgeeKind: 'GUARANTOR' });
      expect(
        (await store.pledges.page({ pledgee: A.pledgee, pledgeeKind: 'GUARANTOR' }, { order: 'ID', after: undefined }, 10)).map((p) => p.id),
      ).toStrictEqual(['b']);
      expect(await store.pledges.count({ pledgee: A.pledgee, pledgeeKind: 'BANK' }, undefined)).toBe(1);
    });

    it('claims the closing of a pledge before anything is signed: one claim at a time, a stale one taken over and returned, the close only by the claim holder', async () => {
      await register(A);
      const event = closed('2026-04-01T00:00:00.000Z', 'RELEASED');
      const claim = (token: string, at: string, digest: string | null = 'ab'.repeat(32)) => ({ token, at, digest, event });
      const live = '2026-04-01T00:00:00.000Z';
      const stale = '2026-03-31T23:58:00.000Z';
      const staleBefore = '2026-03-31T23:59:00.000Z';
      expect(await store.pledges.claimClose('a', 'REGISTERED', claim('t1', stale), staleBefore)).toStrictEqual({ ok: true, replaced: null });
      // A stale claim is taken over, and returned: its digest finds what it may have signed.
      expect(await store.pledges.claimClose('a', 'REGISTERED', claim('t2', live), staleBefore)).toStrictEqual({ ok: true, replaced: claim('t1', stale) });
      // A live one holds.
      expect(await store.pledges.claimClose('a', 'REGISTERED', claim('t3', live), staleBefore)).toStrictEqual({ ok: false });
      expect(await store.pledges.claimClose('x', 'REGISTERED', claim('t3', live), staleBefore)).toStrictEqual({ ok: false });
      // Closed only by the claim's holder.
      expect(await store.pledges.transition('a', 'REGISTERED', event, { closedAt: live, releaseReceipt: receipt }, [], 't1')).toBe(false);
      expect((await store.pledges.byIds(['a']))[0]?.state).toBe('REGISTERED');
      // Dropped (the ledger refused the entry), it may be claimed again; a drop by another token changes nothing.
      await store.pledges.dropClaim('a', 't1');
      expect(await store.pledges.claimClose('a', 'REGISTERED', claim('t3', live), staleBefore)).toStrictEqual({ ok: false });
      await store.pledges.dropClaim('a', 't2');
      expect(await store.pledges.claimClose('a', 'REGISTERED', claim('t3', live, null), staleBefore)).toStrictEqual({ ok: true, replaced: null });
      expect(await store.pledges.transition('a', 'REGISTERED', event, { closedAt: live, releaseReceipt: receipt }, [], 't3')).toBe(true);
      // Closed, it is claimed no more.
      expect(await store.pledges.claimClose('a', 'REGISTERED', claim('t4', live), staleBefore)).toStrictEqual({ ok: false });
      expect((await store.pledges.byIds(['a']))[0]).toMatchObject({ state: 'RELEASED', releaseReceipt: receipt });
    });

    it('closes a pledge only from REGISTERED, freeing its collateral', async () => {
      await register(A);
      await register(B);
      expect(
        await closeNow(store.pledges, 'a', 'REGISTERED', closed('2026-04-01T00:00:00.000Z', 'RELEASED'), {
          closedAt: '2026-04-01T00:00:00.000Z',
          releaseReceipt: receipt,
        }),
      ).toBe(true);
      // A second move from REGISTERED lost the race: nothing changes.
      expect(await closeNow(store.pledges, 'a', 'REGISTERED', closed('2026-04-01T00:00:01.000Z', 'ENFORCED'), { closedAt: '2026-04-01T00:00:01.000Z' })).toBe(
        false,
      );
      expect(await closeNow(store.pledges, 'x', 'REGISTERED', closed('2026-04-01T00:00:01.000Z', 'RELEASED'), { closedAt: '2026-04-01T00:00:01.000Z' })).toBe(
        false,
      );
      const enforcement = { lossFen: 999_999_999, shares: DEFAULT_RISK_SHARES };
      expect(
        await closeNow(store.pledges, 'b', 'REGISTERED', closed('2026-04-02T00:00:00.000Z', 'ENFORCED'), {
          closedAt: '2026-04-02T00:00:00.000Z',
          enforcement,
        }),
      ).toBe(true);
      const [a, b] = await store.pledges.byIds(['a', 'b']);
      expect(a).toStrictEqual({
        ...A,
        registrationNumber: 'ZX-2026-000001',
        state: 'RELEASED',
        closedAt: '2026-04-01T00:00:00.000Z',
        releaseReceipt: receipt,
        updatedAt: '2026-04-01T00:00:00.000Z',
      });
      expect(b).toStrictEqual({
        ...B,
        registrationNumber: 'ZX-2026-000002',
        state: 'ENFORCED',
        closedAt: '2026-04-02T00:00:00.000Z',
        enforcement,
        updatedAt: '2026-04-02T00:00:00.000Z',
      });
      expect(await store.pledges.eventsOf(['a'])).toStrictEqual([[registered(A.registeredAt), closed('2026-04-01T00:00:00.000Z', 'RELEASED')]]);
      // Both assets may be pledged again; the history keeps the old pledge.
      await register(pledge('a2', A.collateral.slice(), '2026-05-01T00:00:00.000Z'));
      await register(pledge('b2', B.collateral.slice(), '2026-05-01T00:00:00.000Z'));
      expect((await store.pledges.byAssets(['PATENT:201510958772.0']))[0]!.map((p) => p.id)).toEqual(['a2', 'a']);
    });

    it('records consents with their events, oldest first, only on a REGISTERED pledge and up to the cap', async () => {
      await register(A);
      await register(B);
      const first = consent('k1', 'a', patent('201510958772.0'), '2026-04-01T00:00:00.000Z', { disposal: 'TRANSFER', note: '转让价款提前清偿' });
      const second = consent('k2', 'a', { kind: 'TRADEMARK', id: '12345678' }, '2026-04-02T00:00:00.000Z', { counterpartyId: 'e8' });
      expect(await store.pledges.addConsent(first, consented(first.grantedAt), 3)).toBe('RECORDED');
      expect(await store.pledges.addConsent(second, consented(second.grantedAt), 3)).toBe('RECORDED');
      expect(await store.pledges.consentsOf(['a', 'b', 'x'])).toStrictEqual([[first, second], [], []]);
      expect(await store.pledges.eventsOf(['a'])).toStrictEqual([[registered(A.registeredAt), consented(first.grantedAt), consented(second.grantedAt)]]);
      // The pledge itself is as registered, but for when it last changed.
      expect(await store.pledges.byIds(['a'])).toStrictEqual([{ ...A, registrationNumber: 'ZX-2026-000001', updatedAt: second.grantedAt }]);

      const third = consent('k3', 'a', patent('201510958772.0'), '2026-04-03T00:00:00.000Z');
      expect(await store.pledges.addConsent(third, consented(third.grantedAt), 3)).toBe('RECORDED');
      // A fourth passes the cap of three: nothing is written.
      const fourth = consent('k4', 'a', patent('201510958772.0'), '2026-04-04T00:00:00.000Z');
      expect(await store.pledges.addConsent(fourth, consented(fourth.grantedAt), 3)).toBe('TOO_MANY');
      expect(await store.pledges.addConsent(consent('k5', 'x', patent('1'), '2026-04-04T00:00:00.000Z'), consented('2026-04-04T00:00:00.000Z'), 3)).toBe(
        'NOT_FOUND',
      );
      await closeNow(store.pledges, 'b', 'REGISTERED', closed('2026-04-05T00:00:00.000Z', 'RELEASED'), { closedAt: '2026-04-05T00:00:00.000Z' });
      const late = consent('k6', 'b', patent('202310123456.5'), '2026-04-06T00:00:00.000Z');
      expect(await store.pledges.addConsent(late, consented(late.grantedAt), 3)).toBe('NOT_REGISTERED');
      expect(await store.pledges.consentsOf(['a', 'b', 'x'])).toStrictEqual([[first, second, third], [], []]);
      expect((await store.pledges.eventsOf(['a', 'b'])).map((events) => events.length)).toEqual([4, 2]);
      expect(await store.pledges.consentsOf([])).toStrictEqual([]);
    });

    it('records at most the cap of consents given concurrently', async () => {
      await register(A);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.pledges.addConsent(consent(`k${i}`, 'a', patent('201510958772.0'), `2026-04-01T00:00:0${i}.000Z`), consented(`2026-04-01T00:00:0${i}.000Z`), 5),
        ),
      );
      expect(results.filter((r) => r === 'RECORDED')).toHaveLength(5);
      expect(results.filter((r) => r === 'TOO_MANY')).toHaveLength(3);
      expect((await store.pledges.consentsOf(['a']))[0]).toHaveLength(5);
      expect((await store.pledges.eventsOf(['a']))[0]).toHaveLength(6);
    });

    it('finds the REGISTERED pledge each asset is in, and none once it is closed or discarded', async () => {
      await register(A);
      await register(B);
      await register(C);
      const [a, b] = await store.pledges.byIds(['a', 'b']);
      expect(await store.pledges.activeOn(['TRADEMARK:12345678', 'PATENT:202310123456.5', 'PATENT:201510958772.0', 'PATENT:1'])).toStrictEqual([
        a,
        b,
        a,
        undefined,
      ]);
      await closeNow(store.pledges, 'a', 'REGISTERED', closed('2026-04-01T00:00:00.000Z', 'RELEASED'), { closedAt: '2026-04-01T00:00:00.000Z' });
      await store.pledges.discard('c');
      expect(await store.pledges.activeOn(['PATENT:201510958772.0', 'DATA_ASSET:da:1', 'PATENT:202310123456.5'])).toStrictEqual([undefined, undefined, b]);
      // Pledged again: the new pledge, not the released one.
      const again = await register(pledge('a2', [patent('201510958772.0')], '2026-05-01T00:00:00.000Z'));
      expect(await store.pledges.activeOn(['PATENT:201510958772.0'])).toStrictEqual([again]);
      expect(await store.pledges.activeOn([])).toStrictEqual([]);
    });

    it('discards the consents of a pledge the ledger never recorded with it', async () => {
      await register(A);
      const given = consent('k1', 'a', patent('201510958772.0'), '2026-04-01T00:00:00.000Z');
      expect(await store.pledges.addConsent(given, consented(given.grantedAt), 3)).toBe('RECORDED');
      await store.pledges.discard('a');
      expect(await store.pledges.consentsOf(['a'])).toStrictEqual([[]]);
      // Registered again under the same id, it starts with none.
      await register(A);
      expect(await store.pledges.consentsOf(['a'])).toStrictEqual([[]]);
    });

    it('pages by id with state, pledgor and pledgee filters', async () => {
      for (const p of [A, B, C]) await register(p);
      await closeNow(store.pledges, 'c', 'REGISTERED', closed('2026-04-01T00:00:00.000Z', 'RELEASED'), { closedAt: '2026-04-01T00:00:00.000Z' });
      const ids = async (filter: Parameters<FinanceStore['pledges']['page']>[0], after?: string, limit = 10) =>
        (await store.pledges.page(filter, { order: 'ID', after }, limit)).map((p) => p.id);
      expect(await ids({}, undefined, 2)).toEqual(['a', 'b']);
      expect(await ids({}, 'b')).toEqual(['c']);
      expect(await ids({ state: 'REGISTERED' })).toEqual(['a', 'b']);
      expect(await ids({ pledgee: '兴业银行福州分行' })).toEqual(['b']);
      expect(await ids({ pledgorId: 'e1', state: 'REGISTERED' }, 'a')).toEqual(['b']);
      expect(await ids({ state: 'ENFORCED' })).toEqual([]);
      expect(await ids({}, undefined, 0)).toEqual([]);
      // The counts are of what the pages hold, under the same filters.
      expect(await store.pledges.count({}, undefined)).toBe(3);
      expect(await store.pledges.count({ state: 'REGISTERED' }, undefined)).toBe(2);
      expect(await store.pledges.count({ pledgorId: 'e1', state: 'REGISTERED' }, undefined)).toBe(2);
      expect(await store.pledges.count({ pledgee: '兴业银行福州分行' }, undefined)).toBe(1);
      expect(await store.pledges.count({ state: 'ENFORCED' }, undefined)).toBe(0);
      expect(await store.pledges.count({}, '2026-04-01T00:00:00.000Z')).toBe(1);
    });

    it('pages pledges by change: each registration, receipt, consent and close moves a pledge to the end', async () => {
      for (const p of [A, B, C]) await register(p);
      const changed = async (since: string, after?: { updatedAt: string; id: string }, filter = {}) =>
        (await store.pledges.page(filter, { order: 'UPDATED_AT', since, after }, 10)).map((p) => [p.id, p.updatedAt]);
      const all = await changed('');
      expect(all.map(([id]) => id).sort()).toEqual(['a', 'b', 'c']);
      expect(all.map(([, at]) => at)).toEqual([...all.map(([, at]) => at)].sort());
      await store.pledges.addConsent(consent('k1', 'b', A.collateral[0]!, '2027-01-01T00:00:00.000Z'), consented('2027-01-01T00:00:00.000Z'), 3);
      await closeNow(store.pledges, 'a', 'REGISTERED', closed('2027-01-02T00:00:00.000Z', 'RELEASED'), { closedAt: '2027-01-02T00:00:00.000Z' });
      expect(await changed('2027-01-01T00:00:00.000Z')).toEqual([
        ['b', '2027-01-01T00:00:00.000Z'],
        ['a', '2027-01-02T00:00:00.000Z'],
      ]);
      // Resumed after the first of them; narrowed to a pledgee.
      expect(await changed('2027-01-01T00:00:00.000Z', { updatedAt: '2027-01-01T00:00:00.000Z', id: 'b' })).toEqual([['a', '2027-01-02T00:00:00.000Z']]);
      expect((await changed('', undefined, { pledgee: '兴业银行福州分行' })).map(([id]) => id)).toEqual(['b']);
      const [byId] = await store.pledges.byIds(['a']);
      expect(byId!.updatedAt).toBe('2027-01-02T00:00:00.000Z');
      // A change stamped earlier (another process's clock behind) never moves it back.
      await store.pledges.addConsent(consent('k0', 'c', C.collateral[0]!, '2026-01-01T00:00:00.000Z'), consented('2026-01-01T00:00:00.000Z'), 3);
      await closeNow(store.pledges, 'c', 'REGISTERED', closed('2026-01-02T00:00:00.000Z', 'RELEASED'), { closedAt: '2026-01-02T00:00:00.000Z' });
      expect((await store.pledges.byIds(['c']))[0]!.updatedAt).toBe(C.registeredAt);
      // Changed when the ledger recorded it.
      await store.pledges.recordRegistration('c', { ...receipt, timestamp: Date.parse('2027-01-03T00:00:00.000Z') });
      expect(await changed('2027-01-03T00:00:00.000Z')).toEqual([['c', '2027-01-03T00:00:00.000Z']]);
    });

    it('pages policies by change: a claim filed or settled moves its policy to the end', async () => {
      await store.policies.insert(policy('p', 'e1', '2026-01-01T00:00:00.000Z'));
      await store.policies.insert(policy('q', 'e1', '2026-01-02T00:00:00.000Z'));
      const changed = async (since: string) =>
        (await store.policies.page({}, { order: 'UPDATED_AT', since, after: undefined }, 10)).map((p) => [p.id, p.updatedAt]);
      expect(await changed('')).toEqual([
        ['p', '2026-01-01T00:00:00.000Z'],
        ['q', '2026-01-02T00:00:00.000Z'],
      ]);
      await store.policies.addClaim(claim('c1', 'p', 600, '2026-02-01T00:00:00.000Z'));
      expect(await changed('2026-01-02T00:00:00.000Z')).toEqual([
        ['q', '2026-01-02T00:00:00.000Z'],
        ['p', '2026-02-01T00:00:00.000Z'],
      ]);
      await store.policies.settleClaim('p', 'c1', 'PAID', '2026-03-01T00:00:00.000Z', 'key-i');
      expect(await changed('2026-02-02T00:00:00.000Z')).toEqual([['p', '2026-03-01T00:00:00.000Z']]);
    });

    it('stores policies and gives them back by id, by insured newest first, by page', async () => {
      const P = policy('p', 'e1', '2026-01-01T00:00:00.000Z');
      const Q = policy('q', 'e1', '2026-01-02T00:00:00.000Z', { product: 'PLEDGE_FINANCING_GUARANTEE', insurer: '平安财险', coveredAssets: [] });
      const R = policy('r', 'e2', '2026-01-03T00:00:00.000Z');
      for (const p of [P, R, Q]) await store.policies.insert(p);
      expect(await store.policies.byIds(['r', 'x', 'p'])).toStrictEqual([R, undefined, P]);
      expect(await store.policies.byInsured(['e1', 'e9', 'e2'])).toStrictEqual([[Q, P], [], [R]]);
      expect(await store.policies.page({}, { order: 'ID', after: undefined }, 2)).toStrictEqual([P, Q]);
      expect(await store.policies.page({ insurer: '中国人民财产保险福建分公司' }, { order: 'ID', after: 'p' }, 10)).toStrictEqual([R]);
      expect(await store.policies.page({ insuredId: 'e1', insurer: '平安财险' }, { order: 'ID', after: undefined }, 10)).toStrictEqual([Q]);
      expect(await store.policies.count({}, undefined)).toBe(3);
      expect(await store.policies.count({ insurer: '中国人民财产保险福建分公司' }, undefined)).toBe(2);
      expect(await store.policies.count({ insuredId: 'e1', insurer: '平安财险' }, undefined)).toBe(1);
      expect(await store.policies.count({}, '2026-01-02T00:00:00.000Z')).toBe(2);
      // P and R cover the same patent; Q covers nothing.
      expect(await store.policies.byCoveredAssets(['PATENT:201510958772.0', 'DATA_ASSET:none'])).toStrictEqual([[R, P], []]);
    });

    it('pays claims only within the sum insured, and settles each once', async () => {
      await store.policies.insert(policy('p', 'e1', '2026-01-01T00:00:00.000Z', { sumInsuredFen: 1000 }));
      await store.policies.addClaim(claim('c1', 'p', 600, '2026-02-01T00:00:00.000Z'));
      await store.policies.addClaim(claim('c2', 'p', 500, '2026-02-02T00:00:00.000Z'));
      await store.policies.addClaim(claim('c3', 'p', 400, '2026-02-03T00:00:00.000Z'));
      const settle = (id: string, to: 'PAID' | 'REJECTED') => store.policies.settleClaim('p', id, to, '2026-03-01T00:00:00.000Z', 'key-i');
      expect(await settle('c1', 'PAID')).toBe('SETTLED');
      expect(await settle('c1', 'PAID')).toBe('NOT_FILED');
      expect(await settle('c2', 'PAID')).toBe('SUM_INSURED_EXCEEDED');
      expect(await settle('c2', 'REJECTED')).toBe('SETTLED');
      expect(await settle('c3', 'PAID')).toBe('SETTLED');
      expect(await settle('cx', 'PAID')).toBe('NOT_FILED');
      expect(await store.policies.settleClaim('x', 'c3', 'PAID', '2026-03-01T00:00:00.000Z', 'key-i')).toBe('NOT_FILED');
      const [c3, none, c1] = await store.policies.claimsByIds(['c3', 'cx', 'c1']);
      expect([c3?.status, none, c1?.status, c1?.policyId]).toEqual(['PAID', undefined, 'PAID', 'p']);
      expect(c1).toStrictEqual((await store.policies.claimsOf(['p']))[0]![0]);
      const settled = { settledAt: '2026-03-01T00:00:00.000Z', settledBy: 'key-i' };
      expect(await store.policies.claimsOf(['p', 'x'])).toStrictEqual([
        [
          { ...claim('c1', 'p', 600, '2026-02-01T00:00:00.000Z'), status: 'PAID', ...settled },
          { ...claim('c2', 'p', 500, '2026-02-02T00:00:00.000Z'), status: 'REJECTED', ...settled },
          { ...claim('c3', 'p', 400, '2026-02-03T00:00:00.000Z'), status: 'PAID', ...settled },
        ],
        [],
      ]);
    });

    it('pays at most the sum insured when claims are paid concurrently', async () => {
      await store.policies.insert(policy('p', 'e1', '2026-01-01T00:00:00.000Z', { sumInsuredFen: 1000 }));
      for (let i = 0; i < 8; i++) await store.policies.addClaim(claim(`c${i}`, 'p', 300, `2026-02-01T00:00:0${i}.000Z`));
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => store.policies.settleClaim('p', `c${i}`, 'PAID', '2026-03-01T00:00:00.000Z', 'key-i')),
      );
      expect(results.filter((r) => r === 'SETTLED')).toHaveLength(3);
      expect(results.filter((r) => r === 'SUM_INSURED_EXCEEDED')).toHaveLength(5);
    });

    describe('notifications', () => {
      const pending = async () => (await store.outbox.pending(100)).map((n) => n.id);

      it("writes a registration's notifications with its receipt, none with the first write, a refused or a discarded pledge", async () => {
        await register(A);
        // Refused: an asset already pledged.
        await expect(register(pledge('a2', [{ kind: 'TRADEMARK', id: '12345678' }], '2026-03-04T08:00:00.000Z'))).rejects.toThrow(AssetAlreadyPledgedError);
        await register(B);
        await store.pledges.discard('b');
        expect(await store.outbox.pending(10)).toStrictEqual([]);
        const registeredA = note('registered-a', A.registeredAt);
        await store.pledges.recordRegistration('a', receipt, [registeredA]);
        // No such pledge (discarded): nothing written.
        await store.pledges.recordRegistration('b', receipt, [note('registered-b', B.registeredAt)]);
        expect(await store.outbox.pending(10)).toStrictEqual([registeredA]);
        expect(await store.pledges.byIds(['a', 'b'])).toStrictEqual([
          { ...A, registrationNumber: 'ZX-2026-000001', registrationReceipt: receipt, updatedAt: new Date(receipt.timestamp).toISOString() },
          undefined,
        ]);
      });

      it("writes a closing's notifications with it, and none with a closing refused", async () => {
        await register(A);
        await register(B);
        const released = note('released-a', '2026-04-01T00:00:00.000Z', 'pledge.released');
        expect(
          await closeNow(store.pledges, 'a', 'REGISTERED', closed('2026-04-01T00:00:00.000Z', 'RELEASED'), { closedAt: '2026-04-01T00:00:00.000Z' }, [
            released,
          ]),
        ).toBe(true);
        // From a state the pledge has left, or of no pledge: nothing written.
        for (const id of ['a', 'x']) {
          expect(
            await closeNow(store.pledges, id, 'REGISTERED', closed('2026-04-01T00:00:01.000Z', 'ENFORCED'), { closedAt: '2026-04-01T00:00:01.000Z' }, [
              note(`enforced-${id}`, '2026-04-01T00:00:01.000Z', 'pledge.enforced'),
            ]),
          ).toBe(false);
        }
        const enforced = note('enforced-b', '2026-04-02T00:00:00.000Z', 'pledge.enforced');
        const enforcement = { lossFen: 1, shares: DEFAULT_RISK_SHARES };
        expect(
          await closeNow(
            store.pledges,
            'b',
            'REGISTERED',
            closed('2026-04-02T00:00:00.000Z', 'ENFORCED'),
            { closedAt: '2026-04-02T00:00:00.000Z', enforcement },
            [enforced],
          ),
        ).toBe(true);
        expect(await store.outbox.pending(10)).toStrictEqual([released, enforced]);
      });

      it("writes a consent's notifications with it, and none with a consent refused", async () => {
        await register(A);
        await register(B);
        const first = consent('k1', 'a', patent('201510958772.0'), '2026-04-01T00:00:00.000Z');
        const recorded = note('consent-k1', first.grantedAt, 'pledge.consent_recorded');
        expect(await store.pledges.addConsent(first, consented(first.grantedAt), 1, [recorded])).toBe('RECORDED');
        // Past the cap, of no pledge, of a closed pledge: nothing written.
        const over = consent('k2', 'a', patent('201510958772.0'), '2026-04-02T00:00:00.000Z');
        expect(await store.pledges.addConsent(over, consented(over.grantedAt), 1, [note('consent-k2', over.grantedAt, 'pledge.consent_recorded')])).toBe(
          'TOO_MANY',
        );
        const nowhere = consent('k3', 'x', patent('1'), '2026-04-02T00:00:00.000Z');
        expect(
          await store.pledges.addConsent(nowhere, consented(nowhere.grantedAt), 1, [note('consent-k3', nowhere.grantedAt, 'pledge.consent_recorded')]),
        ).toBe('NOT_FOUND');
        await closeNow(store.pledges, 'b', 'REGISTERED', closed('2026-04-02T00:00:00.000Z', 'RELEASED'), { closedAt: '2026-04-02T00:00:00.000Z' });
        const late = consent('k4', 'b', patent('202310123456.5'), '2026-04-03T00:00:00.000Z');
        expect(await store.pledges.addConsent(late, consented(late.grantedAt), 1, [note('consent-k4', late.grantedAt, 'pledge.consent_recorded')])).toBe(
          'NOT_REGISTERED',
        );
        expect(await store.outbox.pending(10)).toStrictEqual([recorded]);
      });

      it("writes a settlement's notifications with it, and none with a settlement refused", async () => {
        await store.policies.insert(policy('p', 'e1', '2026-01-01T00:00:00.000Z', { sumInsuredFen: 1000 }));
        await store.policies.addClaim(claim('c1', 'p', 600, '2026-02-01T00:00:00.000Z'));
        await store.policies.addClaim(claim('c2', 'p', 500, '2026-02-02T00:00:00.000Z'));
        const at = '2026-03-01T00:00:00.000Z';
        const settle = (id: string, to: 'PAID' | 'REJECTED', n: Notification) => store.policies.settleClaim('p', id, to, at, 'key-i', [n]);
        const paid = note('settled-c1', at, 'claim.settled');
        expect(await settle('c1', 'PAID', paid)).toBe('SETTLED');
        expect(await settle('c1', 'REJECTED', note('settled-c1-again', at, 'claim.settled'))).toBe('NOT_FILED');
        expect(await settle('c2', 'PAID', note('settled-c2-paid', at, 'claim.settled'))).toBe('SUM_INSURED_EXCEEDED');
        expect(await settle('cx', 'PAID', note('settled-cx', at, 'claim.settled'))).toBe('NOT_FILED');
        const rejected = note('settled-c2', '2026-03-01T00:00:01.000Z', 'claim.settled');
        expect(await settle('c2', 'REJECTED', rejected)).toBe('SETTLED');
        expect(await store.outbox.pending(10)).toStrictEqual([paid, rejected]);
      });

      it('writes each change and its notifications together or not at all', async () => {
        await register(A);
        await expect(store.pledges.recordRegistration('a', receipt, [bad()])).rejects.toThrow(/type/);
        expect((await store.pledges.byIds(['a']))[0]!.registrationReceipt).toBeNull();
        await expect(
          closeNow(store.pledges, 'a', 'REGISTERED', closed('2026-04-01T00:00:00.000Z', 'RELEASED'), { closedAt: '2026-04-01T00:00:00.000Z' }, [bad()]),
        ).rejects.toThrow(/type/);
        expect((await store.pledges.byIds(['a']))[0]!.state).toBe('REGISTERED');
        expect((await store.pledges.activeOn(['PATENT:201510958772.0']))[0]?.id).toBe('a');
        expect(await store.pledges.countByState()).toStrictEqual([{ state: 'REGISTERED', count: 1 }]);
        const given = consent('k1', 'a', patent('201510958772.0'), '2026-04-01T00:00:00.000Z');
        await expect(store.pledges.addConsent(given, consented(given.grantedAt), 3, [bad()])).rejects.toThrow(/type/);
        expect(await store.pledges.consentsOf(['a'])).toStrictEqual([[]]);
        expect(await store.pledges.eventsOf(['a'])).toStrictEqual([[registered(A.registeredAt)]]);
        await store.policies.insert(policy('p', 'e1', '2026-01-01T00:00:00.000Z'));
        await store.policies.addClaim(claim('c1', 'p', 600, '2026-02-01T00:00:00.000Z'));
        await expect(store.policies.settleClaim('p', 'c1', 'PAID', '2026-03-01T00:00:00.000Z', 'key-i', [bad()])).rejects.toThrow(/type/);
        expect(await store.policies.claimsOf(['p'])).toStrictEqual([[claim('c1', 'p', 600, '2026-02-01T00:00:00.000Z')]]);
        // Still FILED, and within the sum insured: it is settled, once.
        expect(await store.policies.settleClaim('p', 'c1', 'PAID', '2026-03-01T00:00:00.000Z', 'key-i')).toBe('SETTLED');
        expect(await store.outbox.pending(10)).toStrictEqual([]);
      });

      it('gives the relay its notifications oldest first, and no more once relayed', async () => {
        for (const p of [A, B, C]) {
          await register(p);
          await store.pledges.recordRegistration(p.id, receipt, [note(`registered-${p.id}`, p.registeredAt)]);
        }
        expect(store.outbox.name).toBe('finance');
        expect((await store.outbox.pending(2)).map((n) => n.id)).toStrictEqual(['registered-a', 'registered-b']);
        await store.outbox.markRelayed(['registered-a', 'registered-c']);
        expect(await pending()).toStrictEqual(['registered-b']);
        // The same notification written again (a retried write) stays relayed once relayed.
        await store.pledges.recordRegistration('a', receipt, [note('registered-a', A.registeredAt)]);
        expect(await pending()).toStrictEqual(['registered-b']);
        await store.outbox.markRelayed(['registered-b']);
        expect(await store.outbox.pending(10)).toStrictEqual([]);
        expect(await store.outbox.prune('2027-01-01T00:00:00.000Z')).toBe(3);
      });
    });
  });
}
