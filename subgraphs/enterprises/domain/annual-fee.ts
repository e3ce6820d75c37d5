import { addMonths, addYears, daysBetween, parseIsoDate } from '../../../standards/calendar-date.js';
import type { ApplicationType } from '../../../standards/patent-number.js';
import { protectionEnd, protectionTermYears } from './protection.js';

// Annual fees (年费), simplified: a fee falls due on every filing-date anniversary before the term
// ends. The fees paid at grant for the years up to grant are not modelled; callers record them
// through `paidThrough`. Holiday shifts of a due date are not modelled either.

export type AnnualFeeState = 'NOT_DUE' | 'DUE_SOON' | 'GRACE' | 'LAPSED' | 'EXPIRED';

export interface AnnualFeeStatus {
  /** The earliest unpaid due date (for a lapsed patent: the one missed); null once none is left. */
  nextDueDate: string | null;
  state: AnnualFeeState;
  /** Surcharge on the fee if paid today, as a percentage of the fee. */
  surchargePercent: number;
  /** In GRACE: the last day the fee can still be paid. */
  graceEndsOn?: string;
  /** In LAPSED: the day the patent ceased, which is the missed due date itself. */
  lapsedOn?: string;
}

export const DEFAULT_WARNING_DAYS = 90;
export const GRACE_MONTHS = 6;
const SURCHARGE_PERCENT_PER_MONTH = 5;

// A patent's schedule never changes and warnings ask for thousands of them: remember them.
const schedules = new Map<string, readonly string[]>();
const MAX_SCHEDULES = 100_000;

/** Every annual-fee due date over the term: the 1st to the last anniversary before the term ends. */
export function annualFeeDueDates(type: ApplicationType, filingDate: string): readonly string[] {
  const key = `${type} ${filingDate}`;
  let dates = schedules.get(key);
  if (dates === undefined) {
    const years = protectionTermYears(type, filingDate);
    dates = Object.freeze(Array.from({ length: years - 1 }, (_, i) => addYears(filingDate, i + 1)));
    if (schedules.size >= MAX_SCHEDULES) schedules.clear();
    schedules.set(key, dates);
  }
  return dates;
}

/**
 * Where a patent stands on its annual fees on `today`. `paidThrough` is the last due date paid
 * (every due date on or before it counts as paid); null means none has been.
 *
 * Late payment follows the Implementing Regulations: within 6 calendar months of the due date, with
 * a surcharge of 5% per month after the first (0, 5, 10, 15, 20, 25%); after that the patent lapses
 * from the due date. On the due date itself the fee is not late yet. Restoration of rights after
 * a lapse is out of scope.
 */
export function annualFeeStatus(
  filingDate: string,
  type: ApplicationType,
  paidThrough: string | null,
  today: string,
  options: { warningDays?: number } = {},
): AnnualFeeStatus {
  const warningDays = options.warningDays ?? DEFAULT_WARNING_DAYS;
  if (!Number.isInteger(warningDays) || warningDays < 0) {
    throw new RangeError(`warningDays must be a whole number of days, 0 or more; got ${warningDays}.`);
  }
  parseIsoDate(today);
  if (paidThrough !== null) parseIsoDate(paidThrough);

  const due = annualFeeDueDates(type, filingDate).find((date) => paidThrough === null || date > paidThrough);
  if (due === undefined) {
    const state = today >= protectionEnd(type, filingDate) ? 'EXPIRED' : 'NOT_DUE';
    return { nextDueDate: null, state, surchargePercent: 0 };
  }
  if (today <= due) {
    const state = daysBetween(today, due) <= warningDays ? 'DUE_SOON' : 'NOT_DUE';
    return { nextDueDate: due, state, surchargePercent: 0 };
  }
  const graceEndsOn = addMonths(due, GRACE_MONTHS);
  if (today > graceEndsOn) {
    return { nextDueDate: due, state: 'LAPSED', surchargePercent: 0, lapsedOn: due };
  }
  const surchargePercent = SURCHARGE_PERCENT_PER_MONTH * (monthOfLateness(due, today) - 1);
  return { nextDueDate: due, state: 'GRACE', surchargePercent, graceEndsOn };
}

/** 1 for the first calendar month after the due date (through the same day a month on), 2 for the next... */
function monthOfLateness(due: string, date: string): number {
  let month = 1;
  while (date > addMonths(due, month)) month++;
  return month;
}
