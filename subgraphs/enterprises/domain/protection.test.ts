import { describe, expect, it } from 'vitest';

import { protectionEnd, protectionTermYears } from './protection.js';

describe('protectionEnd', () => {
  it("matches the Patent Examination Guidelines' example (Part V, Chapter 9, 2.1)", () => {
    // Utility model filed 1999-09-06: protected to 2009-09-05, term ends on 2009-09-06.
    expect(protectionEnd('UTILITY_MODEL', '1999-09-06')).toBe('2009-09-06');
  });

  it('is not moved off a weekend', () => {
    // Patent-agent exam question: a utility model filed 2000-05-15 ends on Saturday 2010-05-15.
    expect(protectionEnd('UTILITY_MODEL', '2000-05-15')).toBe('2010-05-15');
  });

  it('runs 20 years for inventions and 10 for utility models, PCT entries included', () => {
    expect(protectionEnd('INVENTION', '2003-10-01')).toBe('2023-10-01');
    expect(protectionEnd('PCT_INVENTION', '2017-06-02')).toBe('2037-06-02');
    expect(protectionEnd('PCT_UTILITY_MODEL', '2019-11-30')).toBe('2029-11-30');
  });

  it('gives designs 15 years from 2021-06-01 and 10 before', () => {
    expect(protectionEnd('DESIGN', '2021-05-31')).toBe('2031-05-31');
    expect(protectionEnd('DESIGN', '2021-06-01')).toBe('2036-06-01');
    expect(protectionTermYears('DESIGN', '2019-02-21')).toBe(10);
    expect(protectionTermYears('DESIGN', '2024-01-01')).toBe(15);
  });

  it('ends a Feb 29 filing on Feb 28 unless the final year is a leap year', () => {
    expect(protectionEnd('INVENTION', '2004-02-29')).toBe('2024-02-29');
    expect(protectionEnd('UTILITY_MODEL', '2004-02-29')).toBe('2014-02-28');
    expect(protectionEnd('DESIGN', '2024-02-29')).toBe('2039-02-28');
  });

  it('rejects a filing date that is not a YYYY-MM-DD day', () => {
    expect(() => protectionEnd('INVENTION', '2023-02-30')).toThrow(RangeError);
    expect(() => protectionEnd('DESIGN', '2021-6-1')).toThrow(RangeError);
    expect(() => protectionTermYears('DESIGN', 'later')).toThrow(RangeError);
  });
});
