import { hubWorkingDays } from '../../../platform/hub-calendar.js';
import { addDays, addMonths, addYears } from '../../../standards/calendar-date.js';
import { timeLimitEnd, WEEKENDS_ONLY, type WorkingDayCalendar } from '../../../standards/working-days.js';
import { type FeeSubject, GRACE_MONTHS, nextFeeDue } from './annual-fee.js';
import type { PatentRecord } from './model.js';
import { protectionEnd } from './protection.js';
import { invalidationFinalOn } from './standing.js';

// The dates a patent's warnings are found by. They depend on the patent alone, never on today or
// on the holiday calendar (a centre may extend that), so they are stored with it, indexed, and
// recomputed only when the patent or these rules change (DEADLINE_RULES). Holidays move a time
// limit's last day when it is read (domain/annual-fee.ts feeTimeLimits, examinationRequestDue).

/** The version of the rules below; a store whose deadlines were computed by another recomputes them. */
export const DEADLINE_RULES = 2;

export interface PatentDeadlines {
  /** GRANTED: the earliest annual-fee due date not paid; null when none is left or the patent owes none. */
  readonly feeDue: string | null;
  /** feeDue plus the grace months, as the months fall (the holiday shift is applied when read). */
  readonly feeGraceEnds: string | null;
  /** GRANTED: the day the term ends; null for an application or a right no longer in force. */
  readonly protectionEnds: string | null;
  /** A PENDING invention without its examination request: three years from the filing or priority date. */
  readonly examinationDue: string | null;
}

export type DeadlineSubject = FeeSubject & Pick<PatentRecord, 'priorityDate' | 'examinationRequestedOn' | 'invalidation'>;

/**
 * Patent Law art. 35: an invention's substantive examination is requested within three years of
 * its filing date, which is the priority date where one is claimed (Implementing Regulations rule
 * 11); the last day moves past a holiday when read. Null for anything but a PENDING invention
 * without the request.
 */
export function examinationRequestDue(p: DeadlineSubject): string | null {
  if (p.status !== 'PENDING' || p.type !== 'INVENTION' || p.examinationRequestedOn !== null) return null;
  return addYears(p.priorityDate ?? p.filingDate, 3);
}

/** The last day the examination may be requested: examinationRequestDue past any holiday; null where that is. */
export function examinationRequestLastDay(p: DeadlineSubject, calendar: WorkingDayCalendar = hubWorkingDays()): string | null {
  const due = examinationRequestDue(p);
  return due === null ? null : timeLimitEnd(due, calendar);
}

/** The deadlines of a patent as it is recorded. */
export function patentDeadlines(p: DeadlineSubject): PatentDeadlines {
  const examinationDue = examinationRequestDue(p);
  if (p.status !== 'GRANTED') return { feeDue: null, feeGraceEnds: null, protectionEnds: null, examinationDue };
  // An invalidation decision that becomes final ends the patent: nothing falls due from that day.
  // (Counted here with weekends alone, so that the stored dates never depend on the holiday file.)
  const final = invalidationFinalOn(p.invalidation, WEEKENDS_ONLY);
  const before = (day: string | null) => (day !== null && (final === null || day < final) ? day : null);
  const feeDue = before(nextFeeDue(p));
  return { feeDue, feeGraceEnds: feeDue === null ? null : addMonths(feeDue, GRACE_MONTHS), protectionEnds: before(protectionEnd(p)), examinationDue };
}

/**
 * The earliest due date whose fee can still be paid on `asOf`: its grace period (GRACE_MONTHS on,
 * as addMonths counts them, then past any holiday) ends on `asOf` or later. Both steps never go
 * back, so every later due date's grace period lasts too, and every earlier one's is over.
 */
export function earliestDueInGrace(asOf: string, calendar: WorkingDayCalendar = hubWorkingDays()): string {
  // A grace period ends at most a few weeks past its months (the longest run of days off).
  let day = addDays(addMonths(asOf, -GRACE_MONTHS), -40);
  while (timeLimitEnd(addMonths(day, GRACE_MONTHS), calendar) < asOf) day = addDays(day, 1);
  return day;
}

/** The earliest due date whose fee is not yet late on `asOf`: it may still be paid without surcharge (holidays counted). */
export function earliestDueNotLate(asOf: string, calendar: WorkingDayCalendar = hubWorkingDays()): string {
  let day = addDays(asOf, -40);
  while (timeLimitEnd(day, calendar) < asOf) day = addDays(day, 1);
  return day;
}

/**
 * The fee due dates to warn of on `asOf`: those whose grace period has not ended, up to
 * `asOf + withinDays`. A range of the stored due date alone, so it is read, and counted, in order.
 */
export function feeWarningWindow(asOf: string, withinDays: number, calendar?: WorkingDayCalendar): { readonly from: string; readonly to: string } {
  return { from: earliestDueInGrace(asOf, calendar), to: addDays(asOf, withinDays) };
}
