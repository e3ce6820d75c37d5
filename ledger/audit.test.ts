// The audit cut into ranges and spread over worker threads names the same first bad entry, for
// the same reason, as one walk from genesis on this thread.
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { tempDir } from '../test/support/tmp.js';
import { auditLog, type AuditOptions, type AuditReport } from './audit.js';
import { openLedger } from './ledger.js';
import { signerFromSeed, signNote } from './note.js';
import type { LedgerStore } from './store/port.js';
import { openSqliteLedgerStore } from './store/sqlite.js';
import { formatCheckpoint } from './verify/checkpoint.js';

const signer = signerFromSeed('iphub.test/audit', new Uint8Array(32).fill(5));
const ENTRIES = 1000;
const log = { origin: signer.name, verifierKey: '' };

const WALK: AuditOptions = { workers: 0, rangeLevel: 30 };
const RANGES: AuditOptions = { workers: 0, rangeLevel: 4 };
const WORKERS: AuditOptions = { workers: 2, rangeLevel: 4 };

/** A ledger of ENTRIES entries with checkpoints at irregular sizes, range boundaries among them. */
async function build(path: string): Promise<void> {
  const ledger = await openLedger({ store: openSqliteLedgerStore({ path }), signer, checkpointIntervalMs: 0 });
  log.verifierKey = ledger.verifierKey;
  for (let n = 0; n < ENTRIES;) {
    const batch = Math.min(ENTRIES - n, [1, 15, 16, 17, 64, 3][n % 6]!);
    await Promise.all(
      Array.from({ length: batch }, (_, i) =>
        ledger.append({
          kind: 'EVIDENCE_DEPOSIT',
          subject: `evidence:${n + i}`,
          contentDigest: (n + i + 1).toString(16).padStart(64, '0'),
          depositor: n % 2 === 0 ? '91350100M000100Y43' : '深圳市某某科技有限公司',
          metadata: { title: `合同 ${n + i}`, pages: n + i },
        }),
      ),
    );
    n += batch;
    await ledger.checkpoint();
  }
  await ledger.close();
}

/** A checkpoint of `size` entries with a root of zeros, signed by `by`. */
const forgedCheckpoint = (size: number, origin = signer.name, by = signer) => signNote(formatCheckpoint({ origin, size, rootHash: new Uint8Array(32) }), by);
const PUT_CHECKPOINT = 'INSERT OR REPLACE INTO ledger_checkpoints (size, root_hash, note) VALUES (?, zeroblob(32), ?)';

/** The store's file, changed by SQL as someone with write access to it could. */
function tamper(path: string, sql: string, ...params: unknown[]): void {
  const db = new Database(path);
  db.prepare(sql).run(...params);
  db.close();
}

async function auditWith(path: string, options: AuditOptions, wrap: (s: LedgerStore) => LedgerStore = (s) => s): Promise<AuditReport> {
  const store = wrap(openSqliteLedgerStore({ path }));
  try {
    return await auditLog(store, log, options);
  } finally {
    await store.close();
  }
}

describe('audit by ranges and worker threads', () => {
  let dir: ReturnType<typeof tempDir>;
  let pristine: string;
  let n = 0;
  /** A fresh copy of the built ledger. */
  const copy = (): string => {
    const path = join(dir.path, `copy-${n++}.db`);
    const db = new Database(pristine);
    db.exec(`VACUUM INTO '${path}'`);
    db.close();
    return path;
  };

  beforeAll(async () => {
    dir = tempDir('iphub-audit-');
    pristine = join(dir.path, 'ledger.db');
    await build(pristine);
  }, 60_000);
  afterAll(() => dir.remove());

  it('passes an untouched ledger and reports progress range by range', async () => {
    const progress: number[] = [];
    expect(await auditWith(pristine, { ...WORKERS, onProgress: (done, total) => progress.push(done, total) })).toEqual({
      ok: true,
      size: ENTRIES,
      firstBadSeq: null,
    });
    expect(progress.filter((_, i) => i % 2 === 0)).toEqual(Array.from({ length: Math.ceil(ENTRIES / 16) }, (_, r) => Math.min(ENTRIES, 16 * (r + 1))));
    expect(await auditWith(pristine, WALK)).toEqual({ ok: true, size: ENTRIES, firstBadSeq: null });
  });

  const cases: [string, (path: string) => void, number, string][] = [
    ['a subject', (p) => tamper(p, "UPDATE ledger_entries SET subject = 'evidence:x' WHERE seq = 300"), 300, 'entry does not hash to its entryHash'],
    ['metadata', (p) => tamper(p, `UPDATE ledger_entries SET metadata = '{"pages":1}' WHERE seq = 16`), 16, 'metadata does not hash to payloadDigest'],
    ['the first entry of a range', (p) => tamper(p, "UPDATE ledger_entries SET depositor = 'x' WHERE seq = 512"), 512, 'entry does not hash to its entryHash'],
    [
      'a link into a range',
      (p) => tamper(p, 'UPDATE ledger_entries SET prev_hash = zeroblob(32) WHERE seq = 48'),
      48,
      'prevHash does not link to the previous entry',
    ],
    [
      'an entry hash, and the next link with it',
      (p) => {
        tamper(p, 'UPDATE ledger_entries SET entry_hash = zeroblob(32) WHERE seq = 47');
        tamper(p, 'UPDATE ledger_entries SET prev_hash = zeroblob(32) WHERE seq = 48');
      },
      47,
      'entry does not hash to its entryHash',
    ],
    ['a timestamp', (p) => tamper(p, 'UPDATE ledger_entries SET timestamp = 5 WHERE seq = 700'), 700, 'timestamp goes back along the chain'],
    ['an entry, deleted', (p) => tamper(p, 'DELETE FROM ledger_entries WHERE seq = 640'), 640, 'entry missing'],
    ['a digest of another length', (p) => tamper(p, "UPDATE ledger_entries SET content_digest = x'00' WHERE seq = 33"), 33, 'entry is malformed'],
    ['a timestamp that is no number', (p) => tamper(p, "UPDATE ledger_entries SET timestamp = 'x' WHERE seq = 34"), 34, 'entry is malformed'],
    [
      'a leaf hash',
      (p) => tamper(p, 'UPDATE ledger_entries SET tree_hashes = CAST(zeroblob(32) || substr(tree_hashes, 33) AS BLOB) WHERE seq = 100'),
      100,
      'stored tree hashes differ from the recomputed ones',
    ],
    // Entry 511 completes subtrees of up to 512 leaves: above a range of 16, found when ranges are folded.
    [
      'a tree hash above the range',
      (p) =>
        tamper(
          p,
          'UPDATE ledger_entries SET tree_hashes = CAST(substr(tree_hashes, 1, 256) || zeroblob(32) || substr(tree_hashes, 289) AS BLOB) WHERE seq = 511',
        ),
      511,
      'stored tree hashes differ from the recomputed ones',
    ],
    [
      'a tree hash within the range',
      (p) =>
        tamper(
          p,
          'UPDATE ledger_entries SET tree_hashes = CAST(substr(tree_hashes, 1, 64) || zeroblob(32) || substr(tree_hashes, 97) AS BLOB) WHERE seq = 511',
        ),
      511,
      'stored tree hashes differ from the recomputed ones',
    ],
    [
      'tree hashes of another length',
      (p) => tamper(p, 'UPDATE ledger_entries SET tree_hashes = substr(tree_hashes, 1, 32) WHERE seq = 3'),
      3,
      'stored tree hashes differ from the recomputed ones',
    ],
    [
      'a checkpoint signature',
      (p) => tamper(p, PUT_CHECKPOINT, 32, forgedCheckpoint(32, signer.name, signerFromSeed(signer.name, new Uint8Array(32)))),
      31,
      "checkpoint at size 32 is not signed by this log's key",
    ],
    [
      'a checkpoint root at a range boundary',
      (p) => tamper(p, PUT_CHECKPOINT, 32, forgedCheckpoint(32)),
      31,
      'checkpoint at size 32 has a root the entries do not give',
    ],
    [
      'a checkpoint root within a range',
      (p) => tamper(p, PUT_CHECKPOINT, 37, forgedCheckpoint(37)),
      36,
      'checkpoint at size 37 has a root the entries do not give',
    ],
    [
      "another log's checkpoint",
      (p) => tamper(p, PUT_CHECKPOINT, 700, forgedCheckpoint(700, 'other')),
      699,
      'checkpoint at size 700 names another log or size',
    ],
    [
      'a checkpoint beyond the log',
      (p) => tamper(p, PUT_CHECKPOINT, 2000, forgedCheckpoint(2000)),
      ENTRIES,
      'a signed checkpoint covers 2000 entries but only 1000 are stored',
    ],
  ];

  for (const [what, change, seq, problem] of cases) {
    it(`names the first bad entry: ${what} changed`, async () => {
      const path = copy();
      change(path);
      const expected = { ok: false, size: ENTRIES, firstBadSeq: seq, problem };
      expect(await auditWith(path, WALK)).toEqual(expected);
      expect(await auditWith(path, RANGES)).toEqual(expected);
      expect(await auditWith(path, WORKERS)).toEqual(expected);
    });
  }

  it('names the first of two changed entries, in whichever ranges they are', async () => {
    const path = copy();
    tamper(path, "UPDATE ledger_entries SET subject = 'x' WHERE seq IN (900, 200)");
    tamper(path, PUT_CHECKPOINT, 48, forgedCheckpoint(48));
    expect(await auditWith(path, WORKERS)).toEqual({
      ok: false,
      size: ENTRIES,
      firstBadSeq: 47,
      problem: 'checkpoint at size 48 has a root the entries do not give',
    });
  });

  it('names the first entry it cannot read, after auditing the ones before it', async () => {
    const unreadableFrom =
      (seq: number) =>
      (store: LedgerStore): LedgerStore => ({
        ...store,
        entryRows: async (from, to) => {
          if (to > seq) throw new Error('SQLITE_CORRUPT');
          return store.entryRows(from, to);
        },
      });
    for (const options of [WALK, RANGES, WORKERS]) {
      expect(await auditWith(pristine, options, unreadableFrom(437))).toEqual({ ok: false, size: ENTRIES, firstBadSeq: 437, problem: 'entry cannot be read' });
    }
    const path = copy();
    tamper(path, "UPDATE ledger_entries SET subject = 'x' WHERE seq = 433");
    expect(await auditWith(path, WORKERS, unreadableFrom(437))).toMatchObject({ firstBadSeq: 433 });
  });
});
