// A patent as it stands on a day (pure): what time alone changes, without anyone recording it.
// A granted patent past its term is EXPIRED (Patent Law art. 42); an invalidation decision becomes
// final when no court action was brought against it in time (art. 46(2)) and only then makes the
// patent INVALIDATED (art. 47: void from the start); freezes end and the waiting ones take effect
// (domain/freezes.ts). Every read and every step applies this to the stored record first, so no
// answer says GRANTED after the protection end.
import { hubWorkingDays } from '../../../platform/hub-calendar.js';
import { addDays, addMonths } from '../../../standards/calendar-date.js';
import { timeLimitEnd, type WorkingDayCalendar } from '../../../standards/working-days.js';
import { freezesOn, TRADEMARK_FREEZES } from './freezes.js';
import type { PatentInvalidation, PatentRecord, TrademarkRecord } from './model.js';
import { protectionEnd } from './protection.js';

/**
 * A document the office sends by post is taken as received fifteen days after it was sent
 * (Implementing Regulations rule 4); the hub counts every notice and decision that way, not knowing
 * when or how each one was delivered.
 */
export const PRESUMED_DELIVERY_DAYS = 15;

/** The day a notice or decision issued on `issuedOn` is taken as received. */
export const presumedReceipt = (issuedOn: string): string => addDays(issuedOn, PRESUMED_DELIVERY_DAYS);

/** Art. 46(2): an action against an invalidation decision is brought within three months of its receipt. */
export const INVALIDATION_ACTION_MONTHS = 3;

/** The last day a court action against the decision may be brought; null while undecided. */
export function invalidationActionEnds(inv: PatentInvalidation, calendar: WorkingDayCalendar = hubWorkingDays()): string | null {
  if (inv.decidedOn === null) return null;
  return timeLimitEnd(addMonths(presumedReceipt(inv.decidedOn), INVALIDATION_ACTION_MONTHS), calendar);
}

/**
 * The day an INVALIDATED decision takes effect: the day after the time for a court action ran out,
 * or the day of the judgment upholding it; null when there is no such decision, a court action is
 * pending, or the judgment revoked it.
 */
export function invalidationFinalOn(inv: PatentInvalidation | null, calendar?: WorkingDayCalendar): string | null {
  if (inv === null || inv.decision !== 'INVALIDATED') return null;
  if (inv.judgment != null) return inv.judgment.outcome === 'UPHELD' ? inv.judgment.decidedOn : null;
  if (inv.courtAction != null) return null;
  return addDays(invalidationActionEnds(inv, calendar)!, 1);
}

/**
 * The outcome of the request is not final on `day`: undecided, or declared invalid while a court
 * action may still be brought or is before a court. (A revoking judgment sends the request back
 * undecided.) The patent is not pledgeable meanwhile.
 */
export function invalidationPending(inv: PatentInvalidation, day: string): boolean {
  if (inv.decision === null) return true;
  if (inv.decision !== 'INVALIDATED') return false;
  const final = invalidationFinalOn(inv);
  return final === null || final > day;
}

/** The record as it stands on `day`. */
export function patentOn(p: PatentRecord, day: string): PatentRecord {
  const final = invalidationFinalOn(p.invalidation);
  const status = final !== null && final <= day ? 'INVALIDATED' : p.status === 'GRANTED' && day >= protectionEnd(p) ? 'EXPIRED' : p.status;
  const { current, waiting } = freezesOn(p, day);
  if (status === p.status && current === p.freeze && waiting.length === p.waitingFreezes.length) return p;
  return { ...p, status, freeze: current, waitingFreezes: waiting };
}

/**
 * A trademark as it stands on `day`: a preservation past its term is lifted by itself (最高人民法院
 * 关于人民法院对注册商标权进行财产保全的解释 art. 2: 视为自动解除), nothing waits behind it.
 */
export function trademarkOn<T extends TrademarkRecord>(m: T, day: string): T {
  if (m.freeze == null) return m;
  const { current } = freezesOn({ freeze: m.freeze, waitingFreezes: [] }, day, TRADEMARK_FREEZES);
  return current === m.freeze ? m : { ...m, freeze: current };
}
