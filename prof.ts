import { signerFromSeed, openLedger, openSqliteLedgerStore } from '/work/main/ledger/index.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
const mode = process.argv[2];
const path = '/tmp/prof/big.db';
if (mode === 'build' || mode === 'append') { rmSync(path, { force: true }); rmSync(path + '-wal', { force: true }); }
const ledger = await openLedger({ store: openSqliteLedgerStore({ path, sync: mode === 'build' ? 'normal' : 'full' }), signer: signerFromSeed('bench', new Uint8Array(32)) });
if (mode === 'build' || mode === 'append') {
  let n = 0; const N = 100000; const t = performance.now();
  await Promise.all(Array.from({ length: 256 }, async () => { while (n++ < N) await ledger.append({ kind: 'EVIDENCE_DEPOSIT', contentDigest: randomBytes(32).toString('hex'), subject: `evidence:${randomUUID()}`, depositor: '91350100M000100Y43', metadata: { title: 'Deposit 123', category: 'photo' } }); }));
  console.log('append/s', N / (performance.now() - t) * 1000);
} else {
  const t = performance.now(); const r = await ledger.audit(); console.log(r, 'audit/s', r.size / (performance.now() - t) * 1000);
}
await ledger.close();
