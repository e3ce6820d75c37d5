import { describe, expect, it } from 'vitest';

import { annualFeeDueDates, annualFeeStatus } from './annual-fee.js';

// An invention filed 2015-12-21.
const FILED = '2015-12-21';

describe('annualFeeDueDates', () => {
  it('lists every anniversary before the term ends', () => {
    const dates = annualFeeDueDates('INVENTION', FILED);
    expect(dates).toHaveLength(19);
    expect(dates[0]).toBe('2016-12-21');
    expect(dates[18]).toBe('2034-12-21');
    expect(annualFeeDueDates('UTILITY_MODEL', FILED)).toHaveLength(9);
    expect(annualFeeDueDates('DESIGN', '2021-05-31')).toHaveLength(9);
    expect(annualFeeDueDates('DESIGN', '2021-06-01')).toHaveLength(14);
  });

  it('keeps a Feb 29 filing date on Feb 29 in leap years', () => {
    expect(annualFeeDueDates('UTILITY_MODEL', '2020-02-29').slice(0, 4)).toEqual(['2021-02-28', '2022-02-28', '2023-02-28', '2024-02-29']);
  });
});

describe('annualFeeStatus', () => {
  // Paid through the 2022 anniversary; the fee due 2023-12-21 is the next one.
  const status = (today: string, options?: { warningDays?: number }) => annualFeeStatus(FILED, 'INVENTION', '2022-12-21', today, options);

  it('is NOT_DUE until the warning window opens, DUE_SOON inside it and on the due date', () => {
    expect(status('2023-09-21')).toEqual({ nextDueDate: '2023-12-21', state: 'NOT_DUE', surchargePercent: 0 });
    expect(status('2023-09-22')).toEqual({ nextDueDate: '2023-12-21', state: 'DUE_SOON', surchargePercent: 0 }); // 90 days
    expect(status('2023-12-21')).toEqual({ nextDueDate: '2023-12-21', state: 'DUE_SOON', surchargePercent: 0 });
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
    ['2024-06-21', 25], // last day of grace
  ])('in GRACE on %s the surcharge is %i%%', (today, surchargePercent) => {
    expect(status(today)).toEqual({
      nextDueDate: '2023-12-21',
      state: 'GRACE',
      surchargePercent,
      graceEndsOn: '2024-06-21',
    });
  });

  it('lapses from the due date once six months have passed', () => {
    expect(status('2024-06-22')).toEqual({
      nextDueDate: '2023-12-21',
      state: 'LAPSED',
      surchargePercent: 0,
      lapsedOn: '2023-12-21',
    });
    expect(status('2030-01-01').state).toBe('LAPSED');
  });

  it('counts grace months to the end of shorter months', () => {
    // Due 2023-08-31: month ends fall on 09-30, 10-31, ..., and grace ends on leap day 2024-02-29.
    const s = (today: string) => annualFeeStatus('2022-08-31', 'UTILITY_MODEL', null, today);
    expect(s('2023-09-30')).toMatchObject({ state: 'GRACE', surchargePercent: 0, graceEndsOn: '2024-02-29' });
    expect(s('2023-10-01')).toMatchObject({ state: 'GRACE', surchargePercent: 5 });
    expect(s('2023-10-31')).toMatchObject({ state: 'GRACE', surchargePercent: 5 });
    expect(s('2023-11-01')).toMatchObject({ state: 'GRACE', surchargePercent: 10 });
    expect(s('2024-02-29')).toMatchObject({ state: 'GRACE', surchargePercent: 25 });
    expect(s('2024-03-01')).toMatchObject({ state: 'LAPSED', lapsedOn: '2023-08-31' });
  });

  it('treats null as nothing paid: the first anniversary is the first due date', () => {
    expect(annualFeeStatus(FILED, 'INVENTION', null, '2016-01-10')).toMatchObject({
      nextDueDate: '2016-12-21',
      state: 'NOT_DUE',
    });
    expect(annualFeeStatus(FILED, 'INVENTION', null, '2018-01-10')).toMatchObject({
      nextDueDate: '2016-12-21',
      state: 'LAPSED',
    });
  });

  it('counts every due date on or before paidThrough as paid', () => {
    expect(annualFeeStatus(FILED, 'INVENTION', '2023-01-05', '2023-06-01').nextDueDate).toBe('2023-12-21');
    expect(annualFeeStatus(FILED, 'INVENTION', '2023-12-20', '2023-12-21').nextDueDate).toBe('2023-12-21');
  });

  it('has nothing due once the last fee is paid, and EXPIRED from the end of the term', () => {
    expect(annualFeeStatus(FILED, 'INVENTION', '2034-12-21', '2035-12-20')).toEqual({
      nextDueDate: null,
      state: 'NOT_DUE',
      surchargePercent: 0,
    });
    expect(annualFeeStatus(FILED, 'INVENTION', '2034-12-21', '2035-12-21')).toEqual({
      nextDueDate: null,
      state: 'EXPIRED',
      surchargePercent: 0,
    });
  });

  it('stays LAPSED after the term would have ended', () => {
    expect(annualFeeStatus(FILED, 'INVENTION', '2033-12-21', '2040-01-01')).toMatchObject({
      state: 'LAPSED',
      lapsedOn: '2034-12-21',
    });
  });

  it('follows the design term that applies on the filing date', () => {
    // Filed the day before the 15-year term: the tenth anniversary ends the term.
    expect(annualFeeStatus('2021-05-31', 'DESIGN', '2030-05-31', '2031-05-31').state).toBe('EXPIRED');
    // Filed on the day: the fee for year 11 falls due on the tenth anniversary.
    expect(annualFeeStatus('2021-06-01', 'DESIGN', '2030-06-01', '2031-06-01')).toMatchObject({
      nextDueDate: '2031-06-01',
      state: 'DUE_SOON',
    });
  });

  it('rejects malformed dates', () => {
    expect(() => annualFeeStatus(FILED, 'INVENTION', null, '2024-13-01')).toThrow(RangeError);
    expect(() => annualFeeStatus(FILED, 'INVENTION', '2023/12/21', '2024-01-01')).toThrow(RangeError);
    expect(() => annualFeeStatus('2015-02-30', 'INVENTION', null, '2024-01-01')).toThrow(RangeError);
  });
});
