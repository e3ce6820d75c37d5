// Ledger benchmark: one JSON line per figure on stdout, progress on stderr.
//   npm run bench -- ledger [--seconds 3] [--entries 1000000] [--proofs 20000]
// It ends with the PDF certificate's figures (bench/pdf.ts, also `npm run bench -- pdf`).
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import type { AppendInput, Ledger, SqliteSync, TimestampOptions } from '../ledger/index.js';
import { generateSigner, openLedger, openSqliteLedgerStore, sha256 } from '../ledger/index.js';
import { makeTestPki, startTestTsa } from '../ledger/testing/tsa.js';
import { emit } from './emit.js';
import { run as benchPdf } from './pdf.js';

const log = (msg: string): void => console.error(`[bench ledger] ${msg}`);
const round = (x: number, digits = 0): number => Number(x.toFixed(digits));

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CATEGORIES = ['photo', 'video', 'contract', 'source-code', 'design', 'trademark'];

function randomInput(): AppendInput {
  let depositor = '91' + String(randomInt(110000, 660000));
  while (depositor.length < 18) depositor += USCC_CHARS[randomInt(USCC_CHARS.length)];
  return {
    kind: 'EVIDENCE_DEPOSIT',
    contentDigest: randomBytes(32).toString('hex'),
    subject: `evidence:${randomUUID()}`,
    depositor,
    metadata: { title: `Deposit ${randomInt(1e9)}`, category: CATEGORIES[randomInt(CATEGORIES.length)]! },
  };
}

// Inputs are made before timing starts (making one costs about as much as a sync call for
// random bytes), then cycled: a digest deposited again is a legal deposit.
const POOL = Array.from({ length: 1 << 18 }, randomInput);
let next = 0;
const input = (): AppendInput => POOL[next++ & (POOL.length - 1)]!;

/** A ledger on a fresh SQLite store in dir; batches counts the store's append transactions. */
async function open(dir: string, file: string, sync: SqliteSync, timestamps?: TimestampOptions): Promise<{ ledger: Ledger; batches: () => number }> {
  const store = openSqliteLedgerStore({ path: join(dir, file), sync });
  let batches = 0;
  const counted = { ...store, append: (b: Parameters<typeof store.append>[0]) => (batches++, store.append(b)) };
  return { ledger: await openLedger({ store: counted, signer: generateSigner('bench.iphub.example'), timestamps }), batches: () => batches };
}

/** `concurrency` loops of `await ledger.append(...)` while more() says so; returns appends done and seconds taken. */
async function appendLoops(ledger: Ledger, concurrency: number, more: () => boolean, onDone?: (n: number) => void) {
  let done = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (more()) {
        await ledger.append(input());
        done++;
        onDone?.(done);
      }
    }),
  );
  return { done, seconds: (performance.now() - start) / 1000 };
}

function benchSha256(): void {
  const data = randomBytes(200);
  let n = 0;
  const start = performance.now();
  let elapsed: number;
  do {
    for (let i = 0; i < 10_000; i++, n++) data[0] = sha256(data)[0]!;
    elapsed = performance.now() - start;
  } while (elapsed < 1000);
  emit('sha256', round((n * 1000) / elapsed), 'hashes/s', { n, bytes: data.length });
}

async function appendFor(dir: string, file: string, concurrency: number, seconds: number, timestamps?: TimestampOptions) {
  const { ledger, batches } = await open(dir, file, 'full', timestamps);
  const deadline = performance.now() + seconds * 1000;
  const { done, seconds: took } = await appendLoops(ledger, concurrency, () => performance.now() < deadline);
  const { timestampFailures, lastTimestampAt } = ledger.stats();
  await ledger.close();
  return { done, took, batches: batches(), timestampFailures, stamped: lastTimestampAt > 0 };
}

async function benchAppend(dir: string, concurrency: number, seconds: number): Promise<void> {
  const { done, took, batches } = await appendFor(dir, `append-c${concurrency}.db`, concurrency, seconds);
  emit(`append.c${concurrency}`, round(done / took), 'appends/s', { n: done, seconds: round(took, 2), sync: 'full' });
  if (concurrency === 256) emit('append.c256.batch', round(done / batches, 1), 'entries/batch', { batches });
}

/**
 * append.c256 beside itself with an RFC 3161 TSA configured (openssl ts -reply on loopback, asked
 * every second, 60 times the default): alternated, so drift on a noisy machine falls on both.
 */
async function benchAppendWithTsa(dir: string, seconds: number): Promise<void> {
  const pki = await makeTestPki();
  const tsa = await startTestTsa(pki);
  const timestamps: TimestampOptions = { urls: [tsa.url], roots: [pki.rootDer], intervalMs: 1_000 };
  const totals = { off: { done: 0, took: 0 }, on: { done: 0, took: 0 } };
  let failures = 0;
  try {
    for (let round = 0; round < 2; round++) {
      for (const mode of ['off', 'on'] as const) {
        const r = await appendFor(dir, `append-tsa-${mode}-${round}.db`, 256, seconds, mode === 'on' ? timestamps : undefined);
        totals[mode].done += r.done;
        totals[mode].took += r.took;
        if (mode === 'on') failures += r.timestampFailures;
      }
    }
  } finally {
    await tsa.close();
    pki.close();
  }
  const rate = (t: { done: number; took: number }) => t.done / t.took;
  emit('append.c256.without_tsa', round(rate(totals.off)), 'appends/s', { n: totals.off.done, seconds: round(totals.off.took, 2), runs: 2 });
  emit('append.c256.with_tsa', round(rate(totals.on)), 'appends/s', {
    n: totals.on.done,
    seconds: round(totals.on.took, 2),
    runs: 2,
    tsa: 'openssl ts -reply on loopback, asked every 1 s',
    tsaRequests: tsa.requests,
    tsaFailures: failures,
  });
  emit('append.c256.tsa_ratio', round(rate(totals.on) / rate(totals.off), 3), 'with/without');
}

async function benchProofsAndAudit(dir: string, entries: number, proofs: number): Promise<void> {
  const concurrency = 4096;
  const note = `ledger of ${entries} entries built through ledger.append with ${concurrency} concurrent appenders, sqlite sync 'normal'`;
  const { ledger } = await open(dir, 'big.db', 'normal');
  let issued = 0;
  const build = await appendLoops(
    ledger,
    concurrency,
    () => issued++ < entries,
    (n) => n % 100_000 === 0 && log(`built ${n}/${entries}`),
  );
  await ledger.checkpoint();
  log(`built ${build.done} entries in ${build.seconds.toFixed(1)} s (${round(build.done / build.seconds)} appends/s, sync 'normal')`);

  const warmup = Math.min(2000, proofs);
  for (let i = 0; i < warmup; i++) await ledger.prove(randomInt(entries), entries);
  const ms: number[] = [];
  for (let i = 0; i < proofs; i++) {
    const seq = randomInt(entries);
    const t = performance.now();
    await ledger.prove(seq, entries);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const pct = (p: number): number => round(ms[Math.ceil(p * ms.length) - 1]!, 4);
  emit('proof.p50', pct(0.5), 'ms', { n: proofs, entries, note });
  emit('proof.p99', pct(0.99), 'ms', { n: proofs, entries, note });

  // Appends leave the content-digest index to be caught up in bulk (ledger/store/sqlite.ts) when
  // they pause or a look-up needs it. The proof loop never yields to a timer, so that deferred
  // work would land inside the audit's timing: bring it up to date first, and report its cost.
  const caughtUp = performance.now();
  await ledger.findByContentDigest('0'.repeat(64));
  const catchUp = (performance.now() - caughtUp) / 1000;
  emit('index.catchup', round(entries / catchUp), 'entries/s', {
    n: entries,
    seconds: round(catchUp, 2),
    note: 'the content-digest index brought up to date after the build, in one transaction',
  });

  log('auditing');
  const t = performance.now();
  const report = await ledger.audit();
  const took = (performance.now() - t) / 1000;
  if (!report.ok || report.size !== entries) throw new Error(`audit failed: ${JSON.stringify(report)}`);
  emit('audit', round(entries / took), 'entries/s', { n: entries, seconds: round(took, 2), note });
  await ledger.close();
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      seconds: { type: 'string', default: '3' },
      entries: { type: 'string', default: '1000000' },
      proofs: { type: 'string', default: '20000' },
    },
  });
  const seconds = Number(values.seconds);
  const entries = Number(values.entries);
  const proofs = Number(values.proofs);
  if (!(seconds > 0) || !Number.isSafeInteger(entries) || entries < 1 || !Number.isSafeInteger(proofs) || proofs < 1) {
    throw new Error('--seconds must be > 0; --entries and --proofs positive integers');
  }

  const dir = mkdtempSync(join(tmpdir(), 'iphub-bench-ledger-'));
  log(`temp dir ${dir}`);
  try {
    log('sha256');
    benchSha256();
    for (const c of [1, 16, 256]) {
      log(`append with ${c} concurrent appenders for ${seconds} s`);
      await benchAppend(dir, c, seconds);
    }
    log(`append with 256 concurrent appenders, without and with a TSA, alternated, 2 x ${seconds} s each`);
    await benchAppendWithTsa(dir, seconds);
    log(`building a ${entries}-entry ledger`);
    await benchProofsAndAudit(dir, entries, proofs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await benchPdf([]);
}
