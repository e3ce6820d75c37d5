// A database from before the protection cases' counts opens with them counted from its rows; one
// from before the outbox opens with an empty one; one from before updatedAt dates each case by its
// last change; one from before the claims on moves holds none.
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';

import { tempDir } from '../../../test/support/tmp.js';
import type { NewProtectionCase } from '../domain/model.js';
import { moveNow } from './move.js';
import { openSqliteCasesStore } from './sqlite.js';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('iphub-cases-migration-');
});
afterEach(() => dir.remove());

const applied = (id: string, route: NewProtectionCase['route'], appliedAt: string): NewProtectionCase => ({
  id,
  kind: 'INFRINGEMENT',
  route,
  summary: id,
  state: 'APPLIED',
  parties: [{ role: 'CLAIMANT', enterpriseId: 'e1', name: '甲' }],
  ipRights: [{ kind: 'TRADEMARK', number: '1' }],
  evidenceIds: [],
  referredTo: null,
  appliedAt,
  knownSince: null,
  outcomeAt: null,
  outcomeReceipt: null,
});

it('counts the cases there are per route and state, and per month applied for', async () => {
  const path = join(dir.path, 'cases.db');
  const before = openSqliteCasesStore(new Database(path));
  for (const c of [
    applied('p', 'MEDIATION', '2026-03-31T15:00:00.000Z'), // 23:00 in China
    applied('q', 'MEDIATION', '2026-04-01T01:00:00.000Z'),
    applied('r', 'ARBITRATION', '2026-04-02T00:00:00.000Z'),
  ]) {
    await before.protection.insert(c, { at: c.appliedAt, actor: 'k', role: 'ENTERPRISE', from: null, to: 'APPLIED', note: null });
  }
  await moveNow(
    before.protection,
    'q',
    'APPLIED',
    { at: '2026-04-03T00:00:00.000Z', actor: 's', role: 'CENTER_STAFF', from: 'APPLIED', to: 'ACCEPTED', note: null },
    {},
  );
  await before.close();
  const db = new Database(path);
  db.exec('DROP TABLE protection_counts; DROP TABLE protection_opened_counts; DROP TABLE month_count_zones');

  const store = openSqliteCasesStore(db);
  try {
    expect(await store.protection.countByRouteAndState()).toStrictEqual([
      { route: 'ARBITRATION', state: 'APPLIED', count: 1 },
      { route: 'MEDIATION', state: 'ACCEPTED', count: 1 },
      { route: 'MEDIATION', state: 'APPLIED', count: 1 },
    ]);
    expect(await store.protection.countOpenedByMonth('2026-01', '2026-12')).toStrictEqual([
      { month: '2026-03', count: 1 },
      { month: '2026-04', count: 2 },
    ]);
  } finally {
    await store.close();
  }
});

it('opens a database from before the outbox: it gains one, and its cases write their notifications to it', async () => {
  const path = join(dir.path, 'cases.db');
  const before = openSqliteCasesStore(new Database(path));
  const p = applied('p', 'MEDIATION', '2026-03-31T23:00:00.000Z');
  await before.protection.insert(p, { at: p.appliedAt, actor: 'k', role: 'ENTERPRISE', from: null, to: 'APPLIED', note: null });
  await before.close();
  const db = new Database(path);
  db.exec('DROP TABLE outbox');

  const store = openSqliteCasesStore(db);
  try {
    expect(await store.outbox.pending(10)).toStrictEqual([]);
    const moved = {
      id: 'case.moved:protection_case:p:2026-04-01T00:00:00.000Z:ACCEPTED',
      type: 'case.moved',
      occurredAt: '2026-04-01T00:00:00.000Z',
      subject: 'protection_case:p',
      audience: [{ kind: 'ENTERPRISE' as const, id: 'e1' }],
      data: { caseId: 'p', from: 'APPLIED', to: 'ACCEPTED' },
    };
    const at = moved.occurredAt;
    expect(
      await moveNow(store.protection, 'p', 'APPLIED', { at, actor: 's', role: 'CENTER_STAFF', from: 'APPLIED', to: 'ACCEPTED', note: null }, {}, [moved]),
    ).toBe(true);
    expect(await store.outbox.pending(10)).toStrictEqual([moved]);
  } finally {
    await store.close();
  }
});

it('dates the cases of a database from before updatedAt by their last change', async () => {
  const path = join(dir.path, 'cases.db');
  const before = openSqliteCasesStore(new Database(path));
  const filed = (id: string, receivedAt: string) => ({
    id,
    enterpriseId: 'e1',
    applicationNumber: '201510958772.0',
    title: id,
    industry: '制造业',
    state: 'RECEIVED' as const,
    receivedAt,
    decidedAt: null,
    decisionReceipt: null,
  });
  for (const c of [filed('a', '2026-03-01T00:00:00.000Z'), filed('b', '2026-03-02T00:00:00.000Z')]) {
    await before.preExam.insert(c, { at: c.receivedAt, actor: 'k', role: 'ENTERPRISE', from: null, to: 'RECEIVED', note: null });
  }
  await moveNow(
    before.preExam,
    'a',
    'RECEIVED',
    { at: '2026-03-05T00:00:00.000Z', actor: 's', role: 'CENTER_STAFF', from: 'RECEIVED', to: 'CLASSIFIED', note: null },
    {},
  );
  for (const c of [applied('p', 'MEDIATION', '2026-04-01T00:00:00.000Z'), applied('q', 'MEDIATION', '2026-04-02T00:00:00.000Z')]) {
    await before.protection.insert(c, { at: c.appliedAt, actor: 'k', role: 'ENTERPRISE', from: null, to: 'APPLIED', note: null });
  }
  const outcome = '2026-04-03T00:00:00.000Z';
  await moveNow(
    before.protection,
    'p',
    'APPLIED',
    { at: outcome, actor: 's', role: 'CENTER_STAFF', from: 'APPLIED', to: 'REJECTED', note: null },
    { outcomeAt: outcome, outcomeReceipt: { seq: 1, entryHash: 'ab'.repeat(32), timestamp: Date.parse(outcome) } },
  );
  await before.close();
  const db = new Database(path);
  db.exec(
    [
      'pre_exam_by_change',
      'pre_exam_by_state_change',
      'pre_exam_by_enterprise_change',
      'protection_by_change',
      'protection_by_state_change',
      'protection_by_court_change',
    ]
      .map((index) => `DROP INDEX ${index};`)
      .join(' ') + ' ALTER TABLE pre_exam_cases DROP COLUMN updated_at; ALTER TABLE protection_cases DROP COLUMN updated_at',
  );

  const store = openSqliteCasesStore(db);
  try {
    const changed = { order: 'UPDATED_AT', since: '', after: undefined } as const;
    expect((await store.preExam.page({}, changed, 10)).map((c) => [c.id, c.updatedAt])).toStrictEqual([
      ['b', '2026-03-02T00:00:00.000Z'],
      ['a', '2026-03-05T00:00:00.000Z'],
    ]);
    expect((await store.protection.page({}, changed, 10)).map((c) => [c.id, c.updatedAt])).toStrictEqual([
      ['q', '2026-04-02T00:00:00.000Z'],
      ['p', outcome],
    ]);
    expect(await store.protection.count({}, '2026-04-02T12:00:00.000Z')).toBe(1);
  } finally {
    await store.close();
  }
});

it('opens a database from before the claims on moves: no case is held, and each is claimed and moved', async () => {
  const path = join(dir.path, 'cases.db');
  const before = openSqliteCasesStore(new Database(path));
  const received = '2026-03-01T00:00:00.000Z';
  const a = {
    id: 'a',
    enterpriseId: 'e1',
    applicationNumber: '201510958772.0',
    title: 'a',
    industry: '制造业',
    state: 'RECEIVED' as const,
    receivedAt: received,
    decidedAt: null,
    decisionReceipt: null,
  };
  await before.preExam.insert(a, { at: received, actor: 'k', role: 'ENTERPRISE', from: null, to: 'RECEIVED', note: null });
  const p = applied('p', 'MEDIATION', received);
  await before.protection.insert(p, { at: received, actor: 'k', role: 'ENTERPRISE', from: null, to: 'APPLIED', note: null });
  await before.close();
  const db = new Database(path);
  db.exec('ALTER TABLE pre_exam_cases DROP COLUMN claim; ALTER TABLE protection_cases DROP COLUMN claim');

  const store = openSqliteCasesStore(db);
  try {
    const at = '2026-03-02T00:00:00.000Z';
    expect(await moveNow(store.preExam, 'a', 'RECEIVED', { at, actor: 's', role: 'CENTER_STAFF', from: 'RECEIVED', to: 'CLASSIFIED', note: null }, {})).toBe(
      true,
    );
    expect(await moveNow(store.protection, 'p', 'APPLIED', { at, actor: 's', role: 'CENTER_STAFF', from: 'APPLIED', to: 'ACCEPTED', note: null }, {})).toBe(
      true,
    );
    expect((await store.preExam.byIds(['a']))[0]).toMatchObject({ state: 'CLASSIFIED', updatedAt: at });
    expect((await store.protection.byIds(['p']))[0]).toMatchObject({ state: 'ACCEPTED', updatedAt: at });
  } finally {
    await store.close();
  }
});
