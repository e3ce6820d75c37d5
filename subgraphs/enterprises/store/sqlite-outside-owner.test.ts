// A data directory from before rights could leave the registry (2026-12): its patents' and
// trademarks' enterprise_id NOT NULL, rebuilt in place as the store opens (sqlite.org/lang_altertable.html
// §7), every row, index and foreign key kept, and a right then moves to an outside party.
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';

import { tempDir } from '../../../test/support/tmp.js';
import { openSqliteEnterprisesStore } from './sqlite.js';

// The tables of a release before the warnings' columns: every later column added by migrate, then the owner made nullable.
const BEFORE = `
CREATE TABLE enterprises (id TEXT PRIMARY KEY, uscc TEXT NOT NULL UNIQUE, name TEXT NOT NULL, region_code TEXT NOT NULL, industry TEXT NOT NULL,
  filing_status TEXT NOT NULL, registered_at TEXT NOT NULL, override_approved_by TEXT, override_reason TEXT);
CREATE TABLE patents (application_number TEXT PRIMARY KEY, enterprise_id TEXT NOT NULL REFERENCES enterprises (id), type TEXT NOT NULL,
  pct INTEGER NOT NULL, title TEXT NOT NULL, ipc_class TEXT, status TEXT NOT NULL, filing_date TEXT NOT NULL, grant_date TEXT, fees_paid_through TEXT);
CREATE TABLE trademarks (registration_number TEXT PRIMARY KEY, enterprise_id TEXT NOT NULL REFERENCES enterprises (id), mark TEXT NOT NULL,
  nice_class INTEGER NOT NULL, registration_date TEXT NOT NULL, expiry_date TEXT NOT NULL);
CREATE TABLE copyrights (registration_number TEXT PRIMARY KEY, enterprise_id TEXT NOT NULL REFERENCES enterprises (id), title TEXT NOT NULL,
  kind TEXT NOT NULL, registered_on TEXT NOT NULL);
INSERT INTO enterprises VALUES ('e1', '91110108MA0000001X', '甲', '110108', '制造业', 'FILED', '2026-01-05T08:30:00.000Z', NULL, NULL);
INSERT INTO patents VALUES ('202310000003.1', 'e1', 'INVENTION', 0, '甲的发明', NULL, 'GRANTED', '2023-03-01', '2024-05-01', '2025-03-01');
INSERT INTO trademarks VALUES ('TM0001', 'e1', '甲', 9, '2016-05-14', '2036-05-13');
`;

let dir = tempDir('iphub-enterprises-outside-');
afterEach(() => {
  dir.remove();
  dir = tempDir('iphub-enterprises-outside-');
});

/** The schema of the rights' tables: each index and trigger by name, with its SQL. */
const schemaOf = (db: Database.Database) =>
  db
    .prepare<[], { type: string; name: string; sql: string | null }>(
      `SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('patents', 'trademarks') AND type IN ('index', 'trigger') ORDER BY name`,
    )
    .all();
const ownerRequired = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; notnull: number }[]).find((c) => c.name === 'enterprise_id')!.notnull;

it('makes the owner of patents and trademarks nullable in place, keeping every row, index and foreign key (the 12-step rebuild)', async () => {
  const path = join(dir.path, 'enterprises.db');
  const before = new Database(path);
  before.exec(BEFORE);
  before.close();

  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  const store = openSqliteEnterprisesStore(db);
  // A fresh database's schema, for comparison.
  const fresh = new Database(':memory:');
  const freshStore = openSqliteEnterprisesStore(fresh);
  try {
    expect([ownerRequired(db, 'patents'), ownerRequired(db, 'trademarks')]).toStrictEqual([0, 0]);
    expect(schemaOf(db)).toStrictEqual(schemaOf(fresh));
    // Foreign keys back on and still holding: no right of an enterprise not registered.
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toStrictEqual([]);
    expect(() => db.prepare(`UPDATE patents SET enterprise_id = 'nobody'`).run()).toThrow(/FOREIGN KEY/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // The rows as they were, counted as they were.
    const [granted] = await store.patents.byNumbers(['202310000003.1']);
    expect(granted).toMatchObject({ enterpriseId: 'e1', title: '甲的发明', version: 1 });
    expect(granted!.outsideOwner).toBeUndefined();
    expect(await store.patents.countBy('regionCode')).toStrictEqual([{ key: '110108', patents: 1 }]);
    const allTime = { from: '2000-01-01', to: '2099-12-31' };
    expect(await store.trademarks.countExpiring({}, allTime)).toBe(1);

    // Then a right leaves for an outside party: no owner, counted for no region.
    const away = { ...granted!, enterpriseId: null, outsideOwner: { kind: 'FOREIGN_ENTITY' as const, name: 'Siemens AG', country: 'DE' } };
    expect(
      await store.patents.update(granted!, away, { at: '2026-03-02T00:00:00.000Z', actor: 's', role: 'CENTER_STAFF', type: 'TRANSFERRED', details: {} }),
    ).toBe(true);
    expect((await store.patents.byNumbers(['202310000003.1']))[0]).toMatchObject({ enterpriseId: null, outsideOwner: away.outsideOwner, version: 2 });
    expect(await store.patents.countBy('regionCode')).toStrictEqual([]);
    expect(await store.patents.countFeesDue({}, allTime)).toBe(0);
    expect(await store.patents.count({})).toBe(1);
  } finally {
    await store.close();
    await freshStore.close();
  }

  // Opened again: nothing left to rebuild, the rows as they are.
  const again = openSqliteEnterprisesStore(new Database(path));
  try {
    expect((await again.patents.byNumbers(['202310000003.1']))[0]).toMatchObject({ enterpriseId: null, version: 2 });
    expect(await again.trademarks.byEnterprises(['e1'], undefined, 10)).toHaveLength(1);
  } finally {
    await again.close();
  }
});
