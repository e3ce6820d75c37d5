import { describe, expect, it } from 'vitest';

import { addDays, addMonths, addYears, daysBetween, parseIsoDate } from './calendar-date.js';

describe('addMonths and addYears', () => {
  it('count periods as the Patent Examination Guidelines do (Part V, Chapter 7, 2.3)', () => {
    // Both examples are the Guidelines' own.
    expect(addYears('1998-06-01', 3)).toBe('2001-06-01');
    expect(addMonths('1999-12-31', 2)).toBe('2000-02-29');
  });

  it('end on the last day of a month that lacks the day', () => {
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2023-08-31', 1)).toBe('2023-09-30');
    expect(addMonths('2023-08-31', 2)).toBe('2023-10-31');
    expect(addYears('2020-02-29', 1)).toBe('2021-02-28');
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
    expect(addYears('2096-02-29', 4)).toBe('2100-02-28'); // 2100 is not a leap year
    expect(addYears('1996-02-29', 4)).toBe('2000-02-29'); // 2000 is
  });

  it('carry across year ends', () => {
    expect(addMonths('2023-11-15', 2)).toBe('2024-01-15');
    expect(addMonths('2024-09-30', 6)).toBe('2025-03-30');
  });
});

describe('addDays', () => {
  it('crosses months, leap days and years, both ways', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-11-22', 90)).toBe('2027-02-20');
    expect(daysBetween('2026-11-22', addDays('2026-11-22', 1095))).toBe(1095);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it('counts whole days, across a leap day, and signs the result', () => {
    expect(daysBetween('2023-12-16', '2024-03-15')).toBe(90);
    expect(daysBetween('2024-03-15', '2023-12-16')).toBe(-90);
    expect(daysBetween('2024-03-15', '2024-03-15')).toBe(0);
    expect(daysBetween('2023-12-31', '2024-12-31')).toBe(366);
  });
});

describe('parseIsoDate', () => {
  it.each(['2023-02-29', '2023-13-01', '2023-00-10', '2023-04-31', '2023-1-01', '2023/01/01', '2023-01-01T00:00:00Z', ''])('rejects %j', (date) => {
    expect(() => parseIsoDate(date)).toThrow(RangeError);
  });

  it('accepts a leap day', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });
});
