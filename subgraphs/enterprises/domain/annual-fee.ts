import { hubWorkingDays } from '../../../platform/hub-calendar.js';
import { addMonths, addYears, daysBetween, parseIsoDate } from '../../../standards/calendar-date.js';
import { timeLimitEnd, type WorkingDayCalendar } from '../../../standards/working-days.js';
import type { PatentRecord } from './model.js';
import { protectionEnd, type TermSubject } from './protection.js';

// Annual fees (年费) begin with grant. Before it an application owes the filing fee and, for an
// invention, the examination fee, never an annual fee. The fee of the year of grant is paid with
// the grant registration (办理登记手续, Implementing Regulations rule 97; the rules are cited by their
// 2010 numbers); each later year's falls due before that year begins (rule 98), on the filing-date
// anniversary. The Guidelines'
// example (Part V, Chapter 2, 2.2.1.1): filed 1997-06-03, granted 2001-08-01: the fee of year 5 is
// paid at registration, year 6's falls due 2002-06-03.

export const ANNUAL_FEE_STATES = ['NOT_DUE', 'DUE_SOON', 'GRACE', 'LAPSED', 'EXPIRED'] as const;
export type AnnualFeeState = (typeof ANNUAL_FEE_STATES)[number];

export interface AnnualFeeStatus {
  /** The earliest unpaid due date (for a lapsed patent: the one missed); null once none is left. */
  nextDueDate: string | null;
  /** The last day to pay it without surcharge: the due date, or the first working day after it when it is a holiday. */
  payableUntil?: string;
  state: AnnualFeeState;
  /** Surcharge on the fee if paid today, as a percentage of the fee. */
  surchargePercent: number;
  /** In GRACE: the last day the fee can still be paid (a holiday moves it to the next working day). */
  graceEndsOn?: string;
  /** In LAPSED: the day the patent ceased, which is the missed due date itself. */
  lapsedOn?: string;
}

/** What a patent's fees depend on. */
export type FeeSubject = TermSubject & Pick<PatentRecord, 'status' | 'grantDate' | 'feesPaidThrough'>;

export const DEFAULT_WARNING_DAYS = 90;
export const GRACE_MONTHS = 6;
const SURCHARGE_PERCENT_PER_MONTH = 5;

/** What each state means, as the schema describes it (annualFeeStatus below decides it). */
export const ANNUAL_FEE_STATE_MEANINGS: Readonly<Record<AnnualFeeState, string>> = {
  NOT_DUE: `The next fee falls due more than ${DEFAULT_WARNING_DAYS} days from today, or no fee is left before the term ends`,
  DUE_SOON: `The next fee falls due within ${DEFAULT_WARNING_DAYS} days, or is due and still payable without surcharge (until payableUntil)`,
  GRACE: `Late, in its ${GRACE_MONTHS}-month grace period (宽限期, Implementing Regulations rule 98): payable with a surcharge until graceEndsOn`,
  LAPSED: 'The grace period ended unpaid: the patent lapses from the missed due date (lapsedOn); its status stays GRANTED until the lapse is recorded',
  EXPIRED: 'No fee is left to pay and the term has ended',
};

// A patent's schedule never changes and warnings ask for thousands of them: remember them.
const schedules = new Map<string, readonly string[]>();
const MAX_SCHEDULES = 100_000;

/**
 * Every filing-date anniversary before the term ends, the 1st to the last: the due dates of the
 * fees of years 2 on (a compensated term's extra anniversaries included).
 */
export function annualFeeDueDates(p: TermSubject): readonly string[] {
  const end = protectionEnd(p);
  const key = `${p.filingDate} ${end}`;
  let dates = schedules.get(key);
  if (dates === undefined) {
    const list: string[] = [];
    for (let year = 1; addYears(p.filingDate, year) < end; year++) list.push(addYears(p.filingDate, year));
    dates = Object.freeze(list);
    if (schedules.size >= MAX_SCHEDULES) schedules.clear();
    schedules.set(key, dates);
  }
  return dates;
}

/** The anniversary year n's fee falls due on (the (n-1)th); year 1's is due with the grant if granted in year 1. */
export const feeDueDateOfYear = (filingDate: string, year: number): string => addYears(filingDate, year - 1);
/** The patent year an annual-fee due date is for. */
export const feeYearOf = (filingDate: string, dueDate: string): number => Number(dueDate.slice(0, 4)) - Number(filingDate.slice(0, 4)) + 1;

/**
 * The last due date paid: the one recorded, or the due date of the year of grant (paid with the
 * registration), whichever is later; null when the patent was granted in its first year and nothing
 * later is recorded, or has no grant date.
 */
export function paidThroughOf(p: FeeSubject): string | null {
  const atGrant =
    p.grantDate === null
      ? null
      : (annualFeeDueDates(p)
          .filter((d) => d <= p.grantDate!)
          .at(-1) ?? null);
  if (p.feesPaidThrough === null) return atGrant;
  return atGrant === null || p.feesPaidThrough > atGrant ? p.feesPaidThrough : atGrant;
}

/** The first due date after the fees paid, or null when none is left. */
export const nextFeeDue = (p: FeeSubject): string | null => {
  const paid = paidThroughOf(p);
  return annualFeeDueDates(p).find((d) => paid === null || d > paid) ?? null;
};

/** The last day a fee due on `due` is paid without surcharge, and the last day of its grace, holidays counted. */
export function feeTimeLimits(due: string, calendar: WorkingDayCalendar = hubWorkingDays()): { payableUntil: string; graceEndsOn: string } {
  return { payableUntil: timeLimitEnd(due, calendar), graceEndsOn: timeLimitEnd(addMonths(due, GRACE_MONTHS), calendar) };
}

/**
 * Where a patent stands on its annual fees on `today`, or null when it owes none: anything not
 * GRANTED (a pending, rejected or withdrawn application; a patent lapsed, invalidated or expired).
 *
 * Late payment follows Implementing Regulations rule 98: within six
 * months of the due date, with a surcharge of 5% per month after the first (0, 5, 10, 15, 20, 25%);
 * after that the patent lapses from the due date. The due date and the grace's last day are time
 * limits: a holiday moves them to the next working day (Civil Code art. 203). The months of the
 * surcharge are counted from the due date as it falls: the law does not move them, and the hub
 * does not either.
 */
export function annualFeeStatus(p: FeeSubject, today: string, options: { warningDays?: number; calendar?: WorkingDayCalendar } = {}): AnnualFeeStatus | null {
  const warningDays = options.warningDays ?? DEFAULT_WARNING_DAYS;
  if (!Number.isInteger(warningDays) || warningDays < 0) {
    throw new RangeError(`warningDays must be a whole number of days, 1 or more; got ${warningDays}.`);
  }
  parseIsoDate(today);
  if (p.status !== 'GRANTED') return null;
  const due = nextFeeDue(p);
  if (due === null) {
    const state = today >= protectionEnd(p) ? 'EXPIRED' : 'NOT_DUE';
    return { nextDueDate: null, state, surchargePercent: 0 };
  }
  const { payableUntil, graceEndsOn } = feeTimeLimits(due, options.calendar);
  if (today <= payableUntil) {
    const state = daysBetween(today, due) <= warningDays ? 'DUE_SOON' : 'NOT_DUE';
    return { nextDueDate: due, payableUntil, state, surchargePercent: 0 };
  }
  if (today > graceEndsOn) {
    return { nextDueDate: due, payableUntil, state: 'LAPSED', surchargePercent: 0, lapsedOn: due };
  }
  const surchargePercent = SURCHARGE_PERCENT_PER_MONTH * Math.min(GRACE_MONTHS - 1, monthOfLateness(due, today) - 1);
  return { nextDueDate: due, payableUntil, state: 'GRACE', surchargePercent, graceEndsOn };
}

/** 1 for the first calendar month after the due date (through the same day a month on), 2 for the next... */
function monthOfLateness(due: string, date: string): number {
  let month = 1;
  while (date > addMonths(due, month)) month++;
  return month;
}
