// Calendar months for the statistics: how many a caller may ask for, the months of a window, and
// counts by month with the months that have none filled in.
import { badInput } from '../../platform/errors.js';
import { monthOf } from '../../platform/hub-calendar.js';
import { addDays, addMonths } from '../../standards/calendar-date.js';

/** The most months a statistic covers: its reads are bounded by the months asked for. */
export const MAX_MONTHS = 60;
export const DEFAULT_MONTHS = 12;

/** How many in one calendar month, YYYY-MM. */
export interface MonthCount {
  readonly month: string;
  readonly count: number;
}

/** `months` as asked (null or absent: the default), or BAD_USER_INPUT outside 1 to MAX_MONTHS. */
export function monthsArg(months: number | null | undefined): number {
  const n = months ?? DEFAULT_MONTHS;
  if (!Number.isInteger(n) || n < 1 || n > MAX_MONTHS) throw badInput(`months must be a whole number from 1 to ${MAX_MONTHS}; got ${n}`, 'months');
  return n;
}

/** `count` months from the month of `date` (a negative count: the months up to and including it), in order. */
export function monthsFrom(date: string, count: number): string[] {
  const first = count < 0 ? addMonths(date, count + 1) : date;
  return Array.from({ length: Math.abs(count) }, (_, i) => monthOf(addMonths(`${monthOf(first)}-01`, i)));
}

/** The last day of the month YYYY-MM. */
export const lastDayOf = (month: string): string => addDays(addMonths(`${month}-01`, 1), -1);

/** One count per month of `months`, in their order, 0 where `counts` has none. */
export function zeroFilled(months: readonly string[], counts: readonly MonthCount[]): MonthCount[] {
  const by = new Map(counts.map((c) => [c.month, c.count]));
  return months.map((month) => ({ month, count: by.get(month) ?? 0 }));
}
