// A database from before the deposit counts opens with them counted from its rows.
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';

import { tempDir } from '../../../test/support/tmp.js';
import type { EvidenceRecord } from '../domain/model.js';
import { openSqliteEvidenceStore } from './sqlite.js';

let dir = tempDir('iphub-evidence-migration-');
afterEach(() => {
  dir.remove();
  dir = tempDir('iphub-evidence-migration-');
});

const deposit = (id: string, depositedAt: string, seq: number): EvidenceRecord => ({
  id,
  depositorId: 'd1',
  title: id,
  category: 'OTHER',
  contentDigest: 'a'.repeat(64),
  depositedAt,
  receipt: { seq, entryHash: 'e'.repeat(64), timestamp: Date.parse(depositedAt) },
});

it('counts the deposits there are per month', async () => {
  const path = join(dir.path, 'evidence.db');
  const before = openSqliteEvidenceStore(new Database(path));
  await before.evidence.insertMany([
    // The last instant of January and the first of February in China time.
    deposit('a', '2026-01-31T15:59:59.999Z', 0),
    deposit('b', '2026-01-31T16:00:00.000Z', 1),
    deposit('c', '2026-02-09T00:00:00.000Z', 2),
  ]);
  await before.close();
  const db = new Database(path);
  db.exec('DROP TABLE evidence_counts; DROP TABLE month_count_zones');

  const store = openSqliteEvidenceStore(db);
  try {
    expect(await store.evidence.countByMonth('2026-01', '2026-12')).toStrictEqual([
      { month: '2026-01', count: 1 },
      { month: '2026-02', count: 2 },
    ]);
    expect(await store.evidence.count()).toBe(3);
  } finally {
    await store.close();
  }
});

it('counts again, in China time, the months a database counted in UTC before the hub had a time zone', async () => {
  const path = join(dir.path, 'evidence.db');
  const before = openSqliteEvidenceStore(new Database(path));
  // 17:00 UTC on 31 January is 1 February in China.
  await before.evidence.insertMany([deposit('a', '2026-01-31T17:00:00.000Z', 0), deposit('b', '2026-01-31T15:00:00.000Z', 1)]);
  await before.close();
  // As a database from before kept it: counted by the UTC month, and no zone noted.
  const db = new Database(path);
  db.exec("DELETE FROM evidence_counts; INSERT INTO evidence_counts (month, n) VALUES ('2026-01', 2); DROP TABLE month_count_zones");

  const store = openSqliteEvidenceStore(db);
  try {
    expect(await store.evidence.countByMonth('2026-01', '2026-12')).toStrictEqual([
      { month: '2026-01', count: 1 },
      { month: '2026-02', count: 1 },
    ]);
  } finally {
    await store.close();
  }
});
