// A patent's lifecycle over GraphQL: grant, annual fees, lapse and restoration, invalidation, a
// court's freeze.
import { conflict, failure, notFound } from '../../platform/errors.js';
import { today } from '../../platform/hub-calendar.js';
import { requireRole } from '../common/auth.js';
import { text } from '../common/validation.js';
import { builder, canonicalPatentNumber, Patent } from './builder.js';
import type { EnterprisesContext } from './context.js';
import { applyPatentOperation, type PatentOperation } from './domain/lifecycle.js';
import { INVALIDATION_DECISIONS, type PatentFreeze, type PatentInvalidation, type PatentRecord } from './store/port.js';

const Decision = builder.enumType('InvalidationDecision', {
  description: 'The decision on a request for invalidation (无效宣告): the patent maintained, maintained in part, or invalid from the start',
  values: INVALIDATION_DECISIONS,
});

const Freeze = builder.objectRef<PatentFreeze>('PatentFreeze').implement({
  description: "A court's preservation order: a frozen patent is not transferred, licensed or pledged",
  fields: (t) => ({
    court: t.exposeString('court'),
    orderNumber: t.exposeString('orderNumber', { description: "The court's order, e.g. (2026)京73执保1号" }),
    frozenOn: t.field({ type: 'Date', resolve: (f) => f.frozenOn }),
  }),
});

const Invalidation = builder.objectRef<PatentInvalidation>('PatentInvalidation').implement({
  description: 'The latest request to invalidate the patent',
  fields: (t) => ({
    requestedOn: t.field({ type: 'Date', resolve: (i) => i.requestedOn }),
    requester: t.exposeString('requester'),
    pending: t.boolean({ description: 'Not decided yet: the patent is not pledgeable meanwhile', resolve: (i) => i.decision === null }),
    decision: t.field({ type: Decision, nullable: true, resolve: (i) => i.decision }),
    decidedOn: t.field({ type: 'Date', nullable: true, resolve: (i) => i.decidedOn }),
  }),
});

builder.objectFields(Patent, (t) => ({
  grantPublicationNumber: t.exposeString('grantPublicationNumber', { nullable: true, description: "The grant's announcement number (授权公告号)" }),
  lapsedOn: t.field({ type: 'Date', nullable: true, description: 'For a LAPSED patent: the missed due date it lapsed from', resolve: (p) => p.lapsedOn }),
  freeze: t.field({ type: Freeze, nullable: true, resolve: (p) => p.freeze }),
  invalidation: t.field({ type: Invalidation, nullable: true, resolve: (p) => p.invalidation }),
}));

/**
 * Applies one lifecycle step to a patent and stores it with its event: NOT_FOUND, the step's
 * refusal, or CONFLICT when another change came first.
 */
async function operate(
  ctx: EnterprisesContext,
  applicationNumber: string,
  operation: PatentOperation,
  actor: { keyId: string; role: string },
): Promise<PatentRecord> {
  const number = canonicalPatentNumber(applicationNumber);
  const before = await ctx.loaders.patent.load(number);
  if (before === undefined) throw notFound(`patent ${number}`);
  const step = applyPatentOperation(before, operation, today());
  if (!step.ok) throw failure(step.code, step.message, { applicationNumber: number, ...(step.field === undefined ? {} : { field: step.field }) });
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
const NumberInput = builder.inputType('PatentNumberInput', { fields: (t) => ({ applicationNumber: t.string({ required: true }) }) });
const RestoreInput = builder.inputType('RestorePatentInput', {
  fields: (t) => ({ applicationNumber: t.string({ required: true }), restoredOn: t.field({ type: 'Date', required: true }) }),
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
const FreezeInput = builder.inputType('FreezePatentInput', {
  fields: (t) => ({
    applicationNumber: t.string({ required: true }),
    orderNumber: t.string({ required: true, description: "The court's preservation order" }),
    frozenOn: t.field({ type: 'Date', required: true }),
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

builder.mutationFields((t) => ({
  grantPatent: t.field({
    type: Patent,
    description: 'Centre staff record the grant of a PENDING application; the fees up to the year of grant count as paid with it',
    args: { input: t.arg({ type: GrantInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      operate(
        ctx,
        input.applicationNumber,
        { op: 'GRANT', grantDate: input.grantDate, grantPublicationNumber: input.grantPublicationNumber },
        requireRole(ctx, 'CENTER_STAFF'),
      ),
  }),
  payAnnualFee: t.field({
    type: Patent,
    description: "Centre staff record an annual fee paid, on time or in its grace period (the surcharge goes in the history); the fee's warnings clear",
    args: { input: t.arg({ type: PayInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      operate(ctx, input.applicationNumber, { op: 'PAY_ANNUAL_FEE', year: input.year, paidOn: input.paidOn }, requireRole(ctx, 'CENTER_STAFF')),
  }),
  recordPatentLapse: t.field({
    type: Patent,
    description: 'Centre staff record that a GRANTED patent lapsed: a fee unpaid when its grace period ended. It lapses from the missed due date',
    args: { input: t.arg({ type: NumberInput, required: true }) },
    resolve: (_root, { input }, ctx) => operate(ctx, input.applicationNumber, { op: 'LAPSE' }, requireRole(ctx, 'CENTER_STAFF')),
  }),
  restorePatent: t.field({
    type: Patent,
    description: 'Centre staff record the restoration of a LAPSED patent (within two years of its grace period), its missed fees paid',
    args: { input: t.arg({ type: RestoreInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      operate(ctx, input.applicationNumber, { op: 'RESTORE', restoredOn: input.restoredOn }, requireRole(ctx, 'CENTER_STAFF')),
  }),
  requestInvalidation: t.field({
    type: Patent,
    description: 'Centre staff record a request to invalidate a GRANTED patent; it is not pledgeable until decided',
    args: { input: t.arg({ type: RequestInvalidationInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      operate(
        ctx,
        input.applicationNumber,
        { op: 'REQUEST_INVALIDATION', requestedOn: input.requestedOn, requester: text(input.requester, 'requester', 200) },
        requireRole(ctx, 'CENTER_STAFF'),
      ),
  }),
  decideInvalidation: t.field({
    type: Patent,
    description: 'Centre staff record the decision on the pending invalidation request; INVALIDATED ends the patent',
    args: { input: t.arg({ type: DecideInvalidationInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      operate(
        ctx,
        input.applicationNumber,
        { op: 'DECIDE_INVALIDATION', decision: input.decision, decidedOn: input.decidedOn },
        requireRole(ctx, 'CENTER_STAFF'),
      ),
  }),
  freezePatent: t.field({
    type: Patent,
    description: 'A court freezes a patent or application under its preservation order',
    args: { input: t.arg({ type: FreezeInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      const court = actingCourt(ctx);
      const orderNumber = text(input.orderNumber, 'orderNumber', 100);
      return operate(ctx, input.applicationNumber, { op: 'FREEZE', court: court.court, orderNumber, frozenOn: input.frozenOn }, court);
    },
  }),
  unfreezePatent: t.field({
    type: Patent,
    description: 'The court that froze a patent lifts its freeze',
    args: { input: t.arg({ type: UnfreezeInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      const court = actingCourt(ctx);
      return operate(ctx, input.applicationNumber, { op: 'UNFREEZE', court: court.court, unfrozenOn: input.unfrozenOn }, court);
    },
  }),
}));
