import { describe, expect, it } from 'vitest';

import { addDays, addYears } from '../../../standards/calendar-date.js';
import { annualFeeStatus } from './annual-fee.js';
import { type DeadlineSubject, earliestDueInGrace, feeWarningWindow, patentDeadlines } from './deadlines.js';
import type { PatentType } from './model.js';

const record = (over: Partial<DeadlineSubject>): DeadlineSubject => ({
  type: 'INVENTION',
  filingDate: '2015-12-21',
  status: 'GRANTED',
  grantDate: '2016-10-10',
  feesPaidThrough: null,
  priorityDate: null,
  examinationRequestedOn: null,
  invalidation: null,
  ...over,
});

describe('patentDeadlines', () => {
  it('names the first unpaid fee, its grace end and the end of the term', () => {
    expect(patentDeadlines(record({ feesPaidThrough: '2022-12-21' }))).toEqual({
      feeDue: '2023-12-21',
      feeGraceEnds: '2024-06-21',
      protectionEnds: '2035-12-21',
      examinationDue: null,
    });
    // A fee due on Aug 31 can be paid through Feb 28 (or 29), the end of the sixth month.
    expect(patentDeadlines(record({ type: 'UTILITY_MODEL', filingDate: '2019-08-31', grantDate: '2020-01-10', feesPaidThrough: '2022-08-31' }))).toMatchObject({
      feeDue: '2023-08-31',
      feeGraceEnds: '2024-02-29',
    });
  });

  it('gives a pending application no fee and no term to warn of; a pending invention its examination request, three years from filing or priority (Patent Law art. 35)', () => {
    const pending = record({ status: 'PENDING', grantDate: null });
    expect(patentDeadlines(pending)).toEqual({ feeDue: null, feeGraceEnds: null, protectionEnds: null, examinationDue: '2018-12-21' });
    expect(patentDeadlines({ ...pending, priorityDate: '2015-03-02' }).examinationDue).toBe('2018-03-02');
    expect(patentDeadlines({ ...pending, examinationRequestedOn: '2016-01-05' }).examinationDue).toBeNull();
    expect(patentDeadlines({ ...pending, type: 'UTILITY_MODEL' }).examinationDue).toBeNull();
  });

  it('has no fee left once the last anniversary is paid, and no deadline for a patent no longer in force', () => {
    expect(patentDeadlines(record({ type: 'UTILITY_MODEL', filingDate: '2016-03-01', grantDate: '2016-09-01', feesPaidThrough: '2025-03-01' }))).toEqual({
      feeDue: null,
      feeGraceEnds: null,
      protectionEnds: '2026-03-01',
      examinationDue: null,
    });
    expect(patentDeadlines(record({ status: 'LAPSED' }))).toEqual({ feeDue: null, feeGraceEnds: null, protectionEnds: null, examinationDue: null });
  });

  it('stops at the day an invalidation decision becomes final (Patent Law arts. 46(2), 47)', () => {
    // Decided 2023-06-01: received 06-16, an action possible until 09-16 (a Saturday: Monday 09-18), final 09-19.
    const invalidation = {
      requestedOn: '2023-01-10',
      requester: 'x',
      decision: 'INVALIDATED' as const,
      decidedOn: '2023-06-01',
      courtAction: null,
      judgment: null,
    };
    expect(patentDeadlines(record({ feesPaidThrough: '2022-12-21', invalidation }))).toMatchObject({ feeDue: null, protectionEnds: null });
    const early = { ...invalidation, decidedOn: '2023-06-01' };
    expect(
      patentDeadlines(record({ feesPaidThrough: '2022-12-21', invalidation: { ...early, courtAction: { filedOn: '2023-08-01', court: 'c' } } })).feeDue,
    ).toBe('2023-12-21');
  });
});

describe('earliestDueInGrace', () => {
  it('is the first due date whose grace period reaches the day, month ends included', () => {
    expect(earliestDueInGrace('2026-11-28')).toBe('2026-05-28');
    // Feb 28 2025 is the grace end of every fee due Aug 28 to 31 2024.
    expect(earliestDueInGrace('2025-02-28')).toBe('2024-08-28');
    expect(earliestDueInGrace('2025-03-01')).toBe('2024-09-01');
    expect(earliestDueInGrace('2024-02-29')).toBe('2023-08-29');
  });
});

describe('feeWarningWindow', () => {
  // The stored deadlines and the window must select exactly the patents annualFeeStatus warns of
  // (due within the window, or in the grace period), on every day, month ends and leap days included.
  const FILINGS: [PatentType, string][] = [
    ['INVENTION', '2016-01-31'],
    ['INVENTION', '2016-02-29'],
    ['UTILITY_MODEL', '2017-08-29'],
    ['UTILITY_MODEL', '2017-08-30'],
    ['UTILITY_MODEL', '2017-08-31'],
    ['DESIGN', '2021-06-01'],
    ['INVENTION', '2019-12-31'],
    ['DESIGN', '2018-03-31'],
  ];
  const PAID = [null, '2021', '2022', '2023', '2024'];

  it('selects what annualFeeStatus warns of, day by day over three years', () => {
    let warned = 0;
    let compared = 0;
    for (let asOf = '2023-01-01'; asOf <= '2025-12-31'; asOf = addDays(asOf, 1)) {
      for (const within of [0, 30, 90]) {
        const window = feeWarningWindow(asOf, within);
        const horizon = addDays(asOf, within);
        for (const [type, filed] of FILINGS) {
          for (const year of PAID) {
            const paidThrough = year === null ? null : addYears(filed, Number(year) - Number(filed.slice(0, 4)));
            const p = record({ type, filingDate: filed, grantDate: addDays(filed, 20), feesPaidThrough: paidThrough });
            const fee = annualFeeStatus(p, asOf)!;
            const expected =
              fee.state === 'GRACE' || ((fee.state === 'NOT_DUE' || fee.state === 'DUE_SOON') && fee.nextDueDate !== null && fee.nextDueDate <= horizon);
            const d = patentDeadlines(p);
            const selected = d.feeDue !== null && d.feeDue >= window.from && d.feeDue <= window.to;
            if (selected !== expected)
              throw new Error(`${type} filed ${filed}, paid through ${paidThrough}, on ${asOf} within ${within}: expected ${expected}`);
            if (expected) expect(d.feeDue).toBe(fee.nextDueDate);
            warned += expected ? 1 : 0;
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(1096 * 3 * FILINGS.length * PAID.length);
    expect(warned).toBeGreaterThan(compared / 20);
  });
});
