// A patent's life after filing: the examination request, grant, annual fees, lapse and
// restoration, term compensation, invalidation and the court action against it, a court's freezes.
// Each operation is a pure step from one record (as it stands on the day: domain/standing.ts) to
// the next, or a refusal saying why; the mutations and the registry import apply the same steps.
import { hubWorkingDays } from '../../../platform/hub-calendar.js';
import type { JsonValue } from '../../../platform/json.js';
import { addMonths, addYears } from '../../../standards/calendar-date.js';
import { timeLimitEnd } from '../../../standards/working-days.js';
import { annualFeeDueDates, annualFeeStatus, feeDueDateOfYear, feeTimeLimits, feeYearOf, nextFeeDue, paidThroughOf } from './annual-fee.js';
import { examinationRequestLastDay } from './deadlines.js';
import { applyFreezeOperation, type FreezeOperation, PATENT_FREEZES } from './freezes.js';
import { grantPublicationNumber } from './kind-codes.js';
import type { AssetEventType, InvalidationDecision, InvalidationJudgment, PatentRecord, TermCompensation, TermCompensationGround } from './model.js';
import { termCompensationProblem } from './protection.js';
import { invalidationActionEnds, invalidationFinalOn, presumedReceipt } from './standing.js';

/** Rule 6(1): force majeure, within two months of the obstacle's removal and two years of the time limit missed. */
export const FORCE_MAJEURE_MONTHS = 2;
export const FORCE_MAJEURE_YEARS = 2;
/** Rule 6(2): another justified reason, within two months of receiving the office's notice. */
export const JUSTIFIED_REASON_MONTHS = 2;

export const RESTORATION_GROUNDS = ['JUSTIFIED_REASON', 'FORCE_MAJEURE'] as const;
export type RestorationGround = (typeof RESTORATION_GROUNDS)[number];
/** What each restoration ground means, as the API describes it. */
export const RESTORATION_GROUND_MEANINGS: Readonly<Record<RestorationGround, string>> = {
  JUSTIFIED_REASON: 'A justified reason (正当理由), Implementing Regulations rule 6(2): requested within two months of receiving the notice of termination',
  FORCE_MAJEURE: "Force majeure (不可抗拒的事由), rule 6(1): requested within two months of the obstacle's removal and two years of the time limit missed",
};

/** What each decision on a request for invalidation (无效宣告请求) means, as the API describes it. */
export const INVALIDATION_DECISION_MEANINGS: Readonly<Record<InvalidationDecision, string>> = {
  MAINTAINED: 'The patent maintained in full (维持专利权有效)',
  PARTLY_INVALIDATED: 'Declared invalid in part (宣告专利权部分无效): the patent stands on the claims maintained',
  INVALIDATED: 'Declared invalid in full (宣告专利权全部无效): once final, the patent reads INVALIDATED, void from the start (Patent Law art. 47)',
};

/** What each final judgment on an action against an invalidation decision means, as the API describes it. */
export const INVALIDATION_JUDGMENT_MEANINGS: Readonly<Record<InvalidationJudgment, string>> = {
  UPHELD: "The court upheld the decision (维持): it is final on the judgment's day",
  REVOKED: 'The court revoked the decision (撤销): CNIPA decides the request again, pending once more',
};

export type PatentOperation =
  | { readonly op: 'REQUEST_EXAMINATION'; readonly requestedOn: string }
  | { readonly op: 'GRANT'; readonly grantDate: string; readonly grantPublicationNumber: string }
  | { readonly op: 'PAY_ANNUAL_FEE'; readonly year: number; readonly paidOn: string }
  | { readonly op: 'LAPSE'; readonly terminationNoticeOn: string | null }
  | {
      readonly op: 'RESTORE';
      readonly ground: RestorationGround;
      readonly requestedOn: string;
      readonly restoredOn: string;
      readonly obstacleRemovedOn: string | null;
      readonly terminationNoticeOn: string | null;
    }
  | {
      readonly op: 'COMPENSATE_TERM';
      readonly ground: TermCompensationGround;
      readonly days: number;
      readonly decidedOn: string;
      readonly marketingApprovedOn: string | null;
    }
  | { readonly op: 'REQUEST_INVALIDATION'; readonly requestedOn: string; readonly requester: string }
  | { readonly op: 'DECIDE_INVALIDATION'; readonly decision: InvalidationDecision; readonly decidedOn: string }
  | { readonly op: 'APPEAL_INVALIDATION'; readonly court: string; readonly filedOn: string }
  | { readonly op: 'JUDGE_INVALIDATION'; readonly outcome: InvalidationJudgment; readonly decidedOn: string }
  | FreezeOperation;

/**
 * Why a step is refused. INVALID_TRANSITION: not from the patent's present state; BAD_USER_INPUT:
 * a date or value that cannot be (with the field); CONFLICT: done already; FORBIDDEN: another
 * court's order; TIME_LIMIT_PASSED: a statutory time limit ran out (`timeLimit` says which, and
 * `lastDay` its last day, which the message names too).
 */
export interface Refusal {
  readonly code: 'INVALID_TRANSITION' | 'BAD_USER_INPUT' | 'CONFLICT' | 'FORBIDDEN' | 'TIME_LIMIT_PASSED';
  readonly message: string;
  readonly field?: string;
  readonly timeLimit?: 'RESTORATION' | 'EXAMINATION_REQUEST' | 'COURT_ACTION';
  readonly lastDay?: string;
}

export type Step =
  | { readonly ok: true; readonly patent: PatentRecord; readonly event: AssetEventType; readonly details: { [key: string]: JsonValue } }
  | ({ readonly ok: false } & Refusal);

const refuse = (code: Refusal['code'], message: string, field?: string): Step => ({ ok: false, code, message, ...(field === undefined ? {} : { field }) });
const late = (timeLimit: NonNullable<Refusal['timeLimit']>, lastDay: string, message: string, field: string): Step => ({
  ok: false,
  code: 'TIME_LIMIT_PASSED',
  message,
  field,
  timeLimit,
  lastDay,
});
/** A court's act on the patent's freezes, under a patent's law (domain/freezes.ts). */
function freezeStep(p: PatentRecord, op: FreezeOperation, today: string): Step {
  const step = applyFreezeOperation(p, op, PATENT_FREEZES, `patent ${p.applicationNumber}`, today);
  if (!step.ok) return refuse(step.code, step.message, step.field);
  return { ok: true, patent: { ...p, ...step.freezes }, event: step.event, details: step.details };
}
const transition = (p: PatentRecord, message: string): Step => refuse('INVALID_TRANSITION', `patent ${p.applicationNumber} ${message}`);
/** A date between `from` (or nothing) and today, or a refusal naming the field. */
const within = (value: string, field: string, from: string | null, fromName: string, today: string): Step | undefined =>
  (from !== null && value < from) || value > today
    ? refuse('BAD_USER_INPUT', `${field} must be between ${fromName}${from === null ? '' : ` ${from}`} and today`, field)
    : undefined;

/**
 * The last day a lapsed patent may be restored, on `ground` (Implementing Regulations rule 6), or
 * why it cannot be said. The time limit missed is the last day of the fee's grace period.
 * JUSTIFIED_REASON: two months from the notice of termination's receipt (taken as fifteen days
 * after it was issued, rule 4). FORCE_MAJEURE: two months from the obstacle's removal, and at most
 * two years from the time limit missed. Each last day past a holiday.
 */
export function restorationWindow(
  p: PatentRecord,
  ground: RestorationGround,
  facts: { obstacleRemovedOn: string | null; terminationNoticeOn: string | null },
): { ok: true; lastDay: string; why: string } | { ok: false; message: string; field: string } {
  const calendar = hubWorkingDays();
  if (ground === 'JUSTIFIED_REASON') {
    const notice = facts.terminationNoticeOn ?? p.terminationNoticeOn;
    if (notice === null)
      return {
        ok: false,
        field: 'terminationNoticeOn',
        message: 'a restoration for a justified reason counts from the notice of termination: give terminationNoticeOn',
      };
    const lastDay = timeLimitEnd(addMonths(presumedReceipt(notice), JUSTIFIED_REASON_MONTHS), calendar);
    return { ok: true, lastDay, why: `two months from the termination notice of ${notice}, received ${presumedReceipt(notice)} (rule 6(2))` };
  }
  if (facts.obstacleRemovedOn === null)
    return {
      ok: false,
      field: 'obstacleRemovedOn',
      message: 'a restoration for force majeure counts from the day the obstacle was removed: give obstacleRemovedOn',
    };
  const missed = feeTimeLimits(p.lapsedOn!, calendar).graceEndsOn;
  const fromObstacle = timeLimitEnd(addMonths(facts.obstacleRemovedOn, FORCE_MAJEURE_MONTHS), calendar);
  const outer = timeLimitEnd(addYears(missed, FORCE_MAJEURE_YEARS), calendar);
  return fromObstacle <= outer
    ? { ok: true, lastDay: fromObstacle, why: `two months from the obstacle's removal on ${facts.obstacleRemovedOn} (rule 6(1))` }
    : { ok: true, lastDay: outer, why: `two years from the time limit missed, ${missed} (rule 6(1))` };
}

/** The next record after `op` on `today`, or why not. `p` is the record as it stands today (domain/standing.ts patentOn). */
export function applyPatentOperation(p: PatentRecord, op: PatentOperation, today: string): Step {
  const n = p.applicationNumber;
  switch (op.op) {
    case 'REQUEST_EXAMINATION': {
      const lastDay = examinationRequestLastDay(p);
      if (lastDay === null) {
        if (p.examinationRequestedOn !== null) return refuse('CONFLICT', `examination of ${n} was requested already, on ${p.examinationRequestedOn}`);
        return transition(p, `is a ${p.status} ${p.type}: substantive examination is requested for a PENDING invention (Patent Law art. 35)`);
      }
      const bad = within(op.requestedOn, 'requestedOn', p.filingDate, 'the filing date', today);
      if (bad) return bad;
      if (op.requestedOn > lastDay) {
        return late(
          'EXAMINATION_REQUEST',
          lastDay,
          `the time limit for requesting examination of ${n} ended on ${lastDay}, three years from ${p.priorityDate ?? p.filingDate}; the application is deemed withdrawn (Patent Law art. 35)`,
          'requestedOn',
        );
      }
      return { ok: true, patent: { ...p, examinationRequestedOn: op.requestedOn }, event: 'EXAMINATION_REQUESTED', details: { requestedOn: op.requestedOn } };
    }
    case 'GRANT': {
      if (p.status !== 'PENDING') return transition(p, `is ${p.status}: only a PENDING application can be granted`);
      const bad = within(op.grantDate, 'grantDate', p.filingDate, 'the filing date', today);
      if (bad) return bad;
      const number = grantPublicationNumber(p.type, op.grantPublicationNumber, op.grantDate);
      if (!number.ok) return refuse('BAD_USER_INPUT', number.message, 'grantPublicationNumber');
      // The fee of the year of grant is paid with the registration.
      const patent = { ...p, status: 'GRANTED' as const, grantDate: op.grantDate, grantPublicationNumber: number.value };
      const feesPaidThrough = paidThroughOf(patent);
      return {
        ok: true,
        patent: { ...patent, feesPaidThrough },
        event: 'GRANTED',
        details: { grantDate: op.grantDate, grantPublicationNumber: number.value, feesPaidThrough },
      };
    }
    case 'PAY_ANNUAL_FEE': {
      if (p.status !== 'GRANTED') return transition(p, `is ${p.status}: annual fees are paid on a GRANTED patent`);
      if (op.paidOn > today) return refuse('BAD_USER_INPUT', 'paidOn is in the future', 'paidOn');
      const dues = annualFeeDueDates(p);
      const due = feeDueDateOfYear(p.filingDate, op.year);
      if (!Number.isInteger(op.year) || !dues.includes(due)) {
        return refuse('BAD_USER_INPUT', `year must be a patent year with an annual fee, 2 to ${dues.length + 1}`, 'year');
      }
      const paid = paidThroughOf(p);
      if (paid !== null && due <= paid) return refuse('CONFLICT', `the annual fee of year ${op.year} of patent ${n} is paid already`);
      const next = nextFeeDue(p)!;
      if (due !== next) return refuse('BAD_USER_INPUT', `pay the fee of year ${feeYearOf(p.filingDate, next)} (due ${next}) first`, 'year');
      const status = annualFeeStatus(p, op.paidOn)!;
      if (status.state === 'LAPSED') {
        return transition(p, `could be paid for until ${feeTimeLimits(due).graceEndsOn}; it lapsed from ${due}: record the lapse, then a restoration`);
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
      const fee = annualFeeStatus(p, today)!;
      if (fee.state !== 'LAPSED') {
        const by = fee.state === 'GRACE' ? `; its fee due ${fee.nextDueDate} can be paid until ${fee.graceEndsOn}` : '';
        return transition(p, `has no annual fee unpaid past its grace period${by}`);
      }
      const notice = op.terminationNoticeOn;
      if (notice !== null) {
        const bad = within(notice, 'terminationNoticeOn', feeTimeLimits(fee.lapsedOn!).graceEndsOn, 'the grace period’s end', today);
        if (bad) return bad;
      }
      return {
        ok: true,
        patent: { ...p, status: 'LAPSED', lapsedOn: fee.lapsedOn!, terminationNoticeOn: notice },
        event: 'LAPSED',
        details: { lapsedOn: fee.lapsedOn!, terminationNoticeOn: notice },
      };
    }
    case 'RESTORE': {
      if (p.status !== 'LAPSED' || p.lapsedOn === null) return transition(p, `is ${p.status}: only a LAPSED patent is restored`);
      const bad =
        within(op.requestedOn, 'requestedOn', p.lapsedOn, 'the lapse of', today) ??
        within(op.restoredOn, 'restoredOn', op.requestedOn, 'the request of', today) ??
        (op.obstacleRemovedOn === null ? undefined : within(op.obstacleRemovedOn, 'obstacleRemovedOn', null, '', today));
      if (bad) return bad;
      const window = restorationWindow(p, op.ground, op);
      if (!window.ok) return refuse('BAD_USER_INPUT', window.message, window.field);
      if (op.requestedOn > window.lastDay) {
        return late(
          'RESTORATION',
          window.lastDay,
          `patent ${n} could be restored on a request made by ${window.lastDay}: ${window.why}; this one was made ${op.requestedOn}`,
          'requestedOn',
        );
      }
      // Restoring pays the missed fee and every one fallen due since.
      const feesPaidThrough =
        annualFeeDueDates(p)
          .filter((d) => d <= op.restoredOn)
          .at(-1) ?? p.lapsedOn;
      const terminationNoticeOn = op.terminationNoticeOn ?? p.terminationNoticeOn;
      return {
        ok: true,
        patent: {
          ...p,
          status: 'GRANTED',
          lapsedOn: null,
          terminationNoticeOn: null,
          feesPaidThrough: feesPaidThrough > p.lapsedOn ? feesPaidThrough : p.lapsedOn,
        },
        event: 'RESTORED',
        details: {
          ground: op.ground,
          requestedOn: op.requestedOn,
          restoredOn: op.restoredOn,
          lastDay: window.lastDay,
          lapsedOn: p.lapsedOn,
          terminationNoticeOn,
          obstacleRemovedOn: op.obstacleRemovedOn,
          feesPaidThrough,
        },
      };
    }
    case 'COMPENSATE_TERM': {
      const bad = within(op.decidedOn, 'decidedOn', p.grantDate, 'the grant of', today);
      if (bad) return bad;
      const c: TermCompensation = { ground: op.ground, days: op.days, decidedOn: op.decidedOn, marketingApprovedOn: op.marketingApprovedOn };
      const problem = termCompensationProblem(p, c);
      if (problem !== undefined) return refuse(p.status === 'GRANTED' && p.type === 'INVENTION' ? 'BAD_USER_INPUT' : 'INVALID_TRANSITION', problem, 'days');
      const patent = { ...p, termCompensation: [...p.termCompensation, c] };
      return { ok: true, patent, event: 'TERM_COMPENSATED', details: { ...c } };
    }
    case 'REQUEST_INVALIDATION': {
      // Patents that lapsed or expired may be invalidated too (Examination Guidelines, Part IV, Chapter 3, 3.1).
      if (p.status !== 'GRANTED' && p.status !== 'LAPSED' && p.status !== 'EXPIRED') {
        return transition(p, `is ${p.status}: invalidation is requested of a granted patent, in force, lapsed or expired`);
      }
      const inv = p.invalidation;
      if (inv !== null && inv.decision === null) return transition(p, `has an invalidation request of ${inv.requestedOn} pending; it must be decided first`);
      if (inv !== null && inv.decision === 'INVALIDATED') {
        return transition(p, `was declared invalid on ${inv.decidedOn}; that decision ${invalidationFinalOn(inv) === null ? 'is before a court' : 'stands'}`);
      }
      const bad = within(op.requestedOn, 'requestedOn', p.grantDate ?? p.filingDate, 'the grant date', today);
      if (bad) return bad;
      const invalidation = { requestedOn: op.requestedOn, requester: op.requester, decision: null, decidedOn: null, courtAction: null, judgment: null };
      return { ok: true, patent: { ...p, invalidation }, event: 'INVALIDATION_REQUESTED', details: { requestedOn: op.requestedOn, requester: op.requester } };
    }
    case 'DECIDE_INVALIDATION': {
      const pending = p.invalidation;
      if (pending === null || pending.decision !== null) return transition(p, 'has no invalidation request pending');
      const bad = within(op.decidedOn, 'decidedOn', pending.requestedOn, "the request's", today);
      if (bad) return bad;
      const decided = { ...pending, decision: op.decision, decidedOn: op.decidedOn };
      // INVALIDATED takes effect once no court action can be brought (domain/standing.ts).
      const finalOn = invalidationFinalOn(decided);
      return {
        ok: true,
        patent: { ...p, invalidation: decided },
        event: 'INVALIDATION_DECIDED',
        details: { decision: op.decision, decidedOn: op.decidedOn, requestedOn: pending.requestedOn, finalOn },
      };
    }
    case 'APPEAL_INVALIDATION': {
      const inv = p.invalidation;
      if (inv === null || inv.decision === null) return transition(p, 'has no invalidation decision to bring before a court');
      if (inv.courtAction != null) return refuse('CONFLICT', `an action against the decision on ${n} was brought already, before ${inv.courtAction.court}`);
      const ends = invalidationActionEnds(inv)!;
      const bad = within(op.filedOn, 'filedOn', inv.decidedOn, 'the decision of', today);
      if (bad) return bad;
      if (op.filedOn > ends) {
        return late(
          'COURT_ACTION',
          ends,
          `an action against the decision of ${inv.decidedOn} could be brought until ${ends}, three months from its receipt (Patent Law art. 46(2)); the decision is final`,
          'filedOn',
        );
      }
      const courtAction = { filedOn: op.filedOn, court: op.court };
      return { ok: true, patent: { ...p, invalidation: { ...inv, courtAction } }, event: 'INVALIDATION_APPEALED', details: { ...courtAction } };
    }
    case 'JUDGE_INVALIDATION': {
      const inv = p.invalidation;
      if (inv?.courtAction == null || inv.judgment != null) return transition(p, 'has no court action against an invalidation decision pending');
      const bad = within(op.decidedOn, 'decidedOn', inv.courtAction.filedOn, 'the action of', today);
      if (bad) return bad;
      const details = { outcome: op.outcome, decidedOn: op.decidedOn, decision: inv.decision, decisionOn: inv.decidedOn };
      // A revoked decision is decided again by CNIPA: the request is pending once more.
      const invalidation =
        op.outcome === 'UPHELD'
          ? { ...inv, judgment: { outcome: op.outcome, decidedOn: op.decidedOn } }
          : { ...inv, decision: null, decidedOn: null, courtAction: null, judgment: null };
      return { ok: true, patent: { ...p, invalidation }, event: 'INVALIDATION_JUDGED', details };
    }
    case 'FREEZE': {
      if (p.status !== 'PENDING' && p.status !== 'GRANTED') {
        return transition(p, `is ${p.status}: only a pending application or a granted patent can be frozen`);
      }
      const bad = within(op.frozenOn, 'frozenOn', p.filingDate, 'the filing date', today);
      if (bad) return bad;
      return freezeStep(p, op, today);
    }
    case 'RENEW_FREEZE':
    case 'UNFREEZE':
      return freezeStep(p, op, today);
  }
}
