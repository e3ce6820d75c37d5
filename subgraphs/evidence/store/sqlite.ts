// The evidence subgraph's repository on its own SQLite database.
import type Database from 'better-sqlite3';

import type { Receipt } from '../../../ledger/index.js';
import { monthOf } from '../../../platform/hub-calendar.js';
import { type Condition, countsOf, inKeyOrder, inListQuery, monthCountsOfRows, statementCache, whereOf } from '../../../platform/sqlite.js';
import { tally } from '../../common/tally.js';
import type { DataAssetRecord, EvidenceRecord } from '../domain/model.js';
import type { DepositPageRequest, DepositSearch, EvidenceStore } from './port.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS evidence (
  id TEXT PRIMARY KEY,
  depositor_id TEXT NOT NULL,
  title TEXT NOT NULL,
  category TEXT NOT NULL,
  content_digest TEXT NOT NULL,
  deposited_at TEXT NOT NULL,
  ledger_seq INTEGER NOT NULL,
  entry_hash TEXT NOT NULL,
  ledger_timestamp INTEGER NOT NULL
);
DROP INDEX IF EXISTS evidence_by_depositor;
-- A depositor's newest first, ties by id: a page is the first entries of its range.
CREATE INDEX IF NOT EXISTS evidence_by_depositor_newest ON evidence (depositor_id, deposited_at DESC, id);
-- A deposit by its ledger entry (GET /certificates/<seq>.pdf): one per entry.
CREATE INDEX IF NOT EXISTS evidence_by_seq ON evidence (ledger_seq);
CREATE TABLE IF NOT EXISTS data_assets (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  registered_at TEXT NOT NULL,
  ledger_seq INTEGER NOT NULL,
  entry_hash TEXT NOT NULL,
  ledger_timestamp INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS data_assets_by_owner ON data_assets (owner_id, registered_at);
`;

// Deposits per month of deposit, counted in the writer's transaction: the statistics read a row
// per month, however many deposits there are. A database from before them counts its rows once.
const COUNTERS = `
CREATE TABLE IF NOT EXISTS evidence_counts (
  month TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** `text` as a LIKE pattern matching it anywhere: its `%`, `_` and backslashes escaped by a backslash (ESCAPE '\'). */
const containing = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The columns a row keeps its ledger receipt in. */
interface ReceiptColumns {
  ledger_seq: number;
  entry_hash: string;
  ledger_timestamp: number;
}
const receiptOf = (r: ReceiptColumns): Receipt => ({ seq: r.ledger_seq, entryHash: r.entry_hash, timestamp: r.ledger_timestamp });

interface DataAssetRow extends ReceiptColumns {
  id: string;
  owner_id: string;
  name: string;
  description: string;
  fingerprint: string;
  registered_at: string;
}

const toDataAsset = (r: DataAssetRow): DataAssetRecord => ({
  id: r.id,
  ownerId: r.owner_id,
  name: r.name,
  description: r.description,
  fingerprint: r.fingerprint,
  registeredAt: r.registered_at,
  receipt: receiptOf(r),
});

interface EvidenceRow extends ReceiptColumns {
  id: string;
  depositor_id: string;
  title: string;
  category: string;
  content_digest: string;
  deposited_at: string;
}

const toRecord = (r: EvidenceRow): EvidenceRecord => ({
  id: r.id,
  depositorId: r.depositor_id,
  title: r.title,
  category: r.category as EvidenceRecord['category'],
  contentDigest: r.content_digest,
  depositedAt: r.deposited_at,
  receipt: receiptOf(r),
});

export function openSqliteEvidenceStore(db: Database.Database): EvidenceStore {
  db.exec(SCHEMA);
  db.transaction(() => {
    db.exec(COUNTERS);
    monthCountsOfRows(db, 'evidence_counts', 'SELECT deposited_at FROM evidence');
  })();
  const insert = db.prepare(
    `INSERT INTO evidence (id, depositor_id, title, category, content_digest, deposited_at, ledger_seq, entry_hash, ledger_timestamp)
     VALUES (@id, @depositorId, @title, @category, @contentDigest, @depositedAt, @seq, @entryHash, @timestamp)`,
  );
  const addCount = db.prepare('INSERT INTO evidence_counts (month, n) VALUES (?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n');
  // A batch with its counts, one statement per month: all or nothing.
  const writeEvidence = db.transaction((es: readonly EvidenceRecord[]) => {
    for (const { receipt, ...rest } of es) insert.run({ ...rest, ...receipt });
    for (const [month, n] of tally(es.map((e) => monthOf(e.depositedAt)))) addCount.run(month, n);
  });
  const countsBetween = db.prepare<[string, string], { month: string; count: number }>(
    'SELECT month, n AS count FROM evidence_counts WHERE month >= ? AND month <= ? ORDER BY month',
  );
  const total = db.prepare<[], number>('SELECT coalesce(sum(n), 0) FROM evidence_counts').pluck();
  const evidenceIn = inListQuery<EvidenceRow>(db, (ids) => `SELECT * FROM evidence WHERE id IN (${ids})`);
  // Along evidence_by_seq; an entry has one deposit (the lowest id, should a store ever hold two).
  const evidenceAtSeq = db.prepare<[number], EvidenceRow>('SELECT * FROM evidence WHERE ledger_seq = ? ORDER BY id LIMIT 1');
  // The newest `limit` of one depositor, read off the front of its range in
  // evidence_by_depositor_newest: the cost of the page, however many deposits it has.
  const newestOf = db.prepare<[string, number], EvidenceRow>('SELECT * FROM evidence WHERE depositor_id = ? ORDER BY deposited_at DESC, id LIMIT ?');
  const statement = statementCache(db);
  // A page of one depositor: along evidence_by_depositor_newest from the cursor on (its range
  // bounds deposited_at; the tie on deposited_at is filtered), the search filtered on each row,
  // stopping at the limit. LIKE folds ASCII letters only, as the port says.
  const searched = (search: DepositSearch | undefined): Condition => [
    search?.digestPrefix === undefined ? "title LIKE ? ESCAPE '\\'" : "(title LIKE ? ESCAPE '\\' OR content_digest LIKE ?)",
    search === undefined ? undefined : [containing(search.text), ...(search.digestPrefix === undefined ? [] : [`${search.digestPrefix}%`])],
  ];
  const pageOf = (depositorId: string, { search, after, limit }: DepositPageRequest): EvidenceRow[] => {
    if (limit <= 0) return [];
    const w = whereOf([
      ['depositor_id = ?', depositorId],
      ['deposited_at <= ? AND (deposited_at < ? OR id > ?)', after === undefined ? undefined : [after.depositedAt, after.depositedAt, after.id]],
      searched(search),
    ]);
    return statement<EvidenceRow>(`SELECT * FROM evidence ${w.where} ORDER BY deposited_at DESC, id LIMIT ?`).all(...w.params, limit);
  };
  const countOf = countsOf(db);
  const assetCounts = inListQuery<{ owner_id: string; n: number }>(
    db,
    (ids) => `SELECT owner_id, count(*) AS n FROM data_assets WHERE owner_id IN (${ids}) GROUP BY owner_id`,
  );
  const insertAsset = db.prepare(
    `INSERT INTO data_assets (id, owner_id, name, description, fingerprint, registered_at, ledger_seq, entry_hash, ledger_timestamp)
     VALUES (@id, @ownerId, @name, @description, @fingerprint, @registeredAt, @seq, @entryHash, @timestamp)`,
  );
  const assetsIn = inListQuery<DataAssetRow>(db, (ids) => `SELECT * FROM data_assets WHERE id IN (${ids})`);
  // One owner's page along data_assets_by_owner; the first page starts after a time later than any.
  const assetsOf = db.prepare<[string, string, string, string, number], DataAssetRow>(
    `SELECT * FROM data_assets WHERE owner_id = ? AND registered_at <= ? AND (registered_at < ? OR id > ?) ORDER BY registered_at DESC, id LIMIT ?`,
  );
  return {
    dataAssets: {
      async insert(a) {
        const { receipt, ...rest } = a;
        insertAsset.run({ ...rest, ...receipt });
      },
      async byIds(ids) {
        return inKeyOrder(ids, assetsIn(ids).map(toDataAsset), (a) => a.id);
      },
      async byOwners(ids, after, limit) {
        const [at, id] = after === undefined ? ['\uffff', ''] : [after.registeredAt, after.id];
        const pages = new Map([...new Set(ids)].map((owner) => [owner, limit <= 0 ? [] : assetsOf.all(owner, at, at, id, limit).map(toDataAsset)]));
        return ids.map((owner) => pages.get(owner)!);
      },
      async countByOwners(ids) {
        const counts = new Map(assetCounts(ids).map((r) => [r.owner_id, r.n]));
        return ids.map((owner) => counts.get(owner) ?? 0);
      },
    },
    evidence: {
      async insert(e) {
        writeEvidence([e]);
      },
      async insertMany(es) {
        writeEvidence(es);
      },
      async byIds(ids) {
        return inKeyOrder(ids, evidenceIn(ids).map(toRecord), (e) => e.id);
      },
      async byReceiptSeqs(seqs) {
        const found = new Map([...new Set(seqs)].map((seq) => [seq, evidenceAtSeq.get(seq)]));
        return seqs.map((seq) => {
          const row = found.get(seq);
          return row === undefined ? undefined : toRecord(row);
        });
      },
      async byDepositors(ids, limit) {
        const pages = new Map([...new Set(ids)].map((id) => [id, newestOf.all(id, limit).map(toRecord)]));
        return ids.map((id) => pages.get(id)!);
      },
      async pageByDepositor(depositorId, request) {
        return pageOf(depositorId, request).map(toRecord);
      },
      async countByDepositor(depositorId, search) {
        return countOf('evidence', [['depositor_id = ?', depositorId], searched(search)]);
      },
      async countByMonth(from, to) {
        return countsBetween.all(from, to);
      },
      async count() {
        return total.get()!;
      },
    },
    async close() {
      db.close();
    },
  };
}
