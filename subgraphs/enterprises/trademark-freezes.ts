// A court's preservation of a registered trademark (注册商标专用权的财产保全, 冻结): 最高人民法院关于人民
// 法院对注册商标权进行财产保全的解释 (法释〔2001〕1号, amended by 法释〔2020〕19号). The court notifies the
// Trademark Office (art. 1), the preservation holds at most one year at a time from the Office's
// receipt of the notice and is continued by a new notice before it ends, else lifted by itself
// (art. 2), and a preserved mark is not preserved again (art. 3). The same shape as a patent's
// freezes (lifecycle-mutations.ts) and the same domain steps (domain/freezes.ts), under a
// trademark's law. A frozen trademark is not transferred, licensed or pledged (rights.ts, finance).
import { badInput, conflict, failure } from '../../platform/errors.js';
import { today } from '../../platform/hub-calendar.js';
import { mutationForms } from '../common/payload.js';
import { checkInput, text } from '../common/validation.js';
import { builder, Trademark } from './builder.js';
import type { EnterprisesContext } from './context.js';
import { applyFreezeOperation, freezeEnd, type FreezeOperation, TRADEMARK_FREEZES } from './domain/freezes.js';
import type { PatentFreeze, Stored, TrademarkRecord } from './domain/model.js';
import { trademarkOn } from './domain/standing.js';
import { actingCourt } from './lifecycle-mutations.js';

const LAW = '最高人民法院关于人民法院对注册商标权进行财产保全的解释';
const REGISTRATION_NUMBER = 'The registration number (注册号) of the mark; spaces around it are ignored';
const OWN_COURT = "; the court is the one the caller's COURT key acts for";

/** A trademark as it stands today: a preservation past its term lifted by itself (art. 2). */
export const trademarkStanding = <T extends TrademarkRecord>(m: T): T => trademarkOn(m, today());

const Freeze = builder.objectRef<PatentFreeze>('TrademarkFreeze').implement({
  description: `A court's preservation of a registered trademark (${LAW}): while it holds the mark is not transferred, licensed or pledged`,
  fields: (t) => ({
    court: t.exposeString('court', { description: 'The court that preserved it, as its COURT key names it' }),
    orderNumber: t.exposeString('orderNumber', { description: "The court's order, e.g. (2026)粤03执保1号" }),
    frozenOn: t.field({
      type: 'Date',
      description: 'The day it took effect: the day the Trademark Office received the notice of assistance (art. 2)',
      resolve: (f) => f.frozenOn,
    }),
    endsOn: t.field({
      type: 'Date',
      description: 'The first day it no longer holds unless the court continues it before (at most one year on: art. 2); from that day it is lifted by itself',
      resolve: (f) => freezeEnd(f, TRADEMARK_FREEZES),
    }),
  }),
});

builder.objectFields(Trademark, (t) => ({
  freeze: t.field({
    type: Freeze,
    nullable: true,
    description: `The court's preservation holding today (${LAW}); null when none. A frozen mark is not transferred, licensed (ASSET_FROZEN) or pledged`,
    resolve: (m) => trademarkStanding(m).freeze ?? null,
  }),
}));

/** The trademark an input's registrationNumber names, as it stands today: NOT_FOUND there otherwise. */
async function storedTrademark(ctx: EnterprisesContext, registrationNumber: string): Promise<Stored<TrademarkRecord>> {
  const number = registrationNumber.trim();
  const found = await ctx.loaders.trademark.load(number);
  if (found === undefined) throw failure('NOT_FOUND', `trademark ${number} does not exist`, { field: 'registrationNumber' });
  return trademarkStanding(found);
}

/** Applies a court's act to a trademark's freeze and stores it with its event: the step's refusal, or CONFLICT when another change came first. */
async function operate(
  ctx: EnterprisesContext,
  court: { keyId: string; role: string },
  before: Stored<TrademarkRecord>,
  operation: FreezeOperation,
): Promise<Stored<TrademarkRecord>> {
  const number = before.registrationNumber;
  const step = applyFreezeOperation({ freeze: before.freeze ?? null, waitingFreezes: [] }, operation, TRADEMARK_FREEZES, `trademark ${number}`, today());
  if (!step.ok) {
    const { code, message, field, holding } = step;
    throw failure(code, message, {
      registrationNumber: number,
      ...(field === undefined ? {} : { field }),
      ...(holding === undefined ? {} : { court: holding.court, orderNumber: holding.orderNumber }),
    });
  }
  const after: TrademarkRecord = { ...before, freeze: step.freezes.freeze };
  const event = { at: new Date().toISOString(), actor: court.keyId, role: court.role, type: step.event, details: step.details };
  if (!(await ctx.store.trademarks.update(before, after, event))) {
    throw conflict(`trademark ${number} was changed by someone else meanwhile; reload it and try again`);
  }
  // As the store wrote it: its updatedAt never goes back.
  const stored = { ...after, version: before.version + 1, updatedAt: event.at > before.updatedAt ? event.at : before.updatedAt };
  ctx.loaders.trademark.clear(number).prime(number, stored);
  return stored;
}

const FreezeInput = builder.inputType('FreezeTrademarkInput', {
  description: `What freezeTrademark takes: a court's preservation order on a registered trademark (${LAW})${OWN_COURT}`,
  fields: (t) => ({
    registrationNumber: t.string({ required: true, description: REGISTRATION_NUMBER }),
    orderNumber: t.string({ required: true, description: "The court's preservation order (its ruling's number), e.g. (2026)粤03执保1号" }),
    frozenOn: t.field({
      type: 'Date',
      required: true,
      description: 'The day the Trademark Office received the notice of assistance (art. 2: the term runs from it), from the registration date to today',
    }),
    endsOn: t.field({ type: 'Date', description: 'The first day it no longer holds: at most one year on (art. 2; the default)' }),
  }),
});
const RenewInput = builder.inputType('RenewTrademarkFreezeInput', {
  description: `What renewTrademarkFreeze takes: the court's new notice continuing its preservation before it ends (${LAW} art. 2)${OWN_COURT}`,
  fields: (t) => ({
    registrationNumber: t.string({ required: true, description: REGISTRATION_NUMBER }),
    endsOn: t.field({ type: 'Date', required: true, description: "The continued preservation's end: after the present one's, at most one year after it" }),
  }),
});
const UnfreezeInput = builder.inputType('UnfreezeTrademarkInput', {
  description: `What unfreezeTrademark takes: the court's preservation lifted (解除保全)${OWN_COURT}`,
  fields: (t) => ({
    registrationNumber: t.string({ required: true, description: REGISTRATION_NUMBER }),
    unfrozenOn: t.field({ type: 'Date', required: true, description: "The day it was lifted, from the preservation's date to today" }),
  }),
});

mutationForms(builder, {
  name: 'freezeTrademark',
  payload: 'trademarkFreeze',
  object: 'trademark',
  type: Trademark,
  description: `A court preserves (freezes) a registered trademark in force under its order, for at most one year (${LAW} art. 2); a mark preserved already by any court is not preserved again (art. 3: CONFLICT naming the order that holds)`,
  callers: ['COURT'],
  args: (t) => ({ input: t.field({ type: FreezeInput, required: true, description: 'The preservation to record' }) }),
  resolve: async ({ input }, ctx) => {
    const court = actingCourt(ctx);
    const { before, orderNumber } = await checkInput({
      before: () => storedTrademark(ctx, input.registrationNumber),
      orderNumber: () => text(input.orderNumber, 'orderNumber', 100),
    });
    const day = today();
    if (before.expiryDate < day) {
      throw failure('INVALID_TRANSITION', `trademark ${before.registrationNumber} ended on ${before.expiryDate}: only a registration in force is preserved`, {
        expiryDate: before.expiryDate,
      });
    }
    if (input.frozenOn < before.registrationDate || input.frozenOn > day) {
      throw badInput(`frozenOn must be between the registration date ${before.registrationDate} and today`, 'frozenOn');
    }
    return operate(ctx, court, before, { op: 'FREEZE', court: court.court, orderNumber, frozenOn: input.frozenOn, endsOn: input.endsOn ?? null });
  },
});

mutationForms(builder, {
  name: 'renewTrademarkFreeze',
  payload: 'trademarkFreezeRenew',
  object: 'trademark',
  type: Trademark,
  description: `The court whose preservation holds continues it before it ends (续行), for at most one more year (${LAW} art. 2); one that ended was lifted by itself and is not renewed (INVALID_TRANSITION)`,
  callers: ['COURT'],
  args: (t) => ({ input: t.field({ type: RenewInput, required: true, description: "The preservation's new end" }) }),
  resolve: async ({ input }, ctx) => {
    const court = actingCourt(ctx);
    return operate(ctx, court, await storedTrademark(ctx, input.registrationNumber), { op: 'RENEW_FREEZE', court: court.court, endsOn: input.endsOn });
  },
});

mutationForms(builder, {
  name: 'unfreezeTrademark',
  payload: 'trademarkUnfreeze',
  object: 'trademark',
  type: Trademark,
  description: 'The court that preserved a trademark lifts its preservation (解除保全)',
  callers: ['COURT'],
  args: (t) => ({ input: t.field({ type: UnfreezeInput, required: true, description: 'The preservation to lift' }) }),
  resolve: async ({ input }, ctx) => {
    const court = actingCourt(ctx);
    return operate(ctx, court, await storedTrademark(ctx, input.registrationNumber), { op: 'UNFREEZE', court: court.court, unfrozenOn: input.unfrozenOn });
  },
});
