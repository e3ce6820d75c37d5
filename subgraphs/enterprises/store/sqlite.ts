// The enterprises subgraph's repositories on its own SQLite database.
import { setImmediate as nextTurn } from 'node:timers/promises';

import type Database from 'better-sqlite3';

import type { Notification } from '../../../outbox/notification.js';
import { sqliteOutbox } from '../../../outbox/sqlite.js';
import { hubDateOf } from '../../../platform/hub-calendar.js';
import type { ListRead } from '../../../platform/pagination.js';
import {
  type Condition,
  countsOf as tableCounts,
  groupedByKey,
  hasColumn,
  inKeyOrder,
  inListQuery,
  listPages,
  pagesOf,
  statementCache,
  whereOf,
} from '../../../platform/sqlite.js';
import { tally } from '../../common/tally.js';
import { DEADLINE_RULES, patentDeadlines } from '../domain/deadlines.js';
import { overlappingLicence } from '../domain/licences.js';
import type {
  AssetEvent,
  CopyrightRecord,
  EnterpriseRecord,
  LicenceRecord,
  NewAssetEvent,
  OpenLicenceRecord,
  OutsideParty,
  PatentFreeze,
  PatentRecord,
  RightRef,
  Stored,
  TrademarkRecord,
  TransferRecord,
} from '../domain/model.js';
import { movedTo, patentAsset, rightKey, transferParts } from '../domain/model.js';
import { foldName, NAME_INDEX_VERSION, nameGrams, searchPlan } from '../domain/name-search.js';
import { importPlan } from '../domain/patent-changes.js';
import { markKey } from '../domain/trademark.js';
import type {
  DatedKey,
  DateWindow,
  EnterpriseFilter,
  EnterpriseListFilter,
  EnterprisesStore,
  ImportResult,
  LicenceRefusal,
  OwnerFilter,
  PatentFilter,
  RightClaim,
} from './port.js';
import { DuplicateKeyError } from './port.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS enterprises (
  id TEXT PRIMARY KEY,
  uscc TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL,
  industry TEXT NOT NULL,
  filing_status TEXT NOT NULL,
  registered_at TEXT NOT NULL,
  override_approved_by TEXT,
  override_reason TEXT,
  updated_at TEXT NOT NULL,
  name_folded TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS enterprises_by_region ON enterprises (region_code, id);
CREATE INDEX IF NOT EXISTS enterprises_by_industry ON enterprises (industry, id);
CREATE TABLE IF NOT EXISTS patents (
  application_number TEXT PRIMARY KEY,
  enterprise_id TEXT REFERENCES enterprises (id),
  type TEXT NOT NULL,
  pct INTEGER NOT NULL,
  title TEXT NOT NULL,
  ipc_class TEXT,
  status TEXT NOT NULL,
  filing_date TEXT NOT NULL,
  grant_date TEXT,
  fees_paid_through TEXT,
  region_code TEXT NOT NULL,
  industry TEXT NOT NULL,
  fee_due TEXT,
  fee_grace_ends TEXT,
  protection_ends TEXT,
  grant_publication_number TEXT,
  lapsed_on TEXT,
  freeze TEXT,
  invalidation TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  priority_date TEXT,
  parent_application_number TEXT,
  examination_requested_on TEXT,
  termination_notice_on TEXT,
  term_compensation TEXT NOT NULL DEFAULT '[]',
  waiting_freezes TEXT NOT NULL DEFAULT '[]',
  declared INTEGER NOT NULL DEFAULT 0,
  exam_due TEXT,
  updated_at TEXT NOT NULL,
  claim TEXT,
  outside_owner TEXT
);
CREATE INDEX IF NOT EXISTS patents_by_enterprise ON patents (enterprise_id, application_number);
CREATE TABLE IF NOT EXISTS trademarks (
  registration_number TEXT PRIMARY KEY,
  enterprise_id TEXT REFERENCES enterprises (id),
  mark TEXT NOT NULL,
  nice_class INTEGER NOT NULL,
  registration_date TEXT NOT NULL,
  expiry_date TEXT NOT NULL,
  region_code TEXT NOT NULL,
  industry TEXT NOT NULL,
  goods TEXT NOT NULL DEFAULT '[]',
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  mark_key TEXT NOT NULL DEFAULT '',
  claim TEXT,
  freeze TEXT,
  outside_owner TEXT
);
CREATE INDEX IF NOT EXISTS trademarks_by_enterprise ON trademarks (enterprise_id, registration_number);
CREATE TABLE IF NOT EXISTS copyrights (
  registration_number TEXT PRIMARY KEY,
  enterprise_id TEXT NOT NULL REFERENCES enterprises (id),
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  registered_on TEXT NOT NULL,
  author TEXT,
  completed_on TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS copyrights_by_enterprise ON copyrights (enterprise_id, registration_number);
CREATE TABLE IF NOT EXISTS transfers (
  id TEXT PRIMARY KEY,
  right_key TEXT NOT NULL,
  record TEXT NOT NULL,
  registered_at TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'EFFECTIVE',
  effective_date TEXT
);
CREATE INDEX IF NOT EXISTS transfers_by_right ON transfers (right_key, registered_at, id);
CREATE TABLE IF NOT EXISTS licences (
  id TEXT PRIMARY KEY,
  right_key TEXT NOT NULL,
  record TEXT NOT NULL,
  registered_at TEXT NOT NULL,
  effective_date TEXT,
  contract_digest TEXT
);
CREATE INDEX IF NOT EXISTS licences_by_right ON licences (right_key, registered_at, id);
CREATE TABLE IF NOT EXISTS open_licences (
  id TEXT PRIMARY KEY,
  application_number TEXT NOT NULL,
  declared_at TEXT NOT NULL,
  standing INTEGER NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS open_licences_by_patent ON open_licences (application_number, declared_at, id);
CREATE UNIQUE INDEX IF NOT EXISTS open_licences_standing ON open_licences (application_number) WHERE standing = 1;
CREATE TABLE IF NOT EXISTS asset_events (
  asset TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  type TEXT NOT NULL,
  details TEXT NOT NULL,
  PRIMARY KEY (asset, seq)
) WITHOUT ROWID;
`;

// The warnings' indexes: each deadline in date order, covering the filters (region, industry), so
// that a page reads the index until it has its rows and a filtered count reads the window's entries
// and no row (an unfiltered count reads deadline_counts). Fees, whose window holds a fifth of the
// live patents, also by region and by industry first, so that those count their own entries only.
// An enterprise's few rights are read through its own index. Partial: only live patents have
// deadlines. Region and industry are the owner's, copied at registration; an enterprise's region
// and industry never change.
const DEADLINE_INDEXES = `
CREATE INDEX IF NOT EXISTS patents_by_fee_due ON patents (fee_due, application_number, region_code, industry) WHERE fee_due IS NOT NULL;
CREATE INDEX IF NOT EXISTS patents_by_region_fee_due ON patents (region_code, fee_due, application_number, industry) WHERE fee_due IS NOT NULL;
CREATE INDEX IF NOT EXISTS patents_by_industry_fee_due ON patents (industry, fee_due, application_number, region_code) WHERE fee_due IS NOT NULL;
CREATE INDEX IF NOT EXISTS patents_by_protection_end ON patents (protection_ends, application_number, region_code, industry) WHERE protection_ends IS NOT NULL;
CREATE INDEX IF NOT EXISTS patents_by_exam_due ON patents (exam_due, application_number, region_code, industry) WHERE exam_due IS NOT NULL;
DROP INDEX IF EXISTS trademarks_by_expiry;
CREATE INDEX IF NOT EXISTS trademarks_by_expiry_date ON trademarks (expiry_date, registration_number, region_code, industry);
`;

// Statistics by region and industry, and rights by deadline and day, counted in the writer's
// transaction, so that reading them costs the number of groups or days, not the registry.
const COUNTERS = `
CREATE TABLE IF NOT EXISTS registry_counts (
  dimension TEXT NOT NULL,
  key TEXT NOT NULL,
  enterprises INTEGER NOT NULL DEFAULT 0,
  patents INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (dimension, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS deadline_counts (
  deadline TEXT NOT NULL,
  day TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (deadline, day)
) WITHOUT ROWID;
`;

// For a database from before the counters. ("WHERE true": an upsert's SELECT needs a WHERE.)
const COUNTS_FROM_ROWS = `
INSERT INTO registry_counts (dimension, key, enterprises) SELECT 'regionCode', region_code, count(*) FROM enterprises WHERE true GROUP BY 2;
INSERT INTO registry_counts (dimension, key, enterprises) SELECT 'industry', industry, count(*) FROM enterprises WHERE true GROUP BY 2;
INSERT INTO registry_counts (dimension, key, patents) SELECT 'regionCode', region_code, count(*) FROM patents WHERE true GROUP BY 2
  ON CONFLICT DO UPDATE SET patents = excluded.patents;
INSERT INTO registry_counts (dimension, key, patents) SELECT 'industry', industry, count(*) FROM patents WHERE true GROUP BY 2
  ON CONFLICT DO UPDATE SET patents = excluded.patents;
`;
const DEADLINE_COUNTS_FROM_ROWS = `
INSERT INTO deadline_counts (deadline, day, n) SELECT 'fee', fee_due, count(*) FROM patents WHERE fee_due IS NOT NULL GROUP BY 2;
INSERT INTO deadline_counts (deadline, day, n) SELECT 'protection', protection_ends, count(*) FROM patents WHERE protection_ends IS NOT NULL GROUP BY 2;
INSERT INTO deadline_counts (deadline, day, n) SELECT 'trademark', expiry_date, count(*) FROM trademarks GROUP BY 2;
`;

// What changed when, for syncs (updatedSince): the lists read by change, each by its filters'
// columns first. Created once the columns exist (DATED_FROM_ROWS).
const CHANGES = `
CREATE INDEX IF NOT EXISTS enterprises_by_change ON enterprises (updated_at, id);
CREATE INDEX IF NOT EXISTS enterprises_by_region_change ON enterprises (region_code, updated_at, id);
CREATE INDEX IF NOT EXISTS enterprises_by_industry_change ON enterprises (industry, updated_at, id);
CREATE INDEX IF NOT EXISTS patents_by_change ON patents (updated_at, application_number);
CREATE INDEX IF NOT EXISTS patents_by_enterprise_change ON patents (enterprise_id, updated_at, application_number);
CREATE INDEX IF NOT EXISTS patents_by_status ON patents (status, application_number);
CREATE INDEX IF NOT EXISTS patents_by_status_change ON patents (status, updated_at, application_number);
`;
// A database from before updatedAt dates each record by the latest change its rows show: an
// enterprise by its registration; a patent or trademark by its history's last event, or its grant,
// filing or registration day (midnight UTC) when later; a copyright by its day of registration.
// Each table once, while it lacks the column.
const DATED_FROM_ROWS: Readonly<Record<'enterprises' | 'patents' | 'trademarks' | 'copyrights', string>> = {
  enterprises: `
    ALTER TABLE enterprises ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
    UPDATE enterprises SET updated_at = registered_at;`,
  patents: `
    ALTER TABLE patents ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
    UPDATE patents SET updated_at = max(coalesce(grant_date, filing_date) || 'T00:00:00.000Z',
      coalesce((SELECT max(at) FROM asset_events e WHERE e.asset = 'PATENT:' || patents.application_number), ''));`,
  trademarks: `
    ALTER TABLE trademarks ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
    UPDATE trademarks SET updated_at = max(registration_date || 'T00:00:00.000Z',
      coalesce((SELECT max(at) FROM asset_events e WHERE e.asset = 'TRADEMARK:' || trademarks.registration_number), ''));`,
  copyrights: `
    ALTER TABLE copyrights ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
    UPDATE copyrights SET updated_at = registered_on || 'T00:00:00.000Z';`,
};

// Enterprises by name (EnterpriseListFilter.search): each folded name's bigrams
// (domain/name-search.ts), an enterprise's grams written with it, and how many enterprises have
// each gram, so that a search walks its rarest gram's postings and no more. The folded name is
// kept as a column (name_folded) rather than computed by a function registered with db.function:
// the containment check then runs in SQLite's own instr() on each posting walked, with no call
// into JavaScript per row, and the database reads the same without this process's functions.
const NAME_INDEX = `
CREATE TABLE IF NOT EXISTS enterprise_name_grams (
  gram TEXT NOT NULL,
  enterprise_id TEXT NOT NULL,
  PRIMARY KEY (gram, enterprise_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS enterprise_gram_counts (gram TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS name_index (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
`;

/**
 * Once per version of the fold (domain/name-search.ts NAME_INDEX_VERSION): every enterprise's
 * folded name and grams written again from its name, and the grams counted. A database from
 * before the name index gets it here, in the transaction of migrate, as the store opens (about
 * 4 s for 120,000 enterprises and their 1.36 million postings, measured with the hub's pragmas).
 */
function indexNames(db: Database.Database): void {
  if (!hasColumn(db, 'enterprises', 'name_folded')) db.exec(`ALTER TABLE enterprises ADD COLUMN name_folded TEXT NOT NULL DEFAULT ''`);
  db.exec(NAME_INDEX);
  const version = db.prepare<[], number>('SELECT version FROM name_index WHERE id = 1').pluck().get() ?? 0;
  if (version === NAME_INDEX_VERSION) return;
  db.exec('DELETE FROM enterprise_name_grams; DELETE FROM enterprise_gram_counts;');
  // The postings are gathered unordered, then copied in the index's order (SQLite sorts them in
  // half the time the index takes to grow from unordered inserts).
  db.exec('CREATE TEMP TABLE name_postings (gram TEXT NOT NULL, enterprise_id TEXT NOT NULL)');
  const setFolded = db.prepare('UPDATE enterprises SET name_folded = ? WHERE rowid = ?');
  const addPosting = db.prepare('INSERT INTO temp.name_postings (gram, enterprise_id) VALUES (?, ?)');
  for (const { rowid, id, name } of db.prepare<[], { rowid: number; id: string; name: string }>('SELECT rowid, id, name FROM enterprises').all()) {
    const folded = foldName(name);
    setFolded.run(folded, rowid);
    for (const gram of nameGrams(folded)) addPosting.run(gram, id);
  }
  db.exec(`
    INSERT INTO enterprise_name_grams (gram, enterprise_id) SELECT gram, enterprise_id FROM temp.name_postings ORDER BY gram, enterprise_id;
    DROP TABLE temp.name_postings;
    INSERT INTO enterprise_gram_counts (gram, n) SELECT gram, count(*) FROM enterprise_name_grams GROUP BY gram;
  `);
  db.prepare('INSERT INTO name_index (id, version) VALUES (1, ?) ON CONFLICT DO UPDATE SET version = excluded.version').run(NAME_INDEX_VERSION);
}

/**
 * The most postings of a gram one statement of a search walks, each joined to its enterprise and
 * checked (about 3 ms of the main thread, at 1.5 µs a posting): a search walking more lets other
 * requests run between slices.
 */
const SEARCH_SLICE = 2048;

/** A search's rarest gram, how many enterprises have it, and the folded search when a name must still be checked for it. */
interface SearchGram {
  readonly gram: string;
  readonly n: number;
  readonly check: string | undefined;
}

/** The deadlines counted per day. */
type Deadline = 'fee' | 'protection' | 'examination' | 'trademark';

// Licences by their contract: one contract is recorded once per right (专利实施许可合同备案办法 art.
// 12(2)(viii)), kept by the index in the licence's own transaction. A licence recorded twice before
// the rule has its digest on the first only (NULLs do not collide). Trademarks by owner, class and
// mark text (domain/trademark.ts markKey), for the registrations of one mark in one class.
const LICENCE_AND_MARK_INDEXES = `
CREATE UNIQUE INDEX IF NOT EXISTS licences_by_contract ON licences (right_key, contract_digest);
CREATE INDEX IF NOT EXISTS trademarks_by_mark ON trademarks (enterprise_id, nice_class, mark_key, registration_number);
`;

/**
 * Licences from before the effective date and the contract column: their effective date is their
 * contract date, and each right's first licence recorded with a digest keeps it in the column; a
 * later one with the same digest (recorded before the rule refused it) keeps it in its record only.
 * Trademarks from before the mark key get it from their mark. The caller's transaction.
 */
function keyLicencesAndMarks(db: Database.Database): void {
  if (!hasColumn(db, 'licences', 'effective_date')) {
    db.exec(`
      ALTER TABLE licences ADD COLUMN effective_date TEXT;
      ALTER TABLE licences ADD COLUMN contract_digest TEXT;
      UPDATE licences SET effective_date = coalesce(json_extract(record, '$.effectiveDate'), json_extract(record, '$.contractDate'));
      UPDATE licences SET contract_digest = json_extract(record, '$.contractDigest')
        WHERE NOT EXISTS (SELECT 1 FROM licences o WHERE o.right_key = licences.right_key
          AND json_extract(o.record, '$.contractDigest') = json_extract(licences.record, '$.contractDigest')
          AND (o.registered_at, o.id) < (licences.registered_at, licences.id));
    `);
  }
  if (!hasColumn(db, 'trademarks', 'mark_key')) {
    db.exec(`ALTER TABLE trademarks ADD COLUMN mark_key TEXT NOT NULL DEFAULT ''`);
    const setKey = db.prepare('UPDATE trademarks SET mark_key = ? WHERE registration_number = ?');
    for (const { registration_number, mark } of db
      .prepare<[], { registration_number: string; mark: string }>('SELECT registration_number, mark FROM trademarks')
      .all())
      setKey.run(markKey(mark), registration_number);
  }
  db.exec(LICENCE_AND_MARK_INDEXES);
}

/**
 * Brings a database from before the warnings' columns up to date, in one transaction: the
 * owner's region and industry and the deadlines onto every patent and trademark, then the counters.
 */
function migrate(db: Database.Database): void {
  db.transaction(() => {
    if (!hasColumn(db, 'patents', 'version')) {
      // freeze and invalidation are JSON: read with the patent, never searched.
      db.exec(`
        ALTER TABLE patents ADD COLUMN grant_publication_number TEXT;
        ALTER TABLE patents ADD COLUMN lapsed_on TEXT;
        ALTER TABLE patents ADD COLUMN freeze TEXT;
        ALTER TABLE patents ADD COLUMN invalidation TEXT;
        ALTER TABLE patents ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      `);
    }
    if (!hasColumn(db, 'patents', 'fee_due')) {
      db.exec(`
        ALTER TABLE patents ADD COLUMN region_code TEXT NOT NULL DEFAULT '';
        ALTER TABLE patents ADD COLUMN industry TEXT NOT NULL DEFAULT '';
        ALTER TABLE patents ADD COLUMN fee_due TEXT;
        ALTER TABLE patents ADD COLUMN fee_grace_ends TEXT;
        ALTER TABLE patents ADD COLUMN protection_ends TEXT;
        UPDATE patents SET (region_code, industry) = (SELECT region_code, industry FROM enterprises e WHERE e.id = patents.enterprise_id);
      `);
      // Their deadlines: recomputeDeadlines, below.
    }
    if (!hasColumn(db, 'patents', 'exam_due')) {
      db.exec(`
        ALTER TABLE patents ADD COLUMN priority_date TEXT;
        ALTER TABLE patents ADD COLUMN parent_application_number TEXT;
        ALTER TABLE patents ADD COLUMN examination_requested_on TEXT;
        ALTER TABLE patents ADD COLUMN termination_notice_on TEXT;
        ALTER TABLE patents ADD COLUMN term_compensation TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE patents ADD COLUMN waiting_freezes TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE patents ADD COLUMN declared INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE patents ADD COLUMN exam_due TEXT;
      `);
    }
    if (!hasColumn(db, 'trademarks', 'version')) {
      db.exec(`
        ALTER TABLE trademarks ADD COLUMN goods TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE trademarks ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      `);
    }
    if (!hasColumn(db, 'copyrights', 'author')) {
      db.exec(`
        ALTER TABLE copyrights ADD COLUMN author TEXT;
        ALTER TABLE copyrights ADD COLUMN completed_on TEXT;
      `);
    }
    if (!hasColumn(db, 'trademarks', 'region_code')) {
      db.exec(`
        ALTER TABLE trademarks ADD COLUMN region_code TEXT NOT NULL DEFAULT '';
        ALTER TABLE trademarks ADD COLUMN industry TEXT NOT NULL DEFAULT '';
        UPDATE trademarks SET (region_code, industry) = (SELECT region_code, industry FROM enterprises e WHERE e.id = trademarks.enterprise_id);
      `);
    }
    for (const [table, dated] of Object.entries(DATED_FROM_ROWS)) if (!hasColumn(db, table, 'updated_at')) db.exec(dated);
    db.exec(CHANGES);
    const exists = (table: string) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined;
    const [counted, deadlinesCounted] = [exists('registry_counts'), exists('deadline_counts')];
    db.exec(DEADLINE_INDEXES);
    db.exec(COUNTERS);
    if (!counted) db.exec(COUNTS_FROM_ROWS);
    if (!deadlinesCounted) db.exec(DEADLINE_COUNTS_FROM_ROWS);
    recomputeDeadlines(db);
    indexNames(db);
    keyLicencesAndMarks(db);
    // Claims on rights (RightsRepository.claim, 2026-12): none held on a right from before.
    for (const table of ['patents', 'trademarks']) if (!hasColumn(db, table, 'claim')) db.exec(`ALTER TABLE ${table} ADD COLUMN claim TEXT`);
    // Transfers' effective dates (2026-12): one recorded before moved its right when recorded, EFFECTIVE.
    if (!hasColumn(db, 'transfers', 'state')) {
      db.exec(`
        ALTER TABLE transfers ADD COLUMN state TEXT NOT NULL DEFAULT 'EFFECTIVE';
        ALTER TABLE transfers ADD COLUMN effective_date TEXT;
      `);
    }
    db.exec(`CREATE INDEX IF NOT EXISTS transfers_pending ON transfers (effective_date, id) WHERE state = 'PENDING'`);
    // Trademark freezes (2027-01): none recorded before.
    if (!hasColumn(db, 'trademarks', 'freeze')) db.exec('ALTER TABLE trademarks ADD COLUMN freeze TEXT');
    // Rights held outside the registry (2026-12): none before; their owner column made nullable by ownersOptional.
    for (const table of ['patents', 'trademarks']) if (!hasColumn(db, table, 'outside_owner')) db.exec(`ALTER TABLE ${table} ADD COLUMN outside_owner TEXT`);
  })();
  ownersOptional(db);
}

/** The owner column's declaration as databases from before 2026-12 have it: an owner on every right. */
const OWNER_REQUIRED = /\benterprise_id\s+TEXT\s+NOT\s+NULL\b/i;

/**
 * A right transferred to a party outside the registry has no owner enterprise (2026-12): the
 * patents' and trademarks' enterprise_id, NOT NULL before, made nullable in place. SQLite alters no
 * column's constraint, so each table is rebuilt by the procedure of sqlite.org/lang_altertable.html
 * §7 ("Making Other Kinds Of Table Schema Changes"): foreign keys off (outside any transaction, as
 * the pragma must be), one IMMEDIATE transaction (another process opening the store meanwhile finds
 * the work done), the new table from the stored CREATE statement with the constraint dropped, the
 * rows copied, the old table dropped, the new one renamed, its indexes and triggers created again
 * from their stored SQL, PRAGMA foreign_key_check before the commit; foreign keys back as they were.
 * Nothing else of the schema changes: no view or other table refers to these two.
 */
function ownersOptional(db: Database.Database): void {
  const stale = (table: string) =>
    (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; notnull: number }[]).some((c) => c.name === 'enterprise_id' && c.notnull === 1);
  if (!stale('patents') && !stale('trademarks')) return;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
  if (foreignKeys) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const table of ['patents', 'trademarks'] as const) {
        if (!stale(table)) continue;
        const created = db.prepare<[string], string>(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(table)!;
        if (!OWNER_REQUIRED.test(created)) throw new Error(`${table}: enterprise_id is NOT NULL but its declaration is not the one known: ${created}`);
        const rebuilt = created
          .replace(OWNER_REQUIRED, 'enterprise_id TEXT')
          .replace(/^CREATE TABLE\s+(?:IF NOT EXISTS\s+)?("?)\w+\1/i, `CREATE TABLE ${table}_rebuilt`);
        const others = db
          .prepare<[string], { sql: string }>(`SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL`)
          .all(table);
        db.exec(rebuilt);
        db.exec(`INSERT INTO ${table}_rebuilt SELECT * FROM ${table}`);
        db.exec(`DROP TABLE ${table}`);
        db.exec(`ALTER TABLE ${table}_rebuilt RENAME TO ${table}`);
        for (const { sql } of others) db.exec(sql);
      }
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`rebuilding the rights' tables broke ${broken.length} foreign keys: nothing changed`);
    }).immediate();
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
}

/**
 * Once per version of the deadline rules (domain/deadlines.ts DEADLINE_RULES): every patent's
 * stored deadlines computed again, and the patents' day counts with them (a database from before
 * annual fees began with grant warned of fees no application owes). The caller's transaction.
 */
function recomputeDeadlines(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS deadline_rules (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)');
  const version = db.prepare<[], number>('SELECT version FROM deadline_rules WHERE id = 1').pluck().get() ?? 0;
  if (version === DEADLINE_RULES) return;
  const update = db.prepare('UPDATE patents SET fee_due = ?, fee_grace_ends = ?, protection_ends = ?, exam_due = ? WHERE application_number = ?');
  for (const row of db.prepare<[], PatentRow>('SELECT * FROM patents').all()) {
    const d = deadlinesOf(toPatent(row));
    update.run(d.feeDue, d.feeGraceEnds, d.protectionEnds, d.examinationDue, row.application_number);
  }
  db.exec(`
    DELETE FROM deadline_counts WHERE deadline IN ('fee', 'protection', 'examination');
    INSERT INTO deadline_counts (deadline, day, n) SELECT 'fee', fee_due, count(*) FROM patents WHERE fee_due IS NOT NULL GROUP BY 2;
    INSERT INTO deadline_counts (deadline, day, n) SELECT 'protection', protection_ends, count(*) FROM patents WHERE protection_ends IS NOT NULL GROUP BY 2;
    INSERT INTO deadline_counts (deadline, day, n) SELECT 'examination', exam_due, count(*) FROM patents WHERE exam_due IS NOT NULL GROUP BY 2;
  `);
  db.prepare('INSERT INTO deadline_rules (id, version) VALUES (1, ?) ON CONFLICT DO UPDATE SET version = excluded.version').run(DEADLINE_RULES);
}

/** None for a patent held outside the registry: no enterprise is warned of it, no count holds it. */
const NO_DEADLINES = { feeDue: null, feeGraceEnds: null, protectionEnds: null, examinationDue: null } as const;
const deadlinesOf = (p: PatentRecord) => (p.enterpriseId === null ? NO_DEADLINES : patentDeadlines(p));
/** The day a trademark's registration ends, as counted and warned of: none once held outside the registry. */
const expiryCounted = (t: TrademarkRecord): string | null => (t.enterpriseId === null ? null : t.expiryDate);
/** A right's holder outside the registry as its row keeps it, JSON, or null. */
const outsideOwnerColumn = (r: PatentRecord | TrademarkRecord): string | null => (r.outsideOwner == null ? null : JSON.stringify(r.outsideOwner));
/** The holder outside the registry from its row: absent when none, as on a record registered without one (or read before the column was added). */
const outsideOwnerOf = (column: string | null | undefined) => (column == null ? {} : { outsideOwner: JSON.parse(column) as OutsideParty });

interface EnterpriseRow {
  id: string;
  uscc: string;
  name: string;
  region_code: string;
  industry: string;
  filing_status: string;
  registered_at: string;
  override_approved_by: string | null;
  override_reason: string | null;
  updated_at: string;
}

interface PatentRow {
  application_number: string;
  enterprise_id: string | null;
  outside_owner: string | null;
  type: string;
  pct: number;
  title: string;
  ipc_class: string | null;
  status: string;
  filing_date: string;
  grant_date: string | null;
  fees_paid_through: string | null;
  grant_publication_number: string | null;
  lapsed_on: string | null;
  freeze: string | null;
  invalidation: string | null;
  version: number;
  priority_date: string | null;
  parent_application_number: string | null;
  examination_requested_on: string | null;
  termination_notice_on: string | null;
  term_compensation: string;
  waiting_freezes: string;
  declared: number;
  updated_at: string;
}

interface AssetEventRow {
  asset: string;
  seq: number;
  at: string;
  actor: string;
  role: string;
  type: string;
  details: string;
}

interface TrademarkRow {
  registration_number: string;
  enterprise_id: string | null;
  outside_owner: string | null;
  mark: string;
  nice_class: number;
  registration_date: string;
  expiry_date: string;
  goods: string;
  version: number;
  updated_at: string;
  /** A court's preservation, JSON, or null. */
  freeze: string | null;
}

interface CopyrightRow {
  registration_number: string;
  enterprise_id: string;
  title: string;
  kind: string;
  registered_on: string;
  author: string | null;
  completed_on: string | null;
  updated_at: string;
}

const toEnterprise = (r: EnterpriseRow): Stored<EnterpriseRecord> => ({
  id: r.id,
  uscc: r.uscc,
  name: r.name,
  regionCode: r.region_code,
  industry: r.industry,
  filingStatus: r.filing_status as EnterpriseRecord['filingStatus'],
  registeredAt: r.registered_at,
  creditCodeOverride: r.override_approved_by === null ? null : { approvedBy: r.override_approved_by, reason: r.override_reason ?? '' },
  updatedAt: r.updated_at,
});

const toPatent = (r: PatentRow): Stored<PatentRecord> => ({
  applicationNumber: r.application_number,
  enterpriseId: r.enterprise_id,
  type: r.type as PatentRecord['type'],
  pct: r.pct === 1,
  title: r.title,
  ipcClass: r.ipc_class,
  status: r.status as PatentRecord['status'],
  filingDate: r.filing_date,
  priorityDate: r.priority_date,
  parentApplicationNumber: r.parent_application_number,
  examinationRequestedOn: r.examination_requested_on,
  grantDate: r.grant_date,
  feesPaidThrough: r.fees_paid_through,
  grantPublicationNumber: r.grant_publication_number,
  lapsedOn: r.lapsed_on,
  terminationNoticeOn: r.termination_notice_on,
  termCompensation: JSON.parse(r.term_compensation) as PatentRecord['termCompensation'],
  declared: r.declared === 1,
  freeze: r.freeze === null ? null : (JSON.parse(r.freeze) as PatentRecord['freeze']),
  waitingFreezes: JSON.parse(r.waiting_freezes) as PatentRecord['waitingFreezes'],
  invalidation: r.invalidation === null ? null : (JSON.parse(r.invalidation) as PatentRecord['invalidation']),
  version: r.version,
  updatedAt: r.updated_at,
  ...outsideOwnerOf(r.outside_owner),
});

/** The patent's columns as the writers bind them (owner's region and industry apart). */
const patentParams = (p: PatentRecord) => ({
  ...p,
  outsideOwner: outsideOwnerColumn(p),
  pct: p.pct ? 1 : 0,
  declared: p.declared ? 1 : 0,
  termCompensation: JSON.stringify(p.termCompensation),
  waitingFreezes: JSON.stringify(p.waitingFreezes),
  freeze: p.freeze === null ? null : JSON.stringify(p.freeze),
  invalidation: p.invalidation === null ? null : JSON.stringify(p.invalidation),
  ...deadlinesOf(p),
});

const toAssetEvent = (r: AssetEventRow): AssetEvent => ({
  asset: r.asset,
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  role: r.role,
  type: r.type as AssetEvent['type'],
  details: JSON.parse(r.details) as AssetEvent['details'],
});

const toTrademark = (r: TrademarkRow): Stored<TrademarkRecord> => ({
  registrationNumber: r.registration_number,
  enterpriseId: r.enterprise_id,
  mark: r.mark,
  niceClass: r.nice_class,
  goods: JSON.parse(r.goods) as string[],
  registrationDate: r.registration_date,
  expiryDate: r.expiry_date,
  version: r.version,
  updatedAt: r.updated_at,
  // Absent when none, as on a record registered without one.
  ...(r.freeze === null ? {} : { freeze: JSON.parse(r.freeze) as PatentFreeze }),
  ...outsideOwnerOf(r.outside_owner),
});

/** The trademark's columns as the writers bind them. */
const trademarkParams = (t: TrademarkRecord) => ({
  ...t,
  outsideOwner: outsideOwnerColumn(t),
  goods: JSON.stringify(t.goods),
  markKey: markKey(t.mark),
  freeze: t.freeze == null ? null : JSON.stringify(t.freeze),
});

/** Thrown inside a transaction to roll back what it wrote: a write of several rights found one changed meanwhile. */
class Unwritten extends Error {}
/** What `write` returns; false when it threw Unwritten, its transaction rolled back. */
function unlessUnwritten(write: () => boolean): boolean {
  try {
    return write();
  } catch (err) {
    if (err instanceof Unwritten) return false;
    throw err;
  }
}

/** A licence row: its record, and its effective date from the column (a record from before it has none). */
interface LicenceRow {
  record: string;
  effective_date: string | null;
}
const toLicence = (r: LicenceRow): LicenceRecord => {
  const l = JSON.parse(r.record) as Omit<LicenceRecord, 'effectiveDate'> & { effectiveDate?: string };
  return { ...l, effectiveDate: r.effective_date ?? l.effectiveDate ?? l.contractDate };
};

/** A transfer's record; one from before effective dates moved its right the day it was recorded. */
const toTransfer = (r: { record: string }): TransferRecord => {
  const t = JSON.parse(r.record) as Omit<TransferRecord, 'effectiveDate' | 'state'> & Partial<TransferRecord>;
  return { ...t, effectiveDate: t.effectiveDate ?? hubDateOf(t.registeredAt), state: t.state ?? 'EFFECTIVE' };
};

const toCopyright = (r: CopyrightRow): Stored<CopyrightRecord> => ({
  registrationNumber: r.registration_number,
  enterpriseId: r.enterprise_id,
  title: r.title,
  kind: r.kind as CopyrightRecord['kind'],
  author: r.author,
  completedOn: r.completed_on,
  registeredOn: r.registered_on,
  updatedAt: r.updated_at,
});

/** Runs an insert, turning a UNIQUE or PRIMARY KEY violation into DuplicateKeyError. */
function insertOnce<R>(run: () => R, what: string): R {
  try {
    return run();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new DuplicateKeyError(`${what} is registered already`);
    throw err;
  }
}

/**
 * A table's rows by one of its deadline columns, within a window, for one owner, a region or an
 * industry: pages after a keyset position (the date, then the number), and counts.
 */
function byDeadline<Row>(statement: ReturnType<typeof statementCache>, table: string, column: string, number: string, ownedOnly = false) {
  // A right held outside the registry has its region and industry '' (no filter matches it) and no
  // owner; a patent's has no deadline either, a trademark's keeps its expiry date: left out here.
  const unfiltered = (owner: OwnerFilter) => owner.enterpriseId === undefined && owner.regionCode === undefined && owner.industry === undefined;
  const where = (owner: OwnerFilter, window: DateWindow, after: DatedKey | undefined) =>
    whereOf([
      ['enterprise_id IS NOT NULL', ownedOnly && unfiltered(owner) ? [] : undefined],
      ['enterprise_id = ?', owner.enterpriseId],
      ['region_code = ?', owner.regionCode],
      ['industry = ?', owner.industry],
      [`${column} >= ?`, window.from],
      [`${column} <= ?`, window.to],
      [`(${column}, ${number}) > (?, ?)`, after === undefined ? undefined : [after.date, after.number]],
    ]);
  return {
    page(owner: OwnerFilter, window: DateWindow, after: DatedKey | undefined, limit: number): Row[] {
      const w = where(owner, window, after);
      return statement<Row>(`SELECT * FROM ${table} ${w.where} ORDER BY ${column}, ${number} LIMIT ?`).all(...w.params, limit);
    },
    count(owner: OwnerFilter, window: DateWindow): number {
      const w = where(owner, window, undefined);
      return statement<{ n: number }>(`SELECT count(*) AS n FROM ${table} ${w.where}`).get(...w.params)!.n;
    },
  };
}

export function openSqliteEnterprisesStore(db: Database.Database): EnterprisesStore {
  db.exec(SCHEMA);
  migrate(db);
  const insertEnterprise = db.prepare(
    `INSERT INTO enterprises (id, uscc, name, region_code, industry, filing_status, registered_at, override_approved_by, override_reason, updated_at, name_folded)
     VALUES (@id, @uscc, @name, @regionCode, @industry, @filingStatus, @registeredAt, @approvedBy, @reason, @registeredAt, @nameFolded)`,
  );
  const enterpriseByUscc = db.prepare<[string], EnterpriseRow>('SELECT * FROM enterprises WHERE uscc = ?');
  // The owner's region and industry come from its row: no owner, no insert.
  const insertPatent = db.prepare<[Record<string, unknown>], { regionCode: string; industry: string }>(
    `INSERT INTO patents (application_number, enterprise_id, type, pct, title, ipc_class, status, filing_date, grant_date, fees_paid_through,
                          grant_publication_number, lapsed_on, freeze, invalidation, version,
                          region_code, industry, fee_due, fee_grace_ends, protection_ends,
                          priority_date, parent_application_number, examination_requested_on, termination_notice_on, term_compensation,
                          waiting_freezes, declared, exam_due, updated_at)
     SELECT @applicationNumber, @enterpriseId, @type, @pct, @title, @ipcClass, @status, @filingDate, @grantDate, @feesPaidThrough,
            @grantPublicationNumber, @lapsedOn, @freeze, @invalidation, 1,
            region_code, industry, @feeDue, @feeGraceEnds, @protectionEnds,
            @priorityDate, @parentApplicationNumber, @examinationRequestedOn, @terminationNoticeOn, @termCompensation,
            @waitingFreezes, @declared, @examinationDue, @updatedAt
     FROM enterprises WHERE id = @enterpriseId
     RETURNING region_code AS regionCode, industry`,
  );
  const insertTrademark = db.prepare(
    `INSERT INTO trademarks (registration_number, enterprise_id, mark, nice_class, goods, registration_date, expiry_date, version, region_code, industry, updated_at,
                             mark_key, freeze)
     SELECT @registrationNumber, @enterpriseId, @mark, @niceClass, @goods, @registrationDate, @expiryDate, 1, region_code, industry, @updatedAt, @markKey, @freeze
     FROM enterprises WHERE id = @enterpriseId`,
  );
  const addCounts = {
    enterprises: db.prepare(
      'INSERT INTO registry_counts (dimension, key, enterprises) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET enterprises = enterprises + excluded.enterprises',
    ),
    patents: db.prepare(
      'INSERT INTO registry_counts (dimension, key, patents) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET patents = patents + excluded.patents',
    ),
  };
  /** Adds the rows to their region's and their industry's counter, one statement per key. */
  const count = (field: 'enterprises' | 'patents', owners: readonly { regionCode: string; industry: string }[]): void => {
    for (const dimension of ['regionCode', 'industry'] as const) {
      for (const [key, added] of tally(owners.map((o) => o[dimension]))) addCounts[field].run(dimension, key, added);
    }
  };
  const addDeadline = db.prepare('INSERT INTO deadline_counts (deadline, day, n) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n');
  /** Adds each day to its deadline's count, one statement per day. */
  const countDays = (deadline: Deadline, days: readonly (string | null)[]): void => {
    for (const [day, added] of tally(days)) addDeadline.run(deadline, day, added);
  };
  const deadlineCount = db
    .prepare<[Deadline, string, string], number>('SELECT coalesce(sum(n), 0) FROM deadline_counts WHERE deadline = ? AND day >= ? AND day <= ?')
    .pluck();
  const deadlinesByMonth = db.prepare<[Deadline, string, string], { month: string; count: number }>(
    `SELECT substr(day, 1, 7) AS month, sum(n) AS count FROM deadline_counts WHERE deadline = ? AND day >= ? AND day <= ?
     GROUP BY 1 HAVING sum(n) > 0 ORDER BY 1`,
  );
  const byMonth = (deadline: Deadline, window: DateWindow) => deadlinesByMonth.all(deadline, window.from, window.to);
  /** An unfiltered count from the days' counts; a filtered one from the index. */
  const countWithin = (deadline: Deadline, rows: ReturnType<typeof byDeadline>, owner: OwnerFilter, window: DateWindow): number =>
    owner.enterpriseId === undefined && owner.regionCode === undefined && owner.industry === undefined
      ? deadlineCount.get(deadline, window.from, window.to)!
      : rows.count(owner, window);
  const countsOf = db.prepare<[string], { key: string; enterprises: number; patents: number }>(
    'SELECT key, enterprises, patents FROM registry_counts WHERE dimension = ? ORDER BY key',
  );
  const insertCopyright = db.prepare(
    `INSERT INTO copyrights (registration_number, enterprise_id, title, kind, author, completed_on, registered_on, updated_at)
     VALUES (@registrationNumber, @enterpriseId, @title, @kind, @author, @completedOn, @registeredOn, @updatedAt)`,
  );
  const statement = statementCache(db);
  const matching = (filter: EnterpriseFilter): Condition[] => [
    ['region_code = ?', filter.regionCode],
    ['industry = ?', filter.industry],
  ];
  const enterprisePages = listPages<EnterpriseRow>(db, 'enterprises');
  const addNameGram = db.prepare('INSERT INTO enterprise_name_grams (gram, enterprise_id) VALUES (?, ?)');
  const addGramCount = db.prepare('INSERT INTO enterprise_gram_counts (gram, n) VALUES (?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n');
  const gramCounts = inListQuery<{ gram: string; n: number }>(db, (grams) => `SELECT gram, n FROM enterprise_gram_counts WHERE gram IN (${grams})`);
  /**
   * A search's rarest gram and how many enterprises have it, and the folded search when a name
   * must still be checked for all of it; undefined when a gram of it is in no name (no match).
   */
  const rarestGram = (search: string): SearchGram | undefined => {
    const { grams, gramIsSearch } = searchPlan(search);
    const counted = gramCounts(grams);
    if (counted.length < grams.length) return undefined;
    const rarest = counted.reduce((a, b) => (b.n < a.n ? b : a));
    return rarest.n <= 0 ? undefined : { gram: rarest.gram, n: rarest.n, check: gramIsSearch ? undefined : search };
  };
  // The gram's postings in id order, from after `after` to `through` (when given), each joined to
  // its enterprise (CROSS JOIN: the postings stay the outer loop) and kept when its folded name
  // holds the search and it is in the region and industry asked.
  const SEARCHED = 'FROM enterprise_name_grams g CROSS JOIN enterprises e ON e.id = g.enterprise_id';
  const searchWhere = (filter: EnterpriseListFilter, rarest: SearchGram, after: string | undefined, through: string | undefined, since?: string) =>
    whereOf([
      ['g.gram = ?', rarest.gram],
      ['g.enterprise_id > ?', after],
      ['g.enterprise_id <= ?', through],
      ['instr(e.name_folded, ?) > 0', rarest.check],
      ['e.region_code = ?', filter.regionCode],
      ['e.industry = ?', filter.industry],
      ['e.updated_at >= ?', since],
    ]);
  const searchedPage = (filter: EnterpriseListFilter, rarest: SearchGram, after: string | undefined, through: string | undefined, limit: number) => {
    const { where, params } = searchWhere(filter, rarest, after, through);
    return statement<EnterpriseRow>(`SELECT e.* ${SEARCHED} ${where} ORDER BY g.enterprise_id LIMIT ?`).all(...params, limit);
  };
  const searchedCount = (
    filter: EnterpriseListFilter,
    rarest: SearchGram,
    after: string | undefined,
    through: string | undefined,
    since: string | undefined,
  ) => {
    const { where, params } = searchWhere(filter, rarest, after, through, since);
    return statement<{ n: number }>(`SELECT count(*) AS n ${SEARCHED} ${where}`).get(...params)!.n;
  };
  /** The last of the next SEARCH_SLICE postings of a gram after `after`; null past its last. */
  const sliceEnd = db
    .prepare<[string, string, number], string | null>(
      'SELECT max(enterprise_id) FROM (SELECT enterprise_id FROM enterprise_name_grams WHERE gram = ? AND enterprise_id > ? ORDER BY enterprise_id LIMIT ?)',
    )
    .pluck();
  /**
   * Runs `step` on each slice of the gram's postings after `after` in turn, letting other requests
   * run between slices, until it answers true (done). The slices grow to SEARCH_SLICE postings:
   * a page whose matches are many is full within the first.
   */
  const bySlices = async (gram: string, after: string | undefined, step: (from: string | undefined, through: string) => boolean): Promise<void> => {
    for (let from = after, size = 256; ; size = Math.min(size * 2, SEARCH_SLICE)) {
      const through = sliceEnd.get(gram, from ?? '', size) ?? null;
      if (through === null || step(from, through)) return;
      from = through;
      await nextTurn();
    }
  };
  const searchPage = async (filter: EnterpriseListFilter & { search: string }, read: ListRead, limit: number): Promise<EnterpriseRow[]> => {
    if (read.order !== 'ID') throw new Error('a name search reads in id order only (EnterpriseListFilter.search)');
    const rarest = rarestGram(filter.search);
    if (rarest === undefined || limit <= 0) return [];
    // Every posting a match (a two-character search, no filter), or few postings: one statement,
    // which stops when the page is full.
    const checked = rarest.check !== undefined || filter.regionCode !== undefined || filter.industry !== undefined;
    if (!checked || rarest.n <= SEARCH_SLICE) return searchedPage(filter, rarest, read.after, undefined, limit);
    const rows: EnterpriseRow[] = [];
    await bySlices(rarest.gram, read.after, (from, through) => {
      rows.push(...searchedPage(filter, rarest, from, through, limit - rows.length));
      return rows.length >= limit;
    });
    return rows;
  };
  const searchCount = async (filter: EnterpriseListFilter & { search: string }, since: string | undefined): Promise<number> => {
    const rarest = rarestGram(filter.search);
    if (rarest === undefined) return 0;
    // A two-character search is its gram: every enterprise counted with the gram matches.
    const checked = rarest.check !== undefined || filter.regionCode !== undefined || filter.industry !== undefined || since !== undefined;
    if (!checked) return rarest.n;
    if (rarest.n <= SEARCH_SLICE) return searchedCount(filter, rarest, undefined, undefined, since);
    let n = 0;
    await bySlices(rarest.gram, undefined, (from, through) => {
      n += searchedCount(filter, rarest, from, through, since);
      return false;
    });
    return n;
  };
  const searching = (filter: EnterpriseListFilter): filter is EnterpriseListFilter & { search: string } => filter.search !== undefined;
  const countOf = tableCounts(db);
  const patentFilter = (filter: PatentFilter): Condition[] => [
    ['enterprise_id = ?', filter.enterpriseId],
    ['status = ?', filter.status],
  ];
  /** listPages for the patents, whose key is the application number: by it, or by change. */
  const patentPage = (filter: PatentFilter, read: ListRead, limit: number): PatentRow[] => {
    const keyset: Condition[] =
      read.order === 'ID'
        ? [['application_number > ?', read.after]]
        : [
            ['updated_at >= ?', read.since],
            ['(updated_at, application_number) > (?, ?)', read.after === undefined ? undefined : [read.after.updatedAt, read.after.id]],
          ];
    const { where, params } = whereOf([...patentFilter(filter), ...keyset]);
    const order = read.order === 'ID' ? 'application_number' : 'updated_at, application_number';
    return statement<PatentRow>(`SELECT * FROM patents ${where} ORDER BY ${order} LIMIT ?`).all(...params, limit);
  };
  /** How many rights each enterprise has, from the table's own index on enterprise_id, in the order asked. */
  const countsByEnterprise = (table: 'patents' | 'trademarks' | 'copyrights') => {
    const counted = inListQuery<{ enterprise_id: string; n: number }>(
      db,
      (ids) => `SELECT enterprise_id, count(*) AS n FROM ${table} WHERE enterprise_id IN (${ids}) GROUP BY enterprise_id`,
    );
    return (ids: readonly string[]): number[] => {
      const by = new Map(counted(ids).map((r) => [r.enterprise_id, r.n]));
      return ids.map((id) => by.get(id) ?? 0);
    };
  };
  const [patentsPer, trademarksPer, copyrightsPer] = [countsByEnterprise('patents'), countsByEnterprise('trademarks'), countsByEnterprise('copyrights')];
  const registeredPatents = db.prepare<[], number>(`SELECT coalesce(sum(patents), 0) FROM registry_counts WHERE dimension = 'regionCode'`).pluck();
  // Along patents_by_enterprise, whose NULLs come first: the few held outside the registry.
  const heldOutside = db.prepare<[], number>('SELECT count(*) FROM patents WHERE enterprise_id IS NULL').pluck();
  const feesDue = byDeadline<PatentRow>(statement, 'patents', 'fee_due', 'application_number');
  const protectionEnds = byDeadline<PatentRow>(statement, 'patents', 'protection_ends', 'application_number');
  const examinationsDue = byDeadline<PatentRow>(statement, 'patents', 'exam_due', 'application_number');
  const trademarksExpiring = byDeadline<TrademarkRow>(statement, 'trademarks', 'expiry_date', 'registration_number', true);
  const enterprisesByUscc = inListQuery<EnterpriseRow>(db, (usccs) => `SELECT * FROM enterprises WHERE uscc IN (${usccs})`);
  const enterprisesIn = inListQuery<EnterpriseRow>(db, (ids) => `SELECT * FROM enterprises WHERE id IN (${ids})`);
  const patentsIn = inListQuery<PatentRow>(db, (numbers) => `SELECT * FROM patents WHERE application_number IN (${numbers})`);
  // A page of one enterprise's rights each, along its index from the cursor on ('' is before every number).
  const patentsOf = pagesOf<PatentRow>(db, 'SELECT * FROM patents WHERE enterprise_id = ? AND application_number > ? ORDER BY application_number LIMIT ?');
  const trademarksOf = pagesOf<TrademarkRow>(
    db,
    'SELECT * FROM trademarks WHERE enterprise_id = ? AND registration_number > ? ORDER BY registration_number LIMIT ?',
  );
  const copyrightsOf = pagesOf<CopyrightRow>(
    db,
    'SELECT * FROM copyrights WHERE enterprise_id = ? AND registration_number > ? ORDER BY registration_number LIMIT ?',
  );

  // Each write is one transaction with its counters; a batch is all or nothing.
  const insertEnterprises = db.transaction((es: readonly EnterpriseRecord[]) => {
    const postings: [gram: string, id: string][] = [];
    for (const { creditCodeOverride, ...rest } of es) {
      const nameFolded = foldName(rest.name);
      const params = { ...rest, approvedBy: creditCodeOverride?.approvedBy ?? null, reason: creditCodeOverride?.reason ?? null, nameFolded };
      insertOnce(() => insertEnterprise.run(params), `credit code ${rest.uscc}`);
      for (const gram of nameGrams(nameFolded)) postings.push([gram, rest.id]);
    }
    // A batch's postings in the index's order: neighbours in the tree are written one after the
    // other (a tenth faster for a registry import than in the enterprises' order).
    postings.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
    for (const [gram, id] of postings) addNameGram.run(gram, id);
    for (const [gram, n] of tally(postings.map(([gram]) => gram))) addGramCount.run(gram, n);
    count('enterprises', es);
  });
  /** Inserts patents registered `at` with their counters; the caller's transaction. */
  const addPatents = (ps: readonly PatentRecord[], at: string): void => {
    const rows = ps.map((p) => ({ ...patentParams(p), updatedAt: at }));
    const owners = rows.map((row) => {
      const owner = insertOnce(() => insertPatent.get(row), `patent ${row.applicationNumber}`);
      if (owner === undefined) throw new Error(`patent ${row.applicationNumber}: no enterprise ${row.enterpriseId}`);
      return owner;
    });
    count('patents', owners);
    countDays(
      'fee',
      rows.map((d) => d.feeDue),
    );
    countDays(
      'protection',
      rows.map((d) => d.protectionEnds),
    );
    countDays(
      'examination',
      rows.map((d) => d.examinationDue),
    );
  };
  const insertPatents = db.transaction(addPatents);
  const updatePatent = db.prepare<[Record<string, unknown>]>(
    `UPDATE patents SET enterprise_id = @enterpriseId, type = @type, pct = @pct, title = @title, ipc_class = @ipcClass, status = @status,
       filing_date = @filingDate, grant_date = @grantDate, fees_paid_through = @feesPaidThrough, grant_publication_number = @grantPublicationNumber,
       lapsed_on = @lapsedOn, freeze = @freeze, invalidation = @invalidation, fee_due = @feeDue, fee_grace_ends = @feeGraceEnds,
       protection_ends = @protectionEnds, priority_date = @priorityDate, parent_application_number = @parentApplicationNumber,
       examination_requested_on = @examinationRequestedOn, termination_notice_on = @terminationNoticeOn, term_compensation = @termCompensation,
       waiting_freezes = @waitingFreezes, declared = @declared, exam_due = @examinationDue,
       region_code = coalesce((SELECT region_code FROM enterprises WHERE id = @enterpriseId), ''),
       industry = coalesce((SELECT industry FROM enterprises WHERE id = @enterpriseId), ''), outside_owner = @outsideOwner,
       version = version + 1, updated_at = max(updated_at, @at)
     WHERE application_number = @applicationNumber AND version = @expectedVersion`,
  );
  const ownerOf = db.prepare<[string], { regionCode: string; industry: string }>('SELECT region_code AS regionCode, industry FROM enterprises WHERE id = ?');
  const insertEvent = db.prepare<[Record<string, unknown>]>(
    `INSERT INTO asset_events (asset, seq, at, actor, role, type, details)
     SELECT @asset, coalesce(max(seq), 0) + 1, @at, @actor, @role, @type, @details FROM asset_events WHERE asset = @asset`,
  );
  const eventsOf = db.prepare<[string, number, number], AssetEventRow>('SELECT * FROM asset_events WHERE asset = ? AND seq > ? ORDER BY seq LIMIT ?');
  /**
   * Replaces a patent at `before.version` and records the event, moving its deadlines' counts and,
   * when its owner changes, its owner's counters; false when another change came first. The
   * caller's transaction.
   */
  const changePatent = (before: PatentRecord, after: PatentRecord, event: NewAssetEvent): boolean => {
    const row = patentParams(after);
    if (updatePatent.run({ ...row, expectedVersion: before.version, at: event.at }).changes === 0) return false;
    const old = deadlinesOf(before);
    for (const [deadline, was, now] of [
      ['fee', old.feeDue, row.feeDue],
      ['protection', old.protectionEnds, row.protectionEnds],
      ['examination', old.examinationDue, row.examinationDue],
    ] as const) {
      if (was === now) continue;
      if (was !== null) addDeadline.run(deadline, was, -1);
      if (now !== null) addDeadline.run(deadline, now, 1);
    }
    if (before.enterpriseId !== after.enterpriseId) {
      // Counted for its owner enterprise's region and industry; for none once held outside the registry.
      const owner = (id: string | null) => {
        if (id === null) return null;
        const found = ownerOf.get(id);
        if (found === undefined) throw new Error(`patent ${after.applicationNumber}: no enterprise ${id}`);
        return found;
      };
      const [from, to] = [owner(before.enterpriseId), owner(after.enterpriseId)];
      for (const dimension of ['regionCode', 'industry'] as const) {
        if (from !== null) addCounts.patents.run(dimension, from[dimension], -1);
        if (to !== null) addCounts.patents.run(dimension, to[dimension], 1);
      }
    }
    insertEvent.run({ ...event, asset: patentAsset(after.applicationNumber), details: JSON.stringify(event.details) });
    return true;
  };
  const applyPatentChange = db.transaction(changePatent);
  const importPatents = db.transaction((ps: readonly PatentRecord[], at: string, actor: string, role: string, allowRollback: boolean): ImportResult => {
    const registered = new Map(patentsIn(ps.map((p) => p.applicationNumber)).map((r) => [r.application_number, toPatent(r)]));
    const { fresh, changed, refused } = importPlan(ps, registered, { at, allowRollback });
    for (const c of changed) {
      changePatent(c.before, c.after, { at, actor, role, type: c.event, details: c.changes });
      outbox.write(c.notify);
    }
    addPatents(fresh, at);
    return { inserted: fresh.length, updated: changed.length, unchanged: ps.length - fresh.length - changed.length - refused.length, refused };
  });
  const insertTrademarks = db.transaction((ts: readonly TrademarkRecord[], at: string) => {
    for (const t of ts) {
      const { changes } = insertOnce(() => insertTrademark.run({ ...trademarkParams(t), updatedAt: at }), `trademark ${t.registrationNumber}`);
      if (changes === 0) throw new Error(`trademark ${t.registrationNumber}: no enterprise ${t.enterpriseId}`);
    }
    countDays(
      'trademark',
      ts.map((t) => t.expiryDate),
    );
  });
  const trademarksIn = inListQuery<TrademarkRow>(db, (numbers) => `SELECT * FROM trademarks WHERE registration_number IN (${numbers})`);
  const updateTrademark = db.prepare<[Record<string, unknown>]>(
    `UPDATE trademarks SET enterprise_id = @enterpriseId, mark = @mark, mark_key = @markKey, nice_class = @niceClass, goods = @goods, registration_date = @registrationDate,
       expiry_date = @expiryDate, freeze = @freeze, region_code = coalesce((SELECT region_code FROM enterprises WHERE id = @enterpriseId), ''),
       industry = coalesce((SELECT industry FROM enterprises WHERE id = @enterpriseId), ''), outside_owner = @outsideOwner,
       version = version + 1, updated_at = max(updated_at, @at)
     WHERE registration_number = @registrationNumber AND version = @expectedVersion`,
  );
  /** As changePatent, for a trademark: its expiry's count moves with it. */
  const changeTrademark = (before: TrademarkRecord, after: TrademarkRecord, event: NewAssetEvent): boolean => {
    const row = { ...trademarkParams(after), expectedVersion: before.version, at: event.at };
    if (updateTrademark.run(row).changes === 0) return false;
    const [was, now] = [expiryCounted(before), expiryCounted(after)];
    if (was !== now) {
      if (was !== null) addDeadline.run('trademark', was, -1);
      if (now !== null) addDeadline.run('trademark', now, 1);
    }
    insertEvent.run({ ...event, asset: rightKey({ kind: 'TRADEMARK', number: after.registrationNumber }), details: JSON.stringify(event.details) });
    return true;
  };
  const applyTrademarkChange = db.transaction(changeTrademark);

  // Open licence declarations (Patent Law art. 50), kept whole as JSON: at most one standing per patent.
  const insertOpenLicence = db.prepare('INSERT INTO open_licences (id, application_number, declared_at, standing, record) VALUES (?, ?, ?, 1, ?)');
  const standingOpenLicence = db.prepare<[string], { record: string }>('SELECT record FROM open_licences WHERE application_number = ? AND standing = 1');
  const openLicenceById = db.prepare<[string], { record: string }>('SELECT record FROM open_licences WHERE id = ?');
  const withdrawOpenLicenceRow = db.prepare('UPDATE open_licences SET standing = 0, record = ? WHERE id = ? AND standing = 1');
  const latestOpenLicences = inListQuery<{ application_number: string; record: string }>(
    db,
    (numbers) =>
      `SELECT application_number, record FROM open_licences o WHERE application_number IN (${numbers})
         AND (declared_at, id) = (SELECT declared_at, id FROM open_licences l WHERE l.application_number = o.application_number ORDER BY declared_at DESC, id DESC LIMIT 1)`,
  );

  // Transfers and licences are kept whole as JSON, found by their right and their order.
  const insertTransfer = db.prepare(
    'INSERT INTO transfers (id, right_key, record, registered_at, state, effective_date) VALUES (@id, @rightKey, @record, @registeredAt, @state, @effectiveDate)',
  );
  const pendingTransfer = db.prepare<[string], { record: string }>(`SELECT record FROM transfers WHERE id = ? AND state = 'PENDING'`);
  const pendingThrough = db.prepare<[string, number], { record: string }>(
    `SELECT record FROM transfers WHERE state = 'PENDING' AND effective_date <= ? ORDER BY effective_date, id LIMIT ?`,
  );
  const setTransferEffective = db.prepare<[string, string]>(`UPDATE transfers SET state = 'EFFECTIVE', record = ? WHERE id = ? AND state = 'PENDING'`);
  const insertLicence = db.prepare(
    'INSERT INTO licences (id, right_key, record, registered_at, effective_date, contract_digest) VALUES (@id, @rightKey, @record, @registeredAt, @effectiveDate, @contractDigest)',
  );
  const transfersById = inListQuery<{ record: string }>(db, (ids) => `SELECT record FROM transfers WHERE id IN (${ids})`);
  const licencesById = inListQuery<LicenceRow>(db, (ids) => `SELECT record, effective_date FROM licences WHERE id IN (${ids})`);
  const copyrightsIn = inListQuery<CopyrightRow>(db, (numbers) => `SELECT * FROM copyrights WHERE registration_number IN (${numbers})`);
  const transfersIn = inListQuery<{ record: string }>(db, (keys) => `SELECT record FROM transfers WHERE right_key IN (${keys}) ORDER BY registered_at, id`);
  const allLicencesOf = db.prepare<[string], LicenceRow>('SELECT record, effective_date FROM licences WHERE right_key = ? ORDER BY registered_at, id');
  const licenceByContract = db.prepare<[string, string], LicenceRow>('SELECT record, effective_date FROM licences WHERE right_key = ? AND contract_digest = ?');
  const sameMark = db
    .prepare<[string, number, string, number], string>(
      'SELECT registration_number FROM trademarks WHERE enterprise_id = ? AND nice_class = ? AND mark_key = ? ORDER BY registration_number LIMIT ?',
    )
    .pluck();
  const licenceCount = db.prepare<[string], number>('SELECT count(*) FROM licences WHERE right_key = ?').pluck();
  const eventCount = db.prepare<[string], number>('SELECT count(*) FROM asset_events WHERE asset = ?').pluck();
  const licencesAfter = db.prepare<[string, string, string, number], LicenceRow>(
    'SELECT record, effective_date FROM licences WHERE right_key = ? AND (registered_at, id) > (?, ?) ORDER BY registered_at, id LIMIT ?',
  );
  // A right's claim (RightsRepository.claim), kept as JSON on its row: a patent's or a trademark's.
  const claims = {
    PATENT: {
      of: db.prepare<[string], { version: number; claim: string | null }>('SELECT version, claim FROM patents WHERE application_number = ?'),
      set: db.prepare<[string | null, string]>('UPDATE patents SET claim = ? WHERE application_number = ?'),
      drop: db.prepare<[string, string]>(`UPDATE patents SET claim = NULL WHERE application_number = ? AND claim ->> '$.token' = ?`),
    },
    TRADEMARK: {
      of: db.prepare<[string], { version: number; claim: string | null }>('SELECT version, claim FROM trademarks WHERE registration_number = ?'),
      set: db.prepare<[string | null, string]>('UPDATE trademarks SET claim = ? WHERE registration_number = ?'),
      drop: db.prepare<[string, string]>(`UPDATE trademarks SET claim = NULL WHERE registration_number = ? AND claim ->> '$.token' = ?`),
    },
  };
  const claimRight = db.transaction(
    (right: RightRef, version: number, claim: RightClaim, staleBefore: string): { ok: false } | { ok: true; replaced: RightClaim | null } => {
      const row = claims[right.kind].of.get(right.number);
      if (row === undefined || row.version !== version) return { ok: false };
      const held = row.claim === null ? null : (JSON.parse(row.claim) as RightClaim);
      if (held !== null && held.at >= staleBefore) return { ok: false };
      claims[right.kind].set.run(JSON.stringify(claim), right.number);
      return { ok: true, replaced: held };
    },
  );
  /** The right as stored, if the claim `token` holds it and `owner` owns it. The caller's transaction. */
  const claimedRight = (right: RightRef, token: string, owner: string): Stored<PatentRecord> | Stored<TrademarkRecord> | undefined => {
    const held = claims[right.kind].of.get(right.number)?.claim;
    if (held == null || (JSON.parse(held) as RightClaim).token !== token) return undefined;
    const found = right.kind === 'PATENT' ? patentsIn([right.number]).map(toPatent)[0] : trademarksIn([right.number]).map(toTrademark)[0];
    return found?.enterpriseId === owner ? found : undefined;
  };
  /** Changes a claimed right to `after` and drops its claim: the act is recorded. The caller's transaction. */
  const changeClaimed = (before: PatentRecord | TrademarkRecord, after: PatentRecord | TrademarkRecord, event: NewAssetEvent): boolean => {
    const right: RightRef =
      'applicationNumber' in before ? { kind: 'PATENT', number: before.applicationNumber } : { kind: 'TRADEMARK', number: before.registrationNumber };
    if (!changeRight(before, after, event)) return false;
    claims[right.kind].set.run(null, right.number);
    return true;
  };
  /** Changes a right to `after`, at its version: a patent or a trademark. */
  const changeRight = (before: PatentRecord | TrademarkRecord, after: PatentRecord | TrademarkRecord, event: NewAssetEvent): boolean =>
    'applicationNumber' in before ? changePatent(before, after as PatentRecord, event) : changeTrademark(before, after as TrademarkRecord, event);
  const outbox = sqliteOutbox(db, 'enterprises');
  const warn = db.transaction((ns: readonly Notification[]) => outbox.write(ns));
  // The writes under a claim run in IMMEDIATE transactions (.immediate below): read and written
  // under the write lock, so that another process's claim or write cannot come in between.
  const transferRight = db.transaction((t: TransferRecord, claim: string, events: readonly NewAssetEvent[], notify: readonly Notification[]): boolean => {
    // Every right of the act held by the claim and the transferor's, or nothing written (Trademark Law art. 42(2): together).
    const parts = transferParts(t);
    const befores = parts.map((part) => claimedRight(part.right, claim, t.fromEnterpriseId));
    if (befores.some((b) => b === undefined)) return false;
    parts.forEach((part, i) => {
      const before = befores[i]!;
      // A transfer in effect moves the right; a pending one leaves it where it is until effectTransfer.
      if (!changeClaimed(before, t.state === 'EFFECTIVE' ? movedTo(before, t) : before, events[i] ?? events[0]!)) {
        throw new Unwritten();
      }
      insertTransfer.run({
        id: part.id,
        rightKey: rightKey(part.right),
        record: JSON.stringify(part),
        registeredAt: part.registeredAt,
        state: part.state,
        effectiveDate: part.effectiveDate,
      });
    });
    outbox.write(notify);
    return true;
  });
  const effectTransfer = db.transaction((id: string, events: readonly NewAssetEvent[], notify: readonly Notification[]): boolean => {
    const row = pendingTransfer.get(id);
    if (row === undefined) return false;
    // The registrations moved together move together on the day: every one still PENDING, or none.
    const parts = transferParts(toTransfer(row)).map((part) => pendingTransfer.get(part.id));
    if (parts.some((p) => p === undefined)) return false;
    parts
      .map((p) => toTransfer(p!))
      .forEach((t, i) => {
        const before = t.right.kind === 'PATENT' ? patentsIn([t.right.number]).map(toPatent)[0] : trademarksIn([t.right.number]).map(toTrademark)[0];
        if (before?.enterpriseId !== t.fromEnterpriseId || !changeRight(before, movedTo(before, t), events[i] ?? events[0]!)) {
          throw new Unwritten();
        }
        setTransferEffective.run(JSON.stringify({ ...t, state: 'EFFECTIVE' }), t.id);
      });
    outbox.write(notify);
    return true;
  });
  const licenseRight = db.transaction((l: LicenceRecord, claim: string, event: NewAssetEvent, notify: readonly Notification[]): LicenceRefusal | undefined => {
    // A contract recorded already is refused whatever the claim: a racing twin loses as a duplicate.
    const recorded = licenceByContract.get(rightKey(l.right), l.contractDigest);
    if (recorded !== undefined) return { reason: 'DUPLICATE', with: toLicence(recorded) };
    const before = claimedRight(l.right, claim, l.licensorId);
    if (before === undefined) return { reason: 'STALE' };
    const overlapping = overlappingLicence(l, allLicencesOf.all(rightKey(l.right)).map(toLicence));
    if (overlapping !== undefined) return { reason: 'OVERLAP', with: overlapping };
    if (!changeClaimed(before, before, event)) return { reason: 'STALE' };
    // The unique index (right, contract digest) holds even against a writer this check did not see.
    insertLicence.run({
      id: l.id,
      rightKey: rightKey(l.right),
      record: JSON.stringify(l),
      registeredAt: l.registeredAt,
      effectiveDate: l.effectiveDate,
      contractDigest: l.contractDigest,
    });
    outbox.write(notify);
    return undefined;
  });

  const declareOpenLicence = db.transaction((d: OpenLicenceRecord, claim: string, event: NewAssetEvent): boolean => {
    const before = claimedRight({ kind: 'PATENT', number: d.applicationNumber }, claim, d.patenteeId);
    if (before === undefined || standingOpenLicence.get(d.applicationNumber) !== undefined) return false;
    if (!changeClaimed(before, before, event)) return false;
    insertOpenLicence.run(d.id, d.applicationNumber, d.declaredAt, JSON.stringify(d));
    return true;
  });
  const withdrawOpenLicence = db.transaction(
    (id: string, withdrawal: OpenLicenceRecord['withdrawal'], ownerId: string, claim: string, event: NewAssetEvent): boolean => {
      const row = openLicenceById.get(id);
      if (row === undefined) return false;
      const d = JSON.parse(row.record) as OpenLicenceRecord;
      const before = claimedRight({ kind: 'PATENT', number: d.applicationNumber }, claim, ownerId);
      if (before === undefined || d.withdrawal !== null) return false;
      // Written only once the patent is: a refusal leaves the declaration standing.
      if (!changeClaimed(before, before, event)) return false;
      withdrawOpenLicenceRow.run(JSON.stringify({ ...d, withdrawal }), id);
      return true;
    },
  );

  const writeCopyright = (c: CopyrightRecord, at: string): void => {
    insertOnce(() => insertCopyright.run({ ...c, updatedAt: at }), `copyright ${c.registrationNumber}`);
  };

  return {
    enterprises: {
      async insert(e) {
        insertEnterprises([e]);
      },
      async insertMany(es) {
        insertEnterprises(es);
      },
      async byIds(ids) {
        return inKeyOrder(ids, enterprisesIn(ids).map(toEnterprise), (e) => e.id);
      },
      async byUscc(uscc) {
        const row = enterpriseByUscc.get(uscc);
        return row === undefined ? undefined : toEnterprise(row);
      },
      async byUsccs(usccs) {
        return inKeyOrder(usccs, enterprisesByUscc(usccs).map(toEnterprise), (e) => e.uscc);
      },
      async page(filter, read, limit) {
        if (searching(filter)) return (await searchPage(filter, read, limit)).map(toEnterprise);
        return enterprisePages(matching(filter), read, limit).map(toEnterprise);
      },
      async count(filter, since) {
        if (searching(filter)) return searchCount(filter, since);
        return countOf('enterprises', [...matching(filter), ['updated_at >= ?', since]]);
      },
      async countBy(group) {
        return countsOf.all(group).flatMap((c) => (c.enterprises > 0 ? [{ key: c.key, enterprises: c.enterprises }] : []));
      },
    },
    patents: {
      async insert(p, at = new Date().toISOString()) {
        insertPatents([p], at);
      },
      async insertMany(ps, at = new Date().toISOString()) {
        insertPatents(ps, at);
      },
      async update(before, after, event) {
        return applyPatentChange(before, after, event);
      },
      async importMany(ps, at, actor, role, options = {}) {
        return importPatents(ps, at, actor, role, options.allowRollback ?? false);
      },
      async byNumbers(numbers) {
        return inKeyOrder(numbers, patentsIn(numbers).map(toPatent), (p) => p.applicationNumber);
      },
      async byEnterprises(ids, after, limit) {
        return patentsOf(ids, after ?? '', limit).map((rows) => rows.map(toPatent));
      },
      async countByEnterprises(ids) {
        return patentsPer(ids);
      },
      async page(filter, read, limit) {
        return patentPage(filter, read, limit).map(toPatent);
      },
      async count(filter, since) {
        // The whole register: its counters by region, not a scan, and those held outside the registry (counted for no region).
        if (filter.enterpriseId === undefined && filter.status === undefined && since === undefined) return registeredPatents.get()! + heldOutside.get()!;
        return countOf('patents', [...patentFilter(filter), ['updated_at >= ?', since]]);
      },
      async feesDue(owner, window, after, limit) {
        return feesDue.page(owner, window, after, limit).map(toPatent);
      },
      async countFeesDue(owner, window) {
        return countWithin('fee', feesDue, owner, window);
      },
      async protectionEnding(owner, window, after, limit) {
        return protectionEnds.page(owner, window, after, limit).map(toPatent);
      },
      async countProtectionEnding(owner, window) {
        return countWithin('protection', protectionEnds, owner, window);
      },
      async examinationRequestsDue(owner, window, after, limit) {
        return examinationsDue.page(owner, window, after, limit).map(toPatent);
      },
      async countFeesDueByMonth(window) {
        return byMonth('fee', window);
      },
      async countProtectionEndingByMonth(window) {
        return byMonth('protection', window);
      },
      async countBy(group) {
        return countsOf.all(group).flatMap((c) => (c.patents > 0 ? [{ key: c.key, patents: c.patents }] : []));
      },
    },
    trademarks: {
      async insert(t, at = new Date().toISOString()) {
        insertTrademarks([t], at);
      },
      async insertMany(ts, at = new Date().toISOString()) {
        insertTrademarks(ts, at);
      },
      async byEnterprises(ids, after, limit) {
        return trademarksOf(ids, after ?? '', limit).map((rows) => rows.map(toTrademark));
      },
      async countByEnterprises(ids) {
        return trademarksPer(ids);
      },
      async byNumbers(numbers) {
        return inKeyOrder(numbers, trademarksIn(numbers).map(toTrademark), (t) => t.registrationNumber);
      },
      async update(before, after, event) {
        return applyTrademarkChange(before, after, event);
      },
      async expiring(owner, window, after, limit) {
        return trademarksExpiring.page(owner, window, after, limit).map(toTrademark);
      },
      async countExpiring(owner, window) {
        return countWithin('trademark', trademarksExpiring, owner, window);
      },
      async countExpiringByMonth(window) {
        return byMonth('trademark', window);
      },
      async sameMark(enterpriseId, mark, niceClass, limit) {
        return sameMark.all(enterpriseId, niceClass, markKey(mark), limit);
      },
    },
    copyrights: {
      async insert(c, at = new Date().toISOString()) {
        writeCopyright(c, at);
      },
      async insertMany(cs, at = new Date().toISOString()) {
        db.transaction(() => cs.forEach((c) => writeCopyright(c, at)))();
      },
      async byEnterprises(ids, after, limit) {
        return copyrightsOf(ids, after ?? '', limit).map((rows) => rows.map(toCopyright));
      },
      async countByEnterprises(ids) {
        return copyrightsPer(ids);
      },
      async byNumbers(numbers) {
        return inKeyOrder(numbers, copyrightsIn(numbers).map(toCopyright), (c) => c.registrationNumber);
      },
    },
    rights: {
      async claim(right, version, claim, staleBefore) {
        return claimRight.immediate(right, version, claim, staleBefore);
      },
      async dropClaim(right, token) {
        claims[right.kind].drop.run(right.number, token);
      },
      async transfer(t, claim, event, notify = []) {
        return unlessUnwritten(() => transferRight.immediate(t, claim, [event].flat(), notify));
      },
      async license(l, claim, event, notify = []) {
        try {
          return licenseRight.immediate(l, claim, event, notify);
        } catch (err) {
          const recorded =
            (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' ? licenceByContract.get(rightKey(l.right), l.contractDigest) : undefined;
          if (recorded === undefined) throw err;
          return { reason: 'DUPLICATE', with: toLicence(recorded) };
        }
      },
      async licenceByContract(key, contractDigest) {
        const row = licenceByContract.get(key, contractDigest);
        return row === undefined ? undefined : toLicence(row);
      },
      async transfersOf(keys) {
        return groupedByKey(keys, transfersIn(keys).map(toTransfer), (t) => rightKey(t.right));
      },
      async pendingTransfers(through, limit) {
        return pendingThrough.all(through, limit).map(toTransfer);
      },
      async effectTransfer(id, event, notify = []) {
        return unlessUnwritten(() => effectTransfer.immediate(id, [event].flat(), notify));
      },
      async licencesOf(key, after, limit) {
        return licencesAfter.all(key, after?.registeredAt ?? '', after?.id ?? '', limit).map(toLicence);
      },
      async countLicencesOf(key) {
        return licenceCount.get(key)!;
      },
      async transfersByIds(ids) {
        return inKeyOrder(ids, transfersById(ids).map(toTransfer), (t) => t.id);
      },
      async licencesByIds(ids) {
        return inKeyOrder(ids, licencesById(ids).map(toLicence), (l) => l.id);
      },
      async declareOpenLicence(d, claim, event) {
        try {
          return declareOpenLicence.immediate(d, claim, event);
        } catch (err) {
          // Another writer's standing declaration, which this transaction did not see: nothing written.
          if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
          throw err;
        }
      },
      async withdrawOpenLicence(id, withdrawal, ownerId, claim, event) {
        return withdrawOpenLicence.immediate(id, withdrawal, ownerId, claim, event);
      },
      async openLicencesOf(numbers) {
        return inKeyOrder(
          numbers,
          latestOpenLicences(numbers).map((r) => JSON.parse(r.record) as OpenLicenceRecord),
          (d) => d.applicationNumber,
        );
      },
    },
    outbox: outbox.source,
    async warn(ns) {
      warn(ns);
    },
    history: {
      async page(asset, after, limit) {
        return eventsOf.all(asset, after ?? 0, limit).map(toAssetEvent);
      },
      async count(asset) {
        return eventCount.get(asset)!;
      },
    },
    async close() {
      db.close();
    },
  };
}
