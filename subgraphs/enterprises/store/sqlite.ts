// The enterprises subgraph's repositories on its own SQLite database.
import type Database from 'better-sqlite3';

import type { Notification } from '../../../outbox/notification.js';
import { sqliteOutbox } from '../../../outbox/sqlite.js';
import { type Condition, groupedByKey, hasColumn, inKeyOrder, inListQuery, pagesById, pagesOf, statementCache, whereOf } from '../../../platform/sqlite.js';
import { tally } from '../../common/tally.js';
import { DEADLINE_RULES, patentDeadlines } from '../domain/deadlines.js';
import { overlappingLicence } from '../domain/licences.js';
import type {
  AssetEvent,
  CopyrightRecord,
  EnterpriseRecord,
  LicenceRecord,
  NewAssetEvent,
  PatentRecord,
  RightRef,
  TrademarkRecord,
  TransferRecord,
} from '../domain/model.js';
import { patentAsset, rightKey } from '../domain/model.js';
import { importPlan } from '../domain/patent-changes.js';
import type { DatedKey, DateWindow, EnterpriseFilter, EnterprisesStore, ImportResult, LicenceRefusal, OwnerFilter } from './port.js';
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
  override_reason TEXT
);
CREATE INDEX IF NOT EXISTS enterprises_by_region ON enterprises (region_code, id);
CREATE INDEX IF NOT EXISTS enterprises_by_industry ON enterprises (industry, id);
CREATE TABLE IF NOT EXISTS patents (
  application_number TEXT PRIMARY KEY,
  enterprise_id TEXT NOT NULL REFERENCES enterprises (id),
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
  exam_due TEXT
);
CREATE INDEX IF NOT EXISTS patents_by_enterprise ON patents (enterprise_id, application_number);
CREATE TABLE IF NOT EXISTS trademarks (
  registration_number TEXT PRIMARY KEY,
  enterprise_id TEXT NOT NULL REFERENCES enterprises (id),
  mark TEXT NOT NULL,
  nice_class INTEGER NOT NULL,
  registration_date TEXT NOT NULL,
  expiry_date TEXT NOT NULL,
  region_code TEXT NOT NULL,
  industry TEXT NOT NULL,
  goods TEXT NOT NULL DEFAULT '[]',
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS trademarks_by_enterprise ON trademarks (enterprise_id, registration_number);
CREATE TABLE IF NOT EXISTS copyrights (
  registration_number TEXT PRIMARY KEY,
  enterprise_id TEXT NOT NULL REFERENCES enterprises (id),
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  registered_on TEXT NOT NULL,
  author TEXT,
  completed_on TEXT
);
CREATE INDEX IF NOT EXISTS copyrights_by_enterprise ON copyrights (enterprise_id, registration_number);
CREATE TABLE IF NOT EXISTS transfers (
  id TEXT PRIMARY KEY,
  right_key TEXT NOT NULL,
  record TEXT NOT NULL,
  registered_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS transfers_by_right ON transfers (right_key, registered_at, id);
CREATE TABLE IF NOT EXISTS licences (
  id TEXT PRIMARY KEY,
  right_key TEXT NOT NULL,
  record TEXT NOT NULL,
  registered_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS licences_by_right ON licences (right_key, registered_at, id);
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

/** The deadlines counted per day. */
type Deadline = 'fee' | 'protection' | 'examination' | 'trademark';

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
    const exists = (table: string) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined;
    const [counted, deadlinesCounted] = [exists('registry_counts'), exists('deadline_counts')];
    db.exec(DEADLINE_INDEXES);
    db.exec(COUNTERS);
    if (!counted) db.exec(COUNTS_FROM_ROWS);
    if (!deadlinesCounted) db.exec(DEADLINE_COUNTS_FROM_ROWS);
    recomputeDeadlines(db);
  })();
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

const deadlinesOf = (p: PatentRecord) => patentDeadlines(p);

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
}

interface PatentRow {
  application_number: string;
  enterprise_id: string;
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
  enterprise_id: string;
  mark: string;
  nice_class: number;
  registration_date: string;
  expiry_date: string;
  goods: string;
  version: number;
}

interface CopyrightRow {
  registration_number: string;
  enterprise_id: string;
  title: string;
  kind: string;
  registered_on: string;
  author: string | null;
  completed_on: string | null;
}

const toEnterprise = (r: EnterpriseRow): EnterpriseRecord => ({
  id: r.id,
  uscc: r.uscc,
  name: r.name,
  regionCode: r.region_code,
  industry: r.industry,
  filingStatus: r.filing_status as EnterpriseRecord['filingStatus'],
  registeredAt: r.registered_at,
  creditCodeOverride: r.override_approved_by === null ? null : { approvedBy: r.override_approved_by, reason: r.override_reason ?? '' },
});

const toPatent = (r: PatentRow): PatentRecord => ({
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
});

/** The patent's columns as the writers bind them (owner's region and industry apart). */
const patentParams = (p: PatentRecord) => ({
  ...p,
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

const toTrademark = (r: TrademarkRow): TrademarkRecord => ({
  registrationNumber: r.registration_number,
  enterpriseId: r.enterprise_id,
  mark: r.mark,
  niceClass: r.nice_class,
  goods: JSON.parse(r.goods) as string[],
  registrationDate: r.registration_date,
  expiryDate: r.expiry_date,
  version: r.version,
});

const toCopyright = (r: CopyrightRow): CopyrightRecord => ({
  registrationNumber: r.registration_number,
  enterpriseId: r.enterprise_id,
  title: r.title,
  kind: r.kind as CopyrightRecord['kind'],
  author: r.author,
  completedOn: r.completed_on,
  registeredOn: r.registered_on,
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
function byDeadline<Row>(statement: ReturnType<typeof statementCache>, table: string, column: string, number: string) {
  const where = (owner: OwnerFilter, window: DateWindow, after: DatedKey | undefined) =>
    whereOf([
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
    `INSERT INTO enterprises (id, uscc, name, region_code, industry, filing_status, registered_at, override_approved_by, override_reason)
     VALUES (@id, @uscc, @name, @regionCode, @industry, @filingStatus, @registeredAt, @approvedBy, @reason)`,
  );
  const enterpriseByUscc = db.prepare<[string], EnterpriseRow>('SELECT * FROM enterprises WHERE uscc = ?');
  // The owner's region and industry come from its row: no owner, no insert.
  const insertPatent = db.prepare<[Record<string, unknown>], { regionCode: string; industry: string }>(
    `INSERT INTO patents (application_number, enterprise_id, type, pct, title, ipc_class, status, filing_date, grant_date, fees_paid_through,
                          grant_publication_number, lapsed_on, freeze, invalidation, version,
                          region_code, industry, fee_due, fee_grace_ends, protection_ends,
                          priority_date, parent_application_number, examination_requested_on, termination_notice_on, term_compensation,
                          waiting_freezes, declared, exam_due)
     SELECT @applicationNumber, @enterpriseId, @type, @pct, @title, @ipcClass, @status, @filingDate, @grantDate, @feesPaidThrough,
            @grantPublicationNumber, @lapsedOn, @freeze, @invalidation, 1,
            region_code, industry, @feeDue, @feeGraceEnds, @protectionEnds,
            @priorityDate, @parentApplicationNumber, @examinationRequestedOn, @terminationNoticeOn, @termCompensation,
            @waitingFreezes, @declared, @examinationDue
     FROM enterprises WHERE id = @enterpriseId
     RETURNING region_code AS regionCode, industry`,
  );
  const insertTrademark = db.prepare(
    `INSERT INTO trademarks (registration_number, enterprise_id, mark, nice_class, goods, registration_date, expiry_date, version, region_code, industry)
     SELECT @registrationNumber, @enterpriseId, @mark, @niceClass, @goods, @registrationDate, @expiryDate, 1, region_code, industry
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
    `INSERT INTO copyrights (registration_number, enterprise_id, title, kind, author, completed_on, registered_on)
     VALUES (@registrationNumber, @enterpriseId, @title, @kind, @author, @completedOn, @registeredOn)`,
  );
  const statement = statementCache(db);
  const matching = (filter: EnterpriseFilter): Condition[] => [
    ['region_code = ?', filter.regionCode],
    ['industry = ?', filter.industry],
  ];
  const enterprisePages = pagesById<EnterpriseRow>(db, 'enterprises');
  const feesDue = byDeadline<PatentRow>(statement, 'patents', 'fee_due', 'application_number');
  const protectionEnds = byDeadline<PatentRow>(statement, 'patents', 'protection_ends', 'application_number');
  const examinationsDue = byDeadline<PatentRow>(statement, 'patents', 'exam_due', 'application_number');
  const trademarksExpiring = byDeadline<TrademarkRow>(statement, 'trademarks', 'expiry_date', 'registration_number');
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
    for (const { creditCodeOverride, ...rest } of es) {
      const params = { ...rest, approvedBy: creditCodeOverride?.approvedBy ?? null, reason: creditCodeOverride?.reason ?? null };
      insertOnce(() => insertEnterprise.run(params), `credit code ${rest.uscc}`);
    }
    count('enterprises', es);
  });
  /** Inserts patents with their counters; the caller's transaction. */
  const addPatents = (ps: readonly PatentRecord[]): void => {
    const rows = ps.map(patentParams);
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
       waiting_freezes = @waitingFreezes, declared = @declared, exam_due = @examinationDue, region_code = (SELECT region_code FROM enterprises WHERE id = @enterpriseId),
       industry = (SELECT industry FROM enterprises WHERE id = @enterpriseId), version = version + 1
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
    if (updatePatent.run({ ...row, expectedVersion: before.version }).changes === 0) return false;
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
      const [from, to] = [ownerOf.get(before.enterpriseId), ownerOf.get(after.enterpriseId)];
      if (from === undefined || to === undefined) throw new Error(`patent ${after.applicationNumber}: no enterprise ${after.enterpriseId}`);
      for (const dimension of ['regionCode', 'industry'] as const) {
        addCounts.patents.run(dimension, from[dimension], -1);
        addCounts.patents.run(dimension, to[dimension], 1);
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
    addPatents(fresh);
    return { inserted: fresh.length, updated: changed.length, unchanged: ps.length - fresh.length - changed.length - refused.length, refused };
  });
  const insertTrademarks = db.transaction((ts: readonly TrademarkRecord[]) => {
    for (const t of ts) {
      const { changes } = insertOnce(() => insertTrademark.run({ ...t, goods: JSON.stringify(t.goods) }), `trademark ${t.registrationNumber}`);
      if (changes === 0) throw new Error(`trademark ${t.registrationNumber}: no enterprise ${t.enterpriseId}`);
    }
    countDays(
      'trademark',
      ts.map((t) => t.expiryDate),
    );
  });
  const trademarksIn = inListQuery<TrademarkRow>(db, (numbers) => `SELECT * FROM trademarks WHERE registration_number IN (${numbers})`);
  const updateTrademark = db.prepare<[Record<string, unknown>]>(
    `UPDATE trademarks SET enterprise_id = @enterpriseId, mark = @mark, nice_class = @niceClass, goods = @goods, registration_date = @registrationDate,
       expiry_date = @expiryDate, region_code = (SELECT region_code FROM enterprises WHERE id = @enterpriseId),
       industry = (SELECT industry FROM enterprises WHERE id = @enterpriseId), version = version + 1
     WHERE registration_number = @registrationNumber AND version = @expectedVersion`,
  );
  /** As changePatent, for a trademark: its expiry's count moves with it. */
  const changeTrademark = (before: TrademarkRecord, after: TrademarkRecord, event: NewAssetEvent): boolean => {
    if (updateTrademark.run({ ...after, goods: JSON.stringify(after.goods), expectedVersion: before.version }).changes === 0) return false;
    if (before.expiryDate !== after.expiryDate) {
      addDeadline.run('trademark', before.expiryDate, -1);
      addDeadline.run('trademark', after.expiryDate, 1);
    }
    insertEvent.run({ ...event, asset: rightKey({ kind: 'TRADEMARK', number: after.registrationNumber }), details: JSON.stringify(event.details) });
    return true;
  };
  const applyTrademarkChange = db.transaction(changeTrademark);

  // Transfers and licences are kept whole as JSON, found by their right and their order.
  const insertTransfer = db.prepare('INSERT INTO transfers (id, right_key, record, registered_at) VALUES (?, ?, ?, ?)');
  const insertLicence = db.prepare('INSERT INTO licences (id, right_key, record, registered_at) VALUES (?, ?, ?, ?)');
  const transfersById = inListQuery<{ record: string }>(db, (ids) => `SELECT record FROM transfers WHERE id IN (${ids})`);
  const licencesById = inListQuery<{ record: string }>(db, (ids) => `SELECT record FROM licences WHERE id IN (${ids})`);
  const copyrightsIn = inListQuery<CopyrightRow>(db, (numbers) => `SELECT * FROM copyrights WHERE registration_number IN (${numbers})`);
  const transfersIn = inListQuery<{ record: string }>(db, (keys) => `SELECT record FROM transfers WHERE right_key IN (${keys}) ORDER BY registered_at, id`);
  const allLicencesOf = db.prepare<[string], { record: string }>('SELECT record FROM licences WHERE right_key = ? ORDER BY registered_at, id');
  const licencesAfter = db.prepare<[string, string, string, number], { record: string }>(
    'SELECT record FROM licences WHERE right_key = ? AND (registered_at, id) > (?, ?) ORDER BY registered_at, id LIMIT ?',
  );
  /** The right as stored, if it is at `version` and owned by `owner`. */
  const currentRight = (right: RightRef, version: number, owner: string): PatentRecord | TrademarkRecord | undefined => {
    const found = right.kind === 'PATENT' ? patentsIn([right.number]).map(toPatent)[0] : trademarksIn([right.number]).map(toTrademark)[0];
    return found !== undefined && found.version === version && found.enterpriseId === owner ? found : undefined;
  };
  /** Changes a right to `after`, at its version: a patent or a trademark. */
  const changeRight = (before: PatentRecord | TrademarkRecord, after: PatentRecord | TrademarkRecord, event: NewAssetEvent): boolean =>
    'applicationNumber' in before ? changePatent(before, after as PatentRecord, event) : changeTrademark(before, after as TrademarkRecord, event);
  const outbox = sqliteOutbox(db, 'enterprises');
  const warn = db.transaction((ns: readonly Notification[]) => outbox.write(ns));
  const transferRight = db.transaction((t: TransferRecord, version: number, event: NewAssetEvent, notify: readonly Notification[]): boolean => {
    const before = currentRight(t.right, version, t.fromEnterpriseId);
    if (before === undefined || !changeRight(before, { ...before, enterpriseId: t.toEnterpriseId }, event)) return false;
    insertTransfer.run(t.id, rightKey(t.right), JSON.stringify(t), t.registeredAt);
    outbox.write(notify);
    return true;
  });
  const licenseRight = db.transaction(
    (l: LicenceRecord, version: number, event: NewAssetEvent, notify: readonly Notification[]): LicenceRefusal | undefined => {
      const before = currentRight(l.right, version, l.licensorId);
      if (before === undefined) return { reason: 'STALE' };
      const overlapping = overlappingLicence(
        l,
        allLicencesOf.all(rightKey(l.right)).map((r) => JSON.parse(r.record) as LicenceRecord),
      );
      if (overlapping !== undefined) return { reason: 'OVERLAP', with: overlapping };
      if (!changeRight(before, before, event)) return { reason: 'STALE' };
      insertLicence.run(l.id, rightKey(l.right), JSON.stringify(l), l.registeredAt);
      outbox.write(notify);
      return undefined;
    },
  );

  const writeCopyright = (c: CopyrightRecord): void => {
    insertOnce(() => insertCopyright.run(c), `copyright ${c.registrationNumber}`);
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
      async page(filter, after, limit) {
        return enterprisePages(matching(filter), after, limit).map(toEnterprise);
      },
      async count(filter) {
        const { where, params } = whereOf(matching(filter));
        return statement<{ n: number }>(`SELECT count(*) AS n FROM enterprises ${where}`).get(...params)!.n;
      },
      async countBy(group) {
        return countsOf.all(group).flatMap((c) => (c.enterprises > 0 ? [{ key: c.key, enterprises: c.enterprises }] : []));
      },
    },
    patents: {
      async insert(p) {
        insertPatents([p]);
      },
      async insertMany(ps) {
        insertPatents(ps);
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
      async insert(t) {
        insertTrademarks([t]);
      },
      async insertMany(ts) {
        insertTrademarks(ts);
      },
      async byEnterprises(ids, after, limit) {
        return trademarksOf(ids, after ?? '', limit).map((rows) => rows.map(toTrademark));
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
    },
    copyrights: {
      async insert(c) {
        writeCopyright(c);
      },
      async insertMany(cs) {
        db.transaction(() => cs.forEach(writeCopyright))();
      },
      async byEnterprises(ids, after, limit) {
        return copyrightsOf(ids, after ?? '', limit).map((rows) => rows.map(toCopyright));
      },
      async byNumbers(numbers) {
        return inKeyOrder(numbers, copyrightsIn(numbers).map(toCopyright), (c) => c.registrationNumber);
      },
    },
    rights: {
      async transfer(t, version, event, notify = []) {
        return transferRight(t, version, event, notify);
      },
      async license(l, version, event, notify = []) {
        return licenseRight(l, version, event, notify);
      },
      async transfersOf(keys) {
        const all = transfersIn(keys).map((r) => JSON.parse(r.record) as TransferRecord);
        return groupedByKey(keys, all, (t) => rightKey(t.right));
      },
      async licencesOf(key, after, limit) {
        return licencesAfter.all(key, after?.registeredAt ?? '', after?.id ?? '', limit).map((r) => JSON.parse(r.record) as LicenceRecord);
      },
      async transfersByIds(ids) {
        return inKeyOrder(
          ids,
          transfersById(ids).map((r) => JSON.parse(r.record) as TransferRecord),
          (t) => t.id,
        );
      },
      async licencesByIds(ids) {
        return inKeyOrder(
          ids,
          licencesById(ids).map((r) => JSON.parse(r.record) as LicenceRecord),
          (l) => l.id,
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
    },
    async close() {
      db.close();
    },
  };
}
