// A patent's lifecycle over GraphQL: the examination request, grant, annual fees, lapse and
// restoration, term compensation, invalidation and the court action against it, a court's freezes.
import { conflict, failure } from '../../platform/errors.js';
import { today } from '../../platform/hub-calendar.js';
import { parsePatentNumber } from '../../standards/patent-number.js';
import { requireRole } from '../common/auth.js';
import { mutationForms } from '../common/payload.js';
import { checkInput, text } from '../common/validation.js';
import { builder, Patent, standing } from './builder.js';
import type { EnterprisesContext } from './context.js';
import { freezeEnd } from './domain/freezes.js';
import { applyPatentOperation, type PatentOperation, RESTORATION_GROUNDS } from './domain/lifecycle.js';
import {
  INVALIDATION_DECISIONS,
  INVALIDATION_JUDGMENTS,
  type PatentFreeze,
  type PatentInvalidation,
  type PatentRecord,
  TERM_COMPENSATION_GROUNDS,
  type TermCompensation,
  type WaitingFreeze,
} from './domain/model.js';
import { invalidationActionEnds, invalidationFinalOn, invalidationPending, patentOn } from './domain/standing.js';

const Decision = builder.enumType('InvalidationDecision', {
  description: 'The decision on a request for invalidation (无效宣告): the patent maintained, maintained in part, or invalid from the start',
  values: INVALIDATION_DECISIONS,
});

const Judgment = builder.enumType('InvalidationJudgment', {
  description: "A court's final judgment on an action against an invalidation decision: the decision upheld, or revoked (CNIPA decides again)",
  values: INVALIDATION_JUDGMENTS,
});
const RestorationGround = builder.enumType('RestorationGround', {
  description:
    'Implementing Regulations rule 6: JUSTIFIED_REASON (two months from the notice of termination), FORCE_MAJEURE (two months from the obstacle’s removal, at most two years)',
  values: RESTORATION_GROUNDS,
});
const CompensationGround = builder.enumType('TermCompensationGround', {
  description: 'Patent Law art. 42(2): unreasonable delay in granting an invention; art. 42(3): a new drug’s review and approval',
  values: TERM_COMPENSATION_GROUNDS,
});

const Freeze = builder.objectRef<PatentFreeze>('PatentFreeze').implement({
  description: "A court's preservation order: a frozen patent is not transferred, licensed or pledged",
  fields: (t) => ({
    court: t.exposeString('court'),
    orderNumber: t.exposeString('orderNumber', { description: "The court's order, e.g. (2026)京73执保1号" }),
    frozenOn: t.field({ type: 'Date', description: 'The day it took effect', resolve: (f) => f.frozenOn }),
    endsOn: t.field({ type: 'Date', description: 'The first day it no longer holds unless the court renews it (at most three years on)', resolve: freezeEnd }),
  }),
});

const Waiting = builder.objectRef<WaitingFreeze>('WaitingFreeze').implement({
  description: "Another court's freeze waiting in line (轮候冻结): it takes effect when the ones before it end",
  fields: (t) => ({
    court: t.exposeString('court'),
    orderNumber: t.exposeString('orderNumber'),
    registeredOn: t.field({ type: 'Date', resolve: (f) => f.registeredOn }),
    termDays: t.exposeInt('termDays', { description: 'Its term, counted from the day it takes effect' }),
  }),
});

const Compensation = builder.objectRef<TermCompensation>('TermCompensation').implement({
  description: 'Days CNIPA added to the term (Patent Law art. 42(2), (3))',
  fields: (t) => ({
    ground: t.field({ type: CompensationGround, resolve: (c) => c.ground }),
    days: t.exposeInt('days'),
    decidedOn: t.field({ type: 'Date', resolve: (c) => c.decidedOn }),
    marketingApprovedOn: t.field({ type: 'Date', nullable: true, resolve: (c) => c.marketingApprovedOn }),
  }),
});

const CourtAction = builder.objectRef<{ filedOn: string; court: string }>('InvalidationCourtAction').implement({
  fields: (t) => ({ filedOn: t.field({ type: 'Date', resolve: (a) => a.filedOn }), court: t.exposeString('court') }),
});

const Invalidation = builder.objectRef<PatentInvalidation>('PatentInvalidation').implement({
  description: 'The latest request to invalidate the patent',
  fields: (t) => ({
    requestedOn: t.field({ type: 'Date', resolve: (i) => i.requestedOn }),
    requester: t.exposeString('requester'),
    pending: t.boolean({
      description:
        'The outcome is not final: undecided, or declared invalid while a court action may still be brought or is before a court. The patent is not pledgeable meanwhile',
      resolve: (i) => invalidationPending(i, today()),
    }),
    decision: t.field({ type: Decision, nullable: true, resolve: (i) => i.decision }),
    decidedOn: t.field({ type: 'Date', nullable: true, resolve: (i) => i.decidedOn }),
    courtActionUntil: t.field({
      type: 'Date',
      nullable: true,
      description: 'The last day an action against the decision may be brought: three months from its receipt (Patent Law art. 46(2))',
      resolve: (i) => invalidationActionEnds(i),
    }),
    courtAction: t.field({ type: CourtAction, nullable: true, resolve: (i) => i.courtAction ?? null }),
    judgment: t.field({ type: Judgment, nullable: true, resolve: (i) => i.judgment?.outcome ?? null }),
    judgedOn: t.field({ type: 'Date', nullable: true, resolve: (i) => i.judgment?.decidedOn ?? null }),
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
  termCompensation: t.field({ type: [Compensation], resolve: (p) => [...p.termCompensation] }),
  freeze: t.field({ type: Freeze, nullable: true, description: 'The freeze holding today', resolve: (p) => standing(p).freeze }),
  waitingFreezes: t.field({ type: [Waiting], description: 'Freezes waiting behind it, in order', resolve: (p) => [...standing(p).waitingFreezes] }),
  invalidation: t.field({ type: Invalidation, nullable: true, resolve: (p) => p.invalidation }),
}));

/** The patent an input's applicationNumber names: INVALID_PATENT_NUMBER or NOT_FOUND there otherwise. */
async function storedPatent(ctx: EnterprisesContext, applicationNumber: string): Promise<PatentRecord> {
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
  patent: string | PatentRecord,
  operation: PatentOperation,
): Promise<PatentRecord> {
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
  const after = { ...step.patent, version: before.version + 1 };
  ctx.loaders.patent.clear(number).prime(number, after);
  return after;
}

const GrantInput = builder.inputType('GrantPatentInput', {
  fields: (t) => ({
    applicationNumber: t.string({ required: true }),
    grantDate: t.field({ type: 'Date', required: true }),
    grantPublicationNumber: t.string({ required: true, description: 'CN, 7 to 9 digits and the kind code: B invention, U utility model, S design' }),
  }),
});
const PayInput = builder.inputType('PayAnnualFeeInput', {
  fields: (t) => ({
    applicationNumber: t.string({ required: true }),
    year: t.int({ required: true, description: "The patent year paid for; the next unpaid one. Year n's fee falls due on the (n-1)th filing anniversary" }),
    paidOn: t.field({ type: 'Date', required: true }),
  }),
});
const LapseInput = builder.inputType('RecordPatentLapseInput', {
  fields: (t) => ({
    applicationNumber: t.string({ required: true }),
    terminationNoticeOn: t.field({
      type: 'Date',
      description: "The day CNIPA's notice of termination was issued: a restoration for a justified reason counts from its receipt (rule 6(2))",
    }),
  }),
});
const RestoreInput = builder.inputType('RestorePatentInput', {
  fields: (t) => ({
    applicationNumber: t.string({ required: true }),
    ground: t.field({ type: RestorationGround, required: true }),
    requestedOn: t.field({ type: 'Date', description: 'The day restoration was requested (the time limit is checked on it); default restoredOn' }),
    restoredOn: t.field({ type: 'Date', required: true, description: 'The day CNIPA restored the right' }),
    obstacleRemovedOn: t.field({ type: 'Date', description: 'FORCE_MAJEURE: the day the obstacle was removed' }),
    terminationNoticeOn: t.field({ type: 'Date', description: 'JUSTIFIED_REASON: the notice of termination, when the lapse did not record it' }),
  }),
});
const ExaminationInput = builder.inputType('RecordExaminationRequestInput', {
  fields: (t) => ({ applicationNumber: t.string({ required: true }), requestedOn: t.field({ type: 'Date', required: true }) }),
});
const CompensationInput = builder.inputType('RecordTermCompensationInput', {
  fields: (t) => ({
    applicationNumber: t.string({ required: true }),
    ground: t.field({ type: CompensationGround, required: true }),
    days: t.int({ required: true, description: "The days CNIPA's decision adds to the term" }),
    decidedOn: t.field({ type: 'Date', required: true }),
    marketingApprovedOn: t.field({ type: 'Date', description: "NEW_DRUG: the drug's approval for marketing (the term after it is at most 14 years)" }),
  }),
});
const RequestInvalidationInput = builder.inputType('RequestInvalidationInput', {
  fields: (t) => ({
    applicationNumber: t.string({ required: true }),
    requestedOn: t.field({ type: 'Date', required: true }),
    requester: t.string({ required: true, description: 'Who asked for it' }),
  }),
});
const DecideInvalidationInput = builder.inputType('DecideInvalidationInput', {
  fields: (t) => ({
    applicationNumber: t.string({ required: true }),
    decision: t.field({ type: Decision, required: true }),
    decidedOn: t.field({ type: 'Date', required: true }),
  }),
});
const InvalidationActionInput = builder.inputType('RecordInvalidationCourtActionInput', {
  fields: (t) => ({
    applicationNumber: t.string({ required: true }),
    court: t.string({ required: true, description: 'The court the action was brought before' }),
    filedOn: t.field({ type: 'Date', required: true }),
  }),
});
const InvalidationJudgmentInput = builder.inputType('RecordInvalidationJudgmentInput', {
  fields: (t) => ({
    applicationNumber: t.string({ required: true }),
    outcome: t.field({ type: Judgment, required: true }),
    decidedOn: t.field({ type: 'Date', required: true, description: 'The day the judgment became final' }),
  }),
});
const FreezeInput = builder.inputType('FreezePatentInput', {
  fields: (t) => ({
    applicationNumber: t.string({ required: true }),
    orderNumber: t.string({ required: true, description: "The court's preservation order" }),
    frozenOn: t.field({ type: 'Date', required: true }),
    endsOn: t.field({ type: 'Date', description: 'The first day it no longer holds: at most three years on (the default)' }),
  }),
});
const RenewFreezeInput = builder.inputType('RenewFreezeInput', {
  fields: (t) => ({
    applicationNumber: t.string({ required: true }),
    endsOn: t.field({ type: 'Date', required: true, description: "The renewed freeze's end: at most three years after the present one's" }),
  }),
});
const UnfreezeInput = builder.inputType('UnfreezePatentInput', {
  fields: (t) => ({ applicationNumber: t.string({ required: true }), unfrozenOn: t.field({ type: 'Date', required: true }) }),
});

/** The court a COURT identity acts for. */
function actingCourt(ctx: EnterprisesContext): { keyId: string; role: string; court: string } {
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
  args: (t) => ({ input: t.field({ type: GrantInput, required: true }) }),
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
  args: (t) => ({ input: t.field({ type: PayInput, required: true }) }),
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
  args: (t) => ({ input: t.field({ type: ExaminationInput, required: true }) }),
  resolve: async ({ input }, ctx) =>
    operate(ctx, requireRole(ctx, 'CENTER_STAFF'), input.applicationNumber, { op: 'REQUEST_EXAMINATION', requestedOn: input.requestedOn }),
});

mutationForms(builder, {
  name: 'recordPatentLapse',
  payload: 'patentLapseRecord',
  object: 'patent',
  type: Patent,
  description: 'Centre staff record that a GRANTED patent lapsed: a fee unpaid when its grace period ended. It lapses from the missed due date',
  args: (t) => ({ input: t.field({ type: LapseInput, required: true }) }),
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
  args: (t) => ({ input: t.field({ type: RestoreInput, required: true }) }),
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
  args: (t) => ({ input: t.field({ type: CompensationInput, required: true }) }),
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
  args: (t) => ({ input: t.field({ type: RequestInvalidationInput, required: true }) }),
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
  args: (t) => ({ input: t.field({ type: DecideInvalidationInput, required: true }) }),
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
  args: (t) => ({ input: t.field({ type: InvalidationActionInput, required: true }) }),
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
  args: (t) => ({ input: t.field({ type: InvalidationJudgmentInput, required: true }) }),
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
  args: (t) => ({ input: t.field({ type: FreezeInput, required: true }) }),
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
  args: (t) => ({ input: t.field({ type: RenewFreezeInput, required: true }) }),
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
  args: (t) => ({ input: t.field({ type: UnfreezeInput, required: true }) }),
  resolve: async ({ input }, ctx) => {
    const court = actingCourt(ctx);
    return operate(ctx, court, input.applicationNumber, { op: 'UNFREEZE', court: court.court, unfrozenOn: input.unfrozenOn });
  },
});
