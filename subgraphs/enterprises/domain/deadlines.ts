import { addDays, addMonths } from './calendar-date.js';
import { annualFeeDueDates, GRACE_MONTHS } from './annual-fee.js';
import type { PatentType } from './patent-number.js';
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
export function patentDeadlines(type: PatentType, filingDate: string, feesPaidThrough: string | null, live: boolean): PatentDeadlines {
  if (!live) return { feeDue: null, feeGraceEnds: null, protectionEnds: null };
  const feeDue = annualFeeDueDates(type, filingDate).find((date) => feesPaidThrough === null || date > feesPaidThrough) ?? null;
  return { feeDue, feeGraceEnds: feeDue === null ? null : addMonths(feeDue, GRACE_MONTHS), protectionEnds: protectionEnd(type, filingDate) };
}

/** Fee deadlines to warn of on `asOf`: feeDue from..to, and a grace period not over. */
export interface FeeWarningWindow {
  /** A lower bound on feeDue, so that the range read is the window, not the registry's past. */
  readonly from: string;
  /** asOf + withinDays. */
  readonly to: string;
  readonly graceEndsFrom: string;
}

export function feeWarningWindow(asOf: string, withinDays: number): FeeWarningWindow {
  // A fee due before asOf minus the grace months has its grace period over by asOf (addMonths
  // only ever clamps to an earlier day); a day's margin keeps the bound loose, graceEndsFrom exact.
  return { from: addDays(addMonths(asOf, -GRACE_MONTHS), -1), to: addDays(asOf, withinDays), graceEndsFrom: asOf };
}
