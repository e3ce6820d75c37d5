// The registry import on a real SQLite store: every reason a row is rejected, the report, the
// second run that changes nothing, and the changed row that moves its due dates.
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { tempDir } from '../../../test/support/tmp.js';
import { patentDeadlines } from '../domain/deadlines.js';
import type { EnterpriseRecord, PatentRecord } from '../domain/model.js';
import { patentAsset } from '../domain/model.js';
import type { EnterprisesStore } from '../store/port.js';
import { openSqliteEnterprisesStore } from '../store/sqlite.js';
import { ImportInterrupted, type ImportOptions, importPatents, type ImportProgress, type RejectedRow } from './import-patents.js';
import { FeedError, readPatentFeed } from './read.js';

const TODAY = '2026-06-01';
const BY: ImportOptions = { actor: 'cli:import', role: 'CENTER_STAFF', today: TODAY };

const enterprise = (id: string, uscc: string, regionCode: string): EnterpriseRecord => ({
  id,
  uscc,
  name: `企业 ${id}`,
  regionCode,
  industry: '电气机械和器材制造业',
  filingStatus: 'FILED',
  registeredAt: '2025-01-01T00:00:00.000Z',
  creditCodeOverride: null,
});
const BYD = enterprise('e-byd', '914403001922038216', '440300');
const TENCENT = enterprise('e-tencent', '9144030071526726XG', '440300');

const HEADER = 'applicationNumber,uscc,enterpriseId,title,filingDate,status,grantDate,feesPaidThrough,grantPublicationNumber';
/** A CSV row: the columns of HEADER. */
const csvRow = (r: {
  n: string;
  uscc?: string;
  id?: string;
  title?: string;
  filed: string;
  status?: string;
  granted?: string;
  paid?: string;
  announced?: string;
}): string =>
  [r.n, r.uscc ?? '', r.id ?? '', r.title ?? '一种电池管理方法', r.filed, r.status ?? '', r.granted ?? '', r.paid ?? '', r.announced ?? ''].join(',');
const csv = (...rows: string[]): string => [HEADER, ...rows].join('\n');

const run = (store: EnterprisesStore, text: string, options: Partial<ImportOptions> = {}) =>
  importPatents(store, readPatentFeed(text, 'csv'), { ...BY, ...options });

describe('importPatents', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: EnterprisesStore;
  const read = async (n: string): Promise<PatentRecord | undefined> => (await store.patents.byNumbers([n]))[0];
  const history = async (n: string) => store.history.page(patentAsset(n), undefined, 100);

  beforeEach(async () => {
    dir = tempDir('iphub-import-');
    store = openSqliteEnterprisesStore(new Database(join(dir.path, 'enterprises.db')));
    await store.enterprises.insertMany([BYD, TENCENT]);
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('imports the valid rows and reports every other one with the code and field registerPatent would give', async () => {
    // Tencent's patent, registered already: a feed naming BYD as its owner conflicts.
    await run(store, csv(csvRow({ n: '202310000009.1', id: TENCENT.id, filed: '2023-02-01' })));
    const feed = csv(
      /* 2 */ csvRow({
        n: 'CN 202310000001.5',
        uscc: BYD.uscc.toLowerCase(),
        filed: '2023-01-05',
        status: 'GRANTED',
        granted: '2024-05-01',
        paid: '2025-01-05',
        announced: 'cn 115000001 b',
      }),
      /* 3 */ csvRow({ n: '202310000001.4', uscc: BYD.uscc, filed: '2023-01-05' }),
      /* 4 */ csvRow({ n: '202310000002.X', uscc: BYD.uscc, filed: '2023-02-30' }),
      /* 5 */ csvRow({ n: '202310000003.4', uscc: BYD.uscc, filed: '2022-12-30' }),
      /* 6 */ csvRow({ n: '202310000004.9', uscc: '91350100MA2Y8TQ70U', filed: '2023-01-05' }),
      /* 7 */ csvRow({ n: '202310000005.3', id: 'no-such-enterprise', filed: '2023-01-05' }),
      /* 8 */ csvRow({ n: '202310000006.8', uscc: BYD.uscc, id: BYD.id, filed: '2023-01-05' }),
      /* 9 */ csvRow({ n: '202310000007.2', filed: '2023-01-05' }),
      /* 10 */ csvRow({ n: '202310000001.5', uscc: BYD.uscc, filed: '2023-01-05' }),
      /* 11 */ csvRow({ n: '202310000009.1', uscc: BYD.uscc, filed: '2023-02-01' }),
      /* 12 */ csvRow({ n: '202310000010.4', uscc: BYD.uscc, filed: '2023-01-05', status: 'PENDING', granted: '2024-01-05' }),
      /* 13 */ csvRow({ n: '202310000011.9', uscc: BYD.uscc, filed: '2023-01-05', status: 'GRANTED', granted: '2024-01-05', announced: 'CN115000002U' }),
      /* 14 */ csvRow({ n: '202310000012.3', uscc: BYD.uscc, filed: '2027-01-05' }),
      /* 15 */ '202310000013.8,this row,has,too few fields',
      /* 16 */ csvRow({ n: '202310000014.2', uscc: BYD.uscc, filed: '2023-01-05', status: 'SOLD' }),
      /* 17-18 */ csvRow({ n: '202320000015.2', id: TENCENT.id, title: '"一种阀门,\n及其控制方法"', filed: '2023-03-01' }),
      /* 19 */ csvRow({ n: '', uscc: BYD.uscc, filed: '2023-01-05' }),
      /* 20 */ csvRow({ n: '202310000016.1', uscc: BYD.uscc, title: ' ', filed: '2023-01-05' }),
    );
    const report = await run(store, feed);
    const why = (r: RejectedRow) => [r.line, r.applicationNumber, r.code, r.field];
    expect(report.rejected.map(why)).toStrictEqual([
      [3, '202310000001.4', 'INVALID_PATENT_NUMBER', 'applicationNumber'],
      [4, '202310000002.X', 'INVALID_DATE', 'filingDate'],
      [5, '202310000003.4', 'BAD_USER_INPUT', 'filingDate'],
      [6, '202310000004.9', 'NOT_FOUND', 'uscc'],
      [7, '202310000005.3', 'NOT_FOUND', 'enterpriseId'],
      [8, '202310000006.8', 'BAD_USER_INPUT', 'enterpriseId'],
      [9, '202310000007.2', 'BAD_USER_INPUT', 'uscc'],
      [10, '202310000001.5', 'BAD_USER_INPUT', 'applicationNumber'],
      [11, '202310000009.1', 'CONFLICT', 'uscc'],
      [12, '202310000010.4', 'BAD_USER_INPUT', 'grantDate'],
      [13, '202310000011.9', 'BAD_USER_INPUT', 'grantPublicationNumber'],
      [14, '202310000012.3', 'BAD_USER_INPUT', 'filingDate'],
      [15, null, 'BAD_USER_INPUT', null],
      [16, '202310000014.2', 'BAD_USER_INPUT', 'status'],
      [19, null, 'INVALID_PATENT_NUMBER', 'applicationNumber'],
      [20, '202310000016.1', 'BAD_USER_INPUT', 'title'],
    ]);
    const messages = Object.fromEntries(report.rejected.map((r) => [r.line, r.message]));
    expect(messages[3]).toMatch(/check digit .* is 4, but 202310000001 gives 5/);
    expect(messages[5]).toBe('application 202310000003.4 was numbered in 2023, filingDate is in 2022: check filingDate');
    expect(messages[6]).toBe('no enterprise with credit code 91350100MA2Y8TQ70U is registered with the centre');
    expect(messages[7]).toBe('enterprise no-such-enterprise does not exist');
    expect(messages[10]).toBe('application 202310000001.5 is on line 2 already');
    expect(messages[11]).toMatch(/registered to another enterprise; ownership moves only by a registered transfer/);
    expect(messages[12]).toBe('a PENDING application has no grantDate');
    expect(messages[13]).toBe('an INVENTION granted on 2024-01-05 is announced with kind code B, not U');
    expect(messages[15]).toBe('4 fields; the header line names 9');
    expect(report).toMatchObject({ rows: 18, inserted: 2, updated: 0, unchanged: 0 });

    // The accepted rows, in canonical form, owned by whom the row named.
    expect(await read('202310000001.5')).toMatchObject({
      enterpriseId: BYD.id,
      type: 'INVENTION',
      status: 'GRANTED',
      grantDate: '2024-05-01',
      feesPaidThrough: '2025-01-05',
      grantPublicationNumber: 'CN115000001B',
      version: 1,
    });
    expect(await read('202320000015.2')).toMatchObject({
      enterpriseId: TENCENT.id,
      type: 'UTILITY_MODEL',
      title: '一种阀门,\n及其控制方法',
      status: 'PENDING',
    });
    // The conflicting row left Tencent's patent as it was.
    expect(await read('202310000009.1')).toMatchObject({ enterpriseId: TENCENT.id, version: 1 });
  });

  it('changes nothing when the same feed is imported again: no write, no history', async () => {
    const feed = csv(
      csvRow({
        n: '202310000001.5',
        uscc: BYD.uscc,
        filed: '2023-01-05',
        status: 'GRANTED',
        granted: '2024-05-01',
        paid: '2025-01-05',
        announced: 'CN115000001B',
      }),
      csvRow({ n: '202310000002.X', id: TENCENT.id, filed: '2023-02-01' }),
      csvRow({ n: '202310000003.4', uscc: BYD.uscc, filed: '2022-02-01' }),
      csvRow({ n: '202330000004.X', uscc: BYD.uscc, filed: '2023-03-01', status: 'LAPSED' }),
    );
    expect(await run(store, feed)).toMatchObject({ rows: 4, inserted: 3, updated: 0, unchanged: 0 });
    const before = await store.patents.byNumbers(['202310000001.5', '202310000002.X', '202330000004.X']);
    const again = await run(store, feed);
    expect(again).toMatchObject({ rows: 4, inserted: 0, updated: 0, unchanged: 3 });
    expect(again.rejected.map((r) => r.line)).toStrictEqual([4]);
    expect(await store.patents.byNumbers(['202310000001.5', '202310000002.X', '202330000004.X'])).toStrictEqual(before);
    for (const n of ['202310000001.5', '202310000002.X', '202330000004.X']) expect(await history(n)).toStrictEqual([]);
    // Counted once: the statistics saw three patents, not six.
    expect(await store.patents.countBy('regionCode')).toStrictEqual([{ key: '440300', patents: 3 }]);
  });

  it('updates a changed row with an IMPORTED event naming what changed, and moves its due dates', async () => {
    const row = (paid: string) =>
      csv(
        csvRow({ n: '202010000001.1', uscc: BYD.uscc, filed: '2020-03-10', status: 'GRANTED', granted: '2022-01-10', paid, announced: 'CN115000001B' }),
        csvRow({ n: '202010000002.6', uscc: BYD.uscc, filed: '2020-03-11', status: 'GRANTED', granted: '2022-01-11', paid: '2025-03-11' }),
      );
    await run(store, row('2025-03-10'));
    const of = (feesPaidThrough: string) =>
      patentDeadlines({
        type: 'INVENTION',
        filingDate: '2020-03-10',
        status: 'GRANTED',
        grantDate: '2022-01-10',
        feesPaidThrough,
        priorityDate: null,
        examinationRequestedOn: null,
        invalidation: null,
      });
    const [was, now] = [of('2025-03-10'), of('2026-03-10')];
    expect([was.feeDue, now.feeDue]).toStrictEqual(['2026-03-10', '2027-03-10']);
    const dueIn = async (from: string, to: string) =>
      (await store.patents.feesDue({ enterpriseId: BYD.id }, { from, to }, undefined, 10)).map((p) => p.applicationNumber);
    expect(await dueIn('2026-03-01', '2026-03-31')).toStrictEqual(['202010000001.1', '202010000002.6']);

    // The fee paid a year on: updated, the rest unchanged.
    expect(await run(store, row('2026-03-10'))).toMatchObject({ rows: 2, inserted: 0, updated: 1, unchanged: 1, rejected: [] });
    expect(await read('202010000001.1')).toMatchObject({ feesPaidThrough: '2026-03-10', version: 2 });
    const events = await history('202010000001.1');
    expect(events).toStrictEqual([
      {
        asset: 'PATENT:202010000001.1',
        seq: 1,
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        actor: 'cli:import',
        role: 'CENTER_STAFF',
        type: 'IMPORTED',
        details: { feesPaidThrough: ['2025-03-10', '2026-03-10'] },
      },
    ]);
    expect(await history('202010000002.6')).toStrictEqual([]);
    // Its warning moved from March 2026 to March 2027, in the list and in the counts per day.
    expect(await dueIn('2026-03-01', '2026-03-31')).toStrictEqual(['202010000002.6']);
    expect(await dueIn('2027-03-01', '2027-03-31')).toStrictEqual(['202010000001.1']);
    expect(await store.patents.countFeesDue({}, { from: '2026-03-01', to: '2026-03-31' })).toBe(1);
    expect(await store.patents.countFeesDue({}, { from: '2027-03-01', to: '2027-03-31' })).toBe(1);

    // A row changing several fields names each of them.
    const lapsed = csv(
      csvRow({
        n: '202010000001.1',
        uscc: BYD.uscc,
        title: '一种电池管理方法（修正）',
        filed: '2020-03-10',
        status: 'EXPIRED',
        granted: '2022-01-10',
        paid: '2026-03-10',
        announced: 'CN115000001B',
      }),
    );
    expect(await run(store, lapsed)).toMatchObject({ updated: 1 });
    expect((await history('202010000001.1'))[1]?.details).toStrictEqual({
      title: ['一种电池管理方法', '一种电池管理方法（修正）'],
      status: ['GRANTED', 'EXPIRED'],
    });
    expect(await dueIn('2027-03-01', '2027-03-31')).toStrictEqual([]);
  });

  it('writes a batch at a time, handing on the rejected rows in line order with each', async () => {
    const lines = [
      csvRow({ n: '202310000001.5', uscc: BYD.uscc, filed: '2023-01-05' }),
      csvRow({ n: '202310000002.X', uscc: '91350100MA2Y8TQ70U', filed: '2023-01-05' }),
      csvRow({ n: '202310000003.4', uscc: BYD.uscc, filed: '2023-13-01' }),
      csvRow({ n: '202310000004.9', uscc: BYD.uscc, filed: '2023-01-05' }),
      csvRow({ n: '202310000005.3', id: 'nobody', filed: '2023-01-05' }),
      csvRow({ n: '202310000006.8', uscc: BYD.uscc, filed: '2023-01-05' }),
    ];
    const handed: number[][] = [];
    const progress: ImportProgress[] = [];
    const report = await run(store, csv(...lines), {
      batchSize: 2,
      onRejected: (rows) => void handed.push(rows.map((r) => r.line)),
      onBatch: (p) => void progress.push(p),
    });
    expect(report).toStrictEqual({ rows: 6, inserted: 3, updated: 0, unchanged: 0, rejected: [] });
    // Batches of two rows to write: lines 2 and 3 (its owner unknown), then 5 and 6 (likewise),
    // line 4 rejected as read, in between; then 7. Each batch's rejections go with it, by line.
    expect(handed).toStrictEqual([[3], [4, 6]]);
    expect(progress).toStrictEqual([
      { rows: 2, inserted: 1, updated: 0, unchanged: 0, rejected: 1 },
      { rows: 5, inserted: 2, updated: 0, unchanged: 0, rejected: 3 },
      { rows: 6, inserted: 3, updated: 0, unchanged: 0, rejected: 3 },
    ]);
  });

  it('refuses a feed with a bad header with nothing imported', async () => {
    const feed = `applicationNumber,owner,title,filingDate\n${['202310000001.5', BYD.uscc, 't', '2023-01-05'].join(',')}\n`;
    await expect(run(store, feed)).rejects.toThrow(FeedError);
    expect(await store.patents.countBy('regionCode')).toStrictEqual([]);
  });

  it('keeps the batches before a break in the CSV and says how far it got', async () => {
    const good = (i: number) => csvRow({ n: `20231000000${i}.${['', '5', 'X', '4', '9'][i]}`, uscc: BYD.uscc, filed: '2023-01-05' });
    const feed = csv(good(1), good(2), good(3), '"202310000004.9"x,,,,,,,,', good(4));
    const err = await run(store, feed, { batchSize: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportInterrupted);
    const { report, feedError } = err as ImportInterrupted;
    expect(feedError.line).toBe(5);
    expect(report).toStrictEqual({ rows: 3, inserted: 3, updated: 0, unchanged: 0, rejected: [] });
    expect((await store.patents.byNumbers(['202310000003.4', '202310000004.9'])).map((p) => p?.applicationNumber)).toStrictEqual(['202310000003.4', undefined]);
  });

  it('stops before its next batch when aborted', async () => {
    const stop = new AbortController();
    const feed = csv(...[1, 2, 3, 4].map((i) => csvRow({ n: `20231000000${i}.${['', '5', 'X', '4', '9'][i]}`, uscc: BYD.uscc, filed: '2023-01-05' })));
    const stopped = run(store, feed, { batchSize: 2, signal: stop.signal, onBatch: () => stop.abort(new Error('interrupted')) });
    await expect(stopped).rejects.toThrow('interrupted');
    expect(await store.patents.countBy('regionCode')).toStrictEqual([{ key: '440300', patents: 2 }]);
  });
});
