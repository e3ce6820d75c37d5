import { describe, expect, it } from 'vitest';

import type { PatentRecord } from '../store/port.js';
import { applyPatentOperation, feeDueDateOfYear, feeYearOf, grantPublicationNumber } from './lifecycle.js';

const granted: PatentRecord = {
  applicationNumber: '201910000001.1',
  enterpriseId: 'e1',
  type: 'INVENTION',
  pct: false,
  title: 't',
  ipcClass: null,
  status: 'GRANTED',
  filingDate: '2019-03-01',
  grantDate: '2021-05-10',
  feesPaidThrough: '2023-03-01',
  grantPublicationNumber: 'CN112345678B',
  lapsedOn: null,
  freeze: null,
  invalidation: null,
  version: 3,
};

describe('grant announcement numbers', () => {
  it.each([
    ['INVENTION', 'CN112345678B', 'CN112345678B'],
    ['INVENTION', 'cn 1123456 c', 'CN1123456C'],
    ['UTILITY_MODEL', 'CN212345678U', 'CN212345678U'],
    ['DESIGN', 'CN 306 123 456 S', 'CN306123456S'],
  ] as const)('accepts a %s announced as %s', (type, input, canonical) => {
    expect(grantPublicationNumber(type, input)).toStrictEqual({ ok: true, value: canonical });
  });

  it.each([
    ['INVENTION', 'CN212345678U', /kind code B, not U/],
    ['DESIGN', 'CN306123456B', /kind code S, not B/],
    ['INVENTION', '112345678B', /must be CN/],
    ['INVENTION', 'CN12345B', /must be CN/],
    ['INVENTION', 'CN1123456789B', /must be CN/],
  ] as const)('refuses a %s announced as %s', (type, input, message) => {
    const r = grantPublicationNumber(type, input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });
});

describe('patent years', () => {
  it("puts year n's fee on the (n-1)th anniversary, Feb 29 on Feb 28", () => {
    expect(feeDueDateOfYear('2019-03-01', 2)).toBe('2020-03-01');
    expect(feeDueDateOfYear('2020-02-29', 2)).toBe('2021-02-28');
    expect(feeYearOf('2020-02-29', '2021-02-28')).toBe(2);
    expect(feeYearOf('2019-03-01', '2029-03-01')).toBe(11);
  });
});

describe('applyPatentOperation', () => {
  it('pays the next year only, with the surcharge of the month late', () => {
    // Year 6 falls due 2024-03-01; paid 2024-05-15 is in the third month late: 10%.
    const step = applyPatentOperation(granted, { op: 'PAY_ANNUAL_FEE', year: 6, paidOn: '2024-05-15' }, '2024-06-01');
    expect(step).toMatchObject({ ok: true, patent: { feesPaidThrough: '2024-03-01' }, details: { year: 6, dueDate: '2024-03-01', surchargePercent: 10 } });
    expect(applyPatentOperation(granted, { op: 'PAY_ANNUAL_FEE', year: 5, paidOn: '2024-01-01' }, '2024-06-01')).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(applyPatentOperation(granted, { op: 'PAY_ANNUAL_FEE', year: 7, paidOn: '2024-01-01' }, '2024-06-01')).toMatchObject({ ok: false, field: 'year' });
  });

  it('takes a fee on the last day of grace, and not the day after', () => {
    expect(applyPatentOperation(granted, { op: 'PAY_ANNUAL_FEE', year: 6, paidOn: '2024-09-01' }, '2024-09-02')).toMatchObject({ ok: true });
    expect(applyPatentOperation(granted, { op: 'PAY_ANNUAL_FEE', year: 6, paidOn: '2024-09-02' }, '2024-09-02')).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    });
  });

  it('lapses from the missed due date once the grace is over, and restores within two years of its end', () => {
    expect(applyPatentOperation(granted, { op: 'LAPSE' }, '2024-09-01')).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    const lapse = applyPatentOperation(granted, { op: 'LAPSE' }, '2024-09-02');
    expect(lapse).toMatchObject({ ok: true, patent: { status: 'LAPSED', lapsedOn: '2024-03-01' } });
    const lapsed = lapse.ok ? lapse.patent : granted;
    // Grace ended 2024-09-01; restoration until 2026-09-01, paying every fee fallen due by then.
    expect(applyPatentOperation(lapsed, { op: 'RESTORE', restoredOn: '2026-09-01' }, '2026-09-05')).toMatchObject({
      ok: true,
      patent: { status: 'GRANTED', lapsedOn: null, feesPaidThrough: '2026-03-01' },
    });
    expect(applyPatentOperation(lapsed, { op: 'RESTORE', restoredOn: '2026-09-02' }, '2026-09-05')).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });

  it('keeps a partly invalidated patent granted, and ends a wholly invalidated one', () => {
    const requested = applyPatentOperation(granted, { op: 'REQUEST_INVALIDATION', requestedOn: '2024-01-02', requester: 'x' }, '2024-01-02');
    expect(requested.ok).toBe(true);
    const pending = requested.ok ? requested.patent : granted;
    expect(applyPatentOperation(pending, { op: 'DECIDE_INVALIDATION', decision: 'PARTLY_INVALIDATED', decidedOn: '2024-02-01' }, '2024-02-01')).toMatchObject({
      patent: { status: 'GRANTED' },
    });
    expect(applyPatentOperation(pending, { op: 'DECIDE_INVALIDATION', decision: 'INVALIDATED', decidedOn: '2024-02-01' }, '2024-02-01')).toMatchObject({
      patent: { status: 'INVALIDATED' },
    });
    expect(applyPatentOperation(pending, { op: 'DECIDE_INVALIDATION', decision: 'MAINTAINED', decidedOn: '2024-01-01' }, '2024-02-01')).toMatchObject({
      ok: false,
      field: 'decidedOn',
    });
  });
});
