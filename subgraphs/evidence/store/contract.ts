// The contract every EvidenceStore adapter passes (run by contract.test.ts per adapter).
import { beforeEach, describe, expect, it } from 'vitest';

import { openForEachTest, type StoreFixture } from '../../../test/support/adapters.js';
import type { DataAssetRecord, EvidenceRecord } from '../domain/model.js';
import type { DataAssetKey, DepositKey, DepositSearch, EvidenceStore } from './port.js';

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
const EE = evidence('ev-e', 'd1', '2025-12-31T15:59:59.999Z', 2 ** 40 + 7, {
  category: 'DATA_SET',
  receipt: { seq: 2 ** 40 + 7, entryHash: 'f'.repeat(64), timestamp: 1_767_225_599_999 },
});
const ALL = [EA, ED, EC, EB, EE];

// For pages and searches: p1 has nine deposits, three of them at one instant (ties by id), titled
// to be searched for; p2 has one titled like each of p1's, and the same digests.
const P = '2026-03-0';
const P1 = [
  evidence('p-05', 'p1', `${P}5T08:00:00.000Z`, 105, { title: '技术许可合同（第二版）', contentDigest: `abcd${'1'.repeat(60)}` }),
  evidence('p-01', 'p1', `${P}1T08:00:00.000Z`, 101, { title: 'Sales Contract 2026', contentDigest: `abcd${'2'.repeat(60)}` }),
  evidence('p-07c', 'p1', `${P}7T08:00:00.000Z`, 109, { title: '进度 100% 完成', contentDigest: `abce${'3'.repeat(60)}` }),
  evidence('p-07a', 'p1', `${P}7T08:00:00.000Z`, 107, { title: 'report_final.pdf', contentDigest: `0123${'4'.repeat(60)}` }),
  evidence('p-02', 'p1', `${P}2T08:00:00.000Z`, 102, { title: '正则 a.*b [x] (y)? \\ 反斜杠', contentDigest: `5678${'5'.repeat(60)}` }),
  evidence('p-07b', 'p1', `${P}7T08:00:00.000Z`, 108, { title: 'reportXfinal 产品照片', contentDigest: `9abc${'6'.repeat(60)}` }),
  evidence('p-03', 'p1', `${P}3T08:00:00.000Z`, 103, { title: 'ÉTUDE ＡＢＣ 外观设计', contentDigest: `def0${'7'.repeat(60)}` }),
  evidence('p-04', 'p1', `${P}4T08:00:00.000Z`, 104, { title: 'sales CONTRACT 草稿', contentDigest: `cafe${'8'.repeat(60)}` }),
  evidence('p-06', 'p1', `${P}6T08:00:00.000Z`, 106, { title: 'abcd 源代码', contentDigest: `f00d${'9'.repeat(60)}` }),
];
// Newest first, ties by id.
const P1_NEWEST = ['p-07a', 'p-07b', 'p-07c', 'p-06', 'p-05', 'p-04', 'p-03', 'p-02', 'p-01'];
const P2 = P1.map((e, i) => ({ ...e, id: `q-${e.id}`, depositorId: 'p2', receipt: { ...e.receipt, seq: 200 + i } }));

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
    const open = openForEachTest(fixture, (s) => s.close());
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

    it('counts deposits per month of deposit in the hub time zone (China time), within the months asked, and in all', async () => {
      const s = open();
      await seed(s);
      // EE at 2025-12-31T15:59:59.999Z (23:59:59.999 in China) is December's; the other four January's.
      expect(await s.evidence.countByMonth('2000-01', '2099-12')).toStrictEqual([
        { month: '2025-12', count: 1 },
        { month: '2026-01', count: 4 },
      ]);
      expect(await s.evidence.countByMonth('2026-01', '2026-03')).toStrictEqual([{ month: '2026-01', count: 4 }]);
      expect(await s.evidence.countByMonth('2025-12', '2025-12')).toStrictEqual([{ month: '2025-12', count: 1 }]);
      expect(await s.evidence.countByMonth('2026-02', '2026-12')).toStrictEqual([]);
      expect(await s.evidence.count()).toBe(ALL.length);
      // 17:00 UTC on January's last day is 1 February in China: February's; 15:00 UTC is January's.
      await s.evidence.insertMany([evidence('ev-f', 'd2', '2026-01-31T17:00:00.000Z', 9), evidence('ev-g', 'd3', '2026-01-31T15:00:00.000Z', 10)]);
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

    it('finds deposits by their ledger receipt seq, in the order asked, undefined for a seq no deposit holds, repeats and numbers past 2^32 included', async () => {
      const s = open();
      expect(await s.evidence.byReceiptSeqs([0])).toStrictEqual([undefined]);
      await seed(s);
      expect(await s.evidence.byReceiptSeqs([])).toStrictEqual([]);
      expect(await s.evidence.byReceiptSeqs([3, 7, 0, 2 ** 40 + 7, 3])).toStrictEqual([ED, undefined, EA, EE, ED]);
      // Seq 10 is a data asset's entry: no deposit.
      await s.dataAssets.insert(A1);
      expect(await s.evidence.byReceiptSeqs([10, 1])).toStrictEqual([undefined, EB]);
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

    describe("a depositor's deposits a page at a time", () => {
      const keyOf = (e: EvidenceRecord): DepositKey => ({ depositedAt: e.depositedAt, id: e.id });
      const ids = (es: readonly EvidenceRecord[]) => es.map((e) => e.id);
      /** Every page of `size` from the start, each after the last one's last deposit. */
      const allPages = async (s: EvidenceStore, depositorId: string, size: number, search?: DepositSearch) => {
        const pages: string[][] = [];
        let after: DepositKey | undefined;
        for (;;) {
          const page = await s.evidence.pageByDepositor(depositorId, { ...(search ? { search } : {}), ...(after ? { after } : {}), limit: size });
          if (page.length === 0) return pages;
          pages.push(ids(page));
          after = keyOf(page.at(-1)!);
          if (pages.length > 20) throw new Error('pages without end');
        }
      };
      /** The ids a search finds; its count (countByDepositor) is checked against them. */
      const found = async (s: EvidenceStore, search: DepositSearch, depositorId = 'p1') => {
        const all = ids(await s.evidence.pageByDepositor(depositorId, { search, limit: 100 }));
        expect(await s.evidence.countByDepositor(depositorId, search)).toBe(all.length);
        return all;
      };

      beforeEach(async () => {
        await open().evidence.insertMany([...P1, ...P2]);
      });

      it('gives them newest first, ties by id, exactly as stored, none of another depositor', async () => {
        const s = open();
        const all = await s.evidence.pageByDepositor('p1', { limit: 100 });
        expect(ids(all)).toStrictEqual(P1_NEWEST);
        expect(all).toStrictEqual(P1_NEWEST.map((id) => P1.find((e) => e.id === id)));
        // The same order as byDepositors.
        expect(await s.evidence.byDepositors(['p1'], 100)).toStrictEqual([all]);
        expect(await s.evidence.pageByDepositor('nobody', { limit: 100 })).toStrictEqual([]);
        expect(await s.evidence.countByDepositor('p1', undefined)).toBe(all.length);
        expect(await s.evidence.countByDepositor('nobody', undefined)).toBe(0);
        expect(await s.evidence.pageByDepositor('p1', { limit: 0 })).toStrictEqual([]);
      });

      it('pages through them without a gap or a repeat, across the deposits of one instant too', async () => {
        const s = open();
        for (const size of [1, 2, 3, 4, 8, 9, 10]) {
          const pages = await allPages(s, 'p1', size);
          expect(pages.flat(), `pages of ${size}`).toStrictEqual(P1_NEWEST);
          expect(pages.slice(0, -1).every((p) => p.length === size)).toBe(true);
        }
        // Starting after a deposit of the tied instant: the rest of the tie (by id), then older ones.
        const tied = P1.find((e) => e.id === 'p-07a')!;
        expect(ids(await s.evidence.pageByDepositor('p1', { after: keyOf(tied), limit: 3 }))).toStrictEqual(['p-07b', 'p-07c', 'p-06']);
        // After the last: nothing.
        const oldest = P1.find((e) => e.id === 'p-01')!;
        expect(await s.evidence.pageByDepositor('p1', { after: keyOf(oldest), limit: 5 })).toStrictEqual([]);
        // A cursor between stored instants starts at the next older one.
        expect(ids(await s.evidence.pageByDepositor('p1', { after: { depositedAt: `${P}4T12:00:00.000Z`, id: 'zzz' }, limit: 2 }))).toStrictEqual([
          'p-04',
          'p-03',
        ]);
      });

      it('finds titles containing the search, ASCII letters in either case, Chinese as it is', async () => {
        const s = open();
        expect(await found(s, { text: 'sales contract' })).toStrictEqual(['p-04', 'p-01']);
        expect(await found(s, { text: 'SALES' })).toStrictEqual(['p-04', 'p-01']);
        expect(await found(s, { text: '合同' })).toStrictEqual(['p-05']);
        expect(await found(s, { text: '许可合同（第二' })).toStrictEqual(['p-05']);
        expect(await found(s, { text: '产品照片' })).toStrictEqual(['p-07b']);
        expect(await found(s, { text: '专利' })).toStrictEqual([]);
        // Only ASCII letters fold: É is not é, a full-width Ａ not ａ.
        expect(await found(s, { text: 'étude' })).toStrictEqual([]);
        expect(await found(s, { text: 'ÉTUDE' })).toStrictEqual(['p-03']);
        expect(await found(s, { text: 'ａｂｃ' })).toStrictEqual([]);
        expect(await found(s, { text: 'ＡＢＣ' })).toStrictEqual(['p-03']);
      });

      it('takes %, _, regex syntax and backslashes as the characters they are', async () => {
        const s = open();
        expect(await found(s, { text: '%' })).toStrictEqual(['p-07c']);
        expect(await found(s, { text: '100%' })).toStrictEqual(['p-07c']);
        expect(await found(s, { text: '_' })).toStrictEqual(['p-07a']);
        // `report_final` is not `reportXfinal`: _ is no wildcard.
        expect(await found(s, { text: 'report_final' })).toStrictEqual(['p-07a']);
        expect(await found(s, { text: '.*' })).toStrictEqual(['p-02']);
        expect(await found(s, { text: 'a.*b' })).toStrictEqual(['p-02']);
        expect(await found(s, { text: 'report.final' })).toStrictEqual([]);
        expect(await found(s, { text: '[x] (y)?' })).toStrictEqual(['p-02']);
        expect(await found(s, { text: '\\' })).toStrictEqual(['p-02']);
        expect(await found(s, { text: '^' })).toStrictEqual([]);
        expect(await found(s, { text: '$' })).toStrictEqual([]);
        expect(await found(s, { text: '|' })).toStrictEqual([]);
      });

      it('finds content digests starting with the prefix, when one is given, as well as titles', async () => {
        const s = open();
        // abcd: p-05's digest, p-01's (stored lower-case), and p-06's title.
        expect(await found(s, { text: 'abcd', digestPrefix: 'abcd' })).toStrictEqual(['p-06', 'p-05', 'p-01']);
        expect(await found(s, { text: 'ABCD', digestPrefix: 'abcd' })).toStrictEqual(['p-06', 'p-05', 'p-01']);
        // Without a prefix, titles only.
        expect(await found(s, { text: 'abcd' })).toStrictEqual(['p-06']);
        expect(await found(s, { text: 'abce', digestPrefix: 'abce' })).toStrictEqual(['p-07c']);
        // A prefix, not anywhere in the digest: cafe starts p-04's; 8888 is inside it only.
        expect(await found(s, { text: 'cafe', digestPrefix: 'cafe' })).toStrictEqual(['p-04']);
        expect(await found(s, { text: '8888', digestPrefix: '8888' })).toStrictEqual([]);
        const whole = P1.find((e) => e.id === 'p-03')!.contentDigest;
        expect(await found(s, { text: whole, digestPrefix: whole })).toStrictEqual(['p-03']);
        // Another depositor's deposit of the same digest is never among them.
        expect(await found(s, { text: whole, digestPrefix: whole }, 'p2')).toStrictEqual(['q-p-03']);
      });

      it("never gives another depositor's deposits, and pages a search as it pages them all", async () => {
        const s = open();
        for (const search of [{ text: 'a' }, { text: 'abcd', digestPrefix: 'abcd' }, { text: 'report' }, { text: '0' }]) {
          const every = await found(s, search);
          expect(every.every((id) => id.startsWith('p-'))).toBe(true);
          expect(every.length).toBeGreaterThan(0);
          for (const size of [1, 2, 3]) expect((await allPages(s, 'p1', size, search)).flat(), `${search.text} by ${size}`).toStrictEqual(every);
          // p2's answers are p2's own: the same titles, its own ids.
          expect(await found(s, search, 'p2')).toStrictEqual(every.map((id) => `q-${id}`));
        }
      });
    });

    it('stores data assets and gives them back by id and by owner, newest first', async () => {
      const s = open();
      for (const a of [A1, A3, A2]) await s.dataAssets.insert(a);
      expect(await s.dataAssets.byIds(['da-3', 'none', 'da-1'])).toStrictEqual([A3, undefined, A1]);
      expect(await s.dataAssets.byOwners(['o1', 'o9', 'o2'], undefined, 100)).toStrictEqual([[A2, A1], [], [A3]]);
      expect(await s.dataAssets.countByOwners(['o1', 'o9', 'o2', 'o1'])).toStrictEqual([2, 0, 1, 2]);
      await expect(s.dataAssets.insert({ ...A1, name: '重复' })).rejects.toThrow();
      expect(await s.dataAssets.byIds(['da-1'])).toStrictEqual([A1]);
    });

    it("pages each owner's data assets newest first from a cursor, ties by id", async () => {
      const s = open();
      const A4 = { ...A2, id: 'da-4' };
      for (const a of [A1, A4, A3, A2]) await s.dataAssets.insert(a);
      expect(await s.dataAssets.byOwners(['o1', 'o2'], undefined, 2)).toStrictEqual([[A2, A4], [A3]]);
      const seen: DataAssetRecord[] = [];
      for (let after: DataAssetKey | undefined; ;) {
        const [page] = await s.dataAssets.byOwners(['o1'], after, 1);
        if (page!.length === 0) break;
        seen.push(...page!);
        after = { registeredAt: page![0]!.registeredAt, id: page![0]!.id };
      }
      expect(seen).toStrictEqual([A2, A4, A1]);
      expect(await s.dataAssets.byOwners(['o1'], undefined, 0)).toStrictEqual([[]]);
    });
  });
}
