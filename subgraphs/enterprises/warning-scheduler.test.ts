// The daily warnings on a real store: each patent, year and stage told once however often found.
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';

import { addDays, addYears } from '../../standards/calendar-date.js';
import { tempDir } from '../../test/support/tmp.js';
import { type PatentRecord, UNRECORDED_PATENT_FACTS } from './domain/model.js';
import { type EnterprisesStore } from './store/port.js';
import { openSqliteEnterprisesStore } from './store/sqlite.js';
import { findWarnings } from './warning-scheduler.js';

const asOf = '2026-06-15';
const at = `${asOf}T01:00:00.000Z`;
let dir: ReturnType<typeof tempDir>;
let store: EnterprisesStore;

const patent = (applicationNumber: string, filingDate: string, feesPaidThrough: string | null): PatentRecord => ({
  applicationNumber,
  enterpriseId: 'e1',
  type: 'INVENTION',
  pct: false,
  title: `专利 ${applicationNumber}`,
  ipcClass: null,
  status: 'GRANTED',
  filingDate,
  grantDate: addYears(filingDate, 2),
  feesPaidThrough,
  grantPublicationNumber: null,
  lapsedOn: null,
  ...UNRECORDED_PATENT_FACTS,
  freeze: null,
  invalidation: null,
  version: 1,
});

beforeEach(async () => {
  dir = tempDir('iphub-warnings-');
  store = openSqliteEnterprisesStore(new Database(join(dir.path, 'enterprises.db')));
  await store.enterprises.insert({
    id: 'e1',
    uscc: '91110108MA0000001X',
    name: '甲',
    regionCode: '110108',
    industry: '制造业',
    filingStatus: 'FILED',
    registeredAt: '2026-01-01T00:00:00.000Z',
    creditCodeOverride: null,
  });
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

it('tells each fee entering its window or its grace period, and each end coming, once', async () => {
  const soon = patent('202010000001.1', '2020-07-01', '2025-07-01'); // year 7 due 2026-07-01, in 16 days
  const late = patent('201910000001.2', '2019-05-01', '2025-05-01'); // year 8 due 2026-05-01, in grace
  const quiet = patent('201810000001.3', '2018-12-01', '2025-12-01'); // next due 2026-12-01
  const ending = patent('200610000001.4', '2006-09-01', '2025-09-01'); // twenty years end 2026-09-01
  await store.patents.insertMany([soon, late, quiet, ending]);
  await store.trademarks.insert({
    registrationNumber: '1234',
    enterpriseId: 'e1',
    mark: '甲',
    niceClass: 9,
    goods: ['计算机软件'],
    registrationDate: '2016-10-01',
    expiryDate: '2026-09-30',
    version: 1,
  });

  expect(await findWarnings(store, asOf, at)).toBe(4);
  const told = await store.outbox.pending(100);
  expect(told.map((n) => n.id).sort()).toStrictEqual(
    [
      'patent.annual_fee.grace:201910000001.2:2026-05-01',
      'patent.annual_fee.warning:202010000001.1:2026-07-01',
      'patent.protection.ending:200610000001.4:2026-09-01',
      'trademark.registration.ending:1234:2026-09-30',
    ].sort(),
  );
  expect(told.find((n) => n.type === 'patent.annual_fee.warning')).toMatchObject({
    subject: 'patent:202010000001.1',
    audience: [{ kind: 'ENTERPRISE', id: 'e1' }],
    data: { year: 7, dueDate: '2026-07-01', graceEndsOn: '2027-01-01' },
  });

  // Found again the next day, relayed or not: nothing new.
  await store.outbox.markRelayed(told.slice(0, 2).map((n) => n.id));
  expect(await findWarnings(store, addDays(asOf, 1), `${addDays(asOf, 1)}T01:00:00.000Z`)).toBe(4);
  expect((await store.outbox.pending(100)).map((n) => n.id).sort()).toStrictEqual(
    told
      .slice(2)
      .map((n) => n.id)
      .sort(),
  );

  // The fee paid: the next year's is a new warning when its window comes.
  await store.patents.update(soon, { ...soon, feesPaidThrough: '2026-07-01' }, { at, actor: 's', role: 'CENTER_STAFF', type: 'ANNUAL_FEE_PAID', details: {} });
  await findWarnings(store, '2027-06-15', '2027-06-15T01:00:00.000Z');
  expect((await store.outbox.pending(100)).map((n) => n.id)).toContain('patent.annual_fee.warning:202010000001.1:2027-07-01');
});

it('tells a pending invention its examination request falling due (Patent Law art. 35), and no pending application any fee', async () => {
  // Filed 2023-08-01: three years end 2026-08-01 (a Saturday: the request may be made on Monday 2026-08-03).
  const pending = { ...patent('202310000009.1', '2023-08-01', null), status: 'PENDING' as const, grantDate: null };
  const requested = { ...patent('202310000010.5', '2023-08-01', null), status: 'PENDING' as const, grantDate: null, examinationRequestedOn: '2024-01-10' };
  await store.patents.insertMany([pending, requested]);
  expect(await findWarnings(store, asOf, at)).toBe(1);
  expect(await store.outbox.pending(10)).toMatchObject([
    {
      id: 'patent.examination_request.due:202310000009.1:2026-08-01',
      type: 'patent.examination_request.due',
      data: { countedFrom: '2023-08-01', requestBy: '2026-08-03' },
    },
  ]);
});

it('pages through a window larger than a page', async () => {
  const many = Array.from({ length: 2_345 }, (_, i) => {
    const digits = `2020${'1'}${String(i + 1).padStart(7, '0')}`;
    return patent(`${digits}.0`, '2020-07-01', '2025-07-01');
  });
  await store.patents.insertMany(many);
  expect(await findWarnings(store, asOf, at)).toBe(2_345);
  expect(await store.outbox.pending(5_000)).toHaveLength(2_345);
});
