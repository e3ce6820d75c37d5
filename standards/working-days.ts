// Working days in China and the end of a time limit. Pure: the calendar is an argument, made by
// platform/holiday-calendar.ts from the State Council's holiday notices.
//
// A time limit whose last day is a statutory holiday (法定休假日) ends on the first working day
// after it (Civil Code art. 203; Patent Examination Guidelines, Part V, Chapter 7, 2.3, which
// counts as 法定休假日 both the holidays of the 全国年节及纪念日放假办法 and the weekly rest days of
// the 国务院关于职工工作时间的规定). The State Council's yearly notice moves days: it gives days
// off (放假) that may fall on weekdays, and working days (调休上班) that fall on weekends.
import { addDays, dayOfWeek } from './calendar-date.js';

export interface WorkingDayCalendar {
  /** Days off by the notices, weekdays among them. */
  readonly holidays: ReadonlySet<string>;
  /** Weekend days the notices make working days. */
  readonly workdays: ReadonlySet<string>;
  /** The years the notices cover; outside them only weekends are days off. */
  readonly years: readonly number[];
}

/** A calendar of weekends alone: what the rule gives for a year no notice covers. */
export const WEEKENDS_ONLY: WorkingDayCalendar = { holidays: new Set(), workdays: new Set(), years: [] };

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const w = dayOfWeek(date);
  return w === 0 || w === 6;
}

/** A day the offices work: a weekday not given off, or a weekend day a notice makes a working day. */
export function isWorkingDay(date: string, calendar: WorkingDayCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  return !isWeekend(date);
}

/**
 * The day a time limit ends whose last day by the count is `lastDay`: that day if it is a working
 * day, else the first working day after it (Civil Code art. 203; Guidelines V-7 2.3).
 */
export function timeLimitEnd(lastDay: string, calendar: WorkingDayCalendar): string {
  let day = lastDay;
  // The longest run of days off in a notice is nine (Spring Festival with weekends); a bound
  // guards against a calendar file that gives a whole year off.
  for (let i = 0; i < 60 && !isWorkingDay(day, calendar); i++) day = addDays(day, 1);
  return day;
}
