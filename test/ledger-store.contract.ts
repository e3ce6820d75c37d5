// The contract every LedgerStore adapter passes (run by ledger-store.test.ts per adapter).
import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import type { LedgerStore } from '../ledger/store/port.js';
import { SequenceConflictError } from '../ledger/store/port.js';
import type { Entry } from '../ledger/entry.js';
import { GENESIS_HASH, computeEntryHash } from '../ledger/entry.js';
import { openLedger, type Receipt } from '../ledger/ledger.js';
import { generateSigner } from '../ledger/note.js';
import { hashLeaf } from '../ledger/hashing.js';
import { fromHex } from '../ledger/bytes.js';
import { appendLeafHash } from '../ledger/merkle/compact-range.js';
import { storedHashCount } from '../ledger/merkle/tree-math.js';

export interface StoreFixture {
  /** A new, empty store. */
  open(): Promise<LedgerStore>;
  /** A second handle on the storage of the last store open() made, as another process would have. */
  reopen(): Promise<LedgerStore>;
  cleanup(): Promise<void>;
}

const digest = (i: number) => (i.toString(16).padStart(8, '0') + 'c0ffee').padEnd(64, '0');

/** `count` chained entries after `head`, with the tree hashes they complete. */
export function makeBatch(start: { size: number; lastEntryHash: string }, count: number, frontier: Uint8Array[] = []) {
  const entries: Entry[] = [];
  const hashes: Uint8Array[] = [];
  let prevHash = start.lastEntryHash;
  for (let seq = start.size; seq < start.size + count; seq++) {
    const fields = {
      seq,
      kind: 'EVIDENCE_DEPOSIT' as const,
      subject: `evidence:${seq}`,
      contentDigest: digest(seq % 3),
      payloadDigest: 'ab'.repeat(32),
      depositor: '91350100M000100Y43',
      timestamp: 1_767_225_600_000 + seq,
      prevHash,
    };
    const entryHash = computeEntryHash(fields);
    entries.push({ ...fields, entryHash, metadata: { n: seq, title: `证据 ${seq}`, nested: { ok: true, list: [1, null] } } });
    hashes.push(...appendLeafHash(frontier, seq, hashLeaf(fromHex(entryHash))));
    prevHash = entryHash;
  }
  return { entries, hashes, frontier };
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
      expect(await store.head()).toEqual({ size: 0, lastEntryHash: GENESIS_HASH, lastTimestamp: 0 });
      expect(await store.entry(0)).toBeUndefined();
      expect(await store.latestCheckpoint()).toBeUndefined();
    });

    it('gives back exactly the entries and hashes it was given', async () => {
      const first = makeBatch({ size: 0, lastEntryHash: GENESIS_HASH }, 5);
      await store.append(first);
      const second = makeBatch({ size: 5, lastEntryHash: first.entries[4]!.entryHash }, 4, first.frontier);
      await store.append(second);
      const all = [...first.entries, ...second.entries];
      expect(await store.head()).toEqual({ size: 9, lastEntryHash: all[8]!.entryHash, lastTimestamp: all[8]!.timestamp });
      expect(await store.entry(3)).toEqual(all[3]);
      expect(await store.entries(2, 5)).toEqual(all.slice(2, 7));
      expect(await store.entries(7, 100)).toEqual(all.slice(7));
      expect(await store.findByContentDigest(digest(1))).toEqual(all.filter((e) => e.contentDigest === digest(1)));
      expect(await store.findByContentDigest(digest(99))).toEqual([]);
      const hashes = [...first.hashes, ...second.hashes];
      expect(hashes.length).toBe(storedHashCount(9));
      expect(await store.hashRange(0, hashes.length)).toEqual(hashes);
      expect(await store.readHashes([4, 0, 15])).toEqual([hashes[4], hashes[0], hashes[15]]);
      await expect(store.readHashes([hashes.length])).rejects.toThrow();
    });

    it('refuses a batch that does not continue the head, writing nothing', async () => {
      const first = makeBatch({ size: 0, lastEntryHash: GENESIS_HASH }, 3);
      await store.append(first);
      const two = makeBatch({ size: 0, lastEntryHash: GENESIS_HASH }, 2);
      const stale = makeBatch({ size: 2, lastEntryHash: two.entries[1]!.entryHash }, 2, two.frontier);
      await expect(store.append(stale)).rejects.toBeInstanceOf(SequenceConflictError);
      const forked = makeBatch({ size: 3, lastEntryHash: 'ff'.repeat(32) }, 2, first.frontier.slice());
      await expect(store.append(forked)).rejects.toBeInstanceOf(SequenceConflictError);
      expect((await store.head()).size).toBe(3);
      expect(await store.hashRange(0, 100)).toEqual(first.hashes);
    });

    it('writes all of a batch or none of it', async () => {
      const batch = makeBatch({ size: 0, lastEntryHash: GENESIS_HASH }, 4);
      const broken = { ...batch, entries: batch.entries.map((e, i) => (i === 2 ? { ...e, contentDigest: 'not hex' } : e)) };
      await expect(store.append(broken)).rejects.toThrow();
      expect((await store.head()).size).toBe(0);
      expect(await store.hashRange(0, 100)).toEqual([]);
      await store.append(batch);
      expect((await store.head()).size).toBe(4);
    });

    it('keeps checkpoints by size, first one wins', async () => {
      await store.putCheckpoint({ size: 5, rootHash: '05'.repeat(32), note: 'five\n' });
      await store.putCheckpoint({ size: 2, rootHash: '02'.repeat(32), note: 'two\n' });
      await store.putCheckpoint({ size: 5, rootHash: 'ff'.repeat(32), note: 'other five\n' });
      expect(await store.latestCheckpoint()).toEqual({ size: 5, rootHash: '05'.repeat(32), note: 'five\n' });
      expect((await store.checkpointCovering(3))?.size).toBe(5);
      expect((await store.checkpointCovering(2))?.size).toBe(2);
      expect(await store.checkpointCovering(6)).toBeUndefined();
      expect((await store.checkpoints()).map((c) => c.size)).toEqual([2, 5]);
    });

    it('lets two ledgers share it without forking the chain', async () => {
      const signer = generateSigner('iphub.test/contract');
      const a = await openLedger({ store, signer });
      const b = await openLedger({ store: await fx.reopen(), signer });
      const receipts: Receipt[] = [];
      const appender = (ledger: typeof a, tag: string) => async () => {
        for (let i = 0; i < 40; i++) {
          const r = await ledger.append({ kind: 'EVIDENCE_DEPOSIT', subject: `${tag}:${i}`, contentDigest: digest(i), depositor: tag });
          receipts.push(r);
        }
      };
      await Promise.all([1, 2, 3].flatMap((k) => [appender(a, `a${k}`)(), appender(b, `b${k}`)()]));
      expect(receipts).toHaveLength(240);
      expect(new Set(receipts.map((r) => r.seq)).size).toBe(240);
      for (const r of receipts) expect((await store.entry(r.seq))?.entryHash).toBe(r.entryHash);
      expect(await a.audit()).toEqual({ ok: true, size: 240, firstBadSeq: null });
      await b.close();
    });
  });
}
