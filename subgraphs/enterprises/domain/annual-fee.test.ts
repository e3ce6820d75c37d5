import { describe, expect, it } from 'vitest';

import { annualFeeDueDates, annualFeeStatus, type FeeSubject, feeTimeLimits, paidThroughOf } from './annual-fee.js';
import type { PatentRecord } from './model.js';

// An invention filed 2015-12-21, granted 2018-06-01 (in its third year), fees paid through the 2022 anniversary.
const FILED = '2015-12-21';
const granted = (over: Partial<FeeSubject> = {}): FeeSubject => ({
  type: 'INVENTION',
  filingDate: FILED,
  status: 'GRANTED',
  grantDate: '2018-06-01',
  feesPaidThrough: '2022-12-21',
  ...over,
});

describe('annualFeeDueDates', () => {
  it('lists every anniversary before the term ends', () => {
    const dates = annualFeeDueDates({ type: 'INVENTION', filingDate: FILED });
    expect(dates).toHaveLength(19);
    expect(dates[0]).toBe('2016-12-21');
    expect(dates[18]).toBe('2034-12-21');
    expect(annualFeeDueDates({ type: 'UTILITY_MODEL', filingDate: FILED })).toHaveLength(9);
    expect(annualFeeDueDates({ type: 'DESIGN', filingDate: '2021-05-31' })).toHaveLength(9);
    expect(annualFeeDueDates({ type: 'DESIGN', filingDate: '2021-06-01' })).toHaveLength(14);
  });

  it('keeps a Feb 29 filing date on Feb 29 in leap years', () => {
    expect(annualFeeDueDates({ type: 'UTILITY_MODEL', filingDate: '2020-02-29' }).slice(0, 4)).toEqual([
      '2021-02-28',
      '2022-02-28',
      '2023-02-28',
      '2024-02-29',
    ]);
  });

  it('runs on through a compensated term (Patent Law art. 42(2)): the anniversaries before its new end', () => {
    const compensated = {
      type: 'INVENTION' as const,
      filingDate: FILED,
      termCompensation: [{ ground: 'GRANT_DELAY' as const, days: 400, decidedOn: '2020-01-01', marketingApprovedOn: null }],
    };
    expect(annualFeeDueDates(compensated).at(-1)).toBe('2036-12-21'); // the term ends 2037-01-24
  });
});

describe('annual fees begin with grant (Implementing Regulations rules 97, 98; Examination Guidelines V-2 2.2.1.1)', () => {
  it("follows the Guidelines' example: filed 1997-06-03, granted 2001-08-01, year 5 paid at registration, year 6 due 2002-06-03", () => {
    const p = granted({ filingDate: '1997-06-03', grantDate: '2001-08-01', feesPaidThrough: null });
    expect(paidThroughOf(p)).toBe('2001-06-03'); // the due date of year 5
    expect(annualFeeStatus(p, '2001-09-01')).toMatchObject({ nextDueDate: '2002-06-03', state: 'NOT_DUE' });
  });

  it.each(['PENDING', 'REJECTED', 'WITHDRAWN'] as const)('gives a %s application no annual fee at all', (status) => {
    const p = granted({ status, grantDate: null, feesPaidThrough: null });
    expect(annualFeeStatus(p, '2024-01-10')).toBeNull();
    expect(paidThroughOf(p)).toBeNull();
  });

  it('counts the year of grant as paid for a GRANTED record without feesPaidThrough, and nothing after it', () => {
    const p = granted({ feesPaidThrough: null });
    expect(paidThroughOf(p)).toBe('2017-12-21');
    expect(annualFeeStatus(p, '2018-07-01')).toMatchObject({ nextDueDate: '2018-12-21', state: 'NOT_DUE' });
  });

  it('owes year 2 first for a patent granted in its first year', () => {
    const p = granted({ type: 'UTILITY_MODEL', filingDate: '2024-03-01', grantDate: '2024-09-10', feesPaidThrough: null });
    expect(paidThroughOf(p)).toBeNull();
    expect(annualFeeStatus(p, '2024-12-10')).toMatchObject({ nextDueDate: '2025-03-01', state: 'DUE_SOON' });
  });

  it('takes the later of the recorded payment and the year of grant', () => {
    expect(paidThroughOf(granted({ feesPaidThrough: '2016-12-21' }))).toBe('2017-12-21');
    expect(paidThroughOf(granted())).toBe('2022-12-21');
  });
});

describe('annualFeeStatus', () => {
  // The fee due 2023-12-21 is the next one.
  const status = (today: string, options?: { warningDays?: number }) => annualFeeStatus(granted(), today, options)!;

  it('is NOT_DUE until the warning window opens, DUE_SOON inside it and on the due date', () => {
    expect(status('2023-09-21')).toEqual({ nextDueDate: '2023-12-21', payableUntil: '2023-12-21', state: 'NOT_DUE', surchargePercent: 0 });
    expect(status('2023-09-22')).toEqual({ nextDueDate: '2023-12-21', payableUntil: '2023-12-21', state: 'DUE_SOON', surchargePercent: 0 }); // 90 days
    expect(status('2023-12-21').state).toBe('DUE_SOON');
  });

  it('takes the warning window as an option', () => {
    expect(status('2023-11-20', { warningDays: 30 }).state).toBe('NOT_DUE'); // 31 days
    expect(status('2023-11-21', { warningDays: 30 }).state).toBe('DUE_SOON');
    expect(status('2023-12-20', { warningDays: 0 }).state).toBe('NOT_DUE');
    expect(status('2023-12-21', { warningDays: 0 }).state).toBe('DUE_SOON');
    expect(() => status('2023-12-21', { warningDays: -1 })).toThrow(RangeError);
    expect(() => status('2023-12-21', { warningDays: 1.5 })).toThrow(RangeError);
  });

  it.each([
    ['2023-12-22', 0], // first month late: no surcharge
    ['2024-01-21', 0],
    ['2024-01-22', 5],
    ['2024-02-21', 5],
    ['2024-02-22', 10],
    ['2024-03-21', 10],
    ['2024-03-22', 15],
    ['2024-04-22', 20],
    ['2024-05-21', 20],
    ['2024-05-22', 25],
    ['2024-06-21', 25], // last day of grace (a Friday)
  ])('in GRACE on %s the surcharge is %i percent (rule 98: 5 percent for each month late after the first)', (today, surchargePercent) => {
    expect(status(today)).toEqual({ nextDueDate: '2023-12-21', payableUntil: '2023-12-21', state: 'GRACE', surchargePercent, graceEndsOn: '2024-06-21' });
  });

  it('lapses from the due date once six months have passed', () => {
    expect(status('2024-06-22')).toEqual({
      nextDueDate: '2023-12-21',
      payableUntil: '2023-12-21',
      state: 'LAPSED',
      surchargePercent: 0,
      lapsedOn: '2023-12-21',
    });
    expect(status('2030-01-01').state).toBe('LAPSED');
  });

  it('counts grace months to the end of shorter months', () => {
    // Due 2023-08-31: month ends fall on 09-30, 10-31, ..., and grace ends on leap day 2024-02-29.
    const s = (today: string) =>
      annualFeeStatus(granted({ type: 'UTILITY_MODEL', filingDate: '2022-08-31', grantDate: '2023-01-10', feesPaidThrough: null }), today);
    expect(s('2023-09-30')).toMatchObject({ state: 'GRACE', surchargePercent: 0, graceEndsOn: '2024-02-29' });
    expect(s('2023-10-01')).toMatchObject({ state: 'GRACE', surchargePercent: 5 });
    expect(s('2023-11-01')).toMatchObject({ state: 'GRACE', surchargePercent: 10 });
    expect(s('2024-02-29')).toMatchObject({ state: 'GRACE', surchargePercent: 25 });
    expect(s('2024-03-01')).toMatchObject({ state: 'LAPSED', lapsedOn: '2023-08-31' });
  });

  it('has nothing due once the last fee is paid, and EXPIRED from the end of the term', () => {
    expect(annualFeeStatus(granted({ feesPaidThrough: '2034-12-21' }), '2035-12-20')).toEqual({ nextDueDate: null, state: 'NOT_DUE', surchargePercent: 0 });
    expect(annualFeeStatus(granted({ feesPaidThrough: '2034-12-21' }), '2035-12-21')).toEqual({ nextDueDate: null, state: 'EXPIRED', surchargePercent: 0 });
  });

  it('follows the design term that applies on the filing date', () => {
    const design = (filingDate: string, paid: string) =>
      granted({ type: 'DESIGN', filingDate, grantDate: filingDate.replace(/^2021/, '2022'), feesPaidThrough: paid });
    // Filed the day before the 15-year term: the tenth anniversary ends the term.
    expect(annualFeeStatus(design('2021-05-31', '2030-05-31'), '2031-05-31')!.state).toBe('EXPIRED');
    // Filed on the day: the fee for year 11 falls due on the tenth anniversary.
    expect(annualFeeStatus(design('2021-06-01', '2030-06-01'), '2031-06-01')).toMatchObject({ nextDueDate: '2031-06-01', state: 'DUE_SOON' });
  });

  it('rejects malformed dates', () => {
    expect(() => annualFeeStatus(granted(), '2024-13-01')).toThrow(RangeError);
    expect(() => annualFeeStatus(granted({ filingDate: '2015-02-30' }), '2024-01-01')).toThrow(RangeError);
  });
});

describe('a fee due on a statutory holiday (Civil Code art. 203; Guidelines V-7 2.3)', () => {
  // Filed 2018-10-03, granted 2021-01-05: the fee of year 8 falls due 2025-10-03, inside the
  // National Day holiday of 2025 (1 to 8 October).
  const p: Pick<PatentRecord, 'type' | 'filingDate' | 'status' | 'grantDate' | 'feesPaidThrough'> = {
    type: 'INVENTION',
    filingDate: '2018-10-03',
    status: 'GRANTED',
    grantDate: '2021-01-05',
    feesPaidThrough: '2024-10-03',
  };

  it('is payable without surcharge until 2025-10-09, the first working day after it', () => {
    expect(feeTimeLimits('2025-10-03').payableUntil).toBe('2025-10-09');
    expect(annualFeeStatus(p, '2025-10-09')).toMatchObject({ nextDueDate: '2025-10-03', payableUntil: '2025-10-09', state: 'DUE_SOON', surchargePercent: 0 });
    expect(annualFeeStatus(p, '2025-10-10')).toMatchObject({ state: 'GRACE', surchargePercent: 0 });
  });

  it('ends its grace on a working day too: 2026-04-03 is a Friday before the Qingming holiday (4 to 6 April 2026)', () => {
    expect(feeTimeLimits('2025-10-03').graceEndsOn).toBe('2026-04-03');
    // A fee due 2025-10-04 ends its grace on 2026-04-04, a holiday: the grace lasts to Tuesday 2026-04-07.
    expect(feeTimeLimits('2025-10-04').graceEndsOn).toBe('2026-04-07');
  });
});
