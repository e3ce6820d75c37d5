// Kill -9 a process appending to the SQLite ledger at random moments; every receipt it handed
// out before the kill must survive with the same entry hash, and the audit must pass.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { tempDir } from '../test/support/tmp.js';
import { fromHex } from './bytes.js';
import { openLedger } from './ledger.js';
import { signerFromSeed } from './note.js';
import { openSqliteLedgerStore } from './store/sqlite.js';
import { spawnAppender } from './testing/spawn.js';

const KILLS = 20;

describe('crash safety', () => {
  it(`keeps every acknowledged entry across ${KILLS} SIGKILLs`, async () => {
    const dir = tempDir('iphub-crash-');
    const db = join(dir.path, 'ledger.db');
    const seed = randomBytes(32).toString('hex');
    const acknowledged = new Map<number, string>();
    try {
      for (let kill = 0; kill < KILLS; kill++) {
        const proc = spawnAppender(db, seed, 32);
        // Wait for the first receipts, then kill at a random moment while appends stream.
        while (proc.receipts.length === 0) await new Promise((r) => setTimeout(r, 5));
        await new Promise((r) => setTimeout(r, Math.random() * 150));
        proc.child.kill('SIGKILL');
        await proc.exited;
        for (const r of proc.receipts) acknowledged.set(r.seq, r.entryHash);

        const ledger = await openLedger({ store: openSqliteLedgerStore({ path: db }), signer: signerFromSeed('iphub.test/crash', fromHex(seed)) });
        const report = await ledger.audit();
        expect(report).toEqual({ ok: true, size: report.size, firstBadSeq: null });
        for (const [seq, entryHash] of acknowledged) expect((await ledger.entry(seq))?.entryHash, `seq ${seq}`).toBe(entryHash);
        await ledger.close();
      }
      expect(acknowledged.size).toBeGreaterThan(KILLS);
    } finally {
      dir.remove();
    }
  }, 180_000);
});
