// A patent's life after filing: grant, annual fees, lapse and restoration, invalidation, a court's
// freeze. Each operation is a pure step from one record to the next, or a refusal saying why;
// the mutations and the registry import apply the same steps. Pure.
import type { JsonValue } from '../../../ledger/entry.js';
import { addMonths, addYears } from '../../../standards/calendar-date.js';
import type { AssetEventType, InvalidationDecision, PatentRecord } from '../store/port.js';
import { annualFeeDueDates, annualFeeStatus, GRACE_MONTHS } from './annual-fee.js';

/** Rights may be restored within two years of the time limit missed (Implementing Regulations, rule 6). */
export const RESTORATION_YEARS = 2;

export type PatentOperation =
  | { readonly op: 'GRANT'; readonly grantDate: string; readonly grantPublicationNumber: string }
  | { readonly op: 'PAY_ANNUAL_FEE'; readonly year: number; readonly paidOn: string }
  | { readonly op: 'LAPSE' }
  | { readonly op: 'RESTORE'; readonly restoredOn: string }
  | { readonly op: 'REQUEST_INVALIDATION'; readonly requestedOn: string; readonly requester: string }
  | { readonly op: 'DECIDE_INVALIDATION'; readonly decision: InvalidationDecision; readonly decidedOn: string }
  | { readonly op: 'FREEZE'; readonly court: string; readonly orderNumber: string; readonly frozenOn: string }
  | { readonly op: 'UNFREEZE'; readonly court: string; readonly unfrozenOn: string };

/**
 * Why a step is refused. INVALID_TRANSITION: not from the patent's present state; BAD_USER_INPUT:
 * a date or value that cannot be (with the field); CONFLICT: done already; FORBIDDEN: another
 * court's order.
 */
export interface Refusal {
  readonly code: 'INVALID_TRANSITION' | 'BAD_USER_INPUT' | 'CONFLICT' | 'FORBIDDEN';
  readonly message: string;
  readonly field?: string;
}

export type Step =
  | { readonly ok: true; readonly patent: PatentRecord; readonly event: AssetEventType; readonly details: { [key: string]: JsonValue } }
  | ({ readonly ok: false } & Refusal);

const refuse = (code: Refusal['code'], message: string, field?: string): Step => ({ ok: false, code, message, ...(field === undefined ? {} : { field }) });
const transition = (p: PatentRecord, message: string): Step => refuse('INVALID_TRANSITION', `patent ${p.applicationNumber} ${message}`);

/** The grant announcement number's kind code for each type: B (C before 1993) invention, U (Y) utility model, S design. */
const GRANT_KINDS: Readonly<Record<PatentRecord['type'], string>> = { INVENTION: 'BC', UTILITY_MODEL: 'UY', DESIGN: 'S' };
const GRANT_PUBLICATION = /^CN(\d{7,9})([A-Z])$/;

/** The announcement number in canonical form, or a message saying what is wrong with it. */
export function grantPublicationNumber(type: PatentRecord['type'], input: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = input.replace(/\s+/g, '').toUpperCase();
  const match = GRANT_PUBLICATION.exec(value);
  if (match === null) return { ok: false, message: `grantPublicationNumber must be CN, 7 to 9 digits and a kind code, e.g. CN115123456B; got '${input}'` };
  if (!GRANT_KINDS[type].includes(match[2]!)) {
    return { ok: false, message: `a granted ${type} is announced with kind code ${GRANT_KINDS[type][0]}, not ${match[2]}` };
  }
  return { ok: true, value };
}

/** The annual fee for patent year `year` falls due on the (year - 1)th filing anniversary; year 1's is paid on filing. */
export const feeDueDateOfYear = (filingDate: string, year: number): string => addYears(filingDate, year - 1);
/** The patent year an annual-fee due date is for. */
export const feeYearOf = (filingDate: string, dueDate: string): number => Number(dueDate.slice(0, 4)) - Number(filingDate.slice(0, 4)) + 1;

/** The last due date on or before `day`, or the paid-through date if that is later. */
function paidUpTo(p: PatentRecord, day: string): string | null {
  const last =
    annualFeeDueDates(p.type, p.filingDate)
      .filter((d) => d <= day)
      .at(-1) ?? null;
  if (p.feesPaidThrough === null) return last;
  return last === null || p.feesPaidThrough > last ? p.feesPaidThrough : last;
}

/**
 * The next record after `op` on `today`, or why not. Dates may not be in the future, nor before
 * what they follow.
 */
export function applyPatentOperation(p: PatentRecord, op: PatentOperation, today: string): Step {
  const n = p.applicationNumber;
  switch (op.op) {
    case 'GRANT': {
      if (p.status !== 'PENDING') return transition(p, `is ${p.status}: only a PENDING application can be granted`);
      if (op.grantDate < p.filingDate || op.grantDate > today)
        return refuse('BAD_USER_INPUT', `grantDate must be between the filing date ${p.filingDate} and today`, 'grantDate');
      const number = grantPublicationNumber(p.type, op.grantPublicationNumber);
      if (!number.ok) return refuse('BAD_USER_INPUT', number.message, 'grantPublicationNumber');
      // The fee of the year of grant is paid on registering the grant.
      const feesPaidThrough = paidUpTo(p, op.grantDate);
      return {
        ok: true,
        patent: { ...p, status: 'GRANTED', grantDate: op.grantDate, grantPublicationNumber: number.value, feesPaidThrough },
        event: 'GRANTED',
        details: { grantDate: op.grantDate, grantPublicationNumber: number.value, feesPaidThrough },
      };
    }
    case 'PAY_ANNUAL_FEE': {
      if (p.status !== 'GRANTED') return transition(p, `is ${p.status}: annual fees are paid on a GRANTED patent`);
      if (op.paidOn > today) return refuse('BAD_USER_INPUT', 'paidOn is in the future', 'paidOn');
      const dues = annualFeeDueDates(p.type, p.filingDate);
      const due = feeDueDateOfYear(p.filingDate, op.year);
      if (!Number.isInteger(op.year) || !dues.includes(due)) {
        return refuse('BAD_USER_INPUT', `year must be a patent year with an annual fee, 2 to ${dues.length + 1}`, 'year');
      }
      if (p.feesPaidThrough !== null && due <= p.feesPaidThrough) return refuse('CONFLICT', `the annual fee of year ${op.year} of patent ${n} is paid already`);
      const next = dues.find((d) => p.feesPaidThrough === null || d > p.feesPaidThrough)!;
      if (due !== next) return refuse('BAD_USER_INPUT', `pay the fee of year ${feeYearOf(p.filingDate, next)} (due ${next}) first`, 'year');
      const status = annualFeeStatus(p.filingDate, p.type, p.feesPaidThrough, op.paidOn);
      if (status.state === 'LAPSED') {
        return transition(p, `could be paid for until ${addMonths(due, GRACE_MONTHS)}; it lapsed from ${due}: record the lapse, then a restoration`);
      }
      return {
        ok: true,
        patent: { ...p, feesPaidThrough: due },
        event: 'ANNUAL_FEE_PAID',
        details: { year: op.year, dueDate: due, paidOn: op.paidOn, surchargePercent: status.surchargePercent },
      };
    }
    case 'LAPSE': {
      if (p.status !== 'GRANTED') return transition(p, `is ${p.status}: only a GRANTED patent lapses`);
      const fee = annualFeeStatus(p.filingDate, p.type, p.feesPaidThrough, today);
      if (fee.state !== 'LAPSED') {
        const by = fee.state === 'GRACE' ? `; its fee due ${fee.nextDueDate} can be paid until ${fee.graceEndsOn}` : '';
        return transition(p, `has no annual fee unpaid past its grace period${by}`);
      }
      return { ok: true, patent: { ...p, status: 'LAPSED', lapsedOn: fee.lapsedOn! }, event: 'LAPSED', details: { lapsedOn: fee.lapsedOn! } };
    }
    case 'RESTORE': {
      if (p.status !== 'LAPSED' || p.lapsedOn === null) return transition(p, `is ${p.status}: only a LAPSED patent is restored`);
      const lastDay = addYears(addMonths(p.lapsedOn, GRACE_MONTHS), RESTORATION_YEARS);
      if (op.restoredOn < p.lapsedOn || op.restoredOn > today)
        return refuse('BAD_USER_INPUT', `restoredOn must be between ${p.lapsedOn} and today`, 'restoredOn');
      if (op.restoredOn > lastDay) return transition(p, `could be restored until ${lastDay}, two years after its grace period ended`);
      // Restoring pays the missed fee and any others fallen due since.
      const feesPaidThrough = paidUpTo({ ...p, feesPaidThrough: p.lapsedOn }, op.restoredOn);
      return {
        ok: true,
        patent: { ...p, status: 'GRANTED', lapsedOn: null, feesPaidThrough },
        event: 'RESTORED',
        details: { restoredOn: op.restoredOn, lapsedOn: p.lapsedOn, feesPaidThrough },
      };
    }
    case 'REQUEST_INVALIDATION': {
      if (p.status !== 'GRANTED') return transition(p, `is ${p.status}: invalidation is requested of a GRANTED patent`);
      if (p.invalidation !== null && p.invalidation.decision === null) {
        return transition(p, `has an invalidation request of ${p.invalidation.requestedOn} pending; it must be decided first`);
      }
      if (op.requestedOn < (p.grantDate ?? p.filingDate) || op.requestedOn > today) {
        return refuse('BAD_USER_INPUT', `requestedOn must be between the grant date ${p.grantDate ?? p.filingDate} and today`, 'requestedOn');
      }
      const invalidation = { requestedOn: op.requestedOn, requester: op.requester, decision: null, decidedOn: null };
      return { ok: true, patent: { ...p, invalidation }, event: 'INVALIDATION_REQUESTED', details: { requestedOn: op.requestedOn, requester: op.requester } };
    }
    case 'DECIDE_INVALIDATION': {
      const pending = p.invalidation;
      if (pending === null || pending.decision !== null) return transition(p, 'has no invalidation request pending');
      if (op.decidedOn < pending.requestedOn || op.decidedOn > today) {
        return refuse('BAD_USER_INPUT', `decidedOn must be between the request's ${pending.requestedOn} and today`, 'decidedOn');
      }
      const decided = { ...pending, decision: op.decision, decidedOn: op.decidedOn };
      return {
        ok: true,
        patent: { ...p, invalidation: decided, status: op.decision === 'INVALIDATED' ? 'INVALIDATED' : p.status },
        event: 'INVALIDATION_DECIDED',
        details: { decision: op.decision, decidedOn: op.decidedOn, requestedOn: pending.requestedOn },
      };
    }
    case 'FREEZE': {
      if (p.freeze !== null) return refuse('CONFLICT', `patent ${n} is frozen already, by ${p.freeze.court} under order ${p.freeze.orderNumber}`);
      if (p.status !== 'PENDING' && p.status !== 'GRANTED')
        return transition(p, `is ${p.status}: only a pending application or a granted patent can be frozen`);
      if (op.frozenOn < p.filingDate || op.frozenOn > today)
        return refuse('BAD_USER_INPUT', `frozenOn must be between the filing date ${p.filingDate} and today`, 'frozenOn');
      const freeze = { court: op.court, orderNumber: op.orderNumber, frozenOn: op.frozenOn };
      return { ok: true, patent: { ...p, freeze }, event: 'FROZEN', details: { ...freeze } };
    }
    case 'UNFREEZE': {
      if (p.freeze === null) return transition(p, 'is not frozen');
      if (p.freeze.court !== op.court) return refuse('FORBIDDEN', `only ${p.freeze.court}, which froze patent ${n}, can unfreeze it`);
      if (op.unfrozenOn < p.freeze.frozenOn || op.unfrozenOn > today) {
        return refuse('BAD_USER_INPUT', `unfrozenOn must be between the freeze of ${p.freeze.frozenOn} and today`, 'unfrozenOn');
      }
      return { ok: true, patent: { ...p, freeze: null }, event: 'UNFROZEN', details: { ...p.freeze, unfrozenOn: op.unfrozenOn } };
    }
  }
}
