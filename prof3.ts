import { openLedger, signerFromSeed, openSqliteLedgerStore } from './ledger/index.ts';
import type { LedgerStore } from './ledger/index.ts';
const real = openSqliteLedgerStore({ path: ':memory:' });
const store: LedgerStore = { ...real, append: async () => {} };
const ledger = await openLedger({ store, signer: signerFromSeed('b', new Uint8Array(32)) });
const digests = Array.from({ length: 1000 }, (_, i) => i.toString(16).padStart(64, 'a'));
for (let round = 0; round < 3; round++) {
  let n = 0; const N = 100000; const t = performance.now();
  await Promise.all(Array.from({ length: 256 }, async () => { while (n++ < N) await ledger.append({ kind: 'EVIDENCE_DEPOSIT', contentDigest: digests[n % 1000]!, subject: `evidence:${n}`, depositor: '91350100M000100Y43', metadata: { title: 'Deposit 123', category: 'photo' } }); }));
  console.log('JS-only append/s', Math.round(N / (performance.now() - t) * 1000), 'µs/entry', ((performance.now() - t) * 1000 / N).toFixed(1));
}
