// Amending a registered pledge (变更登记): the secured amount or the term's end, on an amendment
// agreement (变更协议) both parties signed. A joint act like the registration: the pledgee proposes,
// the pledgor confirms as itself, and the change is signed on the ledger (PLEDGE_AMENDMENT) under a
// claim on the pledge, so that it never races a release into two contradicting entries.
import { GraphQLError } from 'graphql';

import { documentDigest } from '../../ledger/index.js';
import { badInput, failure, notFound } from '../../platform/errors.js';
import { today } from '../../platform/hub-calendar.js';
import { requireIdentity } from '../common/auth.js';
import { appendOrFail } from '../common/ledger-append.js';
import { mutationForms } from '../common/payload.js';
import { checkInput, optionalText } from '../common/validation.js';
import { workflowEvent } from '../common/workflow-event.js';
import { requirePledgee, requirePledgor } from './access.js';
import { ownedAssets } from './assets.js';
import { builder, positiveFen } from './builder.js';
import type { FinanceContext } from './context.js';
import type { AmendmentChanges, PendingAmendment, PledgeRecord } from './domain/model.js';
import { MAX_AMENDMENTS } from './domain/model.js';
import { amendmentDocument, patentRefusal } from './domain/pledge-rules.js';
import { amendmentNotice } from './notices.js';
import { ContractInput, pledgeContract } from './pledge-applications.js';
import { applyAmendment, claimClosing } from './pledge-claims.js';
import { Pledge } from './pledges.js';
import type { AmendmentOutcome } from './store/port.js';

const ProposeInput = builder.inputType('ProposePledgeAmendmentInput', {
  description: "The pledgee's proposed change of a REGISTERED pledge: its secured amount, its term's end, or both",
  fields: (t) => ({
    pledgeId: t.id({ required: true, description: "The pledge's id: a REGISTERED pledge the caller is pledgee of (centre staff: any)" }),
    securedAmount: t.field({ type: 'Fen', description: 'The new secured amount, in fen: more than 0; omitted, unchanged' }),
    termEndDate: t.field({
      type: 'Date',
      description: "The term's new last day: after today and its first day, and before every pledged patent's protection ends; omitted, unchanged",
    }),
    contract: t.field({ type: ContractInput, required: true, description: 'The amendment agreement (变更协议) both parties signed' }),
    note: t.string({ description: "A note for the pledge's history, 1 to 2000 characters" }),
  }),
});

const AnswerInput = builder.inputType('AnswerPledgeAmendmentInput', {
  description: "A pledge's pending amendment and a note",
  fields: (t) => ({
    pledgeId: t.id({ required: true, description: "The pledge's id" }),
    note: t.string({ description: "A note for the pledge's history, 1 to 2000 characters" }),
  }),
});

/** A pledge with the caller as the party that may act on its amendment: NOT_FOUND, then FORBIDDEN. */
async function pledgeFor(ctx: FinanceContext, id: string, who: 'PLEDGOR' | 'PLEDGEE' | 'EITHER', action: string) {
  const identity = requireIdentity(ctx);
  const current = await ctx.loaders.pledge.load(id);
  if (current === undefined) throw notFound(`pledge ${id}`);
  if (who === 'PLEDGOR' || (who === 'EITHER' && identity.role === 'ENTERPRISE')) requirePledgor(identity, current, action);
  else requirePledgee(identity, current, action);
  return { identity, current };
}

function requireRegistered(p: PledgeRecord): void {
  if (p.state !== 'REGISTERED' || p.registrationReceipt === null) {
    throw failure('INVALID_TRANSITION', `pledge ${p.id} is ${p.state}: only a registered pledge in force is amended`, { from: p.state });
  }
}

/** Refuses a term the pledged patents' protection does not outlast (专利权质押登记办法: the debt ends within the protection). */
async function requireTermWithinProtection(ctx: FinanceContext, p: PledgeRecord, endDate: string): Promise<void> {
  const patents = p.collateral.filter((a) => a.kind === 'PATENT');
  if (patents.length === 0) return;
  const facts = await ownedAssets(ctx, p.pledgorId, 'pledgeId', patents, 'termEndDate');
  for (const patent of facts.patents) {
    const refusal = patentRefusal(patent, endDate, true);
    if (refusal?.reason === 'TERM_BEYOND_PROTECTION') {
      throw failure('PATENT_NOT_PLEDGEABLE', refusal.message, { applicationNumber: patent.applicationNumber, reason: refusal.reason, field: 'termEndDate' });
    }
  }
}

function refusedAmendment(outcome: Exclude<AmendmentOutcome, 'RECORDED'>, id: string): GraphQLError {
  switch (outcome) {
    case 'NOT_FOUND':
      return notFound(`pledge ${id}`);
    case 'NOT_REGISTERED':
      return failure('CONFLICT', `pledge ${id} was closed meanwhile; reload it`);
    case 'PENDING':
      return failure(
        'CONFLICT',
        `pledge ${id} has an amendment pending already: the pledgor answers it, or the pledgee withdraws it (declinePledgeAmendment), first`,
      );
    case 'TOO_MANY':
      return badInput(`pledge ${id} has been amended ${MAX_AMENDMENTS} times, the most one pledge keeps: register a new pledge`, 'pledgeId');
  }
}

mutationForms(builder, {
  name: 'proposePledgeAmendment',
  payload: 'pledgeAmendmentPropose',
  object: 'pledge',
  type: Pledge,
  description:
    "The pledgee (or centre staff) proposes to change a registered pledge's secured amount or term on a signed amendment agreement; nothing changes until the pledgor confirms it (confirmPledgeAmendment). Both parties are told (pledge.amendment.proposed)",
  callers: ['CENTER_STAFF', 'BANK', 'GUARANTOR'],
  args: (t) => ({ input: t.field({ type: ProposeInput, required: true, description: 'The amendment to propose' }) }),
  resolve: async ({ input }, ctx) => {
    const id = String(input.pledgeId);
    const { identity, current } = await pledgeFor(ctx, id, 'PLEDGEE', 'propose an amendment of a pledge');
    requireRegistered(current);
    const { changes, contract, note } = await checkInput({
      changes: async (): Promise<AmendmentChanges> => {
        const securedAmountFen = input.securedAmount == null ? undefined : positiveFen(input.securedAmount, 'securedAmount');
        const endDate = input.termEndDate ?? undefined;
        if (endDate !== undefined) {
          if (endDate <= today()) throw badInput('termEndDate has passed already: the term must end after today', 'termEndDate');
          if (endDate <= current.term.startDate) throw badInput(`termEndDate must be after the term's first day, ${current.term.startDate}`, 'termEndDate');
          await requireTermWithinProtection(ctx, current, endDate);
        }
        const amountChanges = securedAmountFen !== undefined && securedAmountFen !== current.securedAmountFen;
        const termChanges = endDate !== undefined && endDate !== current.term.endDate;
        if (!amountChanges && !termChanges) throw badInput('the amendment changes nothing: give a new securedAmount or termEndDate', 'securedAmount');
        return {
          ...(amountChanges ? { securedAmountFen } : {}),
          ...(termChanges ? { term: { startDate: current.term.startDate, endDate: endDate } } : {}),
        };
      },
      contract: () => pledgeContract(input.contract, 'contract'),
      note: () => optionalText(input.note, 'note', 2000),
    });
    const at = new Date().toISOString();
    const pending: PendingAmendment = { changes, contract, proposedAt: at, proposedBy: identity.keyId };
    const event = workflowEvent(identity, at, 'REGISTERED', 'REGISTERED', note ?? 'amendment proposed');
    const outcome = await ctx.store.pledges.proposeAmendment(id, pending, event, [amendmentNotice('pledge.amendment.proposed', current, pending, at)]);
    if (outcome !== 'RECORDED') throw refusedAmendment(outcome, id);
    ctx.loaders.pledgeEventsOf.clear(id);
    return (await ctx.loaders.pledge.clear(id).load(id)) ?? current;
  },
});

mutationForms(builder, {
  name: 'confirmPledgeAmendment',
  payload: 'pledgeAmendmentConfirm',
  object: 'pledge',
  type: Pledge,
  description:
    'The pledgor confirms, as itself, the amendment its pledgee proposed: the pledge is claimed, the change recorded on the ledger as PLEDGE_AMENDMENT (naming the agreement and both acts) and applied, and both parties are told (pledge.amended)',
  callers: ['ENTERPRISE'],
  args: (t) => ({ input: t.field({ type: AnswerInput, required: true, description: 'The amendment to confirm' }) }),
  resolve: async ({ input }, ctx) => {
    const id = String(input.pledgeId);
    const { identity, current } = await pledgeFor(ctx, id, 'PLEDGOR', 'confirm an amendment of its pledge');
    requireRegistered(current);
    const pending = current.pendingAmendment;
    if (pending === null) throw failure('INVALID_TRANSITION', `pledge ${id} has no amendment pending: the pledgee proposes one first`, { from: current.state });
    const note = optionalText(input.note, 'note', 2000);
    // The protection may have been cut short since the proposal (a decided invalidation, a lapse).
    if (pending.changes.term !== undefined) await requireTermWithinProtection(ctx, current, pending.changes.term.endDate);
    const at = new Date().toISOString();
    const document = amendmentDocument(current, pending, identity.keyId, at);
    const contentDigest = documentDigest(document);
    const event = workflowEvent(identity, at, 'REGISTERED', 'REGISTERED', note ?? 'amendment confirmed');
    const claimed = await claimClosing(ctx, current, contentDigest, event);
    if ('finished' in claimed) return claimed.finished;
    let receipt;
    try {
      receipt = await appendOrFail(
        ctx.ledger,
        { kind: 'PLEDGE_AMENDMENT', subject: `pledge:${id}`, contentDigest, depositor: identity.keyId, metadata: document },
        'amendment',
      );
    } catch (err) {
      // Kept when the entry may yet be recorded: a later request finds it by its digest and finishes it.
      if (!(err instanceof GraphQLError && err.extensions.outcome === 'UNKNOWN')) await ctx.store.pledges.dropClaim(id, claimed.token);
      throw err;
    }
    return applyAmendment(ctx, current, event, receipt, claimed.token);
  },
});

mutationForms(builder, {
  name: 'declinePledgeAmendment',
  payload: 'pledgeAmendmentDecline',
  object: 'pledge',
  type: Pledge,
  description:
    'The pledgor declines the pending amendment, or the pledgee (or centre staff) withdraws it: nothing changes, and both parties are told (pledge.amendment.dropped)',
  callers: ['CENTER_STAFF', 'ENTERPRISE', 'BANK', 'GUARANTOR'],
  args: (t) => ({ input: t.field({ type: AnswerInput, required: true, description: 'The amendment to decline or withdraw' }) }),
  resolve: async ({ input }, ctx) => {
    const id = String(input.pledgeId);
    const { identity, current } = await pledgeFor(ctx, id, 'EITHER', 'decline or withdraw an amendment of a pledge');
    const pending = current.pendingAmendment;
    if (pending === null) throw failure('INVALID_TRANSITION', `pledge ${id} has no amendment pending`, { from: current.state });
    const note = optionalText(input.note, 'note', 2000);
    const at = new Date().toISOString();
    const what = identity.role === 'ENTERPRISE' ? 'amendment declined' : 'amendment withdrawn';
    const event = workflowEvent(identity, at, 'REGISTERED', 'REGISTERED', note === null ? what : `${what}: ${note}`);
    if (!(await ctx.store.pledges.dropAmendment(id, event, [amendmentNotice('pledge.amendment.dropped', current, pending, at)]))) {
      throw failure('CONFLICT', `pledge ${id}'s amendment was answered by someone else meanwhile; reload it`);
    }
    ctx.loaders.pledgeEventsOf.clear(id);
    return (await ctx.loaders.pledge.clear(id).load(id)) ?? current;
  },
});
