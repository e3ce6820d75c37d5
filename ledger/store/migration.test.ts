// A ledger database written before the content index moved off the append's transaction
// (2026-11-28) opens, finds entries by content digest and audits as before.
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { tempDir } from '../../test/support/tmp.js';
import { bytesToHex } from '../bytes.js';
import { openLedger } from '../ledger.js';
import { signerFromSeed } from '../note.js';
import { makeBatch } from './contract.js';
import { openSqliteLedgerStore } from './sqlite.js';

// The schema as it was: every append wrote the index of whole content digests.
const SCHEMA_BEFORE = `
CREATE TABLE ledger_entries (
  seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, subject TEXT NOT NULL, content_digest BLOB NOT NULL,
  payload_digest BLOB NOT NULL, depositor TEXT NOT NULL, timestamp INTEGER NOT NULL, prev_hash BLOB NOT NULL,
  entry_hash BLOB NOT NULL, metadata TEXT NOT NULL, tree_hashes BLOB NOT NULL
);
CREATE INDEX ledger_entries_by_content ON ledger_entries (content_digest);
CREATE TABLE ledger_checkpoints (size INTEGER PRIMARY KEY, root_hash BLOB NOT NULL, note TEXT NOT NULL);
`;

const signer = signerFromSeed('iphub.test/migration', new Uint8Array(32).fill(9));

describe('a ledger database from before the content index moved', () => {
  it('opens, finds by content digest, audits and takes appends', async () => {
    const dir = tempDir('iphub-migration-');
    const path = join(dir.path, 'ledger.db');
    try {
      const { entries } = makeBatch({ size: 0, lastEntryHash: new Uint8Array(32) }, 30);
      const old = new Database(path);
      old.pragma('journal_mode = WAL');
      old.exec(SCHEMA_BEFORE);
      const insert = old.prepare('INSERT INTO ledger_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      for (const e of entries)
        insert.run(e.seq, e.kind, e.subject, e.contentDigest, e.payloadDigest, e.depositor, e.timestamp, e.prevHash, e.entryHash, e.metadataJson, e.treeHashes);
      old.close();

      const ledger = await openLedger({ store: openSqliteLedgerStore({ path }), signer });
      const other = openSqliteLedgerStore({ path });
      const digest = entries[1]!.contentDigest;
      // makeBatch gives seq % 3 the same content digest.
      expect((await other.findByContentDigest(digest)).map((e) => e.seq)).toEqual(entries.filter((e) => e.seq % 3 === 1).map((e) => e.seq));
      expect(await ledger.audit()).toEqual({ ok: true, size: 30, firstBadSeq: null });

      // Entries appended after the other handle's look-up are found by it too.
      const receipt = await ledger.append({ kind: 'EVIDENCE_DEPOSIT', subject: 'evidence:after', contentDigest: bytesToHex(digest), depositor: 'd' });
      expect((await other.findByContentDigest(digest)).map((e) => e.seq)).toEqual([...entries.filter((e) => e.seq % 3 === 1).map((e) => e.seq), receipt.seq]);
      expect(await ledger.audit()).toEqual({ ok: true, size: 31, firstBadSeq: null });
      await other.close();
      await ledger.close();

      const db = new Database(path);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'ledger_entries_by_content'").all()).toEqual([]);
      db.close();
    } finally {
      dir.remove();
    }
  });
});
