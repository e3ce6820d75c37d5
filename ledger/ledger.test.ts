import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { tempDir } from '../test/support/tmp.js';
import { bytesToHex, fromHex } from './bytes.js';
import { type AppendInput, LedgerInputError } from './entry.js';
import { hashLeaf } from './hashing.js';
import { type Ledger, type LedgerOptions, LedgerUnavailableError, openLedger } from './ledger.js';
import { MerkleTree } from './merkle/tree.js';
import { generateSigner, type Signer, verifierKey } from './note.js';
import { MAX_TRIES } from './retry.js';
import { type LedgerStore, SequenceConflictError } from './store/port.js';
import { openSqliteLedgerStore } from './store/sqlite.js';
import { verifyCertificate } from './verify/certificate.js';
import { parseCheckpoint } from './verify/checkpoint.js';
import { verifyConsistency, verifyInclusion } from './verify/merkle.js';
import { verifyNote } from './verify/note.js';

const digestOf = (i: number) => i.toString(16).padStart(64, '0');
const deposit = (i: number, extra: Partial<AppendInput> = {}): AppendInput => ({
  kind: 'EVIDENCE_DEPOSIT',
  subject: `evidence:${i}`,
  contentDigest: digestOf(i),
  depositor: '91350100M000100Y43',
  metadata: { title: `合同扫描件 ${i}` },
  ...extra,
});

/** A real SQLite store whose append calls are counted and can be made to fail or wait. */
function instrumented(inner: LedgerStore) {
  const calls: number[] = [];
  let failNext = false;
  let gate: Promise<void> | undefined;
  let called: () => void = () => {};
  /** Resolves once append has been called. */
  const appendCalled = new Promise<void>((r) => (called = r));
  const store: LedgerStore = {
    ...inner,
    async append(entries) {
      calls.push(entries.length);
      called();
      await gate;
      if (failNext) {
        failNext = false;
        throw new Error('disk full');
      }
      return inner.append(entries);
    },
  };
  return {
    store,
    calls,
    appendCalled,
    failNextAppend: () => (failNext = true),
    hold: () => {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}

describe('ledger', () => {
  let dir: ReturnType<typeof tempDir>;
  let signer: Signer;
  let path: string;
  let open: (o?: Partial<LedgerOptions>) => Promise<Ledger>;
  const opened: Ledger[] = [];

  beforeEach(() => {
    dir = tempDir('iphub-ledger-');
    path = join(dir.path, 'ledger.db');
    signer = generateSigner('iphub.test/ledger');
    open = async (o = {}) => {
      const ledger = await openLedger({ store: openSqliteLedgerStore({ path }), signer, ...o });
      opened.push(ledger);
      return ledger;
    };
  });
  afterEach(async () => {
    for (const l of opened.splice(0)) await l.close();
    dir.remove();
  });

  it('appends a hash chain and hands out receipts that match the stored entries', async () => {
    const ledger = await open();
    const receipts = await Promise.all([0, 1, 2, 3, 4].map((i) => ledger.append(deposit(i))));
    expect(receipts.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4]);
    let prev = '0'.repeat(64);
    for (const r of receipts) {
      const e = (await ledger.entry(r.seq))!;
      expect(e.entryHash).toBe(r.entryHash);
      expect(e.timestamp).toBe(r.timestamp);
      expect(e.prevHash).toBe(prev);
      expect(e.metadata).toEqual({ title: `合同扫描件 ${r.seq}` });
      prev = e.entryHash;
    }
  });

  it('commits concurrent appends in a few batches, acknowledging each only after its batch is stored', async () => {
    const counted = instrumented(openSqliteLedgerStore({ path }));
    const ledger = await open({ store: counted.store });
    const release = counted.hold();
    let acknowledged = 0;
    const all = Promise.all(Array.from({ length: 300 }, (_, i) => ledger.append(deposit(i)).then(() => acknowledged++)));
    // The first batch has reached the store, which holds it; give the ledger another turn.
    await counted.appendCalled;
    await new Promise((r) => setImmediate(r));
    expect(counted.calls.length).toBe(1);
    expect(acknowledged).toBe(0);
    release();
    await all;
    expect(acknowledged).toBe(300);
    expect(counted.calls.reduce((a, b) => a + b, 0)).toBe(300);
    expect(counted.calls.length).toBeLessThanOrEqual(3);
  });

  it('refuses bad input with a typed error and writes nothing', async () => {
    const ledger = await open();
    await ledger.append(deposit(0));
    const bad: [AppendInput, string][] = [
      [deposit(1, { contentDigest: 'abc' }), 'INVALID_DIGEST'],
      [deposit(1, { contentDigest: 'g'.repeat(64) }), 'INVALID_DIGEST'],
      [deposit(1, { kind: 'GIFT' }), 'UNKNOWN_KIND'],
      [deposit(1, { metadata: { scan: 'x'.repeat(20_000) } }), 'METADATA_TOO_LARGE'],
    ];
    for (const [input, code] of bad) {
      await expect(ledger.append(input)).rejects.toMatchObject({ name: 'LedgerInputError', code });
    }
    const good = ledger.append(deposit(2));
    await expect(ledger.append(deposit(3, { kind: 'NOPE' }))).rejects.toBeInstanceOf(LedgerInputError);
    expect((await good).seq).toBe(1);
    expect(await ledger.entry(2)).toBeUndefined();
    expect((await ledger.audit()).size).toBe(2);
  });

  it('rejects the appends of a batch the store failed, and carries on', async () => {
    const counted = instrumented(openSqliteLedgerStore({ path }));
    const ledger = await open({ store: counted.store });
    await ledger.append(deposit(0));
    counted.failNextAppend();
    const failed = await Promise.allSettled([1, 2, 3].map((i) => ledger.append(deposit(i))));
    for (const f of failed) expect(f).toMatchObject({ status: 'rejected', reason: expect.any(LedgerUnavailableError) });
    const next = await ledger.append(deposit(4));
    expect(next.seq).toBe(1);
    expect(await ledger.audit()).toEqual({ ok: true, size: 2, firstBadSeq: null });
  });

  it('fails the appends of a batch that keeps losing the race to other writers after a few tries', async () => {
    const inner = openSqliteLedgerStore({ path });
    let tries = 0;
    const store: LedgerStore = {
      ...inner,
      async append() {
        tries++;
        throw new SequenceConflictError('another writer appended first', await inner.head(), []);
      },
    };
    const ledger = await open({ store });
    await expect(ledger.append(deposit(0))).rejects.toBeInstanceOf(LedgerUnavailableError);
    expect(tries).toBe(MAX_TRIES);
  });

  it('says whether a failed append may still have been recorded', async () => {
    const inner = openSqliteLedgerStore({ path });
    let failure: Error = new Error('disk I/O error');
    const store: LedgerStore = {
      ...inner,
      async append() {
        throw failure;
      },
    };
    const ledger = await open({ store });
    await expect(ledger.append(deposit(0))).rejects.toMatchObject({ name: 'LedgerUnavailableError', outcomeUnknown: false });
    failure = new LedgerUnavailableError('commit not confirmed in time', { outcomeUnknown: true });
    await expect(ledger.append(deposit(1))).rejects.toMatchObject({ name: 'LedgerUnavailableError', outcomeUnknown: true });
  });

  it('never lets timestamps go back, even when the clock does', async () => {
    let clock = 2_000_000_000_000;
    const ledger = await open({ now: () => (clock -= 1000) });
    const a = await ledger.append(deposit(0));
    const b = await ledger.append(deposit(1));
    expect(b.timestamp).toBeGreaterThanOrEqual(a.timestamp);
  });

  it('signs a checkpoint within the interval while entries arrive', async () => {
    // The clock and the interval's timer are fake: the test moves time, the machine's speed does not.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const store = openSqliteLedgerStore({ path });
      const ledger = await open({ store, checkpointIntervalMs: 40 });
      await ledger.append(deposit(0));
      // The first checkpoint is signed at once (none was), covering entry 0.
      await vi.advanceTimersByTimeAsync(20);
      expect((await store.latestCheckpoint())?.size).toBe(1);
      await ledger.append(deposit(1));
      // One interval after the first checkpoint, the second covers entry 1.
      await vi.advanceTimersByTimeAsync(20);
      const latest = await store.latestCheckpoint();
      expect(latest?.size).toBe(2);
      expect(verifyNote(latest!.note, verifierKey(signer))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shares the latest checkpoint within the interval, signing anew only for entries it does not cover', async () => {
    const ledger = await open({ checkpointIntervalMs: 60_000 });
    await ledger.append(deposit(0));
    const first = await ledger.checkpoint();
    await ledger.append(deposit(1));
    expect(await ledger.checkpoint()).toBe(first);
    expect((await ledger.prove(0)).treeSize).toBe(1);
    const cert = await ledger.certificate(1);
    expect(parseCheckpoint(cert.checkpoint).size).toBe(2);
    expect(await ledger.checkpoint()).toBe(cert.checkpoint);
  });

  it('serves proofs that verify against its signed checkpoints', async () => {
    const ledger = await open({ checkpointIntervalMs: 0 });
    for (let i = 0; i < 13; i++) await ledger.append(deposit(i));
    const old = parseCheckpoint(await ledger.checkpoint());
    await Promise.all(Array.from({ length: 20 }, (_, i) => ledger.append(deposit(100 + i))));
    const note = await ledger.checkpoint();
    expect(verifyNote(note, ledger.verifierKey)).toBe(true);
    const cp = parseCheckpoint(note);
    expect(cp).toMatchObject({ origin: 'iphub.test/ledger', size: 33 });
    for (const seq of [0, 12, 32]) {
      const proof = await ledger.prove(seq);
      const leaf = hashLeaf(fromHex((await ledger.entry(seq))!.entryHash));
      expect(proof.treeSize).toBe(33);
      expect(verifyInclusion(leaf, seq, 33, proof.hashes.map(fromHex), cp.rootHash)).toBe(true);
    }
    const cons = await ledger.proveConsistency(old.size);
    expect(verifyConsistency(13, 33, old.rootHash, cp.rootHash, cons.hashes.map(fromHex))).toBe(true);
    await expect(ledger.prove(33)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.prove(0, 34)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(ledger.proveConsistency(0)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('finds entries by content digest', async () => {
    const ledger = await open();
    await ledger.append(deposit(1));
    await ledger.append(deposit(2));
    await ledger.append(deposit(1, { subject: 'evidence:again' }));
    expect((await ledger.findByContentDigest(digestOf(1).toUpperCase())).map((e) => e.subject)).toEqual(['evidence:1', 'evidence:again']);
    expect(await ledger.findByContentDigest(digestOf(9))).toEqual([]);
    await expect(ledger.findByContentDigest('xyz')).rejects.toMatchObject({ code: 'INVALID_DIGEST' });
  });

  it('serves tlog-tiles: full and partial, across levels, and entry bundles', async () => {
    const ledger = await open();
    await Promise.all(Array.from({ length: 600 }, (_, i) => ledger.append(deposit(i))));
    const leaves: Uint8Array[] = [];
    for (let seq = 0; seq < 600; seq++) leaves.push(hashLeaf(fromHex((await ledger.entry(seq))!.entryHash)));
    const rootOf = (from: number, to: number) => {
      const tree = new MerkleTree();
      leaves.slice(from, to).forEach((l) => tree.appendLeafHash(l));
      return tree.root();
    };
    const level0 = (await ledger.tile('tile/0/001'))!;
    expect(level0).toEqual(new Uint8Array(leaves.slice(256, 512).flatMap((l) => [...l])));
    expect((await ledger.tile('tile/0/002.p/88'))!.length).toBe(88 * 32);
    expect(await ledger.tile('tile/0/002')).toBeUndefined();
    expect(await ledger.tile('tile/0/002.p/89')).toBeUndefined();
    // Level 1 holds the roots of whole 256-leaf subtrees.
    expect(await ledger.tile('tile/1/000.p/2')).toEqual(new Uint8Array([...rootOf(0, 256), ...rootOf(256, 512)]));
    const bundle = (await ledger.tile('tile/entries/001.p/3'))!;
    expect(bundle.length).toBe(3 * 34);
    expect(bytesToHex(bundle.subarray(2, 34))).toBe((await ledger.entry(256))!.entryHash);
    expect(await ledger.tile('not/a/tile')).toBeUndefined();
  });

  it('picks up where it left off after a reopen', async () => {
    const first = await open();
    await Promise.all([0, 1, 2].map((i) => first.append(deposit(i))));
    await first.close();
    const second = await open();
    expect((await second.append(deposit(3))).seq).toBe(3);
    expect(await second.audit()).toEqual({ ok: true, size: 4, firstBadSeq: null });
  });

  describe('certificates', () => {
    it('verify offline against the file digest and a trusted key, and fail for anything else', async () => {
      const ledger = await open();
      for (let i = 0; i < 6; i++) await ledger.append(deposit(i));
      const cert = JSON.parse(JSON.stringify(await ledger.certificate(4)));
      const trustedKeys = [verifierKey(signer)];

      const good = verifyCertificate(cert, { contentDigest: digestOf(4), trustedKeys });
      expect(good.ok).toBe(true);
      expect(Object.values(good.checks).every((c) => c.ok)).toBe(true);
      expect(good).toMatchObject({ seq: 4, depositor: '91350100M000100Y43', origin: 'iphub.test/ledger' });
      // The checkpoint timer may have signed after the fifth append or the sixth: either covers entry 4.
      expect(good.treeSize).toBe(parseCheckpoint(cert.checkpoint).size);
      expect(good.treeSize).toBeGreaterThanOrEqual(5);

      const otherFile = verifyCertificate(cert, { contentDigest: digestOf(5), trustedKeys });
      expect(otherFile.ok).toBe(false);
      expect(otherFile.checks.digest.ok).toBe(false);
      expect(otherFile.checks.inclusion.ok).toBe(true);

      const untrusted = verifyCertificate(cert, { contentDigest: digestOf(4), trustedKeys: [verifierKey(generateSigner('iphub.test/ledger'))] });
      expect(untrusted.checks.checkpointSignature.ok).toBe(false);
      expect(untrusted.ok).toBe(false);

      const rewritten = { ...cert, entry: { ...cert.entry, depositor: 'someone else' } };
      const r = verifyCertificate(rewritten, { contentDigest: digestOf(4), trustedKeys });
      expect(r.checks.entryHash.ok).toBe(false);
      expect(r.ok).toBe(false);

      const rehashed = { ...cert, entry: { ...cert.entry, contentDigest: digestOf(5) } };
      expect(verifyCertificate(rehashed, { contentDigest: digestOf(5), trustedKeys }).checks.entryHash.ok).toBe(false);

      const badProof = {
        ...cert,
        inclusion: { ...cert.inclusion, hashes: cert.inclusion.hashes.map((h: string, i: number) => (i === 0 ? (h[0] === 'f' ? '0' : 'f') + h.slice(1) : h)) },
      };
      expect(verifyCertificate(badProof, { contentDigest: digestOf(4), trustedKeys }).checks.inclusion.ok).toBe(false);

      expect(verifyCertificate({ nonsense: true }, { contentDigest: digestOf(4), trustedKeys }).ok).toBe(false);
      await expect(ledger.certificate(99)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
