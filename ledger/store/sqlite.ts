// The embedded LedgerStore: one SQLite file in WAL mode (better-sqlite3).
import Database from 'better-sqlite3';

import { bytesEqual, bytesToHex, fromHex } from '../bytes.js';
import { HASH_SIZE } from '../hashing.js';
import { type NodeId, perfectSubtrees } from '../merkle/tree-math.js';
import { completedBy, nodeHash } from './layout.js';
import type { LedgerStore, StoredCheckpoint, StoredEntry, StoredTimestamp, StoreHead } from './port.js';
import { SequenceConflictError } from './port.js';

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
  metadata TEXT NOT NULL,
  tree_hashes BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS ledger_checkpoints (
  size INTEGER PRIMARY KEY,
  root_hash BLOB NOT NULL,
  note TEXT NOT NULL
);
-- RFC 3161 tokens over checkpoint notes, one per checkpoint and TSA (ledger/timestamps.ts).
CREATE TABLE IF NOT EXISTS ledger_timestamps (
  size INTEGER NOT NULL,
  tsa TEXT NOT NULL,
  note TEXT NOT NULL,
  token BLOB NOT NULL,
  gen_time INTEGER NOT NULL,
  PRIMARY KEY (size, tsa)
) WITHOUT ROWID;
-- Entries by the first 8 bytes of their content digest, for entries seq < size only: kept off
-- the append's transaction, where its random keys cost a page write per entry (half the
-- appends/s), and brought up to date in bulk, sorted, before a look-up and when appends pause.
CREATE TABLE IF NOT EXISTS ledger_content_index (
  key BLOB NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (key, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ledger_content_indexed (
  id INTEGER PRIMARY KEY CHECK (id = 0),
  size INTEGER NOT NULL
);
INSERT OR IGNORE INTO ledger_content_indexed (id, size) VALUES (0, 0);
-- Before 2026-11-28 every append wrote this index of whole digests; ledger_content_index
-- replaces it, built from seq 0 on the first look-up.
DROP INDEX IF EXISTS ledger_entries_by_content;
`;

const CONTENT_KEY = 'substr(content_digest, 1, 8)';
/** How long appends must pause before the content index catches up by itself (ms). */
const INDEX_WHEN_IDLE_MS = 200;

// One value for a whole range (entry-rows.ts): better-sqlite3 costs about a microsecond per
// row and per column it hands to JavaScript, more than hashing the entry. The aggregate sees
// the rows in the rowid (seq) order of the range scan; the audit checks every seq anyway.
const ENTRY_ROWS_SQL = `
SELECT CAST(group_concat(concat(
  concat_ws(',', seq, ifnull(timestamp, ''),
    ifnull(octet_length(kind), -1), ifnull(octet_length(subject), -1), ifnull(octet_length(depositor), -1),
    ifnull(octet_length(content_digest), -1), ifnull(octet_length(payload_digest), -1), ifnull(octet_length(prev_hash), -1),
    ifnull(octet_length(entry_hash), -1), ifnull(octet_length(metadata), -1), ifnull(octet_length(tree_hashes), -1)),
  ';', kind, subject, depositor, content_digest, payload_digest, prev_hash, entry_hash, metadata, tree_hashes), '') AS BLOB)
FROM ledger_entries WHERE seq >= ? AND seq < ?`;

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
  tree_hashes: Uint8Array;
}

interface CheckpointRow {
  size: number;
  root_hash: Uint8Array;
  note: string;
}

interface TimestampRow {
  size: number;
  tsa: string;
  note: string;
  token: Uint8Array;
  gen_time: number;
}

const ZERO_HASH = new Uint8Array(HASH_SIZE);

/** better-sqlite3 returns Buffers; callers get plain Uint8Arrays. */
const plain = (b: Uint8Array): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

const toStored = (r: EntryRow): StoredEntry => ({
  seq: r.seq,
  kind: r.kind,
  subject: r.subject,
  contentDigest: plain(r.content_digest),
  payloadDigest: plain(r.payload_digest),
  depositor: r.depositor,
  timestamp: r.timestamp,
  prevHash: plain(r.prev_hash),
  entryHash: plain(r.entry_hash),
  metadataJson: r.metadata,
  treeHashes: plain(r.tree_hashes),
});

const toTimestamp = (r: TimestampRow): StoredTimestamp => ({ size: r.size, tsa: r.tsa, note: r.note, token: plain(r.token), genTime: r.gen_time });
const toCheckpoint = (r: CheckpointRow): StoredCheckpoint => ({ size: r.size, rootHash: bytesToHex(r.root_hash), note: r.note });

export function openSqliteLedgerStore(options: SqliteLedgerStoreOptions): LedgerStore {
  const db = new Database(options.path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.sync === 'normal' ? 'NORMAL' : 'FULL'}`);
  db.pragma('busy_timeout = 10000');
  // Fold the WAL back every ~40 MB rather than every 4 MB: fewer, larger copies.
  db.pragma('wal_autocheckpoint = 10000');
  db.exec(SCHEMA);

  const headStmt = db.prepare<[], { seq: number; entry_hash: Uint8Array; timestamp: number }>(
    'SELECT seq, entry_hash, timestamp FROM ledger_entries ORDER BY seq DESC LIMIT 1',
  );
  const insertEntry = db.prepare<[number, string, string, Uint8Array, Uint8Array, string, number, Uint8Array, Uint8Array, string, Uint8Array]>(
    `INSERT INTO ledger_entries (seq, kind, subject, content_digest, payload_digest, depositor, timestamp, prev_hash, entry_hash, metadata, tree_hashes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const treeHashesStmt = db.prepare<[number], { tree_hashes: Uint8Array }>('SELECT tree_hashes FROM ledger_entries WHERE seq = ?');
  const entryStmt = db.prepare<[number], EntryRow>('SELECT * FROM ledger_entries WHERE seq = ?');
  const entriesStmt = db.prepare<[number, number], EntryRow>('SELECT * FROM ledger_entries WHERE seq >= ? ORDER BY seq LIMIT ?');
  const entryRowsStmt = db.prepare<[number, number], Uint8Array | null>(ENTRY_ROWS_SQL).pluck();
  // The index's entries, then those after it: right even when another writer appended since.
  const byContentStmt = db.prepare<[{ digest: Uint8Array }], EntryRow>(
    `SELECT e.* FROM ledger_content_index i JOIN ledger_entries e ON e.seq = i.seq
       WHERE i.key = substr(@digest, 1, 8) AND e.content_digest = @digest AND e.seq < (SELECT size FROM ledger_content_indexed)
     UNION ALL
     SELECT * FROM ledger_entries WHERE seq >= (SELECT size FROM ledger_content_indexed) AND content_digest = @digest
     ORDER BY seq`,
  );
  const indexedStmt = db.prepare<[], number>('SELECT size FROM ledger_content_indexed').pluck();
  const indexStmt = db.prepare<[number]>(
    `INSERT INTO ledger_content_index (key, seq) SELECT ${CONTENT_KEY}, seq FROM ledger_entries WHERE seq >= ? ORDER BY 1, 2`,
  );
  const setIndexedStmt = db.prepare<[number]>('UPDATE ledger_content_indexed SET size = ?');
  const putCheckpointStmt = db.prepare<[number, Uint8Array, string]>('INSERT OR IGNORE INTO ledger_checkpoints (size, root_hash, note) VALUES (?, ?, ?)');
  const latestCheckpointStmt = db.prepare<[], CheckpointRow>('SELECT * FROM ledger_checkpoints ORDER BY size DESC LIMIT 1');
  const checkpointsStmt = db.prepare<[], CheckpointRow>('SELECT * FROM ledger_checkpoints ORDER BY size');
  const checkpointAtStmt = db.prepare<[number], CheckpointRow>('SELECT * FROM ledger_checkpoints WHERE size = ?');
  const putTimestampStmt = db.prepare<[number, string, string, Uint8Array, number]>(
    'INSERT OR IGNORE INTO ledger_timestamps (size, tsa, note, token, gen_time) VALUES (?, ?, ?, ?, ?)',
  );
  const timestampsCoveringStmt = db.prepare<[number], TimestampRow>(
    'SELECT * FROM ledger_timestamps WHERE size = (SELECT min(size) FROM ledger_timestamps WHERE size >= ?) ORDER BY tsa',
  );
  const latestTimestampStmt = db.prepare<[], TimestampRow>('SELECT * FROM ledger_timestamps ORDER BY size DESC, gen_time DESC LIMIT 1');
  const swapNoteStmt = db.prepare<[string, number, string]>('UPDATE ledger_checkpoints SET note = ? WHERE size = ? AND note = ?');

  const head = (): StoreHead => {
    const row = headStmt.get();
    return row === undefined
      ? { size: 0, lastEntryHash: ZERO_HASH, lastTimestamp: 0 }
      : { size: row.seq + 1, lastEntryHash: plain(row.entry_hash), lastTimestamp: row.timestamp };
  };
  const readHashes = (nodes: readonly NodeId[]): Uint8Array[] => nodes.map((node) => nodeHash(node, treeHashesStmt.get(completedBy(node).seq)?.tree_hashes));

  const appendTx = db.transaction((entries: readonly StoredEntry[]) => {
    const first = entries[0];
    if (first === undefined) return;
    // Inside BEGIN IMMEDIATE: no other writer can move the head until we commit.
    const current = head();
    if (current.size !== first.seq || !bytesEqual(current.lastEntryHash, first.prevHash)) {
      throw new SequenceConflictError(`store is at ${current.size}, batch starts at ${first.seq}`, current, readHashes(perfectSubtrees(0, current.size)));
    }
    for (const e of entries) {
      insertEntry.run(
        e.seq,
        e.kind,
        e.subject,
        e.contentDigest,
        e.payloadDigest,
        e.depositor,
        e.timestamp,
        e.prevHash,
        e.entryHash,
        e.metadataJson,
        e.treeHashes,
      );
    }
  });

  const catchUpTx = db.transaction(() => {
    const indexed = indexedStmt.get()!;
    const { size } = head();
    if (size <= indexed) return;
    indexStmt.run(indexed);
    setIndexedStmt.run(size);
  });
  const indexCaughtUp = (): boolean => indexedStmt.get()! >= head().size;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const indexWhenIdle = (): void => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      try {
        catchUpTx.immediate();
      } catch {
        // Busy or closed: the next look-up catches up.
      }
    }, INDEX_WHEN_IDLE_MS);
    idleTimer.unref?.();
  };

  return {
    async head() {
      return head();
    },
    async append(entries) {
      appendTx.immediate(entries);
      indexWhenIdle();
    },
    async readHashes(nodes) {
      return readHashes(nodes);
    },
    async entry(seq) {
      const row = entryStmt.get(seq);
      return row === undefined ? undefined : toStored(row);
    },
    async entries(from, limit) {
      return entriesStmt.all(from, limit).map(toStored);
    },
    async entryRows(from, to) {
      const rows = entryRowsStmt.get(from, to);
      return rows == null ? new Uint8Array(0) : plain(rows);
    },
    async findByContentDigest(contentDigest) {
      if (!indexCaughtUp()) catchUpTx.immediate();
      return byContentStmt.all({ digest: contentDigest }).map(toStored);
    },
    async putCheckpoint(cp) {
      putCheckpointStmt.run(cp.size, fromHex(cp.rootHash), cp.note);
    },
    async latestCheckpoint() {
      const row = latestCheckpointStmt.get();
      return row === undefined ? undefined : toCheckpoint(row);
    },
    async checkpoints() {
      return checkpointsStmt.all().map(toCheckpoint);
    },
    async checkpointAt(size) {
      const row = checkpointAtStmt.get(size);
      return row === undefined ? undefined : toCheckpoint(row);
    },
    async swapCheckpointNote(size, expected, note) {
      return swapNoteStmt.run(note, size, expected).changes === 1;
    },
    async putTimestamp(ts) {
      putTimestampStmt.run(ts.size, ts.tsa, ts.note, ts.token, ts.genTime);
    },
    async timestampsCovering(size) {
      return timestampsCoveringStmt.all(size).map(toTimestamp);
    },
    async latestTimestamp() {
      const row = latestTimestampStmt.get();
      return row === undefined ? undefined : toTimestamp(row);
    },
    async close() {
      clearTimeout(idleTimer);
      db.close();
    },
  };
}
