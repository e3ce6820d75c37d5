// A data directory from before the warnings' columns, the counters and the lifecycle opens and answers the same.
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

const dir = tempDir('iphub-enterprises-migration-');
afterEach(() => dir.remove());

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
      },
    ]);
    expect(await store.copyrights.byEnterprises(['e1'])).toStrictEqual([
      [
        {
          registrationNumber: '2024SR0001',
          enterpriseId: 'e1',
          title: '甲软件',
          kind: 'SOFTWARE',
          author: null,
          completedOn: null,
          registeredOn: '2024-08-08',
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
