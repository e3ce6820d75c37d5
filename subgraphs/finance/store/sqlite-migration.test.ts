// A database from before the pledges' counts opens with them counted from its rows; one from
// before the pledgees' consents opens with none, and its pledges take them; one from before the
// outbox opens with an empty one; one from before updatedAt dates each record by its last change.
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';

import { tempDir } from '../../../test/support/tmp.js';
import type { NewPledge } from '../domain/model.js';
import { closeNow } from './close.js';
import { openSqliteFinanceStore } from './sqlite.js';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('iphub-finance-migration-');
});
afterEach(() => dir.remove());

const pledge = (id: string, pledgee: string, registeredAt: string, securedAmountFen: number): NewPledge => ({
  id,
  pledgorId: 'e1',
  pledgee,
  pledgeeKind: 'BANK',
  application: null,
  authorityRegistration: null,
  pendingAmendment: null,
  amendments: [],
  collateral: [{ kind: 'TRADEMARK', id }],
  acknowledgedRisks: [],
  securedAmountFen,
  term: { startDate: '2026-03-01', endDate: '2029-02-28' },
  state: 'REGISTERED',
  registeredAt,
  closedAt: null,
  registrationReceipt: null,
  releaseReceipt: null,
  enforcement: null,
});

it('counts the pledges there are per month and pledgee, and per state', async () => {
  const path = join(dir.path, 'finance.db');
  const before = openSqliteFinanceStore(new Database(path));
  for (const p of [
    pledge('a', '甲银行', '2026-03-01T00:00:00.000Z', 100),
    pledge('b', '甲银行', '2026-03-02T00:00:00.000Z', 20),
    pledge('c', '乙银行', '2026-04-01T00:00:00.000Z', 3),
  ]) {
    await before.pledges.register(p, { at: p.registeredAt, actor: 'k', role: 'BANK', from: null, to: 'REGISTERED', note: null });
  }
  const at = '2026-04-02T00:00:00.000Z';
  await closeNow(before.pledges, 'b', 'REGISTERED', { at, actor: 'k', role: 'BANK', from: 'REGISTERED', to: 'RELEASED', note: null }, { closedAt: at });
  await before.close();
  const db = new Database(path);
  db.exec('DROP TABLE pledge_month_counts; DROP TABLE pledge_state_counts; DROP TABLE month_count_zones');

  const store = openSqliteFinanceStore(db);
  try {
    expect(await store.pledges.countByMonthAndPledgee('2026-01', '2026-12')).toStrictEqual([
      { month: '2026-03', pledgee: '甲银行', count: 2, amountFen: 120 },
      { month: '2026-04', pledgee: '乙银行', count: 1, amountFen: 3 },
    ]);
    expect(await store.pledges.countByState()).toStrictEqual([
      { state: 'REGISTERED', count: 2 },
      { state: 'RELEASED', count: 1 },
    ]);
  } finally {
    await store.close();
  }
});

it('opens a database from before acknowledged risks and collateral-kind counts: its pledges acknowledge none and are counted by kind once', async () => {
  const path = join(dir.path, 'finance.db');
  const before = openSqliteFinanceStore(new Database(path));
  for (const p of [pledge('a', '甲银行', '2026-03-01T00:00:00.000Z', 100), pledge('b', '乙银行', '2026-03-02T00:00:00.000Z', 20)]) {
    await before.pledges.register(p, { at: p.registeredAt, actor: 'k', role: 'BANK', from: null, to: 'REGISTERED', note: null });
  }
  await before.close();
  const db = new Database(path);
  db.exec('DROP TABLE pledge_kind_counts; ALTER TABLE pledges DROP COLUMN acknowledged_risks');

  const store = openSqliteFinanceStore(db);
  try {
    expect((await store.pledges.byIds(['a']))[0]?.acknowledgedRisks).toStrictEqual([]);
    expect(await store.pledges.countByCollateralKind()).toStrictEqual([{ kind: 'TRADEMARK', count: 2, amountFen: 120 }]);
  } finally {
    await store.close();
  }
  // Counted once: opened again, the figures stand.
  const again = openSqliteFinanceStore(new Database(path));
  try {
    expect(await again.pledges.countByCollateralKind()).toStrictEqual([{ kind: 'TRADEMARK', count: 2, amountFen: 120 }]);
  } finally {
    await again.close();
  }
});

it('opens a database from before the consents: its pledges have none, and take them', async () => {
  const path = join(dir.path, 'finance.db');
  const before = openSqliteFinanceStore(new Database(path));
  const a = pledge('a', '甲银行', '2026-03-01T00:00:00.000Z', 100);
  await before.pledges.register(a, { at: a.registeredAt, actor: 'k', role: 'BANK', from: null, to: 'REGISTERED', note: null });
  await before.close();
  const db = new Database(path);
  db.exec('DROP TABLE pledge_consents');

  const store = openSqliteFinanceStore(db);
  try {
    expect(await store.pledges.consentsOf(['a'])).toStrictEqual([[]]);
    expect((await store.pledges.activeOn(['TRADEMARK:a']))[0]?.id).toBe('a');
    const consent = {
      id: 'k1',
      pledgeId: 'a',
      asset: { kind: 'TRADEMARK', id: 'a' },
      disposal: 'TRANSFER',
      counterpartyId: 'e2',
      outsideCounterparty: null,
      grantedAt: '2026-04-01T00:00:00.000Z',
      grantedBy: 'k',
      note: null,
    } as const;
    const at = consent.grantedAt;
    expect(await store.pledges.addConsent(consent, { at, actor: 'k', role: 'BANK', from: 'REGISTERED', to: 'REGISTERED', note: 'consent' }, 100)).toBe(
      'RECORDED',
    );
    expect(await store.pledges.consentsOf(['a'])).toStrictEqual([[consent]]);
  } finally {
    await store.close();
  }
});

it('opens a database from before the outbox: it gains one, and its pledges write their notifications to it', async () => {
  const path = join(dir.path, 'finance.db');
  const before = openSqliteFinanceStore(new Database(path));
  const a = pledge('a', '甲银行', '2026-03-01T00:00:00.000Z', 100);
  await before.pledges.register(a, { at: a.registeredAt, actor: 'k', role: 'BANK', from: null, to: 'REGISTERED', note: null });
  await before.close();
  const db = new Database(path);
  db.exec('DROP TABLE outbox');

  const store = openSqliteFinanceStore(db);
  try {
    expect(await store.outbox.pending(10)).toStrictEqual([]);
    const registered = {
      id: 'pledge.registered:a',
      type: 'pledge.registered',
      occurredAt: a.registeredAt,
      subject: 'pledge:a',
      audience: [{ kind: 'ENTERPRISE' as const, id: 'e1' }],
      data: { pledgeId: 'a', state: 'REGISTERED' },
    };
    await store.pledges.recordRegistration('a', { seq: 1, entryHash: 'ab'.repeat(32), timestamp: 1 }, [registered]);
    expect(await store.outbox.pending(10)).toStrictEqual([registered]);
  } finally {
    await store.close();
  }
});

it('dates the pledges and policies of a database from before updatedAt by their last change', async () => {
  const path = join(dir.path, 'finance.db');
  const before = openSqliteFinanceStore(new Database(path));
  for (const p of [pledge('a', '甲银行', '2026-03-01T00:00:00.000Z', 100), pledge('b', '甲银行', '2026-03-02T00:00:00.000Z', 20)]) {
    await before.pledges.register(p, { at: p.registeredAt, actor: 'k', role: 'BANK', from: null, to: 'REGISTERED', note: null });
  }
  const at = '2026-04-02T00:00:00.000Z';
  await closeNow(before.pledges, 'b', 'REGISTERED', { at, actor: 'k', role: 'BANK', from: 'REGISTERED', to: 'RELEASED', note: null }, { closedAt: at });
  await before.policies.insert({
    id: 'p',
    product: 'INFRINGEMENT_LOSS',
    insurer: '平安财险',
    insuredId: 'e1',
    coveredAssets: [],
    premiumFen: 1,
    sumInsuredFen: 100,
    period: { startDate: '2026-01-01', endDate: '2026-12-31' },
    issuedAt: '2026-01-01T00:00:00.000Z',
  });
  await before.policies.addClaim({
    id: 'c',
    policyId: 'p',
    amountFen: 10,
    status: 'FILED',
    protectionCaseId: null,
    filedAt: '2026-02-01T00:00:00.000Z',
    filedBy: 'k',
    settledAt: null,
    settledBy: null,
  });
  await before.close();
  const db = new Database(path);
  db.exec(
    'DROP INDEX pledges_by_change; DROP INDEX pledges_by_pledgee_change; DROP INDEX policies_by_change; DROP INDEX policies_by_insurer_change; ALTER TABLE pledges DROP COLUMN updated_at; ALTER TABLE insurance_policies DROP COLUMN updated_at',
  );

  const store = openSqliteFinanceStore(db);
  try {
    const changed = { order: 'UPDATED_AT', since: '', after: undefined } as const;
    expect((await store.pledges.page({}, changed, 10)).map((p) => [p.id, p.updatedAt])).toStrictEqual([
      ['a', '2026-03-01T00:00:00.000Z'],
      ['b', at],
    ]);
    expect((await store.policies.page({}, changed, 10)).map((p) => [p.id, p.updatedAt])).toStrictEqual([['p', '2026-02-01T00:00:00.000Z']]);
  } finally {
    await store.close();
  }
});
