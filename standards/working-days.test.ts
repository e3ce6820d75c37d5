import { describe, expect, it } from 'vitest';

import { loadWorkingDayCalendar } from '../platform/hub-calendar.js';
import { isWorkingDay, timeLimitEnd, WEEKENDS_ONLY } from './working-days.js';

// The State Council's notices as the hub carries them (chinese-days), without any local file.
const calendar = loadWorkingDayCalendar({});

describe('time limits ending on a statutory holiday (Civil Code art. 203; Patent Examination Guidelines V-7 2.3)', () => {
  it.each([
    // 国务院办公厅关于2025年部分节假日安排的通知: 国庆节、中秋节 10月1日至8日放假, 10月11日（周六）上班.
    ['a last day inside the National Day holiday (2025-10-03) ends on 2025-10-09', '2025-10-03', '2025-10-09'],
    ["the holiday's last day (2025-10-08) ends on 2025-10-09", '2025-10-08', '2025-10-09'],
    ['a Saturday made a working day by the notice (2025-10-11) ends that day', '2025-10-11', '2025-10-11'],
    ['a Sunday (2025-10-12) ends on the Monday', '2025-10-12', '2025-10-13'],
    ['a working day ends that day', '2025-10-10', '2025-10-10'],
    // 2025年春节: 1月28日至2月4日放假, 1月26日（周日）、2月8日（周六）上班.
    ['a last day in the Spring Festival (2025-01-29) ends on 2025-02-05', '2025-01-29', '2025-02-05'],
    ['a Sunday made a working day (2025-01-26) ends that day', '2025-01-26', '2025-01-26'],
  ])('%s', (_name, lastDay, end) => {
    expect(timeLimitEnd(lastDay, calendar)).toBe(end);
  });

  it('counts only weekends in a year no notice covers, and knows the notices from 2004', () => {
    expect(timeLimitEnd('2025-10-03', WEEKENDS_ONLY)).toBe('2025-10-03');
    expect(timeLimitEnd('2025-10-04', WEEKENDS_ONLY)).toBe('2025-10-06');
    expect(calendar.years[0]).toBe(2004);
    expect(isWorkingDay('2004-10-01', calendar)).toBe(false);
  });
});
