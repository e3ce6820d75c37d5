// A data directory from before the warnings' columns, the counters and the lifecycle opens and answers the same;
// one from before updatedAt dates each record by its last change.
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';

import { tempDir } from '../../../test/support/tmp.js';
import { openSqliteEnterprisesStore } from './sqlite.js';

// The tables as the release before wrote them.
const BEFORE = `
CREATE TABLE enterprises (id TEXT PRIMARY KEY, uscc TEXT NOT NULL UNIQUE, name TEXT NOT NULL, region_code TEXT NOT NULL, industry TEXT NOT NULL,
  filing_status TEXT NOT NULL, registered_at TEXT NOT NULL, override_approved_by TEXT, override_reason TEXT);
CREATE TABLE patents (application_number TEXT PRIMARY KEY, enterprise_id TEXT NOT NULL REFERENCES enterprises (id), type TEXT NOT NULL,
  pct INTEGER NOT NULL, title TEXT NOT NULL, ipc_class TEXT, status TEXT NOT NULL, filing_date TEXT NOT NULL, grant_date TEXT, fees_paid_through TEXT);
CREATE TABLE trademarks (registration_number TEXT PRIMARY KEY, enterprise_id TEXT NOT NULL REFERENCES enterprises (id), mark TEXT NOT NULL,
  nice_class INTEGER NOT NULL, registration_date TEXT NOT NULL, expiry_date TEXT NOT NULL);
CREATE INDEX trademarks_by_expiry ON trademarks (expiry_date);
CREATE TABLE copyrights (registration_number TEXT PRIMARY KEY, enterprise_id TEXT NOT NULL REFERENCES enterprises (id), title TEXT NOT NULL,
  kind TEXT NOT NULL, registered_on TEXT NOT NULL);
INSERT INTO enterprises VALUES ('e1', '91110108MA0000001X', '甲', '110108', '制造业', 'FILED', '2026-01-05T08:30:00.000Z', NULL, NULL);
INSERT INTO enterprises VALUES ('e2', '91310115MA0000002X', '乙', '310115', '制造业', 'FILED', '2026-01-05T08:30:00.000Z', NULL, NULL);
INSERT INTO patents VALUES ('202310000003.1', 'e1', 'INVENTION', 0, '甲的发明', NULL, 'GRANTED', '2023-03-01', '2024-05-01', '2025-03-01');
INSERT INTO patents VALUES ('202220000001.2', 'e2', 'UTILITY_MODEL', 0, '乙的实用新型', NULL, 'LAPSED', '2022-01-10', NULL, NULL);
INSERT INTO trademarks VALUES ('TM0001', 'e2', '乙', 9, '2016-05-14', '2026-05-13');
INSERT INTO copyrights VALUES ('2024SR0001', 'e1', '甲软件', 'SOFTWARE', '2024-08-08');
`;

let dir = tempDir('iphub-enterprises-migration-');
afterEach(() => {
  dir.remove();
  dir = tempDir('iphub-enterprises-migration-');
});

it('gives patents and trademarks their owner and deadlines, and counts what is there', async () => {
  const path = join(dir.path, 'enterprises.db');
  const before = new Database(path);
  before.exec(BEFORE);
  before.close();

  const store = openSqliteEnterprisesStore(new Database(path));
  try {
    const allTime = { from: '2000-01-01', to: '2099-12-31' };
    const [granted] = await store.patents.byNumbers(['202310000003.1']);
    expect(await store.patents.feesDue({ regionCode: '110108' }, allTime, undefined, 10)).toStrictEqual([granted]);
    expect(await store.patents.countFeesDue({}, allTime)).toBe(1);
    expect(await store.patents.countProtectionEnding({}, allTime)).toBe(1);
    // At version 1 with nothing of its lifecycle recorded, and changed as any other.
    expect(granted).toMatchObject({ version: 1, grantPublicationNumber: null, lapsedOn: null, freeze: null, invalidation: null });
    const paid = { ...granted!, feesPaidThrough: '2026-03-01' };
    expect(
      await store.patents.update(granted!, paid, { at: '2026-03-02T00:00:00.000Z', actor: 's', role: 'CENTER_STAFF', type: 'ANNUAL_FEE_PAID', details: {} }),
    ).toBe(true);
    expect(await store.patents.countFeesDue({}, { from: '2027-03-01', to: '2027-03-01' })).toBe(1);
    expect(await store.trademarks.countExpiring({ regionCode: '310115', industry: '制造业' }, allTime)).toBe(1);
    expect(await store.trademarks.countExpiring({}, allTime)).toBe(1);
    // Trademarks at version 1 with no goods recorded; copyrights without author or completion date.
    expect(await store.trademarks.byNumbers(['TM0001'])).toStrictEqual([
      {
        registrationNumber: 'TM0001',
        enterpriseId: 'e2',
        mark: '乙',
        niceClass: 9,
        goods: [],
        registrationDate: '2016-05-14',
        expiryDate: '2026-05-13',
        version: 1,
        updatedAt: '2016-05-14T00:00:00.000Z',
      },
    ]);
    expect(await store.copyrights.byEnterprises(['e1'], undefined, 100)).toStrictEqual([
      [
        {
          registrationNumber: '2024SR0001',
          enterpriseId: 'e1',
          title: '甲软件',
          kind: 'SOFTWARE',
          author: null,
          completedOn: null,
          registeredOn: '2024-08-08',
          updatedAt: '2024-08-08T00:00:00.000Z',
        },
      ],
    ]);
    expect(await store.enterprises.countBy('industry')).toStrictEqual([{ key: '制造业', enterprises: 2 }]);
    expect(await store.patents.countBy('regionCode')).toStrictEqual([
      { key: '110108', patents: 1 },
      { key: '310115', patents: 1 },
    ]);
    // Counted on write from here on, once.
    await store.enterprises.insert({
      id: 'e3',
      uscc: '91110108MA0000003X',
      name: '丙',
      regionCode: '110108',
      industry: '制造业',
      filingStatus: 'FILED',
      registeredAt: '2026-02-01T00:00:00.000Z',
      creditCodeOverride: null,
    });
    expect(await store.enterprises.countBy('regionCode')).toStrictEqual([
      { key: '110108', enterprises: 2 },
      { key: '310115', enterprises: 1 },
    ]);
  } finally {
    await store.close();
  }
  // Opening again migrates nothing twice.
  const again = openSqliteEnterprisesStore(new Database(path));
  expect(await again.enterprises.countBy('regionCode')).toStrictEqual([
    { key: '110108', enterprises: 2 },
    { key: '310115', enterprises: 1 },
  ]);
  await again.close();
});

it('moves the stored deadlines and their counts when fees begin with grant: a data directory from before warned a pending application of fees', async () => {
  const path = join(dir.path, 'enterprises.db');
  const before = new Database(path);
  before.exec(BEFORE);
  // A pending invention filed 2024-02-01 and a granted one without feesPaidThrough, as the rule before stored them.
  before.exec(`
    INSERT INTO patents VALUES ('202410000007.2', 'e1', 'INVENTION', 0, '待审申请', NULL, 'PENDING', '2024-02-01', NULL, NULL);
    INSERT INTO patents VALUES ('202010000008.X', 'e1', 'INVENTION', 0, '未记缴费的授权专利', NULL, 'GRANTED', '2020-02-03', '2023-06-01', NULL);
  `);
  before.close();
  const first = openSqliteEnterprisesStore(new Database(path));
  await first.close();
  // As the rule before left them: every anniversary from filing, for pending and granted alike.
  const old = new Database(path);
  old.exec(`
    UPDATE patents SET fee_due = '2025-02-01', exam_due = NULL WHERE application_number = '202410000007.2';
    UPDATE patents SET fee_due = '2021-02-03' WHERE application_number = '202010000008.X';
    DELETE FROM deadline_counts WHERE deadline IN ('fee', 'examination');
    INSERT INTO deadline_counts (deadline, day, n) SELECT 'fee', fee_due, count(*) FROM patents WHERE fee_due IS NOT NULL GROUP BY 2;
    DROP TABLE deadline_rules;
  `);
  old.close();

  const store = openSqliteEnterprisesStore(new Database(path));
  try {
    const allTime = { from: '2000-01-01', to: '2099-12-31' };
    const due = (await store.patents.feesDue({}, allTime, undefined, 10)).map((p) => p.applicationNumber);
    // The application owes no fee; the granted patent's year of grant (its fourth, from 2023-02-03) is paid.
    expect(due).not.toContain('202410000007.2');
    expect(await store.patents.countFeesDue({}, { from: '2024-02-03', to: '2024-02-03' })).toBe(1);
    expect(await store.patents.countFeesDue({}, { from: '2021-02-03', to: '2021-02-03' })).toBe(0);
    // Its examination request falls due three years from filing (Patent Law art. 35).
    const requests = await store.patents.examinationRequestsDue({}, allTime, undefined, 10);
    expect(requests.map((p) => p.applicationNumber)).toStrictEqual(['202410000007.2']);
  } finally {
    await store.close();
  }
});

it('dates the records of a database from before updatedAt by the last change they show, and recomputed deadlines change none', async () => {
  const path = join(dir.path, 'enterprises.db');
  const before = new Database(path);
  before.exec(BEFORE);
  before.close();
  const first = openSqliteEnterprisesStore(new Database(path));
  // A fee paid, and a trademark transferred, each an entry of its history.
  const [granted] = await first.patents.byNumbers(['202310000003.1']);
  const paidAt = '2026-03-02T00:00:00.000Z';
  await first.patents.update(
    granted!,
    { ...granted!, feesPaidThrough: '2026-03-01' },
    { at: paidAt, actor: 's', role: 'CENTER_STAFF', type: 'ANNUAL_FEE_PAID', details: {} },
  );
  const [mark] = await first.trademarks.byNumbers(['TM0001']);
  const movedAt = '2026-04-01T00:00:00.000Z';
  const receipt = { seq: 1, entryHash: 'ab'.repeat(32), timestamp: 0 };
  const transfer = {
    id: 't1',
    right: { kind: 'TRADEMARK' as const, number: 'TM0001' },
    fromEnterpriseId: 'e2',
    toEnterpriseId: 'e1',
    contractDate: '2026-03-20',
    contractDigest: 'cd'.repeat(32),
    effectiveDate: '2026-04-01',
    state: 'EFFECTIVE' as const,
    registeredAt: movedAt,
    registeredBy: 's',
    receipt,
  };
  // Claimed first, as every transfer is: the rights of a database from before claims get their column.
  const claim = { token: 'k', at: movedAt, digest: 'ef'.repeat(32), role: 'CENTER_STAFF', act: { kind: 'TRANSFER' as const, transfer } };
  expect(await first.rights.claim(transfer.right, mark!.version, claim, '2026-01-01T00:00:00.000Z')).toStrictEqual({ ok: true, replaced: null });
  expect(await first.rights.claim(transfer.right, mark!.version, { ...claim, token: 'other' }, '2026-01-01T00:00:00.000Z')).toStrictEqual({ ok: false });
  expect(await first.rights.transfer(transfer, 'k', { at: movedAt, actor: 's', role: 'CENTER_STAFF', type: 'TRANSFERRED', details: {} })).toBe(true);
  await first.close();
  const old = new Database(path);
  for (const table of ['enterprises', 'patents', 'trademarks', 'copyrights']) {
    for (const { name } of old
      .prepare<[string], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql LIKE '%updated_at%'`)
      .all(table)) {
      old.exec(`DROP INDEX ${name}`);
    }
    old.exec(`ALTER TABLE ${table} DROP COLUMN updated_at`);
  }
  old.close();

  const store = openSqliteEnterprisesStore(new Database(path));
  const dated = async () => ({
    enterprises: (await store.enterprises.page({}, { order: 'UPDATED_AT', since: '', after: undefined }, 10)).map((e) => [e.id, e.updatedAt]),
    patents: (await store.patents.page({}, { order: 'UPDATED_AT', since: '', after: undefined }, 10)).map((p) => [p.applicationNumber, p.updatedAt]),
    trademarks: (await store.trademarks.byNumbers(['TM0001'])).map((m) => m?.updatedAt),
    copyrights: (await store.copyrights.byNumbers(['2024SR0001'])).map((c) => c?.updatedAt),
  });
  try {
    expect(await dated()).toStrictEqual({
      // By their registration.
      enterprises: [
        ['e1', '2026-01-05T08:30:00.000Z'],
        ['e2', '2026-01-05T08:30:00.000Z'],
      ],
      // The lapsed one by its filing date (no history, no grant); the other by the fee paid.
      patents: [
        ['202220000001.2', '2022-01-10T00:00:00.000Z'],
        ['202310000003.1', paidAt],
      ],
      trademarks: [movedAt],
      copyrights: ['2024-08-08T00:00:00.000Z'],
    });
  } finally {
    await store.close();
  }
  // The deadlines computed again under new rules: derived data, no change of any record.
  const rules = new Database(path);
  rules.exec('DROP TABLE deadline_rules');
  rules.close();
  const again = openSqliteEnterprisesStore(new Database(path));
  try {
    expect(
      (await again.patents.page({}, { order: 'UPDATED_AT', since: '', after: undefined }, 10)).map((p) => [p.applicationNumber, p.updatedAt]),
    ).toStrictEqual([
      ['202220000001.2', '2022-01-10T00:00:00.000Z'],
      ['202310000003.1', paidAt],
    ]);
  } finally {
    await again.close();
  }
});

it('indexes the names of a database from before the name search as it opens, in one go, and once', async () => {
  const path = join(dir.path, 'enterprises.db');
  const before = new Database(path);
  before.exec(BEFORE);
  before.exec(`
    INSERT INTO enterprises VALUES ('e3', '91440300708461136T', '华为技术有限公司', '440300', '制造业', 'FILED', '2026-01-05T08:30:00.000Z', NULL, NULL);
    INSERT INTO enterprises VALUES ('e4', '914403001922038216', 'ＢＹＤ汽车有限公司', '440300', '制造业', 'FILED', '2026-01-05T08:30:00.000Z', NULL, NULL);
  `);
  before.close();
  const postings = () => {
    const db = new Database(path, { readonly: true });
    try {
      return {
        grams: db.prepare<[], number>('SELECT count(*) FROM enterprise_name_grams').pluck().get(),
        counts: db.prepare<[], [string, number]>('SELECT gram, n FROM enterprise_gram_counts ORDER BY gram').raw().all(),
      };
    } finally {
      db.close();
    }
  };
  const searched = async (store: ReturnType<typeof openSqliteEnterprisesStore>, text: string) => ({
    ids: (await store.enterprises.page({ search: text }, { order: 'ID', after: undefined }, 10)).map((e) => e.id),
    count: await store.enterprises.count({ search: text }),
  });

  const store = openSqliteEnterprisesStore(new Database(path));
  try {
    expect(await searched(store, '华为')).toStrictEqual({ ids: ['e3'], count: 1 });
    expect(await searched(store, '技术有限')).toStrictEqual({ ids: ['e3'], count: 1 });
    expect(await searched(store, 'byd汽车')).toStrictEqual({ ids: ['e4'], count: 1 });
    expect(await searched(store, '有限公司')).toStrictEqual({ ids: ['e3', 'e4'], count: 2 });
    await store.enterprises.insert({
      id: 'e5',
      uscc: '91440300MA0000005X',
      name: '华为终端有限公司',
      regionCode: '440300',
      industry: '制造业',
      filingStatus: 'FILED',
      registeredAt: '2026-02-01T00:00:00.000Z',
      creditCodeOverride: null,
    });
    expect(await searched(store, '华为')).toStrictEqual({ ids: ['e3', 'e5'], count: 2 });
  } finally {
    await store.close();
  }
  // A one-character name is indexed by its character; every name's grams counted.
  const indexed = postings();
  expect(indexed.counts).toContainEqual(['甲', 1]);
  expect(indexed.counts).toContainEqual(['有限', 3]);
  expect(indexed.counts).toContainEqual(['华为', 2]);
  expect(indexed.grams).toBe(2 + 7 + 8 + 7);

  // Opened again: nothing indexed twice.
  const again = openSqliteEnterprisesStore(new Database(path));
  expect(await searched(again, '华为')).toStrictEqual({ ids: ['e3', 'e5'], count: 2 });
  await again.close();
  expect(postings()).toStrictEqual(indexed);

  // An index of another fold's version is built again from the names, to the same postings.
  const old = new Database(path);
  old.exec(`UPDATE name_index SET version = 0; UPDATE enterprises SET name_folded = ''; DELETE FROM enterprise_gram_counts WHERE gram = '华为'`);
  old.close();
  const rebuilt = openSqliteEnterprisesStore(new Database(path));
  expect(await searched(rebuilt, '华为')).toStrictEqual({ ids: ['e3', 'e5'], count: 2 });
  expect(await searched(rebuilt, '华为技术')).toStrictEqual({ ids: ['e3'], count: 1 });
  await rebuilt.close();
  expect(postings()).toStrictEqual(indexed);
});

it('gives licences from before the effective date their contract date, and keys each contract and mark once (专利实施许可合同备案办法 art. 12(2)(viii))', async () => {
  const path = join(dir.path, 'enterprises.db');
  const before = new Database(path);
  before.exec(BEFORE);
  // Licences as the release before kept them: whole, without an effective date; one contract recorded twice, as it then allowed.
  before.exec(`CREATE TABLE licences (id TEXT PRIMARY KEY, right_key TEXT NOT NULL, record TEXT NOT NULL, registered_at TEXT NOT NULL);
    INSERT INTO trademarks VALUES ('TM0002', 'e2', ' 乙 ', 9, '2017-05-14', '2027-05-13');
    INSERT INTO trademarks VALUES ('TM0003', 'e2', '乙', 10, '2017-05-14', '2027-05-13');`);
  const digest = 'ab'.repeat(32);
  const old = (id: string, registeredAt: string) => ({
    id,
    right: { kind: 'PATENT', number: '202310000003.1' },
    licensorId: 'e1',
    licenseeId: 'e2',
    kind: 'ORDINARY',
    territory: ['CN'],
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    royaltyFen: null,
    royaltyTerms: null,
    contractDate: '2025-12-20',
    contractDigest: digest,
    registeredAt,
    registeredBy: 'staff',
    receipt: { seq: 1, entryHash: 'cd'.repeat(32), timestamp: 0 },
  });
  const insert = before.prepare('INSERT INTO licences VALUES (?, ?, ?, ?)');
  for (const l of [old('l2', '2026-01-03T00:00:00.000Z'), old('l1', '2026-01-02T00:00:00.000Z')])
    insert.run(l.id, 'PATENT:202310000003.1', JSON.stringify(l), l.registeredAt);
  before.close();

  const store = openSqliteEnterprisesStore(new Database(path));
  try {
    const [l1, l2] = await store.rights.licencesOf('PATENT:202310000003.1', undefined, 10);
    expect([l1, l2]).toStrictEqual([
      { ...old('l1', '2026-01-02T00:00:00.000Z'), effectiveDate: '2025-12-20' },
      { ...old('l2', '2026-01-03T00:00:00.000Z'), effectiveDate: '2025-12-20' },
    ]);
    // The first recorded holds the contract; the twin stays, as recorded.
    expect(await store.rights.licenceByContract('PATENT:202310000003.1', digest)).toStrictEqual(l1);
    const again = { ...l1!, id: 'l3', registeredAt: '2026-03-01T00:00:00.000Z', effectiveDate: '2025-12-20' };
    // Refused whatever the claim: no claim is held.
    expect(
      await store.rights.license(again, 'none', { at: again.registeredAt, actor: 's', role: 'CENTER_STAFF', type: 'LICENSED', details: {} }),
    ).toStrictEqual({
      reason: 'DUPLICATE',
      with: l1,
    });
    // Marks keyed from their text: the same mark in class 9, not the one in class 10.
    expect(await store.trademarks.sameMark('e2', '乙', 9, 10)).toStrictEqual(['TM0001', 'TM0002']);
  } finally {
    await store.close();
  }
});

it('reads a transfer recorded before effective dates as EFFECTIVE on the day it was recorded (Patent Law art. 10(3)), and waits none', async () => {
  const path = join(dir.path, 'enterprises.db');
  const before = new Database(path);
  before.exec('CREATE TABLE transfers (id TEXT PRIMARY KEY, right_key TEXT NOT NULL, record TEXT NOT NULL, registered_at TEXT NOT NULL)');
  const old = {
    id: 't0',
    right: { kind: 'PATENT', number: '202310000003.1' },
    fromEnterpriseId: 'e1',
    toEnterpriseId: 'e2',
    contractDate: '2025-12-20',
    contractDigest: 'cd'.repeat(32),
    // 2026-01-04 in China.
    registeredAt: '2026-01-03T17:00:00.000Z',
    registeredBy: 'staff',
    receipt: { seq: 1, entryHash: 'ab'.repeat(32), timestamp: 0 },
  };
  before.prepare('INSERT INTO transfers VALUES (?, ?, ?, ?)').run(old.id, 'PATENT:202310000003.1', JSON.stringify(old), old.registeredAt);
  before.close();
  const store = openSqliteEnterprisesStore(new Database(path));
  try {
    const migrated = { ...old, effectiveDate: '2026-01-04', state: 'EFFECTIVE' };
    expect(await store.rights.transfersByIds(['t0'])).toStrictEqual([migrated]);
    expect(await store.rights.transfersOf(['PATENT:202310000003.1'])).toStrictEqual([[migrated]]);
    expect(await store.rights.pendingTransfers('2099-12-31', 10)).toStrictEqual([]);
  } finally {
    await store.close();
  }
});
