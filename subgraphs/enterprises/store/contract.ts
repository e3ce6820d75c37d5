// The contract every EnterprisesStore adapter passes (run by contract.test.ts per adapter).
import { createHash, randomUUID } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import type { Notification } from '../../../outbox/notification.js';
import type { ChangeKey, ListRead } from '../../../platform/pagination.js';
import { openForEachTest, type StoreFixture } from '../../../test/support/adapters.js';
import type {
  CopyrightRecord,
  EnterpriseRecord,
  LicenceRecord,
  OpenLicenceRecord,
  PatentRecord,
  RightRef,
  Stored,
  TrademarkRecord,
  TransferRecord,
} from '../domain/model.js';
import { patentAsset, rightKey, transferParts, UNRECORDED_PATENT_FACTS } from '../domain/model.js';
import { searchText } from '../domain/name-search.js';
import type { EnterpriseFilter, EnterpriseListFilter, EnterprisesStore, PatentFilter, RightClaim } from './port.js';
import { DuplicateKeyError } from './port.js';

export type EnterprisesStoreFixture = StoreFixture<EnterprisesStore>;

/** A claim as right-acts.ts makes it before the ledger: the act it is for is the store's to keep, not to read. */
const claimOf = (token: string, at = new Date().toISOString()): RightClaim => ({
  token,
  at,
  digest: createHash('sha256').update(token).digest('hex'),
  role: 'CENTER_STAFF',
  act: {
    kind: 'TRANSFER',
    transfer: {
      id: `transfer-${token}`,
      right: { kind: 'PATENT', number: '202310000001.X' },
      fromEnterpriseId: 'e01',
      toEnterpriseId: 'e02',
      contractDate: '2026-02-20',
      contractDigest: 'cd'.repeat(32),
      effectiveDate: '2026-02-20',
      state: 'EFFECTIVE',
      registeredAt: at,
      registeredBy: 'staff:li',
    },
  },
});
/** Takes over every claim: a write the test saw refused leaves its claim held. */
const ANY = '9999-12-31';
/** A claim made within the lease holds. */
const LIVE = '2000-01-01T00:00:00.000Z';

/**
 * Claims the right (or the right a record is on) at `version` for a write under the claim, as
 * right-acts.ts does: its token, or one that holds nothing when the right is not at `version` or a
 * claim made after `staleBefore` holds it.
 */
async function claimed(
  s: EnterprisesStore,
  on: RightRef | { right: RightRef } | { applicationNumber: string },
  version: number,
  staleBefore = ANY,
): Promise<string> {
  const right: RightRef = 'right' in on ? on.right : 'applicationNumber' in on ? { kind: 'PATENT', number: on.applicationNumber } : on;
  const token = randomUUID();
  return (await s.rights.claim(right, version, claimOf(token), staleBefore)).ok ? token : 'unclaimed';
}

const SOFTWARE = '软件和信息技术服务业';
const MANUFACTURING = '制造业';

/** When the seed registers the rights below: the updatedAt they are stored with. */
const ADDED = '2026-02-01T00:00:00.000Z';
const byId = (after?: string): ListRead => ({ order: 'ID', after });
const byChange = (since: string, after?: ChangeKey): ListRead => ({ order: 'UPDATED_AT', since, after });

// As stored: an enterprise changed when it was registered.
const enterprise = (id: string, regionCode: string, industry: string, over: Partial<EnterpriseRecord> = {}): Stored<EnterpriseRecord> => {
  const e: EnterpriseRecord = {
    id,
    uscc: `91${regionCode}MA${id.toUpperCase().padStart(7, '0')}X`,
    name: `企业 ${id}`,
    regionCode,
    industry,
    filingStatus: 'FILED',
    registeredAt: '2026-01-05T08:30:00.000Z',
    creditCodeOverride: null,
    ...over,
  };
  return { ...e, updatedAt: e.registeredAt };
};

// Inserted out of id order, so that every ordering below is the store's doing.
const E3 = enterprise('e03', '110108', MANUFACTURING, { filingStatus: 'SUSPENDED' });
const E1 = enterprise('e01', '110108', SOFTWARE, { creditCodeOverride: { approvedBy: 'staff:zhang', reason: '历史赋码，校验位不符' } });
const E5 = enterprise('e05', '110108', SOFTWARE, { filingStatus: 'WITHDRAWN' });
const E2 = enterprise('e02', '310115', MANUFACTURING);
const E4 = enterprise('e04', '440305', SOFTWARE);
const ENTERPRISES = [E3, E1, E5, E2, E4];

/** A search as the resolver hands it to the store: folded (domain/name-search.ts). */
const search = (text: string): string => {
  const checked = searchText(text);
  if (!checked.ok) throw new Error(checked.message);
  return checked.folded;
};
// Names to search, registered out of id order; full-width and mixed case as registrars write them.
const N1 = enterprise('n07', '440305', MANUFACTURING, { name: '华为技术有限公司' });
const N2 = enterprise('n03', '440305', SOFTWARE, { name: '华为终端有限公司' });
const N3 = enterprise('n05', '310115', SOFTWARE, { name: '上海华为软件有限公司' });
const N4 = enterprise('n01', '440305', MANUFACTURING, { name: 'HUAWEI Technologies Co., Ltd.' });
const N5 = enterprise('n02', '440305', MANUFACTURING, { name: 'ＢＹＤ汽车工业有限公司' });
const N6 = enterprise('n04', '350100', MANUFACTURING, { name: '宁德时代新能源科技股份有限公司' });
const N7 = enterprise('n06', '110108', SOFTWARE, { name: '哈哈哈科技有限公司' });
const NAMED = [N1, N2, N3, N4, N5, N6, N7];

const patent = (applicationNumber: string, enterpriseId: string, over: Partial<Stored<PatentRecord>> = {}): Stored<PatentRecord> => ({
  applicationNumber,
  enterpriseId,
  type: 'INVENTION',
  pct: false,
  title: `专利 ${applicationNumber}`,
  ipcClass: 'G06F 16/00',
  status: 'PENDING',
  filingDate: '2023-03-01',
  grantDate: null,
  feesPaidThrough: null,
  grantPublicationNumber: null,
  lapsedOn: null,
  freeze: null,
  invalidation: null,
  version: 1,
  ...UNRECORDED_PATENT_FACTS,
  updatedAt: ADDED,
  ...over,
});

// Every status; e04 and e05 have none. PA and PF were granted in their first year, so their first
// fee is the first anniversary's.
const PA = patent('202310000003.1', 'e01', { status: 'GRANTED', grantDate: '2023-09-01' });
const PB = patent('202320000001.2', 'e01', { type: 'UTILITY_MODEL', status: 'GRANTED', grantDate: '2024-01-05', feesPaidThrough: '2025-03-01' });
const PC = patent('202380000001.3', 'e01', { pct: true, status: 'LAPSED', ipcClass: null });
const PD = patent('201930000001.4', 'e02', {
  type: 'DESIGN',
  status: 'GRANTED',
  ipcClass: null,
  filingDate: '2019-07-01',
  grantDate: '2020-02-01',
  feesPaidThrough: '2024-07-01',
});
const PE = patent('202110000001.5', 'e03', { status: 'REJECTED' });
const PF = patent('202210000001.6', 'e03', { filingDate: '2022-11-30', status: 'GRANTED', grantDate: '2023-05-01' });
const PG = patent('200810000001.7', 'e02', { status: 'EXPIRED', filingDate: '2008-01-15', grantDate: '2010-06-01' });
const PH = patent('201610000001.8', 'e03', { status: 'INVALIDATED', grantDate: '2018-01-01' });
const PI = patent('201710000001.9', 'e01', { status: 'WITHDRAWN' });
const PATENTS = [PF, PC, PA, PI, PG, PB, PH, PE, PD];

const trademark = (registrationNumber: string, enterpriseId: string, expiryDate: string, niceClass: number): Stored<TrademarkRecord> => ({
  registrationNumber,
  enterpriseId,
  mark: `商标 ${registrationNumber}`,
  niceClass,
  goods: ['计算机软件', '计算机程序'],
  registrationDate: '2016-05-14',
  expiryDate,
  version: 1,
  updatedAt: ADDED,
});

const T1 = trademark('TM0003', 'e01', '2026-05-13', 9);
const T2 = trademark('TM0001', 'e01', '2024-02-29', 42);
const T3 = trademark('TM0002', 'e02', '2026-05-13', 35);
const T4 = trademark('TM0004', 'e02', '2030-01-01', 45);
const TRADEMARKS = [T1, T4, T2, T3];

const copyright = (registrationNumber: string, enterpriseId: string, kind: CopyrightRecord['kind']): Stored<CopyrightRecord> => ({
  registrationNumber,
  enterpriseId,
  title: `作品 ${registrationNumber}`,
  kind,
  author: '张三',
  completedOn: '2024-07-01',
  registeredOn: '2024-08-08',
  updatedAt: ADDED,
});

const C1 = copyright('2024SR0005', 'e01', 'SOFTWARE');
const C2 = copyright('2023SR0002', 'e01', 'WORK');
const C3 = copyright('2024SR0001', 'e03', 'SOFTWARE');
const COPYRIGHTS = [C1, C3, C2];

export function enterprisesStoreContract(name: string, fixture: () => EnterprisesStoreFixture): void {
  describe(`EnterprisesStore contract: ${name}`, () => {
    const open = openForEachTest(fixture, (s) => s.close());
    const seed = async (s: EnterprisesStore, what: { patents?: boolean; trademarks?: boolean; copyrights?: boolean } = {}) => {
      for (const e of ENTERPRISES) await s.enterprises.insert(e);
      if (what.patents) for (const p of PATENTS) await s.patents.insert(p, ADDED);
      if (what.trademarks) for (const t of TRADEMARKS) await s.trademarks.insert(t, ADDED);
      if (what.copyrights) for (const c of COPYRIGHTS) await s.copyrights.insert(c, ADDED);
    };

    describe('enterprises', () => {
      it('starts empty', async () => {
        const s = open();
        expect(await s.enterprises.byIds(['e01'])).toStrictEqual([undefined]);
        expect(await s.enterprises.byUscc(E1.uscc)).toBeUndefined();
        expect(await s.enterprises.page({}, byId(), 10)).toStrictEqual([]);
        expect(await s.enterprises.count({})).toBe(0);
        expect(await s.enterprises.countBy('regionCode')).toStrictEqual([]);
        expect(await s.enterprises.countBy('industry')).toStrictEqual([]);
      });

      it('gives back exactly the records it was given, with and without a credit-code override', async () => {
        const s = open();
        await seed(s);
        expect(await s.enterprises.byIds(['e01'])).toStrictEqual([E1]);
        expect(await s.enterprises.byIds(['e02'])).toStrictEqual([E2]);
        expect(await s.enterprises.byUscc(E1.uscc)).toStrictEqual(E1);
        expect(await s.enterprises.byUsccs([E2.uscc, 'nobody', E1.uscc, E2.uscc])).toStrictEqual([E2, undefined, E1, E2]);
        expect(await s.enterprises.byUsccs([])).toStrictEqual([]);
        expect(await s.enterprises.byUscc(E3.uscc)).toStrictEqual(E3);
        expect(await s.enterprises.byUscc('91000000MA0000000X')).toBeUndefined();
      });

      it('answers byIds in the order asked, undefined for unknown ids, repeats included', async () => {
        const s = open();
        await seed(s);
        expect(await s.enterprises.byIds([])).toStrictEqual([]);
        expect(await s.enterprises.byIds(['e05', 'nope', 'e01', 'e05', 'e03'])).toStrictEqual([E5, undefined, E1, E5, E3]);
        expect(await s.enterprises.byIds(['nope', 'e04x'])).toStrictEqual([undefined, undefined]);
      });

      it('rejects a credit code registered already with DuplicateKeyError, and writes nothing', async () => {
        const s = open();
        await seed(s);
        const again = enterprise('e09', '110108', SOFTWARE, { uscc: E1.uscc, name: '冒名企业' });
        await expect(s.enterprises.insert(again)).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await s.enterprises.byIds(['e09'])).toStrictEqual([undefined]);
        expect(await s.enterprises.byUscc(E1.uscc)).toStrictEqual(E1);
        expect(await s.enterprises.count({})).toBe(ENTERPRISES.length);
      });

      it('inserts many at once, all or none, counting them by region and industry', async () => {
        const s = open();
        await s.enterprises.insertMany([]);
        await expect(s.enterprises.insertMany([E1, E2, { ...E3, uscc: E1.uscc }])).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await s.enterprises.count({})).toBe(0);
        expect(await s.enterprises.countBy('regionCode')).toStrictEqual([]);
        await s.enterprises.insertMany(ENTERPRISES);
        expect(await s.enterprises.byIds(['e01', 'e05'])).toStrictEqual([E1, E5]);
        expect(await s.enterprises.countBy('industry')).toStrictEqual([
          { key: MANUFACTURING, enterprises: 2 },
          { key: SOFTWARE, enterprises: 3 },
        ]);
      });

      it('rejects an id registered already with DuplicateKeyError, and writes nothing', async () => {
        const s = open();
        await seed(s);
        const again = enterprise('e02', '440305', SOFTWARE, { uscc: '91440305MA0000099X' });
        await expect(s.enterprises.insert(again)).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await s.enterprises.byIds(['e02'])).toStrictEqual([E2]);
        expect(await s.enterprises.byUscc(again.uscc)).toBeUndefined();
      });

      it('pages by id after the cursor, with the total of all matches', async () => {
        const s = open();
        await seed(s);
        const n = ENTERPRISES.length;
        expect(await s.enterprises.page({}, byId(), 2)).toStrictEqual([E1, E2]);
        expect(await s.enterprises.count({})).toBe(n);
        expect(await s.enterprises.page({}, byId('e02'), 2)).toStrictEqual([E3, E4]);
        expect(await s.enterprises.page({}, byId('e04'), 2)).toStrictEqual([E5]);
        expect(await s.enterprises.page({}, byId('e05'), 2)).toStrictEqual([]);
        // The cursor need not be an id that exists.
        expect(await s.enterprises.page({}, byId('e025'), 2)).toStrictEqual([E3, E4]);
        expect(await s.enterprises.page({}, byId(''), 3)).toStrictEqual([E1, E2, E3]);
        expect(await s.enterprises.page({}, byId(), 100)).toStrictEqual([E1, E2, E3, E4, E5]);
        // A limit of 0 is no rows, not "no limit".
        expect(await s.enterprises.page({}, byId(), 0)).toStrictEqual([]);
      });

      it('pages within a region, an industry, or both', async () => {
        const s = open();
        await seed(s);
        expect(await s.enterprises.page({ regionCode: '110108' }, byId(), 2)).toStrictEqual([E1, E3]);
        expect(await s.enterprises.count({ regionCode: '110108' })).toBe(3);
        expect(await s.enterprises.page({ regionCode: '110108' }, byId('e03'), 2)).toStrictEqual([E5]);
        expect(await s.enterprises.page({ regionCode: '110108' }, byId('e01'), 1)).toStrictEqual([E3]);
        expect(await s.enterprises.page({ industry: MANUFACTURING }, byId(), 10)).toStrictEqual([E2, E3]);
        expect(await s.enterprises.count({ industry: MANUFACTURING })).toBe(2);
        expect(await s.enterprises.page({ industry: SOFTWARE }, byId('e01'), 10)).toStrictEqual([E4, E5]);
        expect(await s.enterprises.count({ industry: SOFTWARE })).toBe(3);
        expect(await s.enterprises.page({ regionCode: '110108', industry: MANUFACTURING }, byId(), 10)).toStrictEqual([E3]);
        expect(await s.enterprises.count({ regionCode: '110108', industry: MANUFACTURING })).toBe(1);
        expect(await s.enterprises.page({ regionCode: '110108', industry: SOFTWARE }, byId('e01'), 10)).toStrictEqual([E5]);
        expect(await s.enterprises.count({ regionCode: '110108', industry: SOFTWARE })).toBe(2);
        expect(await s.enterprises.page({ regionCode: '999999' }, byId(), 10)).toStrictEqual([]);
        expect(await s.enterprises.count({ regionCode: '999999' })).toBe(0);
        // A filter key present but undefined filters nothing.
        expect(await s.enterprises.page({ regionCode: undefined, industry: MANUFACTURING }, byId(), 10)).toStrictEqual([E2, E3]);
        expect(await s.enterprises.count({ regionCode: undefined, industry: MANUFACTURING })).toBe(2);
      });

      it('counts enterprises by region and by industry, by key', async () => {
        const s = open();
        await seed(s);
        expect(await s.enterprises.countBy('regionCode')).toStrictEqual([
          { key: '110108', enterprises: 3 },
          { key: '310115', enterprises: 1 },
          { key: '440305', enterprises: 1 },
        ]);
        expect(await s.enterprises.countBy('industry')).toStrictEqual([
          { key: MANUFACTURING, enterprises: 2 },
          { key: SOFTWARE, enterprises: 3 },
        ]);
      });
    });

    describe('enterprises by name', () => {
      const seedNames = async (s: EnterprisesStore) => {
        // One at a time and in a batch: both index the names.
        for (const e of NAMED.slice(0, 3)) await s.enterprises.insert(e);
        await s.enterprises.insertMany(NAMED.slice(3));
      };
      /** The ids page finds for a search, in its order, and count's answer. */
      const found = async (s: EnterprisesStore, filter: EnterpriseListFilter) => ({
        ids: (await s.enterprises.page(filter, byId(), 100)).map((e) => e.id),
        count: await s.enterprises.count(filter),
      });

      it('finds the names containing a two-character or a longer text, in id order, with their count', async () => {
        const s = open();
        await seed(s);
        await seedNames(s);
        expect(await found(s, { search: search('华为') })).toStrictEqual({ ids: ['n03', 'n05', 'n07'], count: 3 });
        expect(await s.enterprises.page({ search: search('华为') }, byId(), 10)).toStrictEqual([N2, N3, N1]);
        expect(await found(s, { search: search('华为技术') })).toStrictEqual({ ids: ['n07'], count: 1 });
        expect(await found(s, { search: search('技术有限公司') })).toStrictEqual({ ids: ['n07'], count: 1 });
        expect(await found(s, { search: search('新能源科技') })).toStrictEqual({ ids: ['n04'], count: 1 });
        expect(await found(s, { search: search('科技') })).toStrictEqual({ ids: ['n04', 'n06'], count: 2 });
        expect(await found(s, { search: search('有限公司') })).toStrictEqual({ ids: ['n02', 'n03', 'n04', 'n05', 'n06', 'n07'], count: 6 });
        // The whole name, and the seed's names with their space.
        expect(await found(s, { search: search('宁德时代新能源科技股份有限公司') })).toStrictEqual({ ids: ['n04'], count: 1 });
        expect(await found(s, { search: search('企业 e0') })).toStrictEqual({ ids: ['e01', 'e02', 'e03', 'e04', 'e05'], count: 5 });
      });

      it('folds case and full-width forms, in the names and in the search', async () => {
        const s = open();
        await seedNames(s);
        for (const text of ['huawei', 'HUAWEI', 'ＨｕａＷｅｉ', 'Huawei Tech', 'co., ltd.', 'ei']) {
          expect(await found(s, { search: search(text) })).toStrictEqual({ ids: ['n01'], count: 1 });
        }
        for (const text of ['BYD', 'byd', 'ｂｙｄ', 'BYD汽车', 'ＢＹＤ汽车']) {
          expect(await found(s, { search: search(text) })).toStrictEqual({ ids: ['n02'], count: 1 });
        }
        // Characters regular expressions read otherwise are plain text here.
        expect(await found(s, { search: search('., ') })).toStrictEqual({ ids: ['n01'], count: 1 });
        expect(await found(s, { search: search('o.') })).toStrictEqual({ ids: ['n01'], count: 1 });
        expect(await found(s, { search: search('o*') })).toStrictEqual({ ids: [], count: 0 });
        expect(await found(s, { search: search('.*') })).toStrictEqual({ ids: [], count: 0 });
      });

      it('finds none for a gram no name has, nor for a name holding each gram of the search but not the search', async () => {
        const s = open();
        await seedNames(s);
        expect(await found(s, { search: search('小米') })).toStrictEqual({ ids: [], count: 0 });
        expect(await found(s, { search: search('华为小米') })).toStrictEqual({ ids: [], count: 0 });
        // Each gram is a name's, but not in this order.
        expect(await found(s, { search: search('有限华为') })).toStrictEqual({ ids: [], count: 0 });
        // 哈哈哈哈 has one gram, 哈哈, which 哈哈哈科技 has: it holds 哈哈哈, not 哈哈哈哈.
        expect(await found(s, { search: search('哈哈哈') })).toStrictEqual({ ids: ['n06'], count: 1 });
        expect(await found(s, { search: search('哈哈哈哈') })).toStrictEqual({ ids: [], count: 0 });
        expect(await found(s, { search: search('华为') })).toStrictEqual({ ids: ['n03', 'n05', 'n07'], count: 3 });
      });

      it('searches within a region, an industry, or both', async () => {
        const s = open();
        await seedNames(s);
        expect(await found(s, { search: search('华为'), regionCode: '440305' })).toStrictEqual({ ids: ['n03', 'n07'], count: 2 });
        expect(await found(s, { search: search('华为'), industry: SOFTWARE })).toStrictEqual({ ids: ['n03', 'n05'], count: 2 });
        expect(await found(s, { search: search('华为'), regionCode: '440305', industry: MANUFACTURING })).toStrictEqual({ ids: ['n07'], count: 1 });
        expect(await found(s, { search: search('有限公司'), regionCode: '440305' })).toStrictEqual({ ids: ['n02', 'n03', 'n07'], count: 3 });
        expect(await found(s, { search: search('华为'), regionCode: '350100' })).toStrictEqual({ ids: [], count: 0 });
        expect(await found(s, { search: search('华为'), regionCode: undefined, industry: undefined })).toStrictEqual({ ids: ['n03', 'n05', 'n07'], count: 3 });
        // Counted by change too: each enterprise changed when registered.
        expect(await s.enterprises.count({ search: search('华为') }, '2026-01-05T08:30:00.000Z')).toBe(3);
        expect(await s.enterprises.count({ search: search('华为') }, '2026-01-05T08:30:00.001Z')).toBe(0);
        expect(await s.enterprises.count({ search: search('华为技术') }, '2026-01-05T08:30:00.001Z')).toBe(0);
      });

      it('pages through many matches by cursor without a gap or a repeat, and counts what it pages', async () => {
        const s = open();
        // More postings than one statement of SQLite's walks (SEARCH_SLICE): pages and counts walk
        // them a slice at a time. Every name has 星河, 河科 and 科技; only the even ones 河科技.
        const many = Array.from({ length: 2_600 }, (_, i) =>
          enterprise(`m${String((i * 7919) % 2_600).padStart(4, '0')}`, ['330100', '330200', '330300'][i % 3]!, SOFTWARE, {
            name: i % 2 === 0 ? `星河科技${i % 10}号${i}有限公司` : `星河科学${i % 10}号${i}科技有限公司`,
          }),
        );
        await s.enterprises.insertMany(many);
        const walk = async (filter: EnterpriseListFilter, size: number) => {
          const seen: string[] = [];
          for (let after: string | undefined; ;) {
            const page = await s.enterprises.page(filter, byId(after), size);
            seen.push(...page.map((e) => e.id));
            if (page.length < size) return seen;
            after = page.at(-1)!.id;
          }
        };
        const ids = (keep: (e: Stored<EnterpriseRecord>) => boolean) =>
          many
            .filter(keep)
            .map((e) => e.id)
            .sort();
        const cases: [EnterpriseListFilter, (e: Stored<EnterpriseRecord>) => boolean, number][] = [
          [{ search: search('星河') }, () => true, 100],
          [{ search: search('河科技') }, (e) => e.name.includes('河科技'), 100],
          [{ search: search('科技6') }, (e) => e.name.includes('科技6'), 7],
          [{ search: search('星河'), regionCode: '330200' }, (e) => e.regionCode === '330200', 50],
          [{ search: search('河科技'), regionCode: '330300', industry: SOFTWARE }, (e) => e.name.includes('河科技') && e.regionCode === '330300', 33],
          [{ search: search('星河'), industry: MANUFACTURING }, () => false, 10],
        ];
        for (const [filter, keep, size] of cases) {
          const expected = ids(keep);
          expect(await walk(filter, size)).toStrictEqual(expected);
          expect(await s.enterprises.count(filter)).toBe(expected.length);
        }
        expect(ids((e) => e.name.includes('河科技'))).toHaveLength(1_300);
        expect(ids((e) => e.name.includes('科技6'))).toHaveLength(260);
        // Past the last match, a cursor that is no id, a limit of 0.
        const sixes = ids((e) => e.name.includes('科技6'));
        expect(await s.enterprises.page({ search: search('科技6') }, byId(sixes.at(-1)), 10)).toStrictEqual([]);
        const evens = ids((e) => e.name.includes('河科技'));
        expect((await s.enterprises.page({ search: search('河科技') }, byId('m1000x'), 2)).map((e) => e.id)).toStrictEqual(
          evens.filter((id) => id > 'm1000x').slice(0, 2),
        );
        expect(await s.enterprises.page({ search: search('河科技') }, byId(), 0)).toStrictEqual([]);
      });

      it('indexes a name with its enterprise, all or none', async () => {
        const s = open();
        await seedNames(s);
        const again = enterprise('n08', '440305', SOFTWARE, { uscc: N1.uscc, name: '华为云计算技术有限公司' });
        await expect(s.enterprises.insert(again)).rejects.toBeInstanceOf(DuplicateKeyError);
        await expect(s.enterprises.insertMany([enterprise('n09', '440305', SOFTWARE, { name: '华为数字能源' }), again])).rejects.toBeInstanceOf(
          DuplicateKeyError,
        );
        expect(await found(s, { search: search('华为') })).toStrictEqual({ ids: ['n03', 'n05', 'n07'], count: 3 });
        expect(await found(s, { search: search('云计') })).toStrictEqual({ ids: [], count: 0 });
        await s.enterprises.insert({ ...again, uscc: '91440305MA0000008X' });
        expect(await found(s, { search: search('华为') })).toStrictEqual({ ids: ['n03', 'n05', 'n07', 'n08'], count: 4 });
        expect(await found(s, { search: search('云计') })).toStrictEqual({ ids: ['n08'], count: 1 });
      });

      it('reads a search in id order only', async () => {
        const s = open();
        await seedNames(s);
        await expect(s.enterprises.page({ search: search('华为') }, byChange(''), 10)).rejects.toThrow(/id order/);
      });
    });

    describe('patents', () => {
      it('gives back exactly the records it was given, in the order asked', async () => {
        const s = open();
        await seed(s, { patents: true });
        expect(await s.patents.byNumbers([])).toStrictEqual([]);
        expect(await s.patents.byNumbers(PATENTS.map((p) => p.applicationNumber))).toStrictEqual(PATENTS);
        expect(await s.patents.byNumbers(['202380000001.3', '209910000001.0', '201930000001.4', '202380000001.3'])).toStrictEqual([PC, undefined, PD, PC]);
        const [pct, design] = await s.patents.byNumbers(['202380000001.3', '201930000001.4']);
        expect(pct?.pct).toBe(true);
        expect(pct?.ipcClass).toBeNull();
        expect(design?.pct).toBe(false);
      });

      it('rejects an application number registered already with DuplicateKeyError, and writes nothing', async () => {
        const s = open();
        await seed(s, { patents: true });
        await expect(s.patents.insert({ ...PA, enterpriseId: 'e04', title: '另一件' })).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await s.patents.byNumbers([PA.applicationNumber])).toStrictEqual([PA]);
        expect(await s.patents.byEnterprises(['e04'], undefined, 100)).toStrictEqual([[]]);
      });

      it("gives each enterprise's patents by application number, in the order asked, [] for none", async () => {
        const s = open();
        await seed(s, { patents: true });
        expect(await s.patents.byEnterprises([], undefined, 100)).toStrictEqual([]);
        expect(await s.patents.byEnterprises(['e03', 'e04', 'nope', 'e01', 'e02'], undefined, 100)).toStrictEqual([
          [PH, PE, PF],
          [],
          [],
          [PI, PA, PB, PC],
          [PG, PD],
        ]);
        expect(await s.patents.byEnterprises(['e02', 'e02'], undefined, 100)).toStrictEqual([
          [PG, PD],
          [PG, PD],
        ]);
        expect(await s.patents.byEnterprises(['e05'], undefined, 100)).toStrictEqual([[]]);
      });

      it("pages each enterprise's patents from a cursor: the same page of each, however many are asked at once", async () => {
        const s = open();
        await seed(s, { patents: true });
        expect(await s.patents.byEnterprises(['e01', 'e03'], undefined, 2)).toStrictEqual([
          [PI, PA],
          [PH, PE],
        ]);
        expect(await s.patents.byEnterprises(['e01'], PA.applicationNumber, 2)).toStrictEqual([[PB, PC]]);
        expect(await s.patents.byEnterprises(['e01'], PC.applicationNumber, 2)).toStrictEqual([[]]);
        expect(await s.patents.byEnterprises(['e01', 'e02'], undefined, 0)).toStrictEqual([[], []]);
        // Page after page, by one: every patent once, in order.
        const seen: PatentRecord[] = [];
        for (let after: string | undefined; ;) {
          const [page] = await s.patents.byEnterprises(['e01'], after, 1);
          if (page!.length === 0) break;
          seen.push(...page!);
          after = page!.at(-1)!.applicationNumber;
        }
        expect(seen).toStrictEqual([PI, PA, PB, PC]);
      });

      // Next unpaid fee: PF 2023-11-30, PA 2024-03-01, PD 2025-07-01, PB 2026-03-01; the others are not live.
      const ALL_TIME = { from: '2000-01-01', to: '2099-12-31' };
      it('pages annual fees due within a window, by due date then number, for an owner, a region or an industry', async () => {
        const s = open();
        expect(await s.patents.feesDue({}, ALL_TIME, undefined, 10)).toStrictEqual([]);
        await seed(s, { patents: true });
        expect(await s.patents.feesDue({}, ALL_TIME, undefined, 10)).toStrictEqual([PF, PA, PD, PB]);
        expect(await s.patents.feesDue({}, { ...ALL_TIME, from: '2023-12-01' }, undefined, 10)).toStrictEqual([PA, PD, PB]);
        expect(await s.patents.feesDue({}, { ...ALL_TIME, from: '2023-11-30' }, undefined, 10)).toStrictEqual([PF, PA, PD, PB]);
        expect(await s.patents.feesDue({}, { ...ALL_TIME, to: '2025-07-01' }, undefined, 10)).toStrictEqual([PF, PA, PD]);
        expect(await s.patents.feesDue({}, { ...ALL_TIME, from: '2024-03-01' }, undefined, 10)).toStrictEqual([PA, PD, PB]);
        expect(await s.patents.feesDue({ enterpriseId: 'e01' }, ALL_TIME, undefined, 10)).toStrictEqual([PA, PB]);
        expect(await s.patents.feesDue({ regionCode: '110108' }, ALL_TIME, undefined, 10)).toStrictEqual([PF, PA, PB]);
        expect(await s.patents.feesDue({ industry: MANUFACTURING }, ALL_TIME, undefined, 10)).toStrictEqual([PF, PD]);
        expect(await s.patents.feesDue({ regionCode: '110108', industry: SOFTWARE }, ALL_TIME, undefined, 10)).toStrictEqual([PA, PB]);
        expect(await s.patents.feesDue({ enterpriseId: 'e04' }, ALL_TIME, undefined, 10)).toStrictEqual([]);
        expect(await s.patents.countFeesDue({}, ALL_TIME)).toBe(4);
        // Without a filter the count comes from counts kept per day: the same answers.
        expect(await s.patents.countFeesDue({}, { from: '2023-12-01', to: '2025-07-01' })).toBe(2);
        expect(await s.patents.countFeesDue({}, { from: '2024-03-01', to: '2024-03-01' })).toBe(1);
        expect(await s.patents.countFeesDue({}, { from: '2026-03-02', to: '2099-12-31' })).toBe(0);
        expect(await s.patents.countFeesDue({ industry: MANUFACTURING }, ALL_TIME)).toBe(2);
        expect(await s.patents.countFeesDue({ regionCode: '110108', industry: SOFTWARE }, ALL_TIME)).toBe(2);
      });

      it('pages after a cursor, ties on a due date by application number', async () => {
        const s = open();
        await seed(s, { patents: true });
        const twin = patent('202310000002.0', 'e02', { status: 'GRANTED', grantDate: '2023-09-01' }); // due with PA, and a smaller number
        await s.patents.insert(twin, ADDED);
        expect(await s.patents.feesDue({}, ALL_TIME, undefined, 2)).toStrictEqual([PF, twin]);
        expect(await s.patents.feesDue({}, ALL_TIME, { date: '2024-03-01', number: twin.applicationNumber }, 2)).toStrictEqual([PA, PD]);
        expect(await s.patents.feesDue({}, ALL_TIME, { date: '2024-03-01', number: PA.applicationNumber }, 10)).toStrictEqual([PD, PB]);
        expect(await s.patents.feesDue({}, ALL_TIME, { date: '2026-03-01', number: PB.applicationNumber }, 10)).toStrictEqual([]);
      });

      it('pages patents whose protection ends within a window, by that day', async () => {
        const s = open();
        await seed(s, { patents: true });
        // PD 2029-07-01 (a design filed before 2021-06-01: ten years), PB 2033-03-01, PF 2042-11-30, PA 2043-03-01.
        const window = { from: '2000-01-01', to: '2099-12-31' };
        expect(await s.patents.protectionEnding({}, window, undefined, 10)).toStrictEqual([PD, PB, PF, PA]);
        expect(await s.patents.protectionEnding({}, { from: '2029-07-02', to: '2042-11-30' }, undefined, 10)).toStrictEqual([PB, PF]);
        expect(await s.patents.protectionEnding({ enterpriseId: 'e01' }, window, undefined, 10)).toStrictEqual([PB, PA]);
        expect(await s.patents.protectionEnding({ industry: MANUFACTURING }, window, undefined, 10)).toStrictEqual([PD, PF]);
        expect(await s.patents.protectionEnding({}, window, { date: '2033-03-01', number: PB.applicationNumber }, 1)).toStrictEqual([PF]);
        expect(await s.patents.countProtectionEnding({}, window)).toBe(4);
        expect(await s.patents.countProtectionEnding({ regionCode: '310115' }, window)).toBe(1);
        expect(await s.patents.countProtectionEnding({}, { from: '2029-07-01', to: '2033-03-01' })).toBe(2);
        expect(await s.patents.countProtectionEnding({}, { from: '2029-07-02', to: '2033-02-28' })).toBe(0);
      });

      it('pages pending inventions by the day their examination request falls due, none once requested (Patent Law art. 35)', async () => {
        const s = open();
        await seed(s);
        const pending = (n: string, filingDate: string, over: Partial<PatentRecord> = {}) => patent(n, 'e01', { filingDate, ...over });
        const late = pending('202410000001.1', '2024-05-01');
        const early = pending('202410000002.X', '2024-02-01', { priorityDate: '2023-06-01' });
        const requested = pending('202410000003.8', '2024-01-01', { examinationRequestedOn: '2024-03-01' });
        const utility = pending('202420000001.7', '2024-01-01', { type: 'UTILITY_MODEL' });
        await s.patents.insertMany([late, early, requested, utility], ADDED);
        const window = { from: '2026-01-01', to: '2027-12-31' };
        // Three years from the priority date (2026-06-01) and from filing (2027-05-01).
        expect(await s.patents.examinationRequestsDue({}, window, undefined, 10)).toStrictEqual([early, late]);
        expect(await s.patents.examinationRequestsDue({}, window, { date: '2026-06-01', number: early.applicationNumber }, 10)).toStrictEqual([late]);
        expect(await s.patents.examinationRequestsDue({ regionCode: '310115' }, window, undefined, 10)).toStrictEqual([]);
        const made = { ...late, examinationRequestedOn: '2025-01-01' };
        await s.patents.update(late, made, { at: '2025-01-02T00:00:00.000Z', actor: 's', role: 'CENTER_STAFF', type: 'EXAMINATION_REQUESTED', details: {} });
        expect(await s.patents.examinationRequestsDue({}, window, undefined, 10)).toStrictEqual([early]);
      });

      it('counts fees due and protection ending per month of the day, within a window, from the counts kept per day', async () => {
        const s = open();
        expect(await s.patents.countFeesDueByMonth(ALL_TIME)).toStrictEqual([]);
        await seed(s, { patents: true });
        await s.patents.insert(patent('202310000002.0', 'e02', { status: 'GRANTED', grantDate: '2023-09-01' })); // due with PA, 2024-03-01
        expect(await s.patents.countFeesDueByMonth(ALL_TIME)).toStrictEqual([
          { month: '2023-11', count: 1 },
          { month: '2024-03', count: 2 },
          { month: '2025-07', count: 1 },
          { month: '2026-03', count: 1 },
        ]);
        // Only the window's days count, however the months split.
        expect(await s.patents.countFeesDueByMonth({ from: '2024-03-02', to: '2025-07-01' })).toStrictEqual([{ month: '2025-07', count: 1 }]);
        expect(await s.patents.countFeesDueByMonth({ from: '2023-11-30', to: '2024-03-01' })).toStrictEqual([
          { month: '2023-11', count: 1 },
          { month: '2024-03', count: 2 },
        ]);
        expect(await s.patents.countFeesDueByMonth({ from: '2023-12-01', to: '2024-02-29' })).toStrictEqual([]);
        expect(await s.patents.countProtectionEndingByMonth({ from: '2029-07-01', to: '2042-11-30' })).toStrictEqual([
          { month: '2029-07', count: 1 },
          { month: '2033-03', count: 1 },
          { month: '2042-11', count: 1 },
        ]);
        expect(await s.patents.countProtectionEndingByMonth({ from: '2043-03-02', to: '2099-12-31' })).toStrictEqual([]);
      });

      it('refuses a patent of an unknown enterprise, and a batch with a duplicate, writing nothing', async () => {
        const s = open();
        await seed(s);
        await expect(s.patents.insert(patent('202410000001.1', 'nope'))).rejects.toThrow(/nope/);
        await expect(s.patents.insertMany([patent('202410000002.1', 'e01'), PA, PA])).rejects.toBeInstanceOf(DuplicateKeyError);
        await s.patents.insertMany([]);
        expect(await s.patents.byEnterprises(['e01', 'nope'], undefined, 100)).toStrictEqual([[], []]);
        expect(await s.patents.countBy('regionCode')).toStrictEqual([]);
        expect(await s.patents.countFeesDue({}, ALL_TIME)).toBe(0);
        await s.patents.insertMany([PB, PA], ADDED);
        expect(await s.patents.byEnterprises(['e01'], undefined, 100)).toStrictEqual([[PA, PB]]);
        expect(await s.patents.countFeesDue({}, ALL_TIME)).toBe(2);
      });

      it("counts patents by their enterprise's region and industry", async () => {
        const s = open();
        await seed(s);
        expect(await s.patents.countBy('regionCode')).toStrictEqual([]);
        for (const p of PATENTS) await s.patents.insert(p);
        // e01 (110108, software): 4; e02 (310115, manufacturing): 2; e03 (110108, manufacturing): 3;
        // e04 and e05 have none, so 440305 has no row.
        expect(await s.patents.countBy('regionCode')).toStrictEqual([
          { key: '110108', patents: 7 },
          { key: '310115', patents: 2 },
        ]);
        expect(await s.patents.countBy('industry')).toStrictEqual([
          { key: MANUFACTURING, patents: 5 },
          { key: SOFTWARE, patents: 4 },
        ]);
      });
    });

    describe('patent changes', () => {
      const ALL = { from: '2000-01-01', to: '2099-12-31' };
      const by = { at: '2026-03-02T01:00:00.000Z', actor: 'staff:li', role: 'CENTER_STAFF' };

      it('replaces a patent at the version it read, moving its deadlines and their counts, and records the event', async () => {
        const s = open();
        await seed(s, { patents: true });
        // PB's next fee is due 2026-03-01; paying it moves the due date a year on.
        const paid = { ...PB, feesPaidThrough: '2026-03-01' };
        const event = { ...by, type: 'ANNUAL_FEE_PAID' as const, details: { year: 4, dueDate: '2026-03-01' } };
        expect(await s.patents.update(PB, paid, event)).toBe(true);
        expect(await s.patents.byNumbers([PB.applicationNumber])).toStrictEqual([{ ...paid, version: 2, updatedAt: by.at }]);
        expect(await s.patents.feesDue({}, { from: '2026-03-01', to: '2026-03-01' }, undefined, 10)).toStrictEqual([]);
        expect(await s.patents.feesDue({}, { from: '2027-03-01', to: '2027-03-01' }, undefined, 10)).toStrictEqual([{ ...paid, version: 2, updatedAt: by.at }]);
        expect(await s.patents.countFeesDue({}, { from: '2026-03-01', to: '2026-03-01' })).toBe(0);
        expect(await s.patents.countFeesDue({}, { from: '2027-03-01', to: '2027-03-01' })).toBe(1);
        expect(await s.patents.countFeesDue({}, ALL)).toBe(4);
        expect(await s.history.page(patentAsset(PB.applicationNumber), undefined, 10)).toStrictEqual([
          { asset: patentAsset(PB.applicationNumber), seq: 1, ...event },
        ]);
      });

      it('refuses a change to a version no longer current, writing nothing', async () => {
        const s = open();
        await seed(s, { patents: true });
        const event = { ...by, type: 'FROZEN' as const, details: {} };
        const frozen = { ...PA, freeze: { court: '北京知识产权法院', orderNumber: '(2026)京73执保1号', frozenOn: '2026-03-01' } };
        expect(await s.patents.update(PA, frozen, event)).toBe(true);
        expect(await s.patents.update(PA, { ...PA, status: 'WITHDRAWN' }, event)).toBe(false);
        expect(await s.patents.byNumbers([PA.applicationNumber])).toStrictEqual([{ ...frozen, version: 2, updatedAt: by.at }]);
        expect(await s.history.page(patentAsset(PA.applicationNumber), undefined, 10)).toHaveLength(1);
      });

      it('takes a patent out of the warnings when it stops being live, and back when it is again', async () => {
        const s = open();
        await seed(s, { patents: true });
        const event = { ...by, type: 'INVALIDATION_DECIDED' as const, details: { decision: 'INVALIDATED' } };
        const invalid = { ...PD, status: 'INVALIDATED' as const };
        expect(await s.patents.update(PD, invalid, event)).toBe(true);
        expect(await s.patents.feesDue({}, ALL, undefined, 10)).toStrictEqual([PF, PA, PB]);
        expect(await s.patents.protectionEnding({}, ALL, undefined, 10)).toStrictEqual([PB, PF, PA]);
        expect(await s.patents.countFeesDue({}, ALL)).toBe(3);
        expect(await s.patents.countProtectionEnding({}, ALL)).toBe(3);
        expect(await s.patents.countFeesDueByMonth({ from: '2025-07-01', to: '2025-07-31' })).toStrictEqual([]);
        const again = { ...invalid, version: 2, status: 'GRANTED' as const };
        expect(await s.patents.update({ ...invalid, version: 2 }, again, event)).toBe(true);
        expect(await s.patents.countFeesDueByMonth({ from: '2025-07-01', to: '2025-07-31' })).toStrictEqual([{ month: '2025-07', count: 1 }]);
        expect((await s.history.page(patentAsset(PD.applicationNumber), undefined, 10)).map((e) => e.seq)).toStrictEqual([1, 2]);
      });

      it("moves a patent's counts to its new owner's region and industry", async () => {
        const s = open();
        await seed(s, { patents: true });
        const event = { ...by, type: 'IMPORTED' as const, details: {} };
        // e01 (110108, software) to e04 (440305, software)
        expect(await s.patents.update(PB, { ...PB, enterpriseId: 'e04' }, event)).toBe(true);
        expect(await s.patents.countBy('regionCode')).toStrictEqual([
          { key: '110108', patents: 6 },
          { key: '310115', patents: 2 },
          { key: '440305', patents: 1 },
        ]);
        const moved = { ...PB, enterpriseId: 'e04', version: 2, updatedAt: by.at };
        expect(await s.patents.byEnterprises(['e04'], undefined, 100)).toStrictEqual([[moved]]);
        expect(await s.patents.feesDue({ regionCode: '440305' }, ALL, undefined, 10)).toStrictEqual([moved]);
      });

      it('pages a history after a seq, oldest first', async () => {
        const s = open();
        await seed(s, { patents: true });
        let current = PA;
        for (const frozenOn of ['2026-01-01', '2026-01-02', '2026-01-03']) {
          const next = { ...current, freeze: current.freeze === null ? { court: 'c', orderNumber: 'o', frozenOn } : null };
          expect(await s.patents.update(current, next, { ...by, type: next.freeze ? 'FROZEN' : 'UNFROZEN', details: { frozenOn } })).toBe(true);
          current = { ...next, version: current.version + 1 };
        }
        const asset = patentAsset(PA.applicationNumber);
        expect((await s.history.page(asset, undefined, 2)).map((e) => [e.seq, e.type])).toStrictEqual([
          [1, 'FROZEN'],
          [2, 'UNFROZEN'],
        ]);
        expect((await s.history.page(asset, 2, 2)).map((e) => [e.seq, e.details])).toStrictEqual([[3, { frozenOn: '2026-01-03' }]]);
        expect(await s.history.page(patentAsset(PB.applicationNumber), undefined, 10)).toStrictEqual([]);
        expect(await s.history.count(asset)).toBe(3);
        expect(await s.history.count(patentAsset(PB.applicationNumber))).toBe(0);
      });

      it('imports new patents, updates those that differ with what changed, and leaves the rest', async () => {
        const s = open();
        await seed(s);
        await s.patents.insertMany([PA, PB], ADDED);
        const newer = { ...PB, feesPaidThrough: '2026-03-01', title: '新名称' };
        expect(await s.patents.importMany([PA, newer, PD], by.at, by.actor, by.role)).toStrictEqual({ inserted: 1, updated: 1, unchanged: 1, refused: [] });
        expect(await s.patents.byNumbers([PA.applicationNumber, PB.applicationNumber, PD.applicationNumber])).toStrictEqual([
          PA,
          { ...newer, version: 2, updatedAt: by.at },
          { ...PD, updatedAt: by.at },
        ]);
        expect(await s.history.page(patentAsset(PB.applicationNumber), undefined, 10)).toStrictEqual([
          {
            asset: patentAsset(PB.applicationNumber),
            seq: 1,
            ...by,
            type: 'IMPORTED',
            details: { title: [PB.title, '新名称'], feesPaidThrough: ['2025-03-01', '2026-03-01'] },
          },
        ]);
        expect(await s.patents.countFeesDue({}, ALL)).toBe(3);
        expect(await s.patents.countBy('industry')).toStrictEqual([
          { key: MANUFACTURING, patents: 1 },
          { key: SOFTWARE, patents: 2 },
        ]);
        // The same rows again change nothing.
        expect(await s.patents.importMany([PA, newer, PD], by.at, by.actor, by.role)).toStrictEqual({ inserted: 0, updated: 0, unchanged: 3, refused: [] });
        expect(await s.history.page(patentAsset(PB.applicationNumber), undefined, 10)).toHaveLength(1);
      });

      it('refuses, and leaves alone, a row moving an owner or older than the record (STALE_ROW) unless a rollback is allowed; writes nothing for an unknown owner', async () => {
        const s = open();
        await seed(s);
        await s.patents.insert(PA, ADDED);
        const moved = { ...PA, enterpriseId: 'e02', title: '新' };
        const backwards = { ...PA, status: 'PENDING' as const, grantDate: null };
        const result = await s.patents.importMany([PD, moved], by.at, by.actor, by.role);
        expect(result).toMatchObject({ inserted: 1, updated: 0, unchanged: 0, refused: [{ applicationNumber: PA.applicationNumber, code: 'CONFLICT' }] });
        const stale = await s.patents.importMany([backwards], by.at, by.actor, by.role);
        expect(stale.refused).toMatchObject([{ applicationNumber: PA.applicationNumber, code: 'STALE_ROW', field: 'status' }]);
        expect(await s.patents.byNumbers([PA.applicationNumber])).toStrictEqual([PA]);
        const rolledBack = await s.patents.importMany([backwards], by.at, by.actor, by.role, { allowRollback: true });
        expect(rolledBack).toMatchObject({ updated: 1, refused: [] });
        expect((await s.patents.byNumbers([PA.applicationNumber]))[0]).toMatchObject({ status: 'PENDING', version: 2 });
        await expect(s.patents.importMany([patent('202410000001.1', 'nobody')], by.at, by.actor, by.role)).rejects.toThrow();
        expect(await s.patents.byNumbers(['202410000001.1'])).toStrictEqual([undefined]);
      });

      it('supersedes an enterprise’s declaration with the registry’s row, owner and all, telling the centre and the declarer', async () => {
        const s = open();
        await seed(s);
        const declared = patent('202410000005.X', 'e02', { declared: true, filingDate: '2024-05-01' });
        await s.patents.insert(declared);
        const row = { ...declared, enterpriseId: 'e01', declared: false, status: 'GRANTED' as const, grantDate: '2025-02-01' };
        expect(await s.patents.importMany([row], by.at, by.actor, by.role)).toMatchObject({ updated: 1, refused: [] });
        expect((await s.patents.byNumbers([declared.applicationNumber]))[0]).toMatchObject({ enterpriseId: 'e01', declared: false, status: 'GRANTED' });
        expect(await s.history.page(patentAsset(declared.applicationNumber), undefined, 10)).toMatchObject([
          { type: 'SUPERSEDED', details: { enterpriseId: ['e02', 'e01'], declared: [true, false], status: ['PENDING', 'GRANTED'] } },
        ]);
        expect(await s.patents.countBy('regionCode')).toStrictEqual([{ key: '110108', patents: 1 }]);
        const told = await s.outbox.pending(10);
        expect(told.map((n) => [n.type, n.audience])).toStrictEqual([
          ['patent.declaration.superseded', [{ kind: 'CENTRE' }, { kind: 'ENTERPRISE', id: 'e02' }]],
        ]);
      });
    });

    describe('transfers and licences', () => {
      const by = { at: '2026-03-02T01:00:00.000Z', actor: 'staff:li', role: 'CENTER_STAFF' };
      const receipt = { seq: 7, entryHash: 'ab'.repeat(32), timestamp: 1_772_409_600_000 };
      const transfer = (right: RightRef, from: string, to: string, id = 'tr1'): TransferRecord => ({
        id,
        right,
        fromEnterpriseId: from,
        toEnterpriseId: to,
        contractDate: '2026-02-20',
        contractDigest: 'cd'.repeat(32),
        effectiveDate: '2026-03-02',
        state: 'EFFECTIVE',
        registeredAt: by.at,
        registeredBy: by.actor,
        receipt,
      });
      const licence = (
        id: string,
        kind: LicenceRecord['kind'],
        territory: string[],
        startDate: string,
        endDate: string,
        right: RightRef = PB_RIGHT,
      ): LicenceRecord => ({
        id,
        right,
        licensorId: 'e01',
        licenseeId: 'e02',
        kind,
        territory,
        startDate,
        endDate,
        royaltyFen: 1_000_000,
        royaltyTerms: '一次性支付',
        contractDate: '2026-02-20',
        effectiveDate: '2026-02-25',
        // A contract per licence: one contract is recorded once per right.
        contractDigest: createHash('sha256').update(id).digest('hex'),
        registeredAt: `2026-03-0${id.length}T00:00:00.000Z`,
        registeredBy: by.actor,
        receipt,
      });
      const PB_RIGHT: RightRef = { kind: 'PATENT', number: PB.applicationNumber };
      const told = (id: string): Notification => ({
        id,
        type: 'right.transferred',
        occurredAt: by.at,
        subject: 'patent:x',
        audience: [{ kind: 'ENTERPRISE', id: 'e01' }],
        data: {},
      });

      it('keeps the warnings it is given once each, relayed or not', async () => {
        const s = open();
        await s.warn([told('w1'), told('w2')]);
        await s.warn([told('w2')]);
        expect(await s.outbox.pending(10)).toStrictEqual([told('w1'), told('w2')]);
        await s.outbox.markRelayed(['w1']);
        await s.warn([told('w1'), told('w3')]);
        expect(await s.outbox.pending(10)).toStrictEqual([told('w2'), told('w3')]);
      });
      const T1_RIGHT: RightRef = { kind: 'TRADEMARK', number: T1.registrationNumber };

      it('claims a right at the version read, once, across callers: a stale claim is taken over and handed back, a dropped one frees it', async () => {
        const s = open();
        await seed(s, { patents: true, trademarks: true });
        const now = Date.now();
        const iso = (ms: number) => new Date(ms).toISOString();
        const lease = iso(now - 60_000);
        // Not registered, or not at the version read: nothing claimed.
        expect(await s.rights.claim({ kind: 'PATENT', number: '209910000001.X' }, 1, claimOf('x'), lease)).toStrictEqual({ ok: false });
        expect(await s.rights.claim(PB_RIGHT, PB.version + 1, claimOf('x'), lease)).toStrictEqual({ ok: false });
        const first = claimOf('first', iso(now - 1000));
        expect(await s.rights.claim(PB_RIGHT, PB.version, first, lease)).toStrictEqual({ ok: true, replaced: null });
        // Held within the lease: a second request is refused, on a patent as on a trademark.
        expect(await s.rights.claim(PB_RIGHT, PB.version, claimOf('second'), lease)).toStrictEqual({ ok: false });
        expect(await s.rights.claim(T1_RIGHT, 1, claimOf('mark'), lease)).toStrictEqual({ ok: true, replaced: null });
        expect(await s.rights.claim(T1_RIGHT, 1, claimOf('mark again'), lease)).toStrictEqual({ ok: false });
        // A write under another token is refused, and leaves the claim and the right as they were.
        const event = { ...by, type: 'TRANSFERRED' as const, details: {} };
        expect(await s.rights.transfer(transfer(PB_RIGHT, 'e01', 'e04'), 'second', event)).toBe(false);
        expect(await s.rights.license(licence('a', 'ORDINARY', ['CN'], '2026-04-01', '2027-03-31'), 'second', event)).toStrictEqual({ reason: 'STALE' });
        expect(await s.rights.claim(PB_RIGHT, PB.version, claimOf('second'), lease)).toStrictEqual({ ok: false });
        // Past the lease: taken over, the dead claim handed back whole for its act to be found and finished.
        const taker = claimOf('taker');
        expect(await s.rights.claim(PB_RIGHT, PB.version, taker, iso(now))).toStrictEqual({ ok: true, replaced: first });
        // A claim is not a change: the right keeps its version and updatedAt, and the dead token writes nothing.
        expect(await s.patents.byNumbers([PB.applicationNumber])).toStrictEqual([PB]);
        expect(await s.rights.transfer(transfer(PB_RIGHT, 'e01', 'e04'), 'first', event)).toBe(false);
        // Dropped by another token: nothing; by its own: the right is free again.
        await s.rights.dropClaim(PB_RIGHT, 'first');
        expect(await s.rights.claim(PB_RIGHT, PB.version, claimOf('second'), lease)).toStrictEqual({ ok: false });
        await s.rights.dropClaim(PB_RIGHT, 'taker');
        expect(await s.rights.claim(PB_RIGHT, PB.version, claimOf('second'), lease)).toStrictEqual({ ok: true, replaced: null });
        // A write under the claim records the act and frees the right: a claim at the new version holds.
        expect(await s.rights.transfer(transfer(PB_RIGHT, 'e01', 'e04'), 'second', event)).toBe(true);
        expect(await s.rights.claim(PB_RIGHT, PB.version + 1, claimOf('next'), lease)).toStrictEqual({ ok: true, replaced: null });
      });

      it('keeps a claim across a change that claims nothing: the act claimed is recorded after it', async () => {
        const s = open();
        await seed(s, { patents: true });
        const token = await claimed(s, PB_RIGHT, PB.version, LIVE);
        const frozen = { ...PB, freeze: { court: 'c', orderNumber: 'o', frozenOn: '2026-02-15' } };
        expect(await s.patents.update(PB, frozen, { ...by, type: 'FROZEN', details: {} })).toBe(true);
        expect(await s.rights.claim(PB_RIGHT, PB.version + 1, claimOf('other'), LIVE)).toStrictEqual({ ok: false });
        expect(await s.rights.transfer(transfer(PB_RIGHT, 'e01', 'e04'), token, { ...by, type: 'TRANSFERRED', details: {} })).toBe(true);
        expect((await s.patents.byNumbers([PB.applicationNumber]))[0]).toMatchObject({ enterpriseId: 'e04', freeze: frozen.freeze, version: PB.version + 2 });
      });

      it('lets one of two processes racing for a right claim it', async () => {
        const s = open();
        await seed(s, { patents: true });
        const results = await Promise.all(['a', 'b', 'c', 'd'].map((t) => s.rights.claim(PB_RIGHT, PB.version, claimOf(t), LIVE)));
        expect(results.filter((r) => r.ok)).toHaveLength(1);
      });

      it('moves a patent to its new owner at the version read, with its counts, the transfer and the history', async () => {
        const s = open();
        await seed(s, { patents: true });
        const event = { ...by, type: 'TRANSFERRED' as const, details: { to: 'e04' } };
        expect(await s.rights.transfer(transfer(PB_RIGHT, 'e01', 'e04'), await claimed(s, PB_RIGHT, PB.version), event, [told('t1')])).toBe(true);
        expect(await s.outbox.pending(10)).toStrictEqual([told('t1')]);
        expect(await s.patents.byNumbers([PB.applicationNumber])).toStrictEqual([{ ...PB, enterpriseId: 'e04', version: 2, updatedAt: by.at }]);
        expect(await s.patents.countBy('regionCode')).toStrictEqual([
          { key: '110108', patents: 6 },
          { key: '310115', patents: 2 },
          { key: '440305', patents: 1 },
        ]);
        expect(await s.rights.transfersOf([rightKey(PB_RIGHT), 'PATENT:none'])).toStrictEqual([[transfer(PB_RIGHT, 'e01', 'e04')], []]);
        expect((await s.history.page(rightKey(PB_RIGHT), undefined, 10)).map((e) => e.type)).toStrictEqual(['TRANSFERRED']);
        // The same transfer again: the version and the owner have moved on; nothing is written.
        expect(await s.rights.transfer(transfer(PB_RIGHT, 'e01', 'e04', 'tr2'), await claimed(s, PB_RIGHT, PB.version), event, [told('t2')])).toBe(false);
        expect(await s.outbox.pending(10)).toStrictEqual([told('t1')]);
        expect(await s.rights.transfer(transfer(PB_RIGHT, 'e01', 'e02', 'tr3'), await claimed(s, PB_RIGHT, 2), event)).toBe(false);
        expect(await s.rights.transfersOf([rightKey(PB_RIGHT)])).toStrictEqual([[transfer(PB_RIGHT, 'e01', 'e04')]]);
        // By id, as a notification carries it: the refused ones were never stored.
        const [stored, refused] = await s.rights.transfersByIds([transfer(PB_RIGHT, 'e01', 'e04').id, 'tr2']);
        expect([stored, refused]).toStrictEqual([transfer(PB_RIGHT, 'e01', 'e04'), undefined]);
      });

      it('moves a patent and a trademark outside the registry (Patent Law art. 10(2)): no enterprise lists, counts or is warned of them; read by number with their holder', async () => {
        const s = open();
        await seed(s, { patents: true, trademarks: true });
        const SIEMENS = { kind: 'FOREIGN_ENTITY' as const, name: 'Siemens AG', country: 'DE' };
        const ZHANG = { kind: 'INDIVIDUAL' as const, name: '张三', country: 'CN' };
        const everything = { from: '2000-01-01', to: '2099-12-31' };
        const [feesBefore, feeCountBefore, expiringBefore, expiringCountBefore, registered] = await Promise.all([
          s.patents.feesDue({}, everything, undefined, 100),
          s.patents.countFeesDue({}, everything),
          s.trademarks.expiring({}, everything, undefined, 100),
          s.trademarks.countExpiring({}, everything),
          s.patents.count({}),
        ]);
        expect(feesBefore.map((p) => p.applicationNumber)).toContain(PB.applicationNumber);
        expect(expiringBefore.map((m) => m.registrationNumber)).toContain(T1.registrationNumber);
        const [patentsOfE01, trademarksOfE01] = [await s.patents.countByEnterprises(['e01']), await s.trademarks.countByEnterprises(['e01'])];

        // The patent at once; the trademark on its day, as the scheduler puts it into effect.
        const outside: TransferRecord = { ...transfer(PB_RIGHT, 'e01', 'e04'), toEnterpriseId: null, toOutside: SIEMENS };
        expect(await s.rights.transfer(outside, await claimed(s, PB_RIGHT, PB.version), { ...by, type: 'TRANSFERRED', details: {} })).toBe(true);
        const pending: TransferRecord = {
          ...transfer(T1_RIGHT, 'e01', 'e04', 'tr2'),
          toEnterpriseId: null,
          toOutside: ZHANG,
          effectiveDate: '2026-04-01',
          state: 'PENDING',
        };
        expect(await s.rights.transfer(pending, await claimed(s, T1_RIGHT, T1.version), { ...by, type: 'TRANSFER_RECORDED', details: {} })).toBe(true);
        expect((await s.trademarks.byNumbers([T1.registrationNumber]))[0]).toMatchObject({ enterpriseId: 'e01' });
        expect(await s.rights.effectTransfer('tr2', { ...by, type: 'TRANSFERRED', details: {} })).toBe(true);

        // Read by number: held by no enterprise, by the outside party.
        expect(await s.patents.byNumbers([PB.applicationNumber])).toStrictEqual([
          { ...PB, enterpriseId: null, outsideOwner: SIEMENS, version: PB.version + 1, updatedAt: by.at },
        ]);
        expect((await s.trademarks.byNumbers([T1.registrationNumber]))[0]).toMatchObject({ enterpriseId: null, outsideOwner: ZHANG, version: T1.version + 2 });
        expect(await s.rights.transfersByIds(['tr1', 'tr2'])).toStrictEqual([outside, { ...pending, state: 'EFFECTIVE' }]);
        // Not the transferor's any more: its lists and counts.
        expect(await s.patents.countByEnterprises(['e01'])).toStrictEqual([patentsOfE01[0]! - 1]);
        expect(await s.trademarks.countByEnterprises(['e01'])).toStrictEqual([trademarksOfE01[0]! - 1]);
        expect((await s.patents.byEnterprises(['e01'], undefined, 100))[0]!.map((p) => p.applicationNumber)).not.toContain(PB.applicationNumber);
        expect((await s.trademarks.byEnterprises(['e01'], undefined, 100))[0]!.map((m) => m.registrationNumber)).not.toContain(T1.registrationNumber);
        expect(await s.trademarks.sameMark('e01', T1.mark, T1.niceClass, 10)).toStrictEqual([]);
        expect((await s.patents.page({ enterpriseId: 'e01' }, byId(), 100)).map((p) => p.applicationNumber)).not.toContain(PB.applicationNumber);
        // No region's or industry's: e01's counters lose it, no one else's gains it.
        expect(await s.patents.countBy('regionCode')).toStrictEqual([
          { key: '110108', patents: 6 },
          { key: '310115', patents: 2 },
        ]);
        expect((await s.patents.countBy('industry')).some((c) => c.key === '')).toBe(false);
        // Still in the register (a sync learns it left by its change), and counted there.
        expect((await s.patents.page({}, byId(), 100)).map((p) => p.applicationNumber)).toContain(PB.applicationNumber);
        expect(await s.patents.count({})).toBe(registered);
        // Warned to no one: no fee, expiry or end of protection listed or counted, filtered or not.
        expect((await s.patents.feesDue({}, everything, undefined, 100)).map((p) => p.applicationNumber)).not.toContain(PB.applicationNumber);
        expect(await s.patents.countFeesDue({}, everything)).toBe(feeCountBefore - 1);
        expect((await s.patents.protectionEnding({}, everything, undefined, 100)).map((p) => p.applicationNumber)).not.toContain(PB.applicationNumber);
        expect((await s.patents.feesDue({ regionCode: '110108' }, everything, undefined, 100)).map((p) => p.applicationNumber)).not.toContain(
          PB.applicationNumber,
        );
        expect((await s.trademarks.expiring({}, everything, undefined, 100)).map((m) => m.registrationNumber)).not.toContain(T1.registrationNumber);
        expect((await s.trademarks.expiring({ regionCode: '110108' }, everything, undefined, 100)).map((m) => m.registrationNumber)).not.toContain(
          T1.registrationNumber,
        );
        expect(await s.trademarks.countExpiring({}, everything)).toBe(expiringCountBefore - 1);
        expect(await s.trademarks.countExpiring({ industry: SOFTWARE }, everything)).toBe(
          expiringBefore.filter((m) => m.enterpriseId === 'e01' && m.registrationNumber !== T1.registrationNumber).length,
        );
        // A claim on it still holds (the acts refuse it before: rights.ts), but no write under another owner passes.
        expect(
          await s.rights.transfer(transfer(PB_RIGHT, 'e01', 'e02', 'tr3'), await claimed(s, PB_RIGHT, PB.version + 1), {
            ...by,
            type: 'TRANSFERRED',
            details: {},
          }),
        ).toBe(false);
      });

      it('records a transfer effective later without moving the right, then puts it into effect once however many processes try (Patent Law art. 10(3))', async () => {
        const s = open();
        await seed(s, { patents: true });
        const pending: TransferRecord = { ...transfer(PB_RIGHT, 'e01', 'e04'), effectiveDate: '2026-04-01', state: 'PENDING' };
        const recorded = { ...by, type: 'TRANSFER_RECORDED' as const, details: {} };
        expect(await s.rights.transfer(pending, await claimed(s, PB_RIGHT, PB.version), recorded)).toBe(true);
        // The owner stays; the version moves on, so that a disposal checked before it is refused.
        expect(await s.patents.byNumbers([PB.applicationNumber])).toStrictEqual([{ ...PB, version: PB.version + 1, updatedAt: by.at }]);
        expect(await s.rights.transfersOf([rightKey(PB_RIGHT)])).toStrictEqual([[pending]]);
        expect(await s.rights.pendingTransfers('2026-03-31', 10)).toStrictEqual([]);
        expect(await s.rights.pendingTransfers('2026-04-01', 10)).toStrictEqual([pending]);
        const moved = { ...by, at: '2026-04-01T00:00:00.000Z', type: 'TRANSFERRED' as const, details: {} };
        const results = await Promise.all([s.rights.effectTransfer('tr1', moved, [told('t1')]), s.rights.effectTransfer('tr1', moved, [told('t2')])]);
        expect(results.filter((r) => r)).toHaveLength(1);
        expect(await s.rights.effectTransfer('none', moved)).toBe(false);
        expect(await s.patents.byNumbers([PB.applicationNumber])).toStrictEqual([{ ...PB, enterpriseId: 'e04', version: PB.version + 2, updatedAt: moved.at }]);
        expect(await s.patents.countBy('regionCode')).toStrictEqual([
          { key: '110108', patents: 6 },
          { key: '310115', patents: 2 },
          { key: '440305', patents: 1 },
        ]);
        const effective = { ...pending, state: 'EFFECTIVE' };
        expect(await s.rights.transfersOf([rightKey(PB_RIGHT)])).toStrictEqual([[effective]]);
        expect(await s.rights.transfersByIds(['tr1'])).toStrictEqual([effective]);
        expect(await s.rights.pendingTransfers('2099-12-31', 10)).toStrictEqual([]);
        expect((await s.history.page(rightKey(PB_RIGHT), undefined, 10)).map((e) => e.type)).toStrictEqual(['TRANSFER_RECORDED', 'TRANSFERRED']);
        expect(await s.outbox.pending(10)).toHaveLength(1);
      });

      it('leaves a pending transfer whose right is no longer the transferor’s', async () => {
        const s = open();
        await seed(s, { patents: true });
        const pending: TransferRecord = { ...transfer(PB_RIGHT, 'e01', 'e04'), effectiveDate: '2026-04-01', state: 'PENDING' };
        expect(await s.rights.transfer(pending, await claimed(s, PB_RIGHT, PB.version), { ...by, type: 'TRANSFER_RECORDED', details: {} })).toBe(true);
        const [held] = await s.patents.byNumbers([PB.applicationNumber]);
        expect(await s.patents.update(held!, { ...held!, enterpriseId: 'e02' }, { ...by, type: 'IMPORTED', details: {} })).toBe(true);
        expect(await s.rights.effectTransfer('tr1', { ...by, type: 'TRANSFERRED', details: {} })).toBe(false);
        expect((await s.patents.byNumbers([PB.applicationNumber]))[0]!.enterpriseId).toBe('e02');
        expect(await s.rights.pendingTransfers('2026-04-01', 10)).toStrictEqual([pending]);
      });

      it("moves a trademark's same marks in its class together under one claim, all or none (Trademark Law art. 42(2)), now or on their day", async () => {
        const s = open();
        await seed(s, { trademarks: true });
        const T5 = trademark('TM0005', 'e01', '2030-01-01', 9);
        await s.trademarks.insert(T5, ADDED);
        const T5_RIGHT: RightRef = { kind: 'TRADEMARK', number: T5.registrationNumber };
        const group = (state: TransferRecord['state']): TransferRecord => ({
          ...transfer(T1_RIGHT, 'e01', 'e02'),
          state,
          together: [{ id: 'tr1-b', right: T5_RIGHT }],
        });
        const events = [
          { ...by, type: 'TRANSFERRED' as const, details: { transfer: 'tr1' } },
          { ...by, type: 'TRANSFERRED' as const, details: { transfer: 'tr1-b' } },
        ];
        // One of the rights not held by the claim: nothing written, the other's claim kept.
        const token = await claimed(s, T1_RIGHT, 1);
        expect(await s.rights.transfer(group('EFFECTIVE'), token, events)).toBe(false);
        expect(await s.trademarks.byNumbers([T1.registrationNumber, T5.registrationNumber])).toStrictEqual([T1, T5]);
        expect(await s.rights.transfersOf([rightKey(T1_RIGHT), rightKey(T5_RIGHT)])).toStrictEqual([[], []]);
        expect(await s.history.count(rightKey(T1_RIGHT))).toBe(0);
        // Both held by one claim: both move, each its own record naming the other.
        const both = claimOf(randomUUID());
        expect((await s.rights.claim(T1_RIGHT, 1, both, ANY)).ok).toBe(true);
        expect((await s.rights.claim(T5_RIGHT, 1, both, ANY)).ok).toBe(true);
        expect(await s.rights.transfer(group('EFFECTIVE'), both.token, events, [told('g1'), told('g2')])).toBe(true);
        expect(await s.trademarks.byNumbers([T1.registrationNumber, T5.registrationNumber])).toStrictEqual([
          { ...T1, enterpriseId: 'e02', version: 2, updatedAt: by.at },
          { ...T5, enterpriseId: 'e02', version: 2, updatedAt: by.at },
        ]);
        const parts = transferParts(group('EFFECTIVE'));
        expect(parts.map((p) => [p.id, p.right.number, p.together])).toStrictEqual([
          ['tr1', 'TM0003', [{ id: 'tr1-b', right: T5_RIGHT }]],
          ['tr1-b', 'TM0005', [{ id: 'tr1', right: T1_RIGHT }]],
        ]);
        expect(await s.rights.transfersOf([rightKey(T1_RIGHT), rightKey(T5_RIGHT)])).toStrictEqual([[parts[0]], [parts[1]]]);
        expect(await s.rights.transfersByIds(['tr1-b', 'tr1'])).toStrictEqual([parts[1], parts[0]]);
        expect((await s.history.page(rightKey(T5_RIGHT), undefined, 10)).map((e) => e.details)).toStrictEqual([{ transfer: 'tr1-b' }]);
        expect(await s.outbox.pending(10)).toHaveLength(2);
        // Back to e01 on a later day: recorded PENDING, both moved by one effectTransfer, once.
        const back = (state: TransferRecord['state']): TransferRecord => ({
          ...transfer(T1_RIGHT, 'e02', 'e01', 'tr2'),
          effectiveDate: '2026-04-01',
          state,
          together: [{ id: 'tr2-b', right: T5_RIGHT }],
        });
        const again = claimOf(randomUUID());
        expect((await s.rights.claim(T1_RIGHT, 2, again, ANY)).ok).toBe(true);
        expect((await s.rights.claim(T5_RIGHT, 2, again, ANY)).ok).toBe(true);
        const recorded = { ...by, type: 'TRANSFER_RECORDED' as const, details: {} };
        expect(await s.rights.transfer(back('PENDING'), again.token, [recorded, recorded])).toBe(true);
        expect((await s.rights.pendingTransfers('2026-04-01', 10)).map((t) => t.id)).toStrictEqual(['tr2', 'tr2-b']);
        const moved = { ...by, at: '2026-04-01T00:00:00.000Z', type: 'TRANSFERRED' as const, details: {} };
        const results = await Promise.all([s.rights.effectTransfer('tr2-b', [moved, moved]), s.rights.effectTransfer('tr2', [moved, moved])]);
        expect(results.filter((r) => r)).toHaveLength(1);
        expect((await s.trademarks.byNumbers([T1.registrationNumber, T5.registrationNumber])).map((m) => m!.enterpriseId)).toStrictEqual(['e01', 'e01']);
        expect(await s.rights.pendingTransfers('2099-12-31', 10)).toStrictEqual([]);
        expect((await s.rights.transfersByIds(['tr2', 'tr2-b'])).map((t) => t!.state)).toStrictEqual(['EFFECTIVE', 'EFFECTIVE']);
      });

      it('moves none of a pending group when one of its rights left the transferor', async () => {
        const s = open();
        await seed(s, { trademarks: true });
        const T5 = trademark('TM0005', 'e01', '2030-01-01', 9);
        await s.trademarks.insert(T5, ADDED);
        const T5_RIGHT: RightRef = { kind: 'TRADEMARK', number: T5.registrationNumber };
        const pending: TransferRecord = {
          ...transfer(T1_RIGHT, 'e01', 'e02'),
          effectiveDate: '2026-04-01',
          state: 'PENDING',
          together: [{ id: 'tr1-b', right: T5_RIGHT }],
        };
        const both = claimOf(randomUUID());
        await s.rights.claim(T1_RIGHT, 1, both, ANY);
        await s.rights.claim(T5_RIGHT, 1, both, ANY);
        const recorded = { ...by, type: 'TRANSFER_RECORDED' as const, details: {} };
        expect(await s.rights.transfer(pending, both.token, [recorded, recorded])).toBe(true);
        const [held] = await s.trademarks.byNumbers([T5.registrationNumber]);
        expect(await s.trademarks.update(held!, { ...held!, enterpriseId: 'e03' }, { ...by, type: 'IMPORTED', details: {} })).toBe(true);
        expect(await s.rights.effectTransfer('tr1', [recorded, recorded])).toBe(false);
        expect((await s.trademarks.byNumbers([T1.registrationNumber, T5.registrationNumber])).map((m) => m!.enterpriseId)).toStrictEqual(['e01', 'e03']);
        expect((await s.rights.pendingTransfers('2026-04-01', 10)).map((t) => t.id)).toStrictEqual(['tr1', 'tr1-b']);
      });

      it('moves a trademark, and renews it, moving its expiry count', async () => {
        const s = open();
        await seed(s, { trademarks: true });
        const event = { ...by, type: 'TRANSFERRED' as const, details: {} };
        expect(await s.rights.transfer(transfer(T1_RIGHT, 'e01', 'e02'), await claimed(s, T1_RIGHT, 1), event)).toBe(true);
        const [moved] = await s.trademarks.byNumbers([T1.registrationNumber, 'nothing']);
        expect(moved).toStrictEqual({ ...T1, enterpriseId: 'e02', version: 2, updatedAt: by.at });
        expect(await s.trademarks.expiring({ regionCode: '310115' }, { from: '2026-05-13', to: '2026-05-13' }, undefined, 10)).toStrictEqual([T3, moved]);
        const renewed = { ...moved!, expiryDate: '2036-05-13' };
        expect(await s.trademarks.update(moved!, renewed, { ...by, type: 'RENEWED', details: { expiryDate: '2036-05-13' } })).toBe(true);
        expect(await s.trademarks.update(moved!, renewed, { ...by, type: 'RENEWED', details: {} })).toBe(false);
        expect(await s.trademarks.countExpiring({}, { from: '2026-05-13', to: '2026-05-13' })).toBe(1);
        expect(await s.trademarks.countExpiring({}, { from: '2036-05-13', to: '2036-05-13' })).toBe(1);
        expect((await s.history.page(rightKey(T1_RIGHT), undefined, 10)).map((e) => e.type)).toStrictEqual(['TRANSFERRED', 'RENEWED']);
      });

      it('refuses an exclusive or sole licence meeting another in territory and time; ordinary ones share', async () => {
        const s = open();
        await seed(s, { patents: true });
        const event = { ...by, type: 'LICENSED' as const, details: {} };
        const guangdong = licence('a', 'EXCLUSIVE', ['440000'], '2026-04-01', '2028-03-31');
        expect(await s.rights.license(guangdong, await claimed(s, guangdong, 1), event, [told('l1')])).toBeUndefined();
        // Shenzhen lies in Guangdong; the terms share 2028-03-31.
        const shenzhen = licence('bb', 'ORDINARY', ['440300'], '2028-03-31', '2029-12-31');
        expect(await s.rights.license(shenzhen, await claimed(s, shenzhen, 2), event, [told('l2')])).toStrictEqual({ reason: 'OVERLAP', with: guangdong });
        expect(await s.outbox.pending(10)).toStrictEqual([told('l1')]);
        // Beijing, at the same time: no overlap; nor Guangdong the day after.
        const beijing = licence('cc', 'SOLE', ['110000'], '2026-04-01', '2028-03-31');
        expect(await s.rights.license(beijing, await claimed(s, beijing, 2), event)).toBeUndefined();
        const later = licence('ddd', 'EXCLUSIVE', ['440305', '310115'], '2028-04-01', '2029-12-31');
        expect(await s.rights.license(later, await claimed(s, later, 3), event)).toBeUndefined();
        // Ordinary licences share a place and a time, but not with a sole one.
        const o1 = licence('eeee', 'ORDINARY', ['CN'], '2030-01-01', '2030-12-31');
        const o2 = licence('fffff', 'ORDINARY', ['320000'], '2030-06-01', '2031-12-31');
        expect(await s.rights.license(o1, await claimed(s, o1, 4), event)).toBeUndefined();
        expect(await s.rights.license(o2, await claimed(s, o2, 5), event)).toBeUndefined();
        expect(await s.rights.license(licence('gggggg', 'SOLE', ['320500'], '2030-12-01', '2030-12-01'), await claimed(s, PB_RIGHT, 6), event)).toStrictEqual({
          reason: 'OVERLAP',
          with: o1,
        });
        // A stale version or another licensor: nothing written.
        expect(
          await s.rights.license(licence('hhhhhhh', 'ORDINARY', ['650000'], '2026-04-01', '2027-01-01'), await claimed(s, PB_RIGHT, 2), event),
        ).toStrictEqual({ reason: 'STALE' });
        expect(
          await s.rights.license(
            { ...licence('iiiiiiii', 'ORDINARY', ['650000'], '2026-04-01', '2027-01-01'), licensorId: 'e02' },
            await claimed(s, PB_RIGHT, 6),
            event,
          ),
        ).toStrictEqual({
          reason: 'STALE',
        });
        const all = await s.rights.licencesOf(rightKey(PB_RIGHT), undefined, 10);
        expect(all.map((l) => l.id)).toStrictEqual(['a', 'cc', 'ddd', 'eeee', 'fffff']);
        expect(all[0]).toStrictEqual(guangdong);
        expect(await s.rights.licencesByIds(['cc', 'none', 'a'])).toStrictEqual([all[1], undefined, guangdong]);
        expect((await s.rights.licencesOf(rightKey(PB_RIGHT), { registeredAt: beijing.registeredAt, id: 'cc' }, 2)).map((l) => l.id)).toStrictEqual([
          'ddd',
          'eeee',
        ]);
        expect((await s.patents.byNumbers([PB.applicationNumber]))[0]!.version).toBe(6);
        expect(await s.history.page(rightKey(PB_RIGHT), undefined, 10)).toHaveLength(5);
        // What licencesOf and the history page through.
        expect(await s.rights.countLicencesOf(rightKey(PB_RIGHT))).toBe(5);
        expect(await s.rights.countLicencesOf('PATENT:none')).toBe(0);
        expect(await s.history.count(rightKey(PB_RIGHT))).toBe(5);
      });

      it('decides racing licences one after the other', async () => {
        const s = open();
        await seed(s, { patents: true });
        const event = { ...by, type: 'LICENSED' as const, details: {} };
        const race = (l: LicenceRecord) => claimed(s, PB_RIGHT, 1, LIVE).then((token) => s.rights.license(l, token, event));
        const results = await Promise.all([
          race(licence('a', 'EXCLUSIVE', ['CN'], '2026-04-01', '2027-03-31')),
          race(licence('bb', 'EXCLUSIVE', ['CN'], '2026-04-01', '2027-03-31')),
        ]);
        expect(results.filter((r) => r === undefined)).toHaveLength(1);
        expect(await s.rights.licencesOf(rightKey(PB_RIGHT), undefined, 10)).toHaveLength(1);
      });

      it('refuses a contract recorded for the right already (专利实施许可合同备案办法 art. 12(2)(viii)), naming that licence, writing nothing', async () => {
        const s = open();
        await seed(s, { patents: true, trademarks: true });
        const event = { ...by, type: 'LICENSED' as const, details: {} };
        const first = licence('a', 'ORDINARY', ['CN'], '2026-04-01', '2027-03-31');
        expect(await s.rights.license(first, await claimed(s, first, 1), event, [told('l1')])).toBeUndefined();
        expect(await s.rights.licenceByContract(rightKey(PB_RIGHT), first.contractDigest)).toStrictEqual(first);
        expect(await s.rights.licenceByContract(rightKey(PB_RIGHT), 'ef'.repeat(32))).toBeUndefined();
        // The same contract again, as another licence elsewhere and later: refused before any overlap is weighed.
        const again = { ...licence('bb', 'ORDINARY', ['650000'], '2028-04-01', '2029-03-31'), contractDigest: first.contractDigest };
        expect(await s.rights.license(again, await claimed(s, again, 2), event, [told('l2')])).toStrictEqual({ reason: 'DUPLICATE', with: first });
        expect(await s.rights.licencesOf(rightKey(PB_RIGHT), undefined, 10)).toStrictEqual([first]);
        expect(await s.outbox.pending(10)).toStrictEqual([told('l1')]);
        expect((await s.patents.byNumbers([PB.applicationNumber]))[0]!.version).toBe(2);
        // Another right may be licensed under the same contract.
        const mark = { ...licence('cc', 'ORDINARY', ['CN'], '2026-04-01', '2026-05-13', T1_RIGHT), contractDigest: first.contractDigest };
        expect(await s.rights.license(mark, await claimed(s, mark, 1), event)).toBeUndefined();
        expect(await s.rights.licenceByContract(rightKey(T1_RIGHT), first.contractDigest)).toStrictEqual(mark);
      });

      it('lets one of two racing requests with one contract win, the other refused by its claim or as DUPLICATE', async () => {
        const s = open();
        await seed(s, { patents: true });
        const event = { ...by, type: 'LICENSED' as const, details: {} };
        const [a, b] = [licence('a', 'ORDINARY', ['CN'], '2026-04-01', '2027-03-31'), licence('bb', 'ORDINARY', ['110000'], '2026-04-01', '2027-03-31')];
        const race = (l: LicenceRecord) => claimed(s, PB_RIGHT, 1, LIVE).then((token) => s.rights.license(l, token, event));
        const results = await Promise.all([race(a), race({ ...b, contractDigest: a.contractDigest })]);
        const stored = await s.rights.licencesOf(rightKey(PB_RIGHT), undefined, 10);
        expect(stored).toHaveLength(1);
        expect(results.filter((r) => r === undefined)).toHaveLength(1);
        // The loser found the right claimed, or, once the winner was stored, its contract recorded, whatever the claim.
        expect([[{ reason: 'STALE' }], [{ reason: 'DUPLICATE', with: stored[0] }]]).toContainEqual(results.filter((r) => r !== undefined));
      });

      it('keeps a licence’s effective date', async () => {
        const s = open();
        await seed(s, { patents: true });
        const l = licence('a', 'ORDINARY', ['CN'], '2026-04-01', '2027-03-31');
        expect(await s.rights.license(l, await claimed(s, l, 1), { ...by, type: 'LICENSED', details: {} })).toBeUndefined();
        expect((await s.rights.licencesByIds(['a']))[0]!.effectiveDate).toBe('2026-02-25');
        expect((await s.rights.licencesOf(rightKey(PB_RIGHT), undefined, 1))[0]!.effectiveDate).toBe('2026-02-25');
      });

      describe('open licences (Patent Law art. 50)', () => {
        const declaration = (id: string, announcedOn = '2026-03-01', applicationNumber = PB.applicationNumber): OpenLicenceRecord => ({
          id,
          applicationNumber,
          patenteeId: 'e01',
          royalty: '按年销售额的 2% 支付，每年结算一次',
          announcedOn,
          evaluationReportNumber: 'PJ2025000123',
          declaredAt: `2026-03-0${id.length}T02:00:00.000Z`,
          declaredBy: by.actor,
          receipt,
          withdrawal: null,
        });
        const withdrawal = { withdrawnOn: '2026-06-01', recordedAt: '2026-06-02T01:00:00.000Z', recordedBy: by.actor, receipt: { ...receipt, seq: 9 } };
        const declared = { ...by, type: 'OPEN_LICENCE_DECLARED' as const, details: { openLicence: 'o' } };
        const withdrawn = { ...by, type: 'OPEN_LICENCE_WITHDRAWN' as const, details: { openLicence: 'o' } };

        it('records a declaration at the version read, moving the version on, with its history; none for an undeclared patent', async () => {
          const s = open();
          await seed(s, { patents: true });
          expect(await s.rights.openLicencesOf([PB.applicationNumber, PA.applicationNumber])).toStrictEqual([undefined, undefined]);
          const d = declaration('o');
          expect(await s.rights.declareOpenLicence(d, await claimed(s, d, PB.version), declared)).toBe(true);
          expect(await s.rights.openLicencesOf([PA.applicationNumber, PB.applicationNumber, PB.applicationNumber])).toStrictEqual([undefined, d, d]);
          expect((await s.patents.byNumbers([PB.applicationNumber]))[0]!.version).toBe(PB.version + 1);
          expect((await s.history.page(rightKey(PB_RIGHT), undefined, 10)).map((e) => e.type)).toStrictEqual(['OPEN_LICENCE_DECLARED']);
          // A licence decided against the version before the declaration is stale: no exclusive licence slips in.
          expect(
            await s.rights.license(licence('a', 'EXCLUSIVE', ['CN'], '2026-04-01', '2027-03-31'), await claimed(s, PB_RIGHT, PB.version), {
              ...by,
              type: 'LICENSED',
              details: {},
            }),
          ).toStrictEqual({
            reason: 'STALE',
          });
        });

        it('refuses a stale version, another patentee, or a second standing declaration, writing nothing', async () => {
          const s = open();
          await seed(s, { patents: true });
          expect(await s.rights.declareOpenLicence({ ...declaration('o'), patenteeId: 'e02' }, await claimed(s, PB_RIGHT, PB.version), declared)).toBe(false);
          expect(await s.rights.declareOpenLicence(declaration('o'), await claimed(s, PB_RIGHT, PB.version + 1), declared)).toBe(false);
          expect(await s.rights.openLicencesOf([PB.applicationNumber])).toStrictEqual([undefined]);
          expect(await s.rights.declareOpenLicence(declaration('o'), await claimed(s, PB_RIGHT, PB.version), declared)).toBe(true);
          // A second one while the first stands, even at the current version.
          expect(await s.rights.declareOpenLicence(declaration('oo'), await claimed(s, PB_RIGHT, PB.version + 1), declared)).toBe(false);
          expect(await s.rights.openLicencesOf([PB.applicationNumber])).toStrictEqual([declaration('o')]);
          expect(await s.history.count(rightKey(PB_RIGHT))).toBe(1);
        });

        it('records one of two racing declarations', async () => {
          const s = open();
          await seed(s, { patents: true });
          const race = (d: OpenLicenceRecord) => claimed(s, PB_RIGHT, PB.version, LIVE).then((token) => s.rights.declareOpenLicence(d, token, declared));
          const results = await Promise.all([race(declaration('o')), race(declaration('oo'))]);
          expect(results.filter((r) => r)).toHaveLength(1);
          expect(await s.history.count(rightKey(PB_RIGHT))).toBe(1);
        });

        it('withdraws the standing declaration at the version read; a new one may follow, and is the latest', async () => {
          const s = open();
          await seed(s, { patents: true });
          expect(await s.rights.declareOpenLicence(declaration('o'), await claimed(s, PB_RIGHT, PB.version), declared)).toBe(true);
          // A stale version, another owner, or an unknown declaration: nothing written.
          expect(await s.rights.withdrawOpenLicence('o', withdrawal, 'e01', await claimed(s, PB_RIGHT, PB.version), withdrawn)).toBe(false);
          expect(await s.rights.withdrawOpenLicence('o', withdrawal, 'e02', await claimed(s, PB_RIGHT, PB.version + 1), withdrawn)).toBe(false);
          expect(await s.rights.withdrawOpenLicence('none', withdrawal, 'e01', await claimed(s, PB_RIGHT, PB.version + 1), withdrawn)).toBe(false);
          expect(await s.rights.openLicencesOf([PB.applicationNumber])).toStrictEqual([declaration('o')]);
          expect(await s.rights.withdrawOpenLicence('o', withdrawal, 'e01', await claimed(s, PB_RIGHT, PB.version + 1), withdrawn)).toBe(true);
          expect(await s.rights.openLicencesOf([PB.applicationNumber])).toStrictEqual([{ ...declaration('o'), withdrawal }]);
          // Withdrawn once only.
          expect(await s.rights.withdrawOpenLicence('o', withdrawal, 'e01', await claimed(s, PB_RIGHT, PB.version + 2), withdrawn)).toBe(false);
          const again = declaration('ooo', '2026-07-01');
          expect(await s.rights.declareOpenLicence(again, await claimed(s, again, PB.version + 2), declared)).toBe(true);
          expect(await s.rights.openLicencesOf([PB.applicationNumber])).toStrictEqual([again]);
          expect((await s.history.page(rightKey(PB_RIGHT), undefined, 10)).map((e) => e.type)).toStrictEqual([
            'OPEN_LICENCE_DECLARED',
            'OPEN_LICENCE_WITHDRAWN',
            'OPEN_LICENCE_DECLARED',
          ]);
        });

        it('keeps the declaration a licence was taken under', async () => {
          const s = open();
          await seed(s, { patents: true });
          const taken: LicenceRecord = { ...licence('a', 'ORDINARY', ['CN'], '2026-04-01', '2033-03-31'), openLicenceId: 'o' };
          expect(await s.rights.license(taken, await claimed(s, taken, PB.version), { ...by, type: 'LICENSED', details: {} })).toBeUndefined();
          expect(await s.rights.licencesByIds(['a'])).toStrictEqual([taken]);
          expect((await s.rights.licencesByIds(['a']))[0]!.openLicenceId).toBe('o');
        });
      });
    });

    describe('trademarks', () => {
      it("finds an owner's registrations of the same mark text in one class (NFKC, trimmed), by number, within the limit", async () => {
        const s = open();
        await seed(s);
        const mark = (registrationNumber: string, enterpriseId: string, text: string, niceClass: number): TrademarkRecord => ({
          ...trademark(registrationNumber, enterpriseId, '2030-01-01', niceClass),
          mark: text,
        });
        // Full-width Latin letters and a space around: the same text after NFKC and trimming.
        const marks = [
          mark('5003', 'e01', 'ＢＹＤ 比亚迪', 12),
          mark('5001', 'e01', 'BYD 比亚迪', 12),
          mark('5002', 'e01', ' BYD 比亚迪 ', 12),
          mark('5004', 'e01', 'BYD 比亚迪', 9),
          mark('5005', 'e02', 'BYD 比亚迪', 12),
          mark('5006', 'e01', 'BYD比亚迪', 12),
          mark('5007', 'e01', 'byd 比亚迪', 12),
        ];
        await s.trademarks.insertMany(marks, ADDED);
        expect(await s.trademarks.sameMark('e01', 'BYD 比亚迪', 12, 10)).toStrictEqual(['5001', '5002', '5003']);
        expect(await s.trademarks.sameMark('e01', 'ＢＹＤ 比亚迪 ', 12, 2)).toStrictEqual(['5001', '5002']);
        expect(await s.trademarks.sameMark('e01', 'BYD 比亚迪', 9, 10)).toStrictEqual(['5004']);
        expect(await s.trademarks.sameMark('e02', 'BYD 比亚迪', 12, 10)).toStrictEqual(['5005']);
        expect(await s.trademarks.sameMark('e03', 'BYD 比亚迪', 12, 10)).toStrictEqual([]);
        // A change of owner moves a registration out of its old owner's marks and into its new one's.
        const [moved] = await s.trademarks.byNumbers(['5002']);
        expect(
          await s.rights.transfer(
            {
              id: 'tr',
              right: { kind: 'TRADEMARK', number: '5002' },
              fromEnterpriseId: 'e01',
              toEnterpriseId: 'e02',
              contractDate: '2026-02-20',
              contractDigest: 'cd'.repeat(32),
              effectiveDate: '2026-02-20',
              state: 'EFFECTIVE',
              registeredAt: ADDED,
              registeredBy: 'staff:li',
              receipt: { seq: 1, entryHash: 'ab'.repeat(32), timestamp: 0 },
            },
            await claimed(s, { kind: 'TRADEMARK', number: '5002' }, moved!.version),
            { at: ADDED, actor: 'staff:li', role: 'CENTER_STAFF', type: 'TRANSFERRED', details: {} },
          ),
        ).toBe(true);
        expect(await s.trademarks.sameMark('e01', 'BYD 比亚迪', 12, 10)).toStrictEqual(['5001', '5003']);
        expect(await s.trademarks.sameMark('e02', 'BYD 比亚迪', 12, 10)).toStrictEqual(['5002', '5005']);
      });

      it("gives each enterprise's trademarks by registration number, [] for none", async () => {
        const s = open();
        await seed(s, { trademarks: true });
        expect(await s.trademarks.byEnterprises([], undefined, 100)).toStrictEqual([]);
        expect(await s.trademarks.byEnterprises(['e02', 'e03', 'e01'], undefined, 100)).toStrictEqual([[T3, T4], [], [T2, T1]]);
      });

      it('rejects a registration number registered already with DuplicateKeyError, and writes nothing', async () => {
        const s = open();
        await seed(s, { trademarks: true });
        await expect(s.trademarks.insert({ ...T1, enterpriseId: 'e03', mark: '仿冒' })).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await s.trademarks.byEnterprises(['e01', 'e03'], undefined, 100)).toStrictEqual([[T2, T1], []]);
        // A page at a time, from the cursor.
        expect(await s.trademarks.byEnterprises(['e01', 'e02'], undefined, 1)).toStrictEqual([[T2], [T3]]);
        expect(await s.trademarks.byEnterprises(['e01'], T2.registrationNumber, 1)).toStrictEqual([[T1]]);
      });

      it('pages registrations ending within a window, soonest first, ties by registration number', async () => {
        const s = open();
        await seed(s, { trademarks: true });
        const window = (from: string, to: string) => ({ from, to });
        expect(await s.trademarks.expiring({}, window('2000-01-01', '2026-05-13'), undefined, 10)).toStrictEqual([T2, T3, T1]);
        expect(await s.trademarks.expiring({}, window('2000-01-01', '2026-05-12'), undefined, 10)).toStrictEqual([T2]);
        expect(await s.trademarks.expiring({}, window('2026-05-13', '2099-12-31'), undefined, 10)).toStrictEqual([T3, T1, T4]);
        expect(await s.trademarks.expiring({}, window('2000-01-01', '2024-02-28'), undefined, 10)).toStrictEqual([]);
        expect(await s.trademarks.expiring({ enterpriseId: 'e01' }, window('2000-01-01', '2026-05-13'), undefined, 10)).toStrictEqual([T2, T1]);
        expect(await s.trademarks.expiring({ regionCode: '310115' }, window('2000-01-01', '2099-12-31'), undefined, 10)).toStrictEqual([T3, T4]);
        expect(await s.trademarks.expiring({ industry: SOFTWARE }, window('2000-01-01', '2099-12-31'), undefined, 10)).toStrictEqual([T2, T1]);
        expect(await s.trademarks.expiring({ enterpriseId: 'e03' }, window('2000-01-01', '2099-12-31'), undefined, 10)).toStrictEqual([]);
        expect(await s.trademarks.expiring({}, window('2000-01-01', '2099-12-31'), { date: '2026-05-13', number: T3.registrationNumber }, 10)).toStrictEqual([
          T1,
          T4,
        ]);
        expect(await s.trademarks.expiring({}, window('2000-01-01', '2099-12-31'), undefined, 2)).toStrictEqual([T2, T3]);
        expect(await s.trademarks.countExpiring({}, window('2000-01-01', '2026-05-13'))).toBe(3);
        expect(await s.trademarks.countExpiring({ regionCode: '310115' }, window('2026-05-14', '2099-12-31'))).toBe(1);
        expect(await s.trademarks.countExpiring({}, window('2024-03-01', '2026-05-13'))).toBe(2);
        expect(await s.trademarks.countExpiring({}, window('2026-05-14', '2029-12-31'))).toBe(0);
      });

      it('counts registrations ending per month, within a window', async () => {
        const s = open();
        expect(await s.trademarks.countExpiringByMonth({ from: '2000-01-01', to: '2099-12-31' })).toStrictEqual([]);
        await seed(s, { trademarks: true });
        expect(await s.trademarks.countExpiringByMonth({ from: '2000-01-01', to: '2099-12-31' })).toStrictEqual([
          { month: '2024-02', count: 1 },
          { month: '2026-05', count: 2 },
          { month: '2030-01', count: 1 },
        ]);
        expect(await s.trademarks.countExpiringByMonth({ from: '2024-03-01', to: '2026-05-13' })).toStrictEqual([{ month: '2026-05', count: 2 }]);
        expect(await s.trademarks.countExpiringByMonth({ from: '2026-05-14', to: '2029-12-31' })).toStrictEqual([]);
      });

      it("keeps a court's preservation of a trademark (法释〔2001〕1号 art. 2) with the record: frozen, renewed and lifted at the version read, each in its history", async () => {
        const s = open();
        await seed(s);
        const by = { at: '2026-03-02T01:00:00.000Z', actor: 'court:sz', role: 'COURT' };
        const order = { court: '深圳市中级人民法院', orderNumber: '(2026)粤03执保1号', frozenOn: '2026-03-01', endsOn: '2027-03-01' };
        await s.trademarks.insert({ ...T4, freeze: order }, ADDED);
        const [inserted] = await s.trademarks.byNumbers([T4.registrationNumber]);
        expect(inserted).toStrictEqual({ ...T4, freeze: order });
        const lifted = { ...inserted!, freeze: null };
        expect(await s.trademarks.update(inserted!, lifted, { ...by, type: 'UNFROZEN', details: {} })).toBe(true);
        const [free] = await s.trademarks.byNumbers([T4.registrationNumber]);
        // None held: read as a record registered without one.
        expect(free).toStrictEqual({ ...T4, version: 2, updatedAt: by.at });
        const frozen = { ...free!, freeze: { ...order, orderNumber: '(2026)粤03执保2号' } };
        expect(await s.trademarks.update(free!, frozen, { ...by, type: 'FROZEN', details: {} })).toBe(true);
        const renewed = { ...frozen, version: 3, freeze: { ...frozen.freeze, endsOn: '2028-03-01' } };
        expect(await s.trademarks.update(frozen, renewed, { ...by, type: 'FREEZE_RENEWED', details: {} })).toBe(false);
        expect(await s.trademarks.update({ ...frozen, version: 3 }, renewed, { ...by, type: 'FREEZE_RENEWED', details: {} })).toBe(true);
        expect((await s.trademarks.byNumbers([T4.registrationNumber]))[0]).toStrictEqual({ ...renewed, version: 4, updatedAt: by.at });
        expect((await s.history.page(rightKey({ kind: 'TRADEMARK', number: T4.registrationNumber }), undefined, 10)).map((e) => e.type)).toStrictEqual([
          'UNFROZEN',
          'FROZEN',
          'FREEZE_RENEWED',
        ]);
      });

      it('refuses a trademark of an unknown enterprise, writing nothing', async () => {
        const s = open();
        await seed(s);
        await expect(s.trademarks.insert(trademark('TM0009', 'nope', '2030-01-01', 9))).rejects.toThrow(/nope/);
        await expect(s.trademarks.insertMany([T1, T2, T1])).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await s.trademarks.byEnterprises(['e01', 'nope'], undefined, 100)).toStrictEqual([[], []]);
        expect(await s.trademarks.countExpiring({}, { from: '2000-01-01', to: '2099-12-31' })).toBe(0);
        expect(await s.trademarks.countExpiringByMonth({ from: '2000-01-01', to: '2099-12-31' })).toStrictEqual([]);
      });
    });

    describe('copyrights', () => {
      it("gives each enterprise's copyrights by registration number, [] for none", async () => {
        const s = open();
        await seed(s, { copyrights: true });
        expect(await s.copyrights.byEnterprises([], undefined, 100)).toStrictEqual([]);
        expect(await s.copyrights.byEnterprises(['e01', 'e02', 'e03'], undefined, 100)).toStrictEqual([[C2, C1], [], [C3]]);
      });

      it('rejects a registration number registered already with DuplicateKeyError, and writes nothing', async () => {
        const s = open();
        await seed(s, { copyrights: true });
        await expect(s.copyrights.insert({ ...C3, enterpriseId: 'e02', kind: 'WORK' })).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await s.copyrights.byEnterprises(['e02', 'e03'], undefined, 100)).toStrictEqual([[], [C3]]);
        await expect(s.copyrights.insertMany([{ ...C1, registrationNumber: '2025SR0001' }, C3])).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await s.copyrights.byEnterprises(['e01'], undefined, 100)).toStrictEqual([[C2, C1]]);
        expect(await s.copyrights.byNumbers([C1.registrationNumber, 'none', C2.registrationNumber])).toStrictEqual([C1, undefined, C2]);
        expect(await s.copyrights.byEnterprises(['e01'], undefined, 1)).toStrictEqual([[C2]]);
        expect(await s.copyrights.byEnterprises(['e01'], C2.registrationNumber, 1)).toStrictEqual([[C1]]);
      });
    });

    describe('counts', () => {
      it("counts each enterprise's patents, trademarks and copyrights in the order asked, 0 for none: what byEnterprises pages through", async () => {
        const s = open();
        expect(await s.patents.countByEnterprises(['e01'])).toStrictEqual([0]);
        await seed(s, { patents: true, trademarks: true, copyrights: true });
        const asked = ['e01', 'e04', 'nope', 'e03', 'e02', 'e01'];
        const paged = async (read: (ids: string[]) => Promise<unknown[][]>) => (await read(asked)).map((rows) => rows.length);
        expect(await s.patents.countByEnterprises(asked)).toStrictEqual([4, 0, 0, 3, 2, 4]);
        expect(await s.patents.countByEnterprises(asked)).toStrictEqual(await paged((ids) => s.patents.byEnterprises(ids, undefined, 100)));
        expect(await s.trademarks.countByEnterprises(asked)).toStrictEqual(await paged((ids) => s.trademarks.byEnterprises(ids, undefined, 100)));
        expect(await s.trademarks.countByEnterprises(['e02', 'e03'])).toStrictEqual([2, 0]);
        expect(await s.copyrights.countByEnterprises(asked)).toStrictEqual(await paged((ids) => s.copyrights.byEnterprises(ids, undefined, 100)));
        expect(await s.copyrights.countByEnterprises(['e01', 'e03'])).toStrictEqual([2, 1]);
        expect(await s.patents.countByEnterprises([])).toStrictEqual([]);
      });
    });

    describe('syncing by change', () => {
      const at = (day: string) => `${day}T00:00:00.000Z`;
      const staff = { actor: 'staff:li', role: 'CENTER_STAFF' };
      const receipt = { seq: 7, entryHash: 'ab'.repeat(32), timestamp: 1_772_409_600_000 };

      it('pages enterprises by registration, ties by id, within a region or an industry, counting what the pages hold', async () => {
        const s = open();
        const [a, b, c, d] = [
          enterprise('e03', '110108', MANUFACTURING, { registeredAt: at('2026-01-03') }),
          enterprise('e01', '110108', SOFTWARE, { registeredAt: at('2026-01-04') }),
          enterprise('e02', '310115', MANUFACTURING, { registeredAt: at('2026-01-04') }),
          enterprise('e04', '440305', SOFTWARE, { registeredAt: at('2026-01-01') }),
        ];
        await s.enterprises.insertMany([a!, b!, c!]);
        await s.enterprises.insert(d!);
        const ids = async (filter: EnterpriseFilter, read: ListRead, limit = 10) => (await s.enterprises.page(filter, read, limit)).map((e) => e.id);
        expect(await ids({}, byChange(''))).toStrictEqual(['e04', 'e03', 'e01', 'e02']);
        expect(await s.enterprises.byIds(['e03', 'e04'])).toStrictEqual([a, d]);
        // From an instant on (inclusive), a page at a time, resumed after a change key.
        expect(await ids({}, byChange(at('2026-01-03')), 2)).toStrictEqual(['e03', 'e01']);
        expect(await ids({}, byChange(at('2026-01-03'), { updatedAt: at('2026-01-04'), id: 'e01' }), 2)).toStrictEqual(['e02']);
        expect(await ids({ regionCode: '110108' }, byChange(at('2026-01-04')))).toStrictEqual(['e01']);
        expect(await ids({ industry: MANUFACTURING }, byChange(''))).toStrictEqual(['e03', 'e02']);
        expect(await ids({}, byChange(at('2026-01-05')))).toStrictEqual([]);
        const cases: [EnterpriseFilter, string | undefined][] = [
          [{}, undefined],
          [{}, at('2026-01-03')],
          [{ regionCode: '110108' }, at('2026-01-04')],
          [{ industry: MANUFACTURING }, undefined],
          [{ regionCode: '110108', industry: SOFTWARE }, at('2026-01-05')],
        ];
        for (const [filter, since] of cases) {
          expect(await s.enterprises.count(filter, since)).toBe((await ids(filter, since === undefined ? byId() : byChange(since), 100)).length);
        }
        expect(await s.enterprises.count({}, at('2026-01-04'))).toBe(2);
      });

      it('pages the register by application number, of an enterprise or a recorded status, counting what the pages hold', async () => {
        const s = open();
        expect(await s.patents.count({})).toBe(0);
        await seed(s, { patents: true });
        const numbers = async (filter: PatentFilter, read: ListRead, limit = 100) =>
          (await s.patents.page(filter, read, limit)).map((p) => p.applicationNumber);
        const all = PATENTS.map((p) => p.applicationNumber).sort();
        expect(await numbers({}, byId(), 3)).toStrictEqual(all.slice(0, 3));
        expect(await numbers({}, byId(all[2]), 3)).toStrictEqual(all.slice(3, 6));
        expect(await numbers({}, byId(all.at(-1)))).toStrictEqual([]);
        expect(await numbers({}, byId(), 0)).toStrictEqual([]);
        expect(await numbers({ status: 'GRANTED' }, byId())).toStrictEqual([PD, PF, PA, PB].map((p) => p.applicationNumber));
        expect(await numbers({ enterpriseId: 'e01', status: 'GRANTED' }, byId(PA.applicationNumber))).toStrictEqual([PB.applicationNumber]);
        expect(await s.patents.page({ enterpriseId: 'e02' }, byId(), 10)).toStrictEqual([PG, PD]);
        const cases: [PatentFilter, string | undefined][] = [
          [{}, undefined],
          [{ status: 'GRANTED' }, undefined],
          [{ status: 'EXPIRED' }, undefined],
          [{ enterpriseId: 'e01' }, undefined],
          [{ enterpriseId: 'e01', status: 'GRANTED' }, undefined],
          [{ enterpriseId: 'e05' }, undefined],
          [{}, ADDED],
          [{ status: 'LAPSED' }, ADDED],
          [{}, at('2026-02-02')],
        ];
        for (const [filter, since] of cases) {
          const paged = await numbers(filter, since === undefined ? byId() : byChange(since));
          expect(await s.patents.count(filter, since)).toBe(paged.length);
        }
        // The whole register from the counters: the same as a count of its pages.
        expect(await s.patents.count({})).toBe(PATENTS.length);
      });

      it('pages patents by change: each change the store writes of one moves it to the end, and never back', async () => {
        const s = open();
        await seed(s, { patents: true });
        const changed = async (since: string, filter: PatentFilter = {}, after?: ChangeKey) =>
          (await s.patents.page(filter, byChange(since, after), 100)).map((p) => [p.applicationNumber, p.updatedAt]);
        const n = (p: PatentRecord) => p.applicationNumber;
        // Registered together: by number within the instant.
        expect(await changed('')).toStrictEqual(PATENTS.map((p) => [n(p), ADDED]).sort(([x], [y]) => (x! < y! ? -1 : 1)));
        const event = (type: 'ANNUAL_FEE_PAID' | 'TRANSFERRED' | 'LICENSED' | 'FROZEN', day: string) => ({ ...staff, at: at(day), type, details: {} });
        // A step of its lifecycle, a transfer, a licence, a feed row that changes it; a feed row
        // that changes nothing moves nothing.
        expect(await s.patents.update(PA, { ...PA, feesPaidThrough: '2024-03-01' }, event('ANNUAL_FEE_PAID', '2026-03-01'))).toBe(true);
        const transfer: TransferRecord = {
          id: 'tr1',
          right: { kind: 'PATENT', number: n(PB) },
          fromEnterpriseId: 'e01',
          toEnterpriseId: 'e04',
          contractDate: '2026-02-20',
          contractDigest: 'cd'.repeat(32),
          effectiveDate: '2026-03-02',
          state: 'EFFECTIVE',
          registeredAt: at('2026-03-02'),
          registeredBy: staff.actor,
          receipt,
        };
        expect(await s.rights.transfer(transfer, await claimed(s, transfer, 1), event('TRANSFERRED', '2026-03-02'))).toBe(true);
        const licence: LicenceRecord = {
          id: 'l1',
          right: { kind: 'PATENT', number: n(PD) },
          licensorId: 'e02',
          licenseeId: 'e01',
          kind: 'ORDINARY',
          territory: ['CN'],
          startDate: '2026-04-01',
          endDate: '2027-03-31',
          royaltyFen: null,
          royaltyTerms: null,
          contractDate: '2026-02-20',
          effectiveDate: '2026-02-20',
          contractDigest: 'cd'.repeat(32),
          registeredAt: at('2026-03-03'),
          registeredBy: staff.actor,
          receipt,
        };
        expect(await s.rights.license(licence, await claimed(s, licence, 1), event('LICENSED', '2026-03-03'))).toBeUndefined();
        expect(await s.patents.importMany([{ ...PF, title: '新名称' }, PG], at('2026-03-04'), staff.actor, staff.role)).toMatchObject({
          updated: 1,
          unchanged: 1,
        });
        expect(await changed(at('2026-03-01'))).toStrictEqual([
          [n(PA), at('2026-03-01')],
          [n(PB), at('2026-03-02')],
          [n(PD), at('2026-03-03')],
          [n(PF), at('2026-03-04')],
        ]);
        // Resumed after a change key; narrowed to an enterprise or a status.
        expect(await changed(at('2026-03-01'), {}, { updatedAt: at('2026-03-02'), id: n(PB) })).toStrictEqual([
          [n(PD), at('2026-03-03')],
          [n(PF), at('2026-03-04')],
        ]);
        expect(await changed(at('2026-03-01'), { enterpriseId: 'e04' })).toStrictEqual([[n(PB), at('2026-03-02')]]);
        expect(await changed(ADDED, { status: 'GRANTED' })).toStrictEqual([
          [n(PA), at('2026-03-01')],
          [n(PB), at('2026-03-02')],
          [n(PD), at('2026-03-03')],
          [n(PF), at('2026-03-04')],
        ]);
        expect(await changed(ADDED, { status: 'EXPIRED' })).toStrictEqual([[n(PG), ADDED]]);
        // A change timed before the last (another process's clock) keeps it where it is.
        const [paid] = await s.patents.byNumbers([n(PA)]);
        expect(
          await s.patents.update(paid!, { ...paid!, freeze: { court: 'c', orderNumber: 'o', frozenOn: '2026-02-15' } }, event('FROZEN', '2026-02-15')),
        ).toBe(true);
        expect((await s.patents.byNumbers([n(PA)]))[0]).toMatchObject({ version: 3, updatedAt: at('2026-03-01') });
        for (const [filter, since] of [
          [{}, at('2026-03-02')],
          [{ enterpriseId: 'e04' }, at('2026-03-01')],
          [{ status: 'GRANTED' }, at('2026-03-03')],
        ] as const) {
          expect(await s.patents.count(filter, since)).toBe((await changed(since, filter)).length);
        }
      });

      it('dates trademarks and copyrights by their registration, and a trademark by each change after', async () => {
        const s = open();
        await seed(s, { trademarks: true, copyrights: true });
        const renewed = { ...T1, expiryDate: '2036-05-13' };
        expect(await s.trademarks.update(T1, renewed, { ...staff, at: at('2026-04-01'), type: 'RENEWED', details: {} })).toBe(true);
        const licence: LicenceRecord = {
          id: 'l1',
          right: { kind: 'TRADEMARK', number: T3.registrationNumber },
          licensorId: 'e02',
          licenseeId: 'e01',
          kind: 'ORDINARY',
          territory: ['CN'],
          startDate: '2026-04-01',
          endDate: '2026-05-13',
          royaltyFen: null,
          royaltyTerms: null,
          contractDate: '2026-02-20',
          effectiveDate: '2026-02-20',
          contractDigest: 'cd'.repeat(32),
          registeredAt: at('2026-04-02'),
          registeredBy: staff.actor,
          receipt,
        };
        expect(
          await s.rights.license(licence, await claimed(s, licence, 1), { ...staff, at: at('2026-04-02'), type: 'LICENSED', details: {} }),
        ).toBeUndefined();
        expect(await s.trademarks.byNumbers([T1.registrationNumber, T3.registrationNumber, T4.registrationNumber])).toStrictEqual([
          { ...renewed, version: 2, updatedAt: at('2026-04-01') },
          { ...T3, version: 2, updatedAt: at('2026-04-02') },
          T4,
        ]);
        expect(await s.copyrights.byNumbers([C1.registrationNumber])).toStrictEqual([C1]);
        // Registered now when not told when.
        const before = new Date().toISOString();
        await s.copyrights.insert(copyright('2025SR0009', 'e02', 'SOFTWARE'));
        await s.trademarks.insert(trademark('TM0009', 'e02', '2035-01-01', 9));
        const [c] = await s.copyrights.byNumbers(['2025SR0009']);
        const [m] = await s.trademarks.byNumbers(['TM0009']);
        for (const stamped of [c!.updatedAt, m!.updatedAt]) {
          expect(stamped >= before && stamped <= new Date().toISOString()).toBe(true);
        }
      });
    });
  });
}
