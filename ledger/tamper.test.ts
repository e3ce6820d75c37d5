// Change one byte of the SQLite file behind the ledger; the audit must name the entry.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { tempDir } from '../test/support/tmp.js';
import { fromHex } from './bytes.js';
import { hashLeaf } from './hashing.js';
import { openLedger } from './ledger.js';
import { signerFromSeed } from './note.js';
import { openSqliteLedgerStore } from './store/sqlite.js';

const signer = signerFromSeed('iphub.test/tamper', new Uint8Array(32).fill(3));
const ENTRIES = 64;

async function buildLedger(db: string): Promise<string[]> {
  const ledger = await openLedger({ store: openSqliteLedgerStore({ path: db }), signer });
  const hashes: string[] = [];
  for (let i = 0; i < ENTRIES; i++) {
    const r = await ledger.append({
      kind: 'EVIDENCE_DEPOSIT',
      subject: `evidence:tamper-${String(i).padStart(4, '0')}`,
      contentDigest: (i + 1).toString(16).padStart(64, 'a'),
      depositor: '91350100M000100Y43',
      metadata: { title: `title-${String(i).padStart(4, '0')}` },
    });
    hashes.push(r.entryHash);
  }
  await ledger.close(); // folds the WAL into the database file
  return hashes;
}

/**
 * Flips one byte of the first occurrence of `needle` in the file (SQLite fills a page from its
 * end, so the first is the later row). A value stored twice (a digest and its index entry, an
 * entry hash and the next prev_hash) changes in both copies with `everywhere`, as a forger would.
 */
function flipByteOf(db: string, needle: Buffer, offset: number, everywhere: boolean): void {
  const file = readFileSync(db);
  let at = file.indexOf(needle);
  expect(at, 'needle found').toBeGreaterThanOrEqual(0);
  do {
    file[at + offset] = file[at + offset]! ^ 0x01;
    at = file.indexOf(needle, at + 1);
  } while (everywhere && at >= 0);
  writeFileSync(db, file);
}

async function audit(db: string) {
  const ledger = await openLedger({ store: openSqliteLedgerStore({ path: db }), signer });
  const report = await ledger.audit();
  await ledger.close();
  return report;
}

describe('tamper detection', () => {
  const cases: [string, (hashes: string[]) => [Buffer, number, boolean], number][] = [
    ['subject', () => [Buffer.from('evidence:tamper-0031'), 19, false], 31],
    ['metadata', () => [Buffer.from('title-0042'), 9, false], 42],
    ['content digest', () => [Buffer.from((18).toString(16).padStart(64, 'a'), 'hex'), 31, true], 17],
    // Both copies: row 50's entry_hash and row 51's prev_hash.
    ['entry hash', (hashes) => [Buffer.from(hashes[50]!, 'hex'), 0, true], 50],
    ['link to the previous entry', (hashes) => [Buffer.from(hashes[50]!, 'hex'), 0, false], 51],
    // Page splits can leave a stale copy of a stored hash in free space: change every copy.
    ['Merkle leaf', (hashes) => [Buffer.from(hashLeaf(fromHex(hashes[20]!))), 7, true], 20],
  ];

  for (const [what, needle, seq] of cases) {
    it(`names the entry whose ${what} changed`, async () => {
      const dir = tempDir('iphub-tamper-');
      try {
        const db = join(dir.path, 'ledger.db');
        const hashes = await buildLedger(db);
        expect(await audit(db)).toEqual({ ok: true, size: ENTRIES, firstBadSeq: null });
        const [bytes, offset, everywhere] = needle(hashes);
        flipByteOf(db, bytes, offset, everywhere);
        expect(await audit(db)).toMatchObject({ ok: false, size: ENTRIES, firstBadSeq: seq });
      } finally {
        dir.remove();
      }
    });
  }
});
