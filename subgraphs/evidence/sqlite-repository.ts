// The evidence subgraph's repository on its own SQLite database.
import type Database from 'better-sqlite3';
import type { EvidenceRecord, EvidenceStore } from './repository.js';
import { inListQuery } from '../common/sqlite.js';

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
CREATE INDEX IF NOT EXISTS evidence_by_depositor ON evidence (depositor_id, deposited_at);
`;

interface EvidenceRow {
  id: string;
  depositor_id: string;
  title: string;
  category: string;
  content_digest: string;
  deposited_at: string;
  ledger_seq: number;
  entry_hash: string;
  ledger_timestamp: number;
}

const toRecord = (r: EvidenceRow): EvidenceRecord => ({
  id: r.id,
  depositorId: r.depositor_id,
  title: r.title,
  category: r.category as EvidenceRecord['category'],
  contentDigest: r.content_digest,
  depositedAt: r.deposited_at,
  receipt: { seq: r.ledger_seq, entryHash: r.entry_hash, timestamp: r.ledger_timestamp },
});

export function openSqliteEvidenceStore(db: Database.Database): EvidenceStore {
  db.exec(SCHEMA);
  const insert = db.prepare(
    `INSERT INTO evidence (id, depositor_id, title, category, content_digest, deposited_at, ledger_seq, entry_hash, ledger_timestamp)
     VALUES (@id, @depositorId, @title, @category, @contentDigest, @depositedAt, @seq, @entryHash, @timestamp)`,
  );
  const evidenceIn = inListQuery<EvidenceRow>(db, (ids) => `SELECT * FROM evidence WHERE id IN (${ids})`);
  const evidenceOf = inListQuery<EvidenceRow>(db, (ids) => `SELECT * FROM evidence WHERE depositor_id IN (${ids}) ORDER BY deposited_at DESC, id`);
  return {
    evidence: {
      async insert(e) {
        const { receipt, ...rest } = e;
        insert.run({ ...rest, ...receipt });
      },
      async byIds(ids) {
        const rows = evidenceIn(ids);
        const byId = new Map(rows.map((r) => [r.id, toRecord(r)]));
        return ids.map((id) => byId.get(id));
      },
      async byDepositors(ids) {
        const rows = evidenceOf(ids);
        const by = new Map<string, EvidenceRecord[]>(ids.map((id) => [id, []]));
        for (const r of rows) by.get(r.depositor_id)?.push(toRecord(r));
        return ids.map((id) => by.get(id)!);
      },
    },
    async close() {
      db.close();
    },
  };
}
