// The contract every EvidenceStore adapter passes (run by store.test.ts per adapter).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { StoreFixture } from '../../../test/support/adapters.js';
import type { DataAssetRecord, EvidenceRecord, EvidenceStore } from './port.js';

export type EvidenceStoreFixture = StoreFixture<EvidenceStore>;

const evidence = (id: string, depositorId: string, depositedAt: string, seq: number, over: Partial<EvidenceRecord> = {}): EvidenceRecord => ({
  id,
  depositorId,
  title: `证据 ${id}`,
  category: 'CONTRACT',
  contentDigest: seq.toString(16).padStart(64, 'a'),
  depositedAt,
  receipt: { seq, entryHash: seq.toString(16).padStart(64, 'e'), timestamp: Date.parse(depositedAt) - 3 },
  ...over,
});

// d1 has three deposits, two of them at the same instant (ties go by id); d2 has one; d3 none.
// Inserted neither in id nor in time order.
const EA = evidence('ev-a', 'd1', '2026-01-02T10:00:00.000Z', 0, { category: 'SOURCE_CODE' });
const ED = evidence('ev-d', 'd1', '2026-01-03T09:00:00.000Z', 3, { category: 'PRODUCT_PHOTO' });
const EC = evidence('ev-c', 'd2', '2026-01-02T12:00:00.000Z', 2, { category: 'WEB_PAGE' });
const EB = evidence('ev-b', 'd1', '2026-01-03T09:00:00.000Z', 1);
// Numbers past 2^32 (a ledger seq far along, a ms timestamp) come back as the same numbers.
const EE = evidence('ev-e', 'd1', '2025-12-31T23:59:59.999Z', 2 ** 40 + 7, {
  category: 'DATA_SET',
  receipt: { seq: 2 ** 40 + 7, entryHash: 'f'.repeat(64), timestamp: 1_767_225_599_999 },
});
const ALL = [EA, ED, EC, EB, EE];

const asset = (id: string, ownerId: string, registeredAt: string, seq: number): DataAssetRecord => ({
  id,
  ownerId,
  name: `数据集 ${id}`,
  description: '脱敏后的交易流水',
  fingerprint: seq.toString(16).padStart(64, 'b'),
  registeredAt,
  receipt: { seq, entryHash: seq.toString(16).padStart(64, 'c'), timestamp: Date.parse(registeredAt) - 1 },
});
const A1 = asset('da-1', 'o1', '2026-02-01T00:00:00.000Z', 10);
const A2 = asset('da-2', 'o1', '2026-02-03T00:00:00.000Z', 11);
const A3 = asset('da-3', 'o2', '2026-02-02T00:00:00.000Z', 2 ** 40);

export function evidenceStoreContract(name: string, fixture: () => EvidenceStoreFixture): void {
  describe(`EvidenceStore contract: ${name}`, () => {
    let fx: EvidenceStoreFixture;
    let store: EvidenceStore | undefined;

    beforeEach(async () => {
      store = undefined;
      fx = fixture();
      store = await fx.open();
    });
    afterEach(async () => {
      try {
        await store?.close();
      } finally {
        await fx.cleanup();
      }
    });

    const open = (): EvidenceStore => {
      if (store === undefined) throw new Error('store not open');
      return store;
    };
    const seed = async (s: EvidenceStore) => {
      for (const e of ALL) await s.evidence.insert(e);
    };

    it('starts empty', async () => {
      const s = open();
      expect(await s.evidence.byIds(['ev-a'])).toStrictEqual([undefined]);
      expect(await s.evidence.byDepositors(['d1'], 20)).toStrictEqual([[]]);
      expect(await s.evidence.countByMonth('2000-01', '2099-12')).toStrictEqual([]);
      expect(await s.evidence.count()).toBe(0);
    });

    it('counts deposits per month of deposit (UTC), within the months asked, and in all', async () => {
      const s = open();
      await seed(s);
      // EE at 2025-12-31T23:59:59.999Z is December's; the other four January's.
      expect(await s.evidence.countByMonth('2000-01', '2099-12')).toStrictEqual([
        { month: '2025-12', count: 1 },
        { month: '2026-01', count: 4 },
      ]);
      expect(await s.evidence.countByMonth('2026-01', '2026-03')).toStrictEqual([{ month: '2026-01', count: 4 }]);
      expect(await s.evidence.countByMonth('2025-12', '2025-12')).toStrictEqual([{ month: '2025-12', count: 1 }]);
      expect(await s.evidence.countByMonth('2026-02', '2026-12')).toStrictEqual([]);
      expect(await s.evidence.count()).toBe(ALL.length);
      await s.evidence.insertMany([evidence('ev-f', 'd2', '2026-02-01T00:00:00.000Z', 9), evidence('ev-g', 'd3', '2026-01-31T23:00:00.000Z', 10)]);
      expect(await s.evidence.countByMonth('2026-01', '2026-02')).toStrictEqual([
        { month: '2026-01', count: 5 },
        { month: '2026-02', count: 1 },
      ]);
      expect(await s.evidence.count()).toBe(ALL.length + 2);
    });

    it('gives back exactly the records it was given, receipt numbers included', async () => {
      const s = open();
      await seed(s);
      expect(await s.evidence.byIds(ALL.map((e) => e.id))).toStrictEqual(ALL);
      const [first, far] = await s.evidence.byIds(['ev-a', 'ev-e']);
      expect(first?.receipt).toStrictEqual({ seq: 0, entryHash: '0'.padStart(64, 'e'), timestamp: Date.parse('2026-01-02T10:00:00.000Z') - 3 });
      expect(far?.receipt.seq).toBe(2 ** 40 + 7);
      expect(far?.receipt.timestamp).toBe(1_767_225_599_999);
    });

    it('answers byIds in the order asked, undefined for unknown ids, repeats included', async () => {
      const s = open();
      await seed(s);
      expect(await s.evidence.byIds([])).toStrictEqual([]);
      expect(await s.evidence.byIds(['ev-c', 'missing', 'ev-a', 'ev-c'])).toStrictEqual([EC, undefined, EA, EC]);
    });

    it('rejects an id stored already, and writes nothing', async () => {
      const s = open();
      await seed(s);
      await expect(s.evidence.insert({ ...EC, depositorId: 'd3', title: '重复' })).rejects.toThrow();
      expect(await s.evidence.byIds(['ev-c'])).toStrictEqual([EC]);
      expect(await s.evidence.byDepositors(['d3', 'd2'], 20)).toStrictEqual([[], [EC]]);
      await expect(
        s.evidence.insertMany([
          { ...EC, id: 'ev-new' },
          { ...EC, title: '重复' },
        ]),
      ).rejects.toThrow();
      expect(await s.evidence.byIds(['ev-new'])).toStrictEqual([undefined]);
      // Nothing refused is counted.
      expect(await s.evidence.count()).toBe(ALL.length);
      expect(await s.evidence.countByMonth('2026-01', '2026-01')).toStrictEqual([{ month: '2026-01', count: 4 }]);
    });

    it('stores many at once', async () => {
      const s = open();
      await s.evidence.insertMany([]);
      await s.evidence.insertMany(ALL);
      expect(await s.evidence.byIds(ALL.map((e) => e.id))).toStrictEqual(ALL);
    });

    it("gives each depositor's evidence newest first (ties by id), in the order asked, [] for none", async () => {
      const s = open();
      await seed(s);
      expect(await s.evidence.byDepositors([], 20)).toStrictEqual([]);
      expect(await s.evidence.byDepositors(['d2', 'd3', 'd1'], 20)).toStrictEqual([[EC], [], [EB, ED, EA, EE]]);
      expect(await s.evidence.byDepositors(['d1', 'd1'], 20)).toStrictEqual([
        [EB, ED, EA, EE],
        [EB, ED, EA, EE],
      ]);
    });

    it("gives each depositor's newest `limit` evidence only", async () => {
      const s = open();
      await seed(s);
      expect(await s.evidence.byDepositors(['d1', 'd2'], 2)).toStrictEqual([[EB, ED], [EC]]);
      expect(await s.evidence.byDepositors(['d1'], 1)).toStrictEqual([[EB]]);
    });

    it('stores data assets and gives them back by id and by owner, newest first', async () => {
      const s = open();
      for (const a of [A1, A3, A2]) await s.dataAssets.insert(a);
      expect(await s.dataAssets.byIds(['da-3', 'none', 'da-1'])).toStrictEqual([A3, undefined, A1]);
      expect(await s.dataAssets.byOwners(['o1', 'o9', 'o2'])).toStrictEqual([[A2, A1], [], [A3]]);
      await expect(s.dataAssets.insert({ ...A1, name: '重复' })).rejects.toThrow();
      expect(await s.dataAssets.byIds(['da-1'])).toStrictEqual([A1]);
    });
  });
}
