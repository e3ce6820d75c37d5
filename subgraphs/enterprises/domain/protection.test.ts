import { describe, expect, it } from 'vitest';

import type { TermCompensation } from './model.js';
import { protectionEnd, protectionTermYears, termCompensationProblem } from './protection.js';

describe('protectionEnd', () => {
  it("matches the Patent Examination Guidelines' example (Part V, Chapter 9, 2.1)", () => {
    // Utility model filed 1999-09-06: protected to 2009-09-05, term ends on 2009-09-06.
    expect(protectionEnd({ type: 'UTILITY_MODEL', filingDate: '1999-09-06' })).toBe('2009-09-06');
  });

  it('is not moved off a weekend', () => {
    // Patent-agent exam question: a utility model filed 2000-05-15 ends on Saturday 2010-05-15.
    expect(protectionEnd({ type: 'UTILITY_MODEL', filingDate: '2000-05-15' })).toBe('2010-05-15');
  });

  it('runs 20 years for inventions and 10 for utility models, PCT entries included', () => {
    expect(protectionEnd({ type: 'INVENTION', filingDate: '2003-10-01' })).toBe('2023-10-01');
    expect(protectionEnd({ type: 'INVENTION', filingDate: '2017-06-02' })).toBe('2037-06-02');
    expect(protectionEnd({ type: 'UTILITY_MODEL', filingDate: '2019-11-30' })).toBe('2029-11-30');
  });

  it('gives designs 15 years from 2021-06-01 and 10 before', () => {
    expect(protectionEnd({ type: 'DESIGN', filingDate: '2021-05-31' })).toBe('2031-05-31');
    expect(protectionEnd({ type: 'DESIGN', filingDate: '2021-06-01' })).toBe('2036-06-01');
    expect(protectionTermYears('DESIGN', '2019-02-21')).toBe(10);
    expect(protectionTermYears('DESIGN', '2024-01-01')).toBe(15);
  });

  it('ends a Feb 29 filing on Feb 28 unless the final year is a leap year', () => {
    expect(protectionEnd({ type: 'INVENTION', filingDate: '2004-02-29' })).toBe('2024-02-29');
    expect(protectionEnd({ type: 'UTILITY_MODEL', filingDate: '2004-02-29' })).toBe('2014-02-28');
    expect(protectionEnd({ type: 'DESIGN', filingDate: '2024-02-29' })).toBe('2039-02-28');
  });

  it('rejects a filing date that is not a YYYY-MM-DD day', () => {
    expect(() => protectionEnd({ type: 'INVENTION', filingDate: '2023-02-30' })).toThrow(RangeError);
    expect(() => protectionEnd({ type: 'DESIGN', filingDate: '2021-6-1' })).toThrow(RangeError);
    expect(() => protectionTermYears('DESIGN', 'later')).toThrow(RangeError);
  });
});

describe('term compensation (Patent Law art. 42(2), (3))', () => {
  const invention = {
    type: 'INVENTION' as const,
    filingDate: '2016-03-01',
    status: 'GRANTED' as const,
    grantDate: '2021-06-01',
    examinationRequestedOn: '2017-01-10',
    termCompensation: [],
  };
  const delay = (days: number): TermCompensation => ({ ground: 'GRANT_DELAY', days, decidedOn: '2021-09-01', marketingApprovedOn: null });
  const drug = (days: number, marketingApprovedOn: string): TermCompensation => ({ ground: 'NEW_DRUG', days, decidedOn: '2024-09-01', marketingApprovedOn });

  it('moves the protection end by the days compensated', () => {
    expect(protectionEnd({ ...invention, termCompensation: [delay(120)] })).toBe('2036-06-29');
    expect(protectionEnd({ ...invention, termCompensation: [delay(120), drug(365, '2024-06-01')] })).toBe('2037-06-29');
  });

  it('compensates a grant delay only for an invention granted more than four years after filing and three after the request (art. 42(2))', () => {
    expect(termCompensationProblem(invention, delay(90))).toBeUndefined();
    expect(termCompensationProblem({ ...invention, grantDate: '2020-03-01' }, delay(90))).toMatch(/more than four years after filing/);
    expect(termCompensationProblem({ ...invention, examinationRequestedOn: '2018-07-01' }, delay(90))).toMatch(/three years after the examination request/);
    expect(termCompensationProblem({ ...invention, type: 'UTILITY_MODEL' }, delay(90))).toMatch(/only an invention/);
    expect(termCompensationProblem({ ...invention, termCompensation: [delay(30)] }, delay(90))).toMatch(/recorded already/);
  });

  it('caps a new drug at five years, and the term after its approval for marketing at fourteen (art. 42(3))', () => {
    // Term ends 2036-03-01; approved 2023-03-01: fourteen years later is 2037-03-01, so a year fits and a year and a day does not.
    expect(termCompensationProblem(invention, drug(365, '2023-03-01'))).toBeUndefined();
    expect(termCompensationProblem(invention, drug(366, '2023-03-01'))).toMatch(/more than 14 years after the drug's approval/);
    expect(termCompensationProblem(invention, drug(5 * 365 + 2, '2030-03-01'))).toMatch(/at most 5 years/);
    expect(termCompensationProblem(invention, { ...drug(100, '2023-03-01'), marketingApprovedOn: null })).toMatch(/marketingApprovedOn/);
  });
});
