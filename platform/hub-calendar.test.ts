import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { isWorkingDay } from '../standards/working-days.js';
import { dateFormatter, loadWorkingDayCalendar } from './hub-calendar.js';

describe('the hub time zone', () => {
  it('takes an instant at 17:00 UTC on a month’s last day as the next day, and month, in China time', () => {
    const china = dateFormatter('Asia/Shanghai');
    expect(china(new Date('2025-10-31T17:00:00Z'))).toBe('2025-11-01');
    expect(china(new Date('2025-10-31T15:59:59.999Z'))).toBe('2025-10-31');
    expect(dateFormatter('UTC')(new Date('2025-10-31T17:00:00Z'))).toBe('2025-10-31');
  });

  it('refuses a zone that is not an IANA name, saying what it takes', () => {
    expect(() => dateFormatter('Beijing')).toThrow(/IANA time zone such as Asia\/Shanghai; got 'Beijing'/);
  });
});

describe('the holiday calendar a centre extends (IPHUB_HOLIDAYS_FILE)', () => {
  const file = (content: string): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'iphub-holidays-')), 'holidays.json');
    writeFileSync(path, content);
    return path;
  };

  it('adds a year the package does not know, and replaces a year it names', () => {
    const path = file(JSON.stringify({ 2099: { holidays: ['2099-10-01', '2099-10-02'], workdays: ['2099-10-10'] }, 2025: { holidays: [], workdays: [] } }));
    const calendar = loadWorkingDayCalendar({ IPHUB_HOLIDAYS_FILE: path });
    expect(calendar.years).toContain(2099);
    expect(isWorkingDay('2099-10-01', calendar)).toBe(false); // a Thursday given off
    expect(isWorkingDay('2099-10-10', calendar)).toBe(true); // a Saturday worked
    expect(isWorkingDay('2025-10-03', calendar)).toBe(true); // the file's 2025 has no holidays
  });

  it.each([
    ['not JSON', '{', /IPHUB_HOLIDAYS_FILE .*holidays\.json: /],
    ['a day of another year', JSON.stringify({ 2099: { holidays: ['2098-10-01'], workdays: [] } }), /2099.holidays has 2098-10-01, a day of another year/],
    ['a day that does not exist', JSON.stringify({ 2099: { holidays: ['2099-02-30'], workdays: [] } }), /'2099-02-30', not a date/],
    ['a day both off and worked', JSON.stringify({ 2099: { holidays: ['2099-10-10'], workdays: ['2099-10-10'] } }), /2099-10-10 is both/],
    ['a list missing', JSON.stringify({ 2099: { holidays: [] } }), /2099.workdays must be a list of dates/],
  ])('refuses a file with %s, naming the file and the fault', (_name, content, message) => {
    expect(() => loadWorkingDayCalendar({ IPHUB_HOLIDAYS_FILE: file(content) })).toThrow(message);
  });
});
