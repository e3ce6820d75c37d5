// The enterprises subgraph's repositories on its own SQLite database.
import type Database from 'better-sqlite3';
import type { CopyrightRecord, EnterpriseFilter, EnterpriseRecord, EnterprisesStore, PatentRecord, TrademarkRecord } from './repository.js';
import { DuplicateKeyError } from './repository.js';
import { groupedByKey, inKeyOrder, inListQuery, statementCache, whereOf } from '../common/sqlite.js';

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
  fees_paid_through TEXT
);
CREATE INDEX IF NOT EXISTS patents_by_enterprise ON patents (enterprise_id, application_number);
CREATE TABLE IF NOT EXISTS trademarks (
  registration_number TEXT PRIMARY KEY,
  enterprise_id TEXT NOT NULL REFERENCES enterprises (id),
  mark TEXT NOT NULL,
  nice_class INTEGER NOT NULL,
  registration_date TEXT NOT NULL,
  expiry_date TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS trademarks_by_enterprise ON trademarks (enterprise_id, registration_number);
CREATE INDEX IF NOT EXISTS trademarks_by_expiry ON trademarks (expiry_date);
CREATE TABLE IF NOT EXISTS copyrights (
  registration_number TEXT PRIMARY KEY,
  enterprise_id TEXT NOT NULL REFERENCES enterprises (id),
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  registered_on TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS copyrights_by_enterprise ON copyrights (enterprise_id, registration_number);
`;

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
}

interface TrademarkRow {
  registration_number: string;
  enterprise_id: string;
  mark: string;
  nice_class: number;
  registration_date: string;
  expiry_date: string;
}

interface CopyrightRow {
  registration_number: string;
  enterprise_id: string;
  title: string;
  kind: string;
  registered_on: string;
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
  grantDate: r.grant_date,
  feesPaidThrough: r.fees_paid_through,
});

const toTrademark = (r: TrademarkRow): TrademarkRecord => ({
  registrationNumber: r.registration_number,
  enterpriseId: r.enterprise_id,
  mark: r.mark,
  niceClass: r.nice_class,
  registrationDate: r.registration_date,
  expiryDate: r.expiry_date,
});

const toCopyright = (r: CopyrightRow): CopyrightRecord => ({
  registrationNumber: r.registration_number,
  enterpriseId: r.enterprise_id,
  title: r.title,
  kind: r.kind as CopyrightRecord['kind'],
  registeredOn: r.registered_on,
});

/** Runs an insert, turning a UNIQUE or PRIMARY KEY violation into DuplicateKeyError. */
function insertOnce(run: () => unknown, what: string): void {
  try {
    run();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new DuplicateKeyError(`${what} is registered already`);
    throw err;
  }
}

export function openSqliteEnterprisesStore(db: Database.Database): EnterprisesStore {
  db.exec(SCHEMA);
  const insertEnterprise = db.prepare(
    `INSERT INTO enterprises (id, uscc, name, region_code, industry, filing_status, registered_at, override_approved_by, override_reason)
     VALUES (@id, @uscc, @name, @regionCode, @industry, @filingStatus, @registeredAt, @approvedBy, @reason)`,
  );
  const enterpriseByUscc = db.prepare<[string], EnterpriseRow>('SELECT * FROM enterprises WHERE uscc = ?');
  const insertPatent = db.prepare(
    `INSERT INTO patents (application_number, enterprise_id, type, pct, title, ipc_class, status, filing_date, grant_date, fees_paid_through)
     VALUES (@applicationNumber, @enterpriseId, @type, @pct, @title, @ipcClass, @status, @filingDate, @grantDate, @feesPaidThrough)`,
  );
  const insertTrademark = db.prepare(
    `INSERT INTO trademarks (registration_number, enterprise_id, mark, nice_class, registration_date, expiry_date)
     VALUES (@registrationNumber, @enterpriseId, @mark, @niceClass, @registrationDate, @expiryDate)`,
  );
  const insertCopyright = db.prepare(
    `INSERT INTO copyrights (registration_number, enterprise_id, title, kind, registered_on)
     VALUES (@registrationNumber, @enterpriseId, @title, @kind, @registeredOn)`,
  );
  const column = { regionCode: 'region_code', industry: 'industry' } as const;
  const statement = statementCache(db);
  const matching = (filter: EnterpriseFilter, after: string | undefined) =>
    whereOf([
      ['region_code = ?', filter.regionCode],
      ['industry = ?', filter.industry],
      ['id > ?', after],
    ]);
  const enterprisesIn = inListQuery<EnterpriseRow>(db, (ids) => `SELECT * FROM enterprises WHERE id IN (${ids})`);
  const patentsIn = inListQuery<PatentRow>(db, (numbers) => `SELECT * FROM patents WHERE application_number IN (${numbers})`);
  const patentsOf = inListQuery<PatentRow>(db, (ids) => `SELECT * FROM patents WHERE enterprise_id IN (${ids}) ORDER BY application_number`);
  const trademarksOf = inListQuery<TrademarkRow>(db, (ids) => `SELECT * FROM trademarks WHERE enterprise_id IN (${ids}) ORDER BY registration_number`);
  const copyrightsOf = inListQuery<CopyrightRow>(db, (ids) => `SELECT * FROM copyrights WHERE enterprise_id IN (${ids}) ORDER BY registration_number`);

  return {
    enterprises: {
      async insert(e) {
        const { creditCodeOverride, ...rest } = e;
        insertOnce(() => insertEnterprise.run({ ...rest, approvedBy: creditCodeOverride?.approvedBy ?? null, reason: creditCodeOverride?.reason ?? null }), `credit code ${e.uscc}`);
      },
      async byIds(ids) {
        return inKeyOrder(ids, enterprisesIn(ids).map(toEnterprise), (e) => e.id);
      },
      async byUscc(uscc) {
        const row = enterpriseByUscc.get(uscc);
        return row === undefined ? undefined : toEnterprise(row);
      },
      async page(filter, after, limit) {
        const { where, params } = matching(filter, after);
        return statement<EnterpriseRow>(`SELECT * FROM enterprises ${where} ORDER BY id LIMIT ?`).all(...params, limit).map(toEnterprise);
      },
      async count(filter) {
        const { where, params } = matching(filter, undefined);
        return statement<{ n: number }>(`SELECT count(*) AS n FROM enterprises ${where}`).get(...params)!.n;
      },
      async countBy(group) {
        return db
          .prepare<[], { key: string; enterprises: number }>(`SELECT ${column[group]} AS key, count(*) AS enterprises FROM enterprises GROUP BY 1 ORDER BY 1`)
          .all();
      },
    },
    patents: {
      async insert(p) {
        insertOnce(() => insertPatent.run({ ...p, pct: p.pct ? 1 : 0 }), `patent ${p.applicationNumber}`);
      },
      async byNumbers(numbers) {
        return inKeyOrder(numbers, patentsIn(numbers).map(toPatent), (p) => p.applicationNumber);
      },
      async byEnterprises(ids) {
        return groupedByKey(ids, patentsOf(ids).map(toPatent), (p) => p.enterpriseId);
      },
      async live(enterpriseId) {
        const sql = `SELECT * FROM patents WHERE status IN ('PENDING', 'GRANTED') ${enterpriseId === undefined ? '' : 'AND enterprise_id = ?'} ORDER BY application_number`;
        return db
          .prepare<string[], PatentRow>(sql)
          .all(...(enterpriseId === undefined ? [] : [enterpriseId]))
          .map(toPatent);
      },
      async countBy(group) {
        return db
          .prepare<[], { key: string; patents: number }>(
            `SELECT e.${column[group]} AS key, count(*) AS patents FROM patents p JOIN enterprises e ON e.id = p.enterprise_id GROUP BY 1 ORDER BY 1`,
          )
          .all();
      },
    },
    trademarks: {
      async insert(t) {
        insertOnce(() => insertTrademark.run(t), `trademark ${t.registrationNumber}`);
      },
      async byEnterprises(ids) {
        return groupedByKey(ids, trademarksOf(ids).map(toTrademark), (t) => t.enterpriseId);
      },
      async expiringBy(date, enterpriseId) {
        const sql = `SELECT * FROM trademarks WHERE expiry_date <= ? ${enterpriseId === undefined ? '' : 'AND enterprise_id = ?'} ORDER BY expiry_date, registration_number`;
        return db
          .prepare<string[], TrademarkRow>(sql)
          .all(date, ...(enterpriseId === undefined ? [] : [enterpriseId]))
          .map(toTrademark);
      },
    },
    copyrights: {
      async insert(c) {
        insertOnce(() => insertCopyright.run(c), `copyright ${c.registrationNumber}`);
      },
      async byEnterprises(ids) {
        return groupedByKey(ids, copyrightsOf(ids).map(toCopyright), (c) => c.enterpriseId);
      },
    },
    async close() {
      db.close();
    },
  };
}
