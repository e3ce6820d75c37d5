// A patent's lifecycle over GraphQL: the examination request, grant, annual fees, lapse and
// restoration, term compensation, invalidation and the court action against it, a court's freezes.
import { conflict, failure } from '../../platform/errors.js';
import { today } from '../../platform/hub-calendar.js';
import { parsePatentNumber } from '../../standards/patent-number.js';
import { requireRole } from '../common/auth.js';
import { mutationForms } from '../common/payload.js';
import { describedValues } from '../common/shared-types.js';
import { checkInput, text } from '../common/validation.js';
import { builder, Patent, standing } from './builder.js';
import type { EnterprisesContext } from './context.js';
import { freezeEnd } from './domain/freezes.js';
import {
  applyPatentOperation,
  INVALIDATION_DECISION_MEANINGS,
  INVALIDATION_JUDGMENT_MEANINGS,
  type PatentOperation,
  RESTORATION_GROUND_MEANINGS,
  RESTORATION_GROUNDS,
} from './domain/lifecycle.js';
import {
  INVALIDATION_DECISIONS,
  INVALIDATION_JUDGMENTS,
  type PatentFreeze,
  type PatentInvalidation,
  type PatentRecord,
  type Stored,
  TERM_COMPENSATION_GROUNDS,
  type TermCompensation,
  type WaitingFreeze,
} from './domain/model.js';
import { TERM_COMPENSATION_GROUND_MEANINGS } from './domain/protection.js';
import { invalidationActionEnds, invalidationFinalOn, invalidationPending, patentOn } from './domain/standing.js';

const APPLICATION_NUMBER = 'The application number (申请号) in any accepted form: CN or ZL may lead, spaces may separate, the check digit is required';
const OWN_COURT = "; the court is the one the caller's COURT key acts for";

const Decision = builder.enumType('InvalidationDecision', {
  description: 'The decision on a request for invalidation (无效宣告): the patent maintained, maintained in part, or invalid from the start',
  values: describedValues(INVALIDATION_DECISIONS, INVALIDATION_DECISION_MEANINGS),
});

const Judgment = builder.enumType('InvalidationJudgment', {
  description: "A court's final judgment on an action against an invalidation decision: the decision upheld, or revoked (CNIPA decides again)",
  values: describedValues(INVALIDATION_JUDGMENTS, INVALIDATION_JUDGMENT_MEANINGS),
});
const RestorationGround = builder.enumType('RestorationGround', {
  description:
    'Implementing Regulations rule 6: JUSTIFIED_REASON (two months from the notice of termination), FORCE_MAJEURE (two months from the obstacle’s removal, at most two years)',
  values: describedValues(RESTORATION_GROUNDS, RESTORATION_GROUND_MEANINGS),
});
const CompensationGround = builder.enumType('TermCompensationGround', {
  description: 'Patent Law art. 42(2): unreasonable delay in granting an invention; art. 42(3): a new drug’s review and approval',
  values: describedValues(TERM_COMPENSATION_GROUNDS, TERM_COMPENSATION_GROUND_MEANINGS),
});

const Freeze = builder.objectRef<PatentFreeze>('PatentFreeze').implement({
  description: "A court's preservation order: a frozen patent is not transferred, licensed or pledged",
  fields: (t) => ({
    court: t.exposeString('court', { description: 'The court that froze it, as its COURT key names it' }),
    orderNumber: t.exposeString('orderNumber', { description: "The court's order, e.g. (2026)京73执保1号" }),
    frozenOn: t.field({ type: 'Date', description: 'The day it took effect', resolve: (f) => f.frozenOn }),
    endsOn: t.field({
      type: 'Date',
      description: 'The first day it no longer holds unless the court renews it (at most three years on)',
      resolve: (f) => freezeEnd(f),
    }),
  }),
});

const Waiting = builder.objectRef<WaitingFreeze>('WaitingFreeze').implement({
  description: "Another court's freeze waiting in line (轮候冻结): it takes effect when the ones before it end",
  fields: (t) => ({
    court: t.exposeString('court', { description: 'The court whose freeze waits, as its COURT key names it' }),
    orderNumber: t.exposeString('orderNumber', { description: "The court's preservation order, e.g. (2026)京73执保1号" }),
    registeredOn: t.field({
      type: 'Date',
      description: "The date its order was recorded with (freezePatent's frozenOn); it takes effect later, when the freezes before it end",
      resolve: (f) => f.registeredOn,
    }),
    termDays: t.exposeInt('termDays', { description: 'Its term, counted from the day it takes effect' }),
  }),
});

const Compensation = builder.objectRef<TermCompensation>('TermCompensation').implement({
  description: 'Days CNIPA added to the term (Patent Law art. 42(2), (3))',
  fields: (t) => ({
    ground: t.field({ type: CompensationGround, description: 'Why the term was compensated', resolve: (c) => c.ground }),
    days: t.exposeInt('days', { description: 'The days added to the term: the protection end moves by them' }),
    decidedOn: t.field({ type: 'Date', description: "The day of CNIPA's decision", resolve: (c) => c.decidedOn }),
    marketingApprovedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'NEW_DRUG: the day the drug was approved for marketing (the 14-year cap counts from it); null for GRANT_DELAY',
      resolve: (c) => c.marketingApprovedOn,
    }),
  }),
});

const CourtAction = builder.objectRef<{ filedOn: string; court: string }>('InvalidationCourtAction').implement({
  description: 'An action brought before a court against an invalidation decision (Patent Law art. 46(2)): the decision is not final until judged',
  fields: (t) => ({
    filedOn: t.field({ type: 'Date', description: 'The day the action was brought', resolve: (a) => a.filedOn }),
    court: t.exposeString('court', { description: 'The court it was brought before, as centre staff recorded it' }),
  }),
});

const Invalidation = builder.objectRef<PatentInvalidation>('PatentInvalidation').implement({
  description: 'The latest request to invalidate the patent',
  fields: (t) => ({
    requestedOn: t.field({ type: 'Date', description: 'The day invalidation was requested (无效宣告请求)', resolve: (i) => i.requestedOn }),
    requester: t.exposeString('requester', { description: 'Who asked for it, as centre staff recorded it' }),
    pending: t.boolean({
      description:
        'The outcome is not final: undecided, or declared invalid while a court action may still be brought or is before a court. The patent is not pledgeable meanwhile',
      resolve: (i) => invalidationPending(i, today()),
    }),
    decision: t.field({
      type: Decision,
      nullable: true,
      description: "CNIPA's decision; null while undecided, as again after a court revoked it",
      resolve: (i) => i.decision,
    }),
    decidedOn: t.field({ type: 'Date', nullable: true, description: 'The day of the decision; null while undecided', resolve: (i) => i.decidedOn }),
    courtActionUntil: t.field({
      type: 'Date',
      nullable: true,
      description: 'The last day an action against the decision may be brought: three months from its receipt (Patent Law art. 46(2))',
      resolve: (i) => invalidationActionEnds(i),
    }),
    courtAction: t.field({
      type: CourtAction,
      nullable: true,
      description: 'The action brought against the decision; null when none is recorded',
      resolve: (i) => i.courtAction ?? null,
    }),
    judgment: t.field({
      type: Judgment,
      nullable: true,
      description: "The court's final judgment on that action; null while there is none (a revoking one sends the request back undecided)",
      resolve: (i) => i.judgment?.outcome ?? null,
    }),
    judgedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day the judgment became final; null while there is none',
      resolve: (i) => i.judgment?.decidedOn ?? null,
    }),
    finalOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'For INVALIDATED: the day the decision takes effect and the patent is void (null while a court action is pending)',
      resolve: (i) => invalidationFinalOn(i),
    }),
  }),
});

builder.objectFields(Patent, (t) => ({
  grantPublicationNumber: t.exposeString('grantPublicationNumber', { nullable: true, description: "The grant's announcement number (授权公告号)" }),
  lapsedOn: t.field({ type: 'Date', nullable: true, description: 'For a LAPSED patent: the missed due date it lapsed from', resolve: (p) => p.lapsedOn }),
  terminationNoticeOn: t.field({
    type: 'Date',
    nullable: true,
    description: "For a LAPSED patent: the day CNIPA's notice of termination was issued, when recorded",
    resolve: (p) => p.terminationNoticeOn,
  }),
  termCompensation: t.field({
    type: [Compensation],
    description: "CNIPA's compensations of its term, in the order recorded; empty when none",
    resolve: (p) => [...p.termCompensation],
  }),
  freeze: t.field({ type: Freeze, nullable: true, description: 'The freeze holding today', resolve: (p) => standing(p).freeze }),
  waitingFreezes: t.field({ type: [Waiting], description: 'Freezes waiting behind it, in order', resolve: (p) => [...standing(p).waitingFreezes] }),
  invalidation: t.field({
    type: Invalidation,
    nullable: true,
    description: 'The latest request to invalidate it, with its decision and any court action; null when none was recorded',
    resolve: (p) => p.invalidation,
  }),
}));

/** The patent an input's applicationNumber names: INVALID_PATENT_NUMBER or NOT_FOUND there otherwise. */
async function storedPatent(ctx: EnterprisesContext, applicationNumber: string): Promise<Stored<PatentRecord>> {
  const field = 'applicationNumber';
  const parsed = parsePatentNumber(applicationNumber);
  if (!parsed.ok) throw failure('INVALID_PATENT_NUMBER', parsed.message, { field });
  const found = await ctx.loaders.patent.load(parsed.canonical);
  if (found === undefined) throw failure('NOT_FOUND', `patent ${parsed.canonical} does not exist`, { field });
  return found;
}

/**
 * Applies one lifecycle step to a patent (given, or by its application number: storedPatent) and
 * stores it with its event: the step's refusal, or CONFLICT when another change came first.
 */
async function operate(
  ctx: EnterprisesContext,
  actor: { keyId: string; role: string },
  patent: string | Stored<PatentRecord>,
  operation: PatentOperation,
): Promise<Stored<PatentRecord>> {
  const before = typeof patent === 'string' ? await storedPatent(ctx, patent) : patent;
  const number = before.applicationNumber;
  const day = today();
  const step = applyPatentOperation(patentOn(before, day), operation, day);
  if (!step.ok) {
    const { code, message, ok: _, ...extensions } = step;
    throw failure(code, message, { applicationNumber: number, ...extensions });
  }
  const event = { at: new Date().toISOString(), actor: actor.keyId, role: actor.role, type: step.event, details: step.details };
  if (!(await ctx.store.patents.update(before, step.patent, event))) {
    throw conflict(`patent ${number} was changed by someone else meanwhile; reload it and try again`);
  }
  // As the store wrote it: its updatedAt never goes back.
  const after = { ...step.patent, version: before.version + 1, updatedAt: event.at > before.updatedAt ? event.at : before.updatedAt };
  ctx.loaders.patent.clear(number).prime(number, after);
  return after;
}

const GrantInput = builder.inputType('GrantPatentInput', {
  description: 'What grantPatent takes: the grant of a PENDING application',
  fields: (t) => ({
    applicationNumber: t.string({ required: true, description: APPLICATION_NUMBER }),
    grantDate: t.field({
      type: 'Date',
      required: true,
      description: "The grant's announcement date (授权公告日), from the filing date to today: the announcement number's kind code is checked on it",
    }),
    grantPublicationNumber: t.string({ required: true, description: 'CN, 7 to 9 digits and the kind code: B invention, U utility model, S design' }),
  }),
});
const PayInput = builder.inputType('PayAnnualFeeInput', {
  description: 'What payAnnualFee takes: an annual fee (年费) paid',
  fields: (t) => ({
    applicationNumber: t.string({ required: true, description: APPLICATION_NUMBER }),
    year: t.int({ required: true, description: "The patent year paid for; the next unpaid one. Year n's fee falls due on the (n-1)th filing anniversary" }),
    paidOn: t.field({
      type: 'Date',
      required: true,
      description: 'The day it was paid, not in the future: by the due date, or in the grace period with its surcharge',
    }),
  }),
});
const LapseInput = builder.inputType('RecordPatentLapseInput', {
  description: 'What recordPatentLapse takes: the lapse of a GRANTED patent for an annual fee unpaid past its grace period',
  fields: (t) => ({
    applicationNumber: t.string({ required: true, description: APPLICATION_NUMBER }),
    terminationNoticeOn: t.field({
      type: 'Date',
      description: "The day CNIPA's notice of termination was issued: a restoration for a justified reason counts from its receipt (rule 6(2))",
    }),
  }),
});
const RestoreInput = builder.inputType('RestorePatentInput', {
  description: 'What restorePatent takes: the restoration (恢复权利) of a LAPSED patent',
  fields: (t) => ({
    applicationNumber: t.string({ required: true, description: APPLICATION_NUMBER }),
    ground: t.field({ type: RestorationGround, required: true, description: 'The ground restoration was asked on: it sets the time limit checked' }),
    requestedOn: t.field({ type: 'Date', description: 'The day restoration was requested (the time limit is checked on it); default restoredOn' }),
    restoredOn: t.field({ type: 'Date', required: true, description: 'The day CNIPA restored the right' }),
    obstacleRemovedOn: t.field({ type: 'Date', description: 'FORCE_MAJEURE: the day the obstacle was removed' }),
    terminationNoticeOn: t.field({ type: 'Date', description: 'JUSTIFIED_REASON: the notice of termination, when the lapse did not record it' }),
  }),
});
const ExaminationInput = builder.inputType('RecordExaminationRequestInput', {
  description: "What recordExaminationRequest takes: a PENDING invention's request for substantive examination (实质审查请求)",
  fields: (t) => ({
    applicationNumber: t.string({ required: true, description: APPLICATION_NUMBER }),
    requestedOn: t.field({
      type: 'Date',
      required: true,
      description: 'The day it was requested, from the filing date to today, and within three years of the filing or priority date',
    }),
  }),
});
const CompensationInput = builder.inputType('RecordTermCompensationInput', {
  description: 'What recordTermCompensation takes: a compensation of the term (专利权期限补偿) CNIPA decided',
  fields: (t) => ({
    applicationNumber: t.string({ required: true, description: APPLICATION_NUMBER }),
    ground: t.field({ type: CompensationGround, required: true, description: 'The ground CNIPA compensated on; one of each ground at most' }),
    days: t.int({ required: true, description: "The days CNIPA's decision adds to the term" }),
    decidedOn: t.field({ type: 'Date', required: true, description: "The day of CNIPA's decision, from the grant date to today" }),
    marketingApprovedOn: t.field({ type: 'Date', description: "NEW_DRUG: the drug's approval for marketing (the term after it is at most 14 years)" }),
  }),
});
const RequestInvalidationInput = builder.inputType('RequestInvalidationInput', {
  description: 'What requestInvalidation takes: a request for invalidation (无效宣告请求) of a granted patent',
  fields: (t) => ({
    applicationNumber: t.string({ required: true, description: APPLICATION_NUMBER }),
    requestedOn: t.field({ type: 'Date', required: true, description: 'The day it was requested, from the grant date to today' }),
    requester: t.string({ required: true, description: 'Who asked for it' }),
  }),
});
const DecideInvalidationInput = builder.inputType('DecideInvalidationInput', {
  description: "What decideInvalidation takes: CNIPA's decision on the pending request for invalidation",
  fields: (t) => ({
    applicationNumber: t.string({ required: true, description: APPLICATION_NUMBER }),
    decision: t.field({ type: Decision, required: true, description: 'What CNIPA decided' }),
    decidedOn: t.field({
      type: 'Date',
      required: true,
      description: "The decision's date, from the request to today: a court action's three months run from its receipt, taken as 15 days later",
    }),
  }),
});
const InvalidationActionInput = builder.inputType('RecordInvalidationCourtActionInput', {
  description: 'What recordInvalidationCourtAction takes: an action brought before a court against the invalidation decision',
  fields: (t) => ({
    applicationNumber: t.string({ required: true, description: APPLICATION_NUMBER }),
    court: t.string({ required: true, description: 'The court the action was brought before' }),
    filedOn: t.field({
      type: 'Date',
      required: true,
      description: "The day it was brought: from the decision's date to today, and within three months of the decision's receipt",
    }),
  }),
});
const InvalidationJudgmentInput = builder.inputType('RecordInvalidationJudgmentInput', {
  description: "What recordInvalidationJudgment takes: a court's final judgment on the action against the invalidation decision",
  fields: (t) => ({
    applicationNumber: t.string({ required: true, description: APPLICATION_NUMBER }),
    outcome: t.field({ type: Judgment, required: true, description: 'Whether the court upheld the decision or revoked it' }),
    decidedOn: t.field({ type: 'Date', required: true, description: 'The day the judgment became final' }),
  }),
});
const FreezeInput = builder.inputType('FreezePatentInput', {
  description: `What freezePatent takes: a court's preservation order${OWN_COURT}`,
  fields: (t) => ({
    applicationNumber: t.string({ required: true, description: APPLICATION_NUMBER }),
    orderNumber: t.string({ required: true, description: "The court's preservation order" }),
    frozenOn: t.field({
      type: 'Date',
      required: true,
      description: "The order's date, from the filing date to today: the day it takes effect unless another freeze holds",
    }),
    endsOn: t.field({ type: 'Date', description: 'The first day it no longer holds: at most three years on (the default)' }),
  }),
});
const RenewFreezeInput = builder.inputType('RenewFreezeInput', {
  description: `What renewFreeze takes: the renewal of the freeze that holds${OWN_COURT}`,
  fields: (t) => ({
    applicationNumber: t.string({ required: true, description: APPLICATION_NUMBER }),
    endsOn: t.field({ type: 'Date', required: true, description: "The renewed freeze's end: at most three years after the present one's" }),
  }),
});
const UnfreezeInput = builder.inputType('UnfreezePatentInput', {
  description: `What unfreezePatent takes: a freeze lifted, or a waiting one withdrawn${OWN_COURT}`,
  fields: (t) => ({
    applicationNumber: t.string({ required: true, description: APPLICATION_NUMBER }),
    unfrozenOn: t.field({
      type: 'Date',
      required: true,
      description: "The day it was lifted, from the freeze's date to today: the first waiting freeze takes effect that day",
    }),
  }),
});

/** The court a COURT identity acts for. */
export function actingCourt(ctx: EnterprisesContext): { keyId: string; role: string; court: string } {
  const identity = requireRole(ctx, 'COURT');
  if (identity.organization === undefined) throw failure('FORBIDDEN', 'this court key names no court');
  return { keyId: identity.keyId, role: identity.role, court: identity.organization };
}

mutationForms(builder, {
  name: 'grantPatent',
  payload: 'patentGrant',
  object: 'patent',
  type: Patent,
  description: 'Centre staff record the grant of a PENDING application; the fees up to the year of grant count as paid with it',
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: GrantInput, required: true, description: 'The grant to record' }) }),
  resolve: async ({ input }, ctx) =>
    operate(ctx, requireRole(ctx, 'CENTER_STAFF'), input.applicationNumber, {
      op: 'GRANT',
      grantDate: input.grantDate,
      grantPublicationNumber: input.grantPublicationNumber,
    }),
});

mutationForms(builder, {
  name: 'payAnnualFee',
  payload: 'patentAnnualFeePay',
  object: 'patent',
  type: Patent,
  description: "Centre staff record an annual fee paid, on time or in its grace period (the surcharge goes in the history); the fee's warnings clear",
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: PayInput, required: true, description: 'The fee paid' }) }),
  resolve: async ({ input }, ctx) =>
    operate(ctx, requireRole(ctx, 'CENTER_STAFF'), input.applicationNumber, { op: 'PAY_ANNUAL_FEE', year: input.year, paidOn: input.paidOn }),
});

mutationForms(builder, {
  name: 'recordExaminationRequest',
  payload: 'patentExaminationRequestRecord',
  object: 'patent',
  type: Patent,
  description:
    "Centre staff record a PENDING invention's request for substantive examination, within three years of its filing or priority date (Patent Law art. 35)",
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: ExaminationInput, required: true, description: 'The examination request to record' }) }),
  resolve: async ({ input }, ctx) =>
    operate(ctx, requireRole(ctx, 'CENTER_STAFF'), input.applicationNumber, { op: 'REQUEST_EXAMINATION', requestedOn: input.requestedOn }),
});

mutationForms(builder, {
  name: 'recordPatentLapse',
  payload: 'patentLapseRecord',
  object: 'patent',
  type: Patent,
  description: 'Centre staff record that a GRANTED patent lapsed: a fee unpaid when its grace period ended. It lapses from the missed due date',
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: LapseInput, required: true, description: 'The lapse to record' }) }),
  resolve: async ({ input }, ctx) =>
    operate(ctx, requireRole(ctx, 'CENTER_STAFF'), input.applicationNumber, { op: 'LAPSE', terminationNoticeOn: input.terminationNoticeOn ?? null }),
});

mutationForms(builder, {
  name: 'restorePatent',
  payload: 'patentRestore',
  object: 'patent',
  type: Patent,
  description:
    'Centre staff record the restoration of a LAPSED patent, its missed fees paid (Implementing Regulations rule 6): for a justified reason within two months of the notice of termination, for force majeure within two months of the obstacle’s removal and two years of the time limit missed; TIME_LIMIT_PASSED outside the window, which the message names',
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: RestoreInput, required: true, description: 'The restoration to record' }) }),
  resolve: async ({ input }, ctx) =>
    operate(ctx, requireRole(ctx, 'CENTER_STAFF'), input.applicationNumber, {
      op: 'RESTORE',
      ground: input.ground,
      requestedOn: input.requestedOn ?? input.restoredOn,
      restoredOn: input.restoredOn,
      obstacleRemovedOn: input.obstacleRemovedOn ?? null,
      terminationNoticeOn: input.terminationNoticeOn ?? null,
    }),
});

mutationForms(builder, {
  name: 'recordTermCompensation',
  payload: 'patentTermCompensationRecord',
  object: 'patent',
  type: Patent,
  description:
    "Centre staff record CNIPA's compensation of a granted invention's term (Patent Law art. 42(2), (3)); the protection end and every deadline after it move",
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: CompensationInput, required: true, description: 'The compensation to record' }) }),
  resolve: async ({ input }, ctx) =>
    operate(ctx, requireRole(ctx, 'CENTER_STAFF'), input.applicationNumber, {
      op: 'COMPENSATE_TERM',
      ground: input.ground,
      days: input.days,
      decidedOn: input.decidedOn,
      marketingApprovedOn: input.marketingApprovedOn ?? null,
    }),
});

mutationForms(builder, {
  name: 'requestInvalidation',
  payload: 'patentInvalidationRequest',
  object: 'patent',
  type: Patent,
  description: 'Centre staff record a request to invalidate a granted patent, in force, lapsed or expired; it is not pledgeable until decided',
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: RequestInvalidationInput, required: true, description: 'The request for invalidation to record' }) }),
  resolve: async ({ input }, ctx) => {
    const staff = requireRole(ctx, 'CENTER_STAFF');
    const { before, requester } = await checkInput({
      before: () => storedPatent(ctx, input.applicationNumber),
      requester: () => text(input.requester, 'requester', 200),
    });
    return operate(ctx, staff, before, { op: 'REQUEST_INVALIDATION', requestedOn: input.requestedOn, requester });
  },
});

mutationForms(builder, {
  name: 'decideInvalidation',
  payload: 'patentInvalidationDecide',
  object: 'patent',
  type: Patent,
  description:
    'Centre staff record the decision on the pending invalidation request; INVALIDATED ends the patent once final: when no court action was brought within three months of its receipt (Patent Law art. 46(2))',
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: DecideInvalidationInput, required: true, description: 'The decision to record' }) }),
  resolve: async ({ input }, ctx) =>
    operate(ctx, requireRole(ctx, 'CENTER_STAFF'), input.applicationNumber, {
      op: 'DECIDE_INVALIDATION',
      decision: input.decision,
      decidedOn: input.decidedOn,
    }),
});

mutationForms(builder, {
  name: 'recordInvalidationCourtAction',
  payload: 'patentInvalidationCourtActionRecord',
  object: 'patent',
  type: Patent,
  description:
    'Centre staff record an action brought against an invalidation decision (within three months of its receipt): the decision is not final until judged',
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: InvalidationActionInput, required: true, description: 'The court action to record' }) }),
  resolve: async ({ input }, ctx) => {
    const staff = requireRole(ctx, 'CENTER_STAFF');
    const { before, court } = await checkInput({
      before: () => storedPatent(ctx, input.applicationNumber),
      court: () => text(input.court, 'court', 200),
    });
    return operate(ctx, staff, before, { op: 'APPEAL_INVALIDATION', court, filedOn: input.filedOn });
  },
});

mutationForms(builder, {
  name: 'recordInvalidationJudgment',
  payload: 'patentInvalidationJudgmentRecord',
  object: 'patent',
  type: Patent,
  description: 'Centre staff record the final judgment on that action: UPHELD makes the decision final on its date, REVOKED sends the request back to CNIPA',
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: InvalidationJudgmentInput, required: true, description: 'The judgment to record' }) }),
  resolve: async ({ input }, ctx) =>
    operate(ctx, requireRole(ctx, 'CENTER_STAFF'), input.applicationNumber, {
      op: 'JUDGE_INVALIDATION',
      outcome: input.outcome,
      decidedOn: input.decidedOn,
    }),
});

mutationForms(builder, {
  name: 'freezePatent',
  payload: 'patentFreeze',
  object: 'patent',
  type: Patent,
  description:
    "A court freezes a patent or application under its preservation order, for at most three years; while another court's freeze holds, this one waits in line and takes effect when that one ends",
  callers: ['COURT'],
  args: (t) => ({ input: t.field({ type: FreezeInput, required: true, description: 'The freeze to record' }) }),
  resolve: async ({ input }, ctx) => {
    const court = actingCourt(ctx);
    const { before, orderNumber } = await checkInput({
      before: () => storedPatent(ctx, input.applicationNumber),
      orderNumber: () => text(input.orderNumber, 'orderNumber', 100),
    });
    return operate(ctx, court, before, { op: 'FREEZE', court: court.court, orderNumber, frozenOn: input.frozenOn, endsOn: input.endsOn ?? null });
  },
});

mutationForms(builder, {
  name: 'renewFreeze',
  payload: 'patentFreezeRenew',
  object: 'patent',
  type: Patent,
  description: 'The court whose freeze holds renews it before it ends, for at most three more years',
  callers: ['COURT'],
  args: (t) => ({ input: t.field({ type: RenewFreezeInput, required: true, description: "The freeze's new end" }) }),
  resolve: async ({ input }, ctx) => {
    const court = actingCourt(ctx);
    return operate(ctx, court, input.applicationNumber, { op: 'RENEW_FREEZE', court: court.court, endsOn: input.endsOn });
  },
});

mutationForms(builder, {
  name: 'unfreezePatent',
  payload: 'patentUnfreeze',
  object: 'patent',
  type: Patent,
  description: 'The court that froze a patent lifts its freeze (the first waiting takes effect that day), or withdraws its waiting freeze',
  callers: ['COURT'],
  args: (t) => ({ input: t.field({ type: UnfreezeInput, required: true, description: 'The freeze to lift or withdraw' }) }),
  resolve: async ({ input }, ctx) => {
    const court = actingCourt(ctx);
    return operate(ctx, court, input.applicationNumber, { op: 'UNFREEZE', court: court.court, unfrozenOn: input.unfrozenOn });
  },
});
