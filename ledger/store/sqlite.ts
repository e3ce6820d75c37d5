// The embedded LedgerStore: one SQLite file in WAL mode (better-sqlite3).
import Database from 'better-sqlite3';
import { bytesToHex, fromHex } from '../bytes.js';
import type { Entry, EntryKind } from '../entry.js';
import { GENESIS_HASH } from '../entry.js';
import type { AppendBatch, LedgerStore, StoreHead, StoredCheckpoint } from './port.js';
import { SequenceConflictError } from './port.js';
import { storedHashCount } from '../merkle/tree-math.js';

/**
 * 'full': every acknowledged batch is fsynced and survives power loss.
 * 'normal': a batch reaches the OS before it is acknowledged and survives a process kill;
 * the last batches before a power loss may be lost (SQLite WAL with synchronous=NORMAL).
 */
export type SqliteSync = 'full' | 'normal';

export interface SqliteLedgerStoreOptions {
  /** File path, or ':memory:' for a throwaway store. */
  path: string;
  sync?: SqliteSync;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ledger_entries (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  content_digest BLOB NOT NULL,
  payload_digest BLOB NOT NULL,
  depositor TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  prev_hash BLOB NOT NULL,
  entry_hash BLOB NOT NULL,
  metadata TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ledger_entries_by_content ON ledger_entries (content_digest);
CREATE TABLE IF NOT EXISTS ledger_hashes (id INTEGER PRIMARY KEY, hash BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS ledger_checkpoints (
  size INTEGER PRIMARY KEY,
  root_hash BLOB NOT NULL,
  note TEXT NOT NULL
);
`;

interface EntryRow {
  seq: number;
  kind: string;
  subject: string;
  content_digest: Uint8Array;
  payload_digest: Uint8Array;
  depositor: string;
  timestamp: number;
  prev_hash: Uint8Array;
  entry_hash: Uint8Array;
  metadata: string;
}

interface CheckpointRow {
  size: number;
  root_hash: Uint8Array;
  note: string;
}

/** better-sqlite3 returns Buffers; callers get plain Uint8Arrays. */
const plain = (b: Uint8Array): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

const toEntry = (r: EntryRow): Entry => ({
  seq: r.seq,
  kind: r.kind as EntryKind,
  subject: r.subject,
  contentDigest: bytesToHex(r.content_digest),
  payloadDigest: bytesToHex(r.payload_digest),
  depositor: r.depositor,
  timestamp: r.timestamp,
  prevHash: bytesToHex(r.prev_hash),
  entryHash: bytesToHex(r.entry_hash),
  metadata: JSON.parse(r.metadata) as Entry['metadata'],
});

const toCheckpoint = (r: CheckpointRow): StoredCheckpoint => ({ size: r.size, rootHash: bytesToHex(r.root_hash), note: r.note });

export function openSqliteLedgerStore(options: SqliteLedgerStoreOptions): LedgerStore {
  const db = new Database(options.path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.sync === 'normal' ? 'NORMAL' : 'FULL'}`);
  db.pragma('busy_timeout = 10000');
  db.exec(SCHEMA);

  const headStmt = db.prepare<[], { seq: number; entry_hash: Uint8Array; timestamp: number }>(
    'SELECT seq, entry_hash, timestamp FROM ledger_entries ORDER BY seq DESC LIMIT 1',
  );
  const insertEntry = db.prepare(
    `INSERT INTO ledger_entries (seq, kind, subject, content_digest, payload_digest, depositor, timestamp, prev_hash, entry_hash, metadata)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertHash = db.prepare('INSERT INTO ledger_hashes (id, hash) VALUES (?, ?)');
  const hashStmt = db.prepare<[number], { hash: Uint8Array }>('SELECT hash FROM ledger_hashes WHERE id = ?');
  const hashRangeStmt = db.prepare<[number, number], { hash: Uint8Array }>(
    'SELECT hash FROM ledger_hashes WHERE id >= ? AND id < ? ORDER BY id',
  );
  const entryStmt = db.prepare<[number], EntryRow>('SELECT * FROM ledger_entries WHERE seq = ?');
  const entriesStmt = db.prepare<[number, number], EntryRow>('SELECT * FROM ledger_entries WHERE seq >= ? ORDER BY seq LIMIT ?');
  const byContentStmt = db.prepare<[Uint8Array], EntryRow>('SELECT * FROM ledger_entries WHERE content_digest = ? ORDER BY seq');
  const putCheckpointStmt = db.prepare('INSERT OR IGNORE INTO ledger_checkpoints (size, root_hash, note) VALUES (?, ?, ?)');
  const latestCheckpointStmt = db.prepare<[], CheckpointRow>('SELECT * FROM ledger_checkpoints ORDER BY size DESC LIMIT 1');
  const coveringStmt = db.prepare<[number], CheckpointRow>('SELECT * FROM ledger_checkpoints WHERE size >= ? ORDER BY size LIMIT 1');
  const checkpointsStmt = db.prepare<[], CheckpointRow>('SELECT * FROM ledger_checkpoints ORDER BY size');

  const head = (): StoreHead => {
    const row = headStmt.get();
    return row === undefined
      ? { size: 0, lastEntryHash: GENESIS_HASH, lastTimestamp: 0 }
      : { size: row.seq + 1, lastEntryHash: bytesToHex(row.entry_hash), lastTimestamp: row.timestamp };
  };

  const appendTx = db.transaction((batch: AppendBatch) => {
    const first = batch.entries[0];
    if (first === undefined) return;
    // Inside BEGIN IMMEDIATE: no other writer can move the head until we commit.
    const current = head();
    if (current.size !== first.seq || current.lastEntryHash !== first.prevHash) {
      throw new SequenceConflictError(`store is at ${current.size}, batch starts at ${first.seq}`);
    }
    for (const e of batch.entries) {
      insertEntry.run(
        e.seq,
        e.kind,
        e.subject,
        fromHex(e.contentDigest),
        fromHex(e.payloadDigest),
        e.depositor,
        e.timestamp,
        fromHex(e.prevHash),
        fromHex(e.entryHash),
        JSON.stringify(e.metadata),
      );
    }
    let id = storedHashCount(first.seq);
    for (const h of batch.hashes) insertHash.run(id++, h);
  });

  return {
    async head() {
      return head();
    },
    async append(batch) {
      appendTx.immediate(batch);
    },
    async readHashes(indexes) {
      return indexes.map((i) => {
        const row = hashStmt.get(i);
        if (row === undefined) throw new RangeError(`no stored hash at ${i}`);
        return plain(row.hash);
      });
    },
    async hashRange(start, count) {
      return hashRangeStmt.all(start, start + count).map((r) => plain(r.hash));
    },
    async entry(seq) {
      const row = entryStmt.get(seq);
      return row === undefined ? undefined : toEntry(row);
    },
    async entries(from, limit) {
      return entriesStmt.all(from, limit).map(toEntry);
    },
    async findByContentDigest(contentDigest) {
      return byContentStmt.all(fromHex(contentDigest)).map(toEntry);
    },
    async putCheckpoint(cp) {
      putCheckpointStmt.run(cp.size, fromHex(cp.rootHash), cp.note);
    },
    async latestCheckpoint() {
      const row = latestCheckpointStmt.get();
      return row === undefined ? undefined : toCheckpoint(row);
    },
    async checkpointCovering(size) {
      const row = coveringStmt.get(size);
      return row === undefined ? undefined : toCheckpoint(row);
    },
    async checkpoints() {
      return checkpointsStmt.all().map(toCheckpoint);
    },
    async close() {
      db.close();
    },
  };
}
