// A child process for the crash and multi-process tests: appends to the SQLite ledger at argv[2]
// with argv[4] concurrent appenders, printing each receipt as a JSON line once it is acknowledged.
// Stops after argv[5] appends (0: never). With APPENDER_HELD=1 it prints "ready" once the ledger
// is open and begins when a line (or the end) arrives on its standard input.
import { randomBytes } from 'node:crypto';

import { fromHex } from '../bytes.js';
import { openLedger } from '../ledger.js';
import { signerFromSeed } from '../note.js';
import { openSqliteLedgerStore } from '../store/sqlite.js';

const [path, seedHex, concurrencyArg = '16', limitArg = '0'] = process.argv.slice(2);
if (path === undefined || seedHex === undefined) throw new Error('usage: appender.ts <db> <seed hex> [concurrency] [limit]');
const limit = Number(limitArg);
const ledger = await openLedger({
  store: openSqliteLedgerStore({ path }),
  signer: signerFromSeed('iphub.test/crash', fromHex(seedHex)),
  checkpointIntervalMs: 20,
});

// Start together with sibling processes: when the parent, having seen every one ready, says so.
if (process.env.APPENDER_HELD === '1') {
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => {
    process.stdin.once('data', () => resolve());
    process.stdin.once('end', () => resolve());
  });
  process.stdin.destroy();
}

let started = 0;
async function appender(): Promise<void> {
  while (limit === 0 || started < limit) {
    started++;
    const r = await ledger.append({
      kind: 'EVIDENCE_DEPOSIT',
      subject: `evidence:${process.pid}:${started}`,
      contentDigest: randomBytes(32).toString('hex'),
      depositor: `pid-${process.pid}`,
      metadata: { n: started },
    });
    process.stdout.write(`${JSON.stringify(r)}\n`);
  }
}
await Promise.all(Array.from({ length: Number(concurrencyArg) }, appender));
await ledger.close();
