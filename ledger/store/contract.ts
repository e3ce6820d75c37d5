// The contract every LedgerStore adapter passes (contract.test.ts runs it on each).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { bytesToHex, fromHex } from '../bytes.js';
import { canonicalMetadata, encodeEntryRecord } from '../entry.js';
import { hashLeaf, sha256 } from '../hashing.js';
import { openLedger, type Receipt } from '../ledger.js';
import { appendLeafHash } from '../merkle/compact-range.js';
import { MerkleTree } from '../merkle/tree.js';
import { perfectSubtrees } from '../merkle/tree-math.js';
import { cosignNote, generateSigner, signerFromSeed, verifierKey } from '../note.js';
import { ALG_COSIGNATURE_V1, verifyNote } from '../verify/note.js';
import { EntryRow, FIELD, packEntryRows } from './entry-rows.js';
import type { LedgerStore, StoredEntry } from './port.js';
import { SequenceConflictError } from './port.js';

export interface StoreFixture {
  /** A new, empty store. */
  open(): Promise<LedgerStore>;
  /** A second handle on the storage of the last store open() made, as another process would have. */
  reopen(): Promise<LedgerStore>;
  cleanup(): Promise<void>;
}

/** The hash of the perfect subtree `n`: the root of a tree of just its leaves. */
function subtreeHash(leafHashes: Uint8Array[], n: { level: number; index: number }): Uint8Array {
  const sub = new MerkleTree();
  for (const h of leafHashes.slice(n.index * 2 ** n.level, (n.index + 1) * 2 ** n.level)) sub.appendLeafHash(h);
  return sub.root();
}

/** Packed entry rows read back as entries. */
function unpackEntryRows(rows: Uint8Array): StoredEntry[] {
  const row = new EntryRow();
  const text = (i: number) => new TextDecoder().decode(row.field(rows, i));
  const bytes = (i: number) => row.field(rows, i).slice();
  const entries: StoredEntry[] = [];
  for (let at = 0; at < rows.length;) {
    at = row.read(rows, at);
    entries.push({
      seq: row.seq,
      kind: text(FIELD.kind),
      subject: text(FIELD.subject),
      contentDigest: bytes(FIELD.contentDigest),
      payloadDigest: bytes(FIELD.payloadDigest),
      depositor: text(FIELD.depositor),
      timestamp: row.timestamp,
      prevHash: bytes(FIELD.prevHash),
      entryHash: bytes(FIELD.entryHash),
      metadataJson: text(FIELD.metadata),
      treeHashes: bytes(FIELD.treeHashes),
    });
  }
  return entries;
}

const digest = (i: number) => fromHex((i.toString(16).padStart(8, '0') + 'c0ffee').padEnd(64, '0'));
const GENESIS = new Uint8Array(32);

/** `count` chained entries after `start`, with the tree hashes they complete. */
export function makeBatch(start: { size: number; lastEntryHash: Uint8Array }, count: number, frontier: Uint8Array[] = []) {
  const entries: StoredEntry[] = [];
  let prevHash = start.lastEntryHash;
  for (let seq = start.size; seq < start.size + count; seq++) {
    const metadataJson = canonicalMetadata({ n: seq, title: `证据 ${seq}`, nested: { ok: true, list: [1, null] } });
    const fields = {
      seq,
      kind: 'EVIDENCE_DEPOSIT',
      subject: `evidence:${seq}`,
      contentDigest: digest(seq % 3),
      payloadDigest: sha256(new TextEncoder().encode(metadataJson)),
      depositor: '91350100M000100Y43',
      timestamp: 1_767_225_600_000 + seq,
      prevHash,
    };
    const entryHash = sha256(encodeEntryRecord(fields));
    const completed = appendLeafHash(frontier, seq, hashLeaf(entryHash));
    const treeHashes = new Uint8Array(completed.length * 32);
    completed.forEach((h, i) => treeHashes.set(h, i * 32));
    entries.push({ ...fields, entryHash, metadataJson, treeHashes });
    prevHash = entryHash;
  }
  return { entries, frontier };
}

export function ledgerStoreContract(name: string, fixture: () => StoreFixture | undefined): void {
  describe(`LedgerStore contract: ${name}`, () => {
    let fx: StoreFixture;
    let store: LedgerStore;

    beforeEach(async () => {
      fx = fixture()!;
      store = await fx.open();
    });
    afterEach(async () => {
      await store.close();
      await fx.cleanup();
    });

    it('starts empty at the genesis hash', async () => {
      expect(await store.head()).toEqual({ size: 0, lastEntryHash: GENESIS, lastTimestamp: 0 });
      expect(await store.entry(0)).toBeUndefined();
      expect(await store.latestCheckpoint()).toBeUndefined();
    });

    it('gives back exactly the entries and tree hashes it was given', async () => {
      const first = makeBatch({ size: 0, lastEntryHash: GENESIS }, 5);
      await store.append(first.entries);
      const second = makeBatch({ size: 5, lastEntryHash: first.entries[4]!.entryHash }, 4, first.frontier);
      await store.append(second.entries);
      const all = [...first.entries, ...second.entries];
      expect(await store.head()).toEqual({ size: 9, lastEntryHash: all[8]!.entryHash, lastTimestamp: all[8]!.timestamp });
      expect(await store.entry(3)).toEqual(all[3]);
      expect(await store.entries(2, 5)).toEqual(all.slice(2, 7));
      expect(await store.entries(7, 100)).toEqual(all.slice(7));
      expect(unpackEntryRows(await store.entryRows(2, 7))).toEqual(all.slice(2, 7));
      expect(await store.entryRows(2, 7)).toEqual(packEntryRows(all.slice(2, 7)));
      expect(unpackEntryRows(await store.entryRows(7, 100))).toEqual(all.slice(7));
      expect(await store.entryRows(4, 4)).toEqual(new Uint8Array(0));
      expect(await store.findByContentDigest(digest(1))).toEqual(all.filter((e) => e.seq % 3 === 1));
      expect(await store.findByContentDigest(digest(99))).toEqual([]);

      // Perfect subtrees read back as computed from their leaves.
      const leaves = all.map((e) => hashLeaf(e.entryHash));
      const nodes = [...perfectSubtrees(0, 9), { level: 1, index: 2 }, { level: 0, index: 5 }, { level: 2, index: 1 }, { level: 0, index: 0 }];
      const hashes = await store.readHashes(nodes);
      nodes.forEach((n, i) => expect(hashes[i], `node ${n.level}/${n.index}`).toEqual(subtreeHash(leaves, n)));
      expect(await store.readHashes([])).toEqual([]);
      await expect(store.readHashes([{ level: 0, index: 9 }])).rejects.toThrow();
      await expect(store.readHashes([{ level: 3, index: 1 }])).rejects.toThrow();
    });

    it('refuses a batch that does not continue the head, writing nothing', async () => {
      const first = makeBatch({ size: 0, lastEntryHash: GENESIS }, 3);
      await store.append(first.entries);
      const two = makeBatch({ size: 0, lastEntryHash: GENESIS }, 2);
      const stale = makeBatch({ size: 2, lastEntryHash: two.entries[1]!.entryHash }, 2, two.frontier);
      const refused = await store.append(stale.entries).catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(SequenceConflictError);
      // The head and frontier the refused append saw, for the writer to chain onto.
      expect(refused).toMatchObject({ head: await store.head(), frontier: await store.readHashes(perfectSubtrees(0, 3)) });
      expect((refused as SequenceConflictError).frontier).toEqual(first.frontier);
      const forked = makeBatch({ size: 3, lastEntryHash: new Uint8Array(32).fill(0xff) }, 2, first.frontier.slice());
      await expect(store.append(forked.entries)).rejects.toBeInstanceOf(SequenceConflictError);
      expect((await store.head()).size).toBe(3);
      expect(await store.entries(0, 100)).toEqual(first.entries);
    });

    it('writes all of a batch or none of it', async () => {
      const batch = makeBatch({ size: 0, lastEntryHash: GENESIS }, 4);
      // Entry 2 repeats seq 1: the batch fails part way through.
      const broken = batch.entries.map((e, i) => (i === 2 ? { ...e, seq: 1 } : e));
      await expect(store.append(broken)).rejects.toThrow();
      expect((await store.head()).size).toBe(0);
      expect(await store.entries(0, 100)).toEqual([]);
      await store.append(batch.entries);
      expect((await store.head()).size).toBe(4);
    });

    it('keeps checkpoints by size, first one wins', async () => {
      await store.putCheckpoint({ size: 5, rootHash: '05'.repeat(32), note: 'five\n' });
      await store.putCheckpoint({ size: 2, rootHash: '02'.repeat(32), note: 'two\n' });
      await store.putCheckpoint({ size: 5, rootHash: 'ff'.repeat(32), note: 'other five\n' });
      expect(await store.latestCheckpoint()).toEqual({ size: 5, rootHash: '05'.repeat(32), note: 'five\n' });
      expect((await store.checkpoints()).map((c) => c.size)).toEqual([2, 5]);
      expect(await store.checkpointAt(2)).toEqual({ size: 2, rootHash: '02'.repeat(32), note: 'two\n' });
      expect(await store.checkpointAt(3)).toBeUndefined();
      expect(await store.swapCheckpointNote(2, 'two\n', 'two, cosigned\n')).toBe(true);
      expect(await store.checkpointAt(2)).toEqual({ size: 2, rootHash: '02'.repeat(32), note: 'two, cosigned\n' });
      // Swapped only from the note expected: a writer that read it before another's swap changes nothing.
      expect(await store.swapCheckpointNote(2, 'two\n', 'two, cosigned by another\n')).toBe(false);
      expect(await store.swapCheckpointNote(3, 'three\n', 'three, cosigned\n')).toBe(false);
      expect(await store.checkpointAt(2)).toEqual({ size: 2, rootHash: '02'.repeat(32), note: 'two, cosigned\n' });
      expect(await store.checkpointAt(3)).toBeUndefined();
    });

    it('keeps one RFC 3161 token per checkpoint and TSA, and finds the first timestamped checkpoint covering a size', async () => {
      const token = (n: number) => new Uint8Array([0x30, n]);
      expect(await store.timestampsCovering(0)).toEqual([]);
      expect(await store.latestTimestamp()).toBeUndefined();
      await store.putTimestamp({ size: 5, tsa: 'https://tsa-b.test', note: 'five\n', token: token(2), genTime: 2000 });
      await store.putTimestamp({ size: 5, tsa: 'https://tsa-a.test', note: 'five\n', token: token(1), genTime: 1000 });
      await store.putTimestamp({ size: 9, tsa: 'https://tsa-a.test', note: 'nine\n', token: token(3), genTime: 3000 });
      // A second token of one checkpoint by one TSA changes nothing.
      await store.putTimestamp({ size: 5, tsa: 'https://tsa-a.test', note: 'five\n', token: token(9), genTime: 9000 });
      const five = await store.timestampsCovering(3);
      expect(five.map((t) => [t.size, t.tsa, [...t.token], t.genTime])).toEqual([
        [5, 'https://tsa-a.test', [0x30, 1], 1000],
        [5, 'https://tsa-b.test', [0x30, 2], 2000],
      ]);
      expect(five[0]!.note).toBe('five\n');
      expect((await store.timestampsCovering(5)).map((t) => t.size)).toEqual([5, 5]);
      expect((await store.timestampsCovering(6)).map((t) => t.size)).toEqual([9]);
      expect(await store.timestampsCovering(10)).toEqual([]);
      expect((await store.latestTimestamp())?.genTime).toBe(3000);
    });

    it('lets two ledgers share it without forking the chain', async () => {
      const signer = generateSigner('iphub.test/contract');
      const a = await openLedger({ store, signer });
      const b = await openLedger({ store: await fx.reopen(), signer });
      const receipts: Receipt[] = [];
      const appender = (ledger: typeof a, tag: string) => async () => {
        for (let i = 0; i < 40; i++) {
          const r = await ledger.append({ kind: 'EVIDENCE_DEPOSIT', subject: `${tag}:${i}`, contentDigest: bytesToHex(digest(i)), depositor: tag });
          receipts.push(r);
        }
      };
      await Promise.all([1, 2, 3].flatMap((k) => [appender(a, `a${k}`)(), appender(b, `b${k}`)()]));
      expect(receipts).toHaveLength(240);
      expect(new Set(receipts.map((r) => r.seq)).size).toBe(240);
      for (const r of receipts) expect(bytesToHex((await store.entry(r.seq))!.entryHash)).toBe(r.entryHash);
      expect(await a.audit()).toEqual({ ok: true, size: 240, firstBadSeq: null });
      await b.close();
    });

    it('chains an append that lost the race onto the head the store reports, not onto a later read that may lag it', async () => {
      const signer = generateSigner('iphub.test/contract');
      const a = await openLedger({ store, signer });
      const other = await fx.reopen();
      // While set, b's reads of the head are as old as its open (a majority read may lag the
      // snapshot a transaction saw).
      const opened = await other.head();
      let lagging = false;
      const b = await openLedger({ store: { ...other, head: async () => (lagging ? opened : other.head()) }, signer });
      const deposit = (tag: string, i: number) => ({ kind: 'EVIDENCE_DEPOSIT', subject: `${tag}:${i}`, contentDigest: bytesToHex(digest(i)), depositor: tag });
      const receipts = await Promise.all([0, 1, 2].map((i) => a.append(deposit('a', i))));
      lagging = true;
      receipts.push(await b.append(deposit('b', 0)));
      receipts.push(await a.append(deposit('a', 3)));
      lagging = false;
      expect(receipts.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4]);
      for (const r of receipts) expect(bytesToHex((await store.entry(r.seq))!.entryHash)).toBe(r.entryHash);
      expect(await a.audit()).toEqual({ ok: true, size: 5, firstBadSeq: null });
      await b.close();
    });

    it("keeps both of two witnesses' cosignatures of one checkpoint added at once", async () => {
      const signer = generateSigner('iphub.test/contract');
      const witnesses = [1, 2].map((n) => signerFromSeed(`witness.test/w${n}`, new Uint8Array(32).fill(n), ALG_COSIGNATURE_V1));
      const witnessKeys = witnesses.map(verifierKey);
      const a = await openLedger({ store, signer, witnessKeys });
      const b = await openLedger({ store: await fx.reopen(), signer, witnessKeys });
      await a.append({ kind: 'EVIDENCE_DEPOSIT', subject: 'evidence:1', contentDigest: bytesToHex(digest(1)), depositor: 'd' });
      const checkpoint = await a.checkpoint();
      const [fromA, fromB] = await Promise.all([
        a.addCosignatures(cosignNote(checkpoint, witnesses[0]!)),
        b.addCosignatures(cosignNote(checkpoint, witnesses[1]!)),
      ]);
      const stored = (await store.checkpointAt(1))!.note;
      for (const key of witnessKeys) expect(verifyNote(stored, key), key).toBe(true);
      expect([fromA, fromB]).toContain(stored);
      expect(stored.startsWith(checkpoint)).toBe(true);
      await b.close();
    });
  });
}
