// Two processes append to one SQLite ledger at once: one chain, no fork, nothing lost.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { tempDir } from '../test/support/tmp.js';
import { fromHex } from './bytes.js';
import { openLedger } from './ledger.js';
import { signerFromSeed } from './note.js';
import { openSqliteLedgerStore } from './store/sqlite.js';
import { spawnAppender } from './testing/spawn.js';

describe('two writer processes on one store', () => {
  it('never fork the chain', async () => {
    const dir = tempDir('iphub-multi-');
    const db = join(dir.path, 'ledger.db');
    const seed = randomBytes(32).toString('hex');
    try {
      const procs = [spawnAppender(db, seed, 16, 1500, { held: true }), spawnAppender(db, seed, 16, 1500, { held: true })];
      // Both have opened the ledger before either appends, however long each took to start.
      await Promise.all(procs.map((p) => p.ready));
      for (const p of procs) p.start();
      expect(await Promise.all(procs.map((p) => p.exited))).toEqual([0, 0]);
      const receipts = procs.flatMap((p) => p.receipts);
      expect(receipts).toHaveLength(3000);
      expect(new Set(receipts.map((r) => r.seq)).size).toBe(3000);
      // The two really wrote at the same time: their sequence numbers interleave.
      const [a, b] = procs.map((p) => p.receipts.map((r) => r.seq));
      expect(Math.min(...a!)).toBeLessThan(Math.max(...b!));
      expect(Math.min(...b!)).toBeLessThan(Math.max(...a!));

      const ledger = await openLedger({ store: openSqliteLedgerStore({ path: db }), signer: signerFromSeed('iphub.test/crash', fromHex(seed)) });
      expect(await ledger.audit()).toEqual({ ok: true, size: 3000, firstBadSeq: null });
      for (const r of receipts) expect((await ledger.entry(r.seq))?.entryHash).toBe(r.entryHash);
      await ledger.close();
    } finally {
      dir.remove();
    }
  }, 60_000);
});
