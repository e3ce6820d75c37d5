import { addDays, addMonths } from '../../../standards/calendar-date.js';
import type { ApplicationType } from '../../../standards/patent-number.js';
import { annualFeeDueDates, GRACE_MONTHS } from './annual-fee.js';
import { protectionEnd } from './protection.js';

// The dates a patent's warnings are found by. They depend on the patent alone, never on today,
// so they are stored with it, indexed, and recomputed only when the patent changes.

export interface PatentDeadlines {
  /** The earliest annual-fee due date not paid; null when none is left or the patent is not live. */
  readonly feeDue: string | null;
  /** The last day that fee can still be paid, with a surcharge: feeDue plus the grace months. */
  readonly feeGraceEnds: string | null;
  /** The day the term ends; null when the patent is not live. */
  readonly protectionEnds: string | null;
}

/** A live patent (pending or granted) owes fees and has a term to run; any other has no deadline. */
export const isLive = (status: string): boolean => status === 'PENDING' || status === 'GRANTED';

/** The deadlines of a patent with this type, filing date, last fee paid and status. */
export function patentDeadlines(type: ApplicationType, filingDate: string, feesPaidThrough: string | null, status: string): PatentDeadlines {
  if (!isLive(status)) return { feeDue: null, feeGraceEnds: null, protectionEnds: null };
  const feeDue = annualFeeDueDates(type, filingDate).find((date) => feesPaidThrough === null || date > feesPaidThrough) ?? null;
  return { feeDue, feeGraceEnds: feeDue === null ? null : addMonths(feeDue, GRACE_MONTHS), protectionEnds: protectionEnd(type, filingDate) };
}

/**
 * The earliest due date whose fee can still be paid on `asOf`: its grace period (GRACE_MONTHS on,
 * as addMonths counts them) ends on `asOf` or later. addMonths never goes back, so every later due
 * date's grace period lasts too, and every earlier one's is over.
 */
export function earliestDueInGrace(asOf: string): string {
  let day = addDays(addMonths(asOf, -GRACE_MONTHS), -3);
  while (addMonths(day, GRACE_MONTHS) < asOf) day = addDays(day, 1);
  return day;
}

/**
 * The fee due dates to warn of on `asOf`: those whose grace period has not ended, up to
 * `asOf + withinDays`. A range of the stored due date alone, so it is read, and counted, in order.
 */
export function feeWarningWindow(asOf: string, withinDays: number): { readonly from: string; readonly to: string } {
  return { from: earliestDueInGrace(asOf), to: addDays(asOf, withinDays) };
}
