// How a pledge comes to be: the joint application (专利权质押登记办法 art. 7(1): the application form
// both the pledgor and the pledgee sign). The pledgee proposes on the contract, the pledgor confirms
// (or declines) as itself, and only then is the collateral claimed and the registration recorded on
// the ledger, naming both acts. Centre staff record a paper application both parties signed in one
// step, and the registration authority's number and date once it has registered the pledge.
import { GraphQLError } from 'graphql';

import type { Receipt } from '../../ledger/index.js';
import { documentDigest } from '../../ledger/index.js';
import { badInput, failure, forbidden, notFound } from '../../platform/errors.js';
import { today } from '../../platform/hub-calendar.js';
import { idempotencyKey } from '../../platform/idempotency.js';
import { parsePatentNumber } from '../../standards/patent-number.js';
import { requireIdentity, requireRole } from '../common/auth.js';
import { createOnce, idempotencyKeyHelp } from '../common/create-once.js';
import { appendOrFail } from '../common/ledger-append.js';
import { mutationForms } from '../common/payload.js';
import { checkEach, checkInput, optionalText, text } from '../common/validation.js';
import { requireMove, workflowEvent } from '../common/workflow-event.js';
import { actingPledgee, requirePledgee, requirePledgor } from './access.js';
import { assetList, IpAssetInput, oneAsset, ownedAssets, type OwnedFacts } from './assets.js';
import { builder, dateRange, DateRangeInput, positiveFen } from './builder.js';
import type { FinanceContext } from './context.js';
import { assetKey, type AssetRef, type JointApplication, type NewPledge, type PledgeContract, type PledgeRecord } from './domain/model.js';
import {
  acknowledgedRisk,
  nextStates,
  patentRefusal,
  type PledgeState,
  registrationDocument,
  sameMarkLeftOut,
  trademarkRefusal,
} from './domain/pledge-rules.js';
import { pledgeProposed, pledgeRegistered, proposalClosed } from './notices.js';
import { Pledge, PledgeeKindEnum } from './pledges.js';
import { AssetAlreadyPledgedError } from './store/port.js';

const DIGEST = /^[0-9a-f]{64}$/i;

export const ContractInput = builder.inputType('PledgeContractInput', {
  description: 'The signed contract a pledge (or its amendment) is applied for on',
  fields: (t) => ({
    date: t.field({ type: 'Date', required: true, description: 'The day it was signed: not in the future' }),
    digest: t.string({
      required: true,
      description: 'SHA-256 of the signed contract, hex: the ledger entry records it, so the contract can be shown to be the one',
    }),
  }),
});

/** The contract as given: signed by today, its digest a SHA-256 (INVALID_DIGEST otherwise), lower-cased. */
export function pledgeContract(input: { date: string; digest: string } | null | undefined, field: string): PledgeContract {
  if (input === null || input === undefined) throw badInput(`${field} is required: the date and SHA-256 of the signed contract the parties apply on`, field);
  if (input.date > today()) throw badInput(`${field}.date is in the future: the contract is applied on once signed`, `${field}.date`);
  if (!DIGEST.test(input.digest))
    throw failure('INVALID_DIGEST', `${field}.digest must be a SHA-256 digest: 64 hexadecimal characters`, { field: `${field}.digest` });
  return { date: input.date, digest: input.digest.toLowerCase() };
}

const collateralHelp =
  "The assets to pledge: 1 to 20, each once, each registered and the pledgor's, none in an active pledge (ASSET_ALREADY_PLEDGED); every patent pledgeable (PATENT_NOT_PLEDGEABLE says why not), every trademark in force (TRADEMARK_NOT_PLEDGEABLE) and pledged with the pledgor's other registrations of the identical mark in its class (COLLATERAL_INCOMPLETE lists them), every copyright registered";
const acknowledgedHelp =
  'Patents of the collateral (application numbers) under a pending invalidation request that the parties were told of and pledge anyway (专利权质押登记办法, 2021): each is pledged, the risk recorded on the pledge and its ledger entry; without it such a patent is refused (PATENT_NOT_PLEDGEABLE, UNDER_INVALIDATION)';

const RegisterInput = builder.inputType('RegisterPledgeInput', {
  description:
    'A paper application both parties signed, as centre staff record it at the counter: the pledgor, the pledgee, the collateral, the debt it secures and the contract',
  fields: (t) => ({
    pledgorId: t.id({
      required: true,
      description: 'The pledgor: an enterprise registered with the centre, owning every asset of the collateral',
    }),
    pledgee: t.string({ required: true, description: 'The pledgee: the bank or guarantee institution, by its organization name' }),
    pledgeeKind: t.field({ type: PledgeeKindEnum, description: 'What the pledgee is: BANK unless given' }),
    contract: t.field({
      type: ContractInput,
      description: 'The pledge contract (required: a pledge is registered on its contract; optional in the schema only for documents written before it)',
    }),
    collateral: t.field({ type: [IpAssetInput], required: true, description: collateralHelp }),
    acknowledgedInvalidations: t.stringList({ description: acknowledgedHelp }),
    securedAmount: t.field({ type: 'Fen', required: true, description: 'The amount of the secured debt, in fen: more than 0' }),
    term: t.field({ type: DateRangeInput, required: true, description: 'The term of the secured debt' }),
    note: t.string({ description: "A note for the pledge's history, 1 to 2000 characters" }),
    idempotencyKey: t.string({ description: idempotencyKeyHelp('registration') }),
  }),
});

const ProposeInput = builder.inputType('ProposePledgeInput', {
  description: 'A pledge the pledgee proposes on the signed contract, for the pledgor to confirm',
  fields: (t) => ({
    pledgorId: t.id({ required: true, description: 'The pledgor: an enterprise registered with the centre, owning every asset of the collateral' }),
    pledgee: t.string({ description: "The pledgee: omit, or the key's own organization" }),
    contract: t.field({ type: ContractInput, required: true, description: 'The pledge contract both parties signed' }),
    collateral: t.field({ type: [IpAssetInput], required: true, description: `${collateralHelp}: checked now, and again when the pledgor confirms` }),
    acknowledgedInvalidations: t.stringList({ description: `${acknowledgedHelp}. The pledgor acknowledges the same when it confirms` }),
    securedAmount: t.field({ type: 'Fen', required: true, description: 'The amount of the secured debt, in fen: more than 0' }),
    term: t.field({ type: DateRangeInput, required: true, description: 'The term of the secured debt' }),
    note: t.string({ description: "A note for the pledge's history, 1 to 2000 characters" }),
    idempotencyKey: t.string({ description: idempotencyKeyHelp('proposal') }),
  }),
});

const AnswerInput = builder.inputType('AnswerPledgeInput', {
  description: 'A PROPOSED pledge and a note',
  fields: (t) => ({
    pledgeId: t.id({ required: true, description: "The pledge's id" }),
    note: t.string({ description: "A note for the pledge's history and the other party, 1 to 2000 characters" }),
  }),
});

const ConfirmInput = builder.inputType('ConfirmPledgeInput', {
  description: "The pledgor's confirmation of a pledge its pledgee proposed",
  fields: (t) => ({
    pledgeId: t.id({ required: true, description: "The pledge's id: a PROPOSED pledge of the caller's enterprise" }),
    acknowledgedInvalidations: t.stringList({
      description:
        "The pledgor's acknowledgement of the pending invalidation requests the proposal names (acknowledgedRisks): every one of them, or the confirmation is refused (PATENT_NOT_PLEDGEABLE, UNDER_INVALIDATION)",
    }),
    note: t.string({ description: "A note for the pledge's history, 1 to 2000 characters" }),
  }),
});

const AuthorityInput = builder.inputType('RecordPledgeRegistrationInput', {
  description: "The registration authority's record of a pledge (CNIPA's 质押登记号 and date)",
  fields: (t) => ({
    pledgeId: t.id({ required: true, description: "The pledge's id: one that was registered (REGISTERED, or since RELEASED or ENFORCED)" }),
    number: t.string({ required: true, description: "The authority's registration number, 1 to 64 characters, as on its notice" }),
    date: t.field({ type: 'Date', required: true, description: 'The day the authority registered it: not in the future, not before the contract' }),
  }),
});

/** The patents whose pending invalidation the parties acknowledge: canonical numbers, each among the collateral's patents. */
function acknowledgedPatents(given: readonly string[], collateral: readonly AssetRef[]): Set<string> {
  if (given.length > 20) throw badInput('acknowledgedInvalidations lists at most 20 patents, as the collateral does', 'acknowledgedInvalidations');
  const patents = new Set(collateral.filter((a) => a.kind === 'PATENT').map((a) => a.id));
  return new Set(
    checkEach(given, (n, i) => {
      const parsed = parsePatentNumber(n);
      if (!parsed.ok) throw failure('INVALID_PATENT_NUMBER', parsed.message, { field: `acknowledgedInvalidations[${i}]` });
      if (!patents.has(parsed.canonical)) throw badInput(`patent ${parsed.canonical} is not among the collateral`, `acknowledgedInvalidations[${i}]`);
      return parsed.canonical;
    }),
  );
}

/**
 * Every collateral refusal at once, each at its asset's index: patents not pledgeable, trademarks
 * not in force or pledged without their identical marks in the class. The risks acknowledged, for
 * the record.
 */
async function collateralRefusals(facts: OwnedFacts, collateral: readonly AssetRef[], termEnd: string, acknowledged: ReadonlySet<string>) {
  const index = (kind: AssetRef['kind'], id: string) => collateral.findIndex((a) => a.kind === kind && a.id === id);
  const day = today();
  await checkInput({
    patents: () =>
      checkEach(facts.patents, (p) => {
        const refusal = patentRefusal(p, termEnd, acknowledged.has(p.applicationNumber));
        const field = `collateral[${index('PATENT', p.applicationNumber)}]`;
        if (refusal !== undefined)
          throw failure('PATENT_NOT_PLEDGEABLE', refusal.message, { applicationNumber: p.applicationNumber, reason: refusal.reason, field });
      }),
    trademarks: () =>
      checkEach(facts.trademarks, (m) => {
        const field = `collateral[${index('TRADEMARK', m.registrationNumber)}]`;
        const refusal = trademarkRefusal(m, day);
        if (refusal !== undefined)
          throw failure('TRADEMARK_NOT_PLEDGEABLE', refusal.message, { registrationNumber: m.registrationNumber, reason: refusal.reason, field });
        const missing = sameMarkLeftOut(m, collateral);
        if (missing.length > 0) {
          throw failure(
            'COLLATERAL_INCOMPLETE',
            `trademark ${m.registrationNumber} (${m.mark}, class ${m.niceClass}) must be pledged with the pledgor's other registrations of the identical mark in that class: add ${missing.join(', ')}`,
            { registrationNumber: m.registrationNumber, missing, field },
          );
        }
      }),
  });
  return facts.patents.flatMap((p) => (acknowledged.has(p.applicationNumber) ? (acknowledgedRisk(p) ?? []) : []));
}

/** The assets of `input` that parse, skipping the rest. */
const wellFormed = (input: Parameters<typeof assetList>[0]): AssetRef[] =>
  input.flatMap((a) => {
    try {
      return [oneAsset(a, 'collateral')];
    } catch {
      return [];
    }
  });

/**
 * Refuses collateral in an active pledge (ASSET_ALREADY_PLEDGED): at proposal, for an early answer;
 * the pledgor's confirmation claims it, and a pledge registered meanwhile refuses that then.
 */
async function requireUnpledged(ctx: FinanceContext, collateral: readonly AssetRef[]): Promise<void> {
  const keys = collateral.map(assetKey);
  const active = await ctx.loaders.activePledgeOn.loadMany(keys);
  const taken = keys.filter((_, i) => active[i] !== undefined && !(active[i] instanceof Error));
  if (taken.length > 0) throw alreadyPledged(new AssetAlreadyPledgedError(taken));
}

/** A pledge as createOnce compares a retry's input with it: its contract beside it. */
const withContract = (p: PledgeRecord | undefined): (PledgeRecord & { contract?: PledgeContract }) | undefined =>
  p === undefined ? undefined : { ...p, contract: p.application?.contract };

/** The checked terms of a new pledge, as a proposal or a paper application gives them. */
async function pledgeTerms(input: {
  collateral: Parameters<typeof assetList>[0];
  acknowledgedInvalidations?: readonly string[] | null;
  securedAmount: number;
  term: { startDate: string; endDate: string };
  contract?: { date: string; digest: string } | null;
  note?: string | null;
}) {
  return checkInput({
    collateral: () => assetList(input.collateral, 'collateral'),
    // Against the collateral items that parse: a bad one is the collateral check's problem, told once.
    acknowledged: () => acknowledgedPatents(input.acknowledgedInvalidations ?? [], wellFormed(input.collateral)),
    securedAmountFen: () => positiveFen(input.securedAmount, 'securedAmount'),
    term: () => {
      const term = dateRange(input.term, 'term');
      if (term.endDate <= today()) throw badInput('the term has ended already', 'term');
      return term;
    },
    contract: () => pledgeContract(input.contract, 'contract'),
    note: () => optionalText(input.note, 'note', 2000),
  });
}

/**
 * Records a registered pledge on the ledger and makes its registration final. A retry comes here
 * for a pledge an earlier attempt left without its receipt: its entry, when the ledger took it, is
 * found (by the document's digest and the pledge's subject) rather than appended again.
 */
async function finishRegistration(ctx: FinanceContext, pledge: PledgeRecord, actor: string): Promise<PledgeRecord> {
  const document = registrationDocument(pledge);
  const digest = documentDigest(document);
  const subject = `pledge:${pledge.id}`;
  const entry = (await ctx.ledger.findByContentDigest(digest)).find((e) => e.subject === subject);
  const receipt: Receipt =
    entry === undefined
      ? await appendOrFail(ctx.ledger, { kind: 'PLEDGE_REGISTRATION', subject, contentDigest: digest, depositor: actor, metadata: document }, 'pledge')
      : { seq: entry.seq, entryHash: entry.entryHash, timestamp: entry.timestamp };
  const registered: PledgeRecord = { ...pledge, registrationReceipt: receipt };
  await ctx.store.pledges.recordRegistration(pledge.id, receipt, [pledgeRegistered(registered)]);
  return registered;
}

/**
 * Signs a registration the store has claimed the collateral for. Taken back if the ledger refused
 * it; kept when the ledger may yet record it (outcome UNKNOWN), for a retry to find and finish.
 */
async function signRegistration(ctx: FinanceContext, pledge: PledgeRecord, actor: string): Promise<PledgeRecord> {
  try {
    return await finishRegistration(ctx, pledge, actor);
  } catch (err) {
    if (!(err instanceof GraphQLError && err.extensions.outcome === 'UNKNOWN')) await ctx.store.pledges.discard(pledge.id);
    throw err;
  }
}

function alreadyPledged(err: unknown): unknown {
  if (!(err instanceof AssetAlreadyPledgedError)) return err;
  return failure('ASSET_ALREADY_PLEDGED', `${err.assets.join(', ')} ${err.assets.length === 1 ? 'is' : 'are'} in an active pledge already`, {
    assets: err.assets,
  });
}

mutationForms(builder, {
  name: 'registerPledge',
  payload: 'pledgeRegister',
  object: 'pledge',
  type: Pledge,
  description:
    'Centre staff record a paper application both parties signed (专利权质押登记办法 art. 7(1)): the pledge is registered at once and recorded on the ledger as PLEDGE_REGISTRATION. A bank or guarantee institution proposes instead (proposePledge), and the pledgor confirms (confirmPledge)',
  callers: ['CENTER_STAFF', 'BANK'],
  args: (t) => ({ input: t.field({ type: RegisterInput, required: true, description: 'The pledge to register' }) }),
  resolve: async ({ input }, ctx) => {
    const identity = requireIdentity(ctx);
    if (identity.role !== 'CENTER_STAFF') {
      throw forbidden(
        'a pledge is applied for jointly (专利权质押登记办法 art. 7(1)): propose it (proposePledge) and the pledgor confirms it (confirmPledge); registerPledge records a paper application both parties signed, by centre staff',
      );
    }
    const pledgorId = String(input.pledgorId);
    const pledgee = actingPledgee(identity, input.pledgee, input.pledgeeKind, 'pledgee');
    const { collateral, securedAmountFen, term, note, acknowledged, contract } = await pledgeTerms(input);
    const given = { pledgorId, pledgee: pledgee.name, pledgeeKind: pledgee.kind, collateral, securedAmountFen, term, contract };
    return createOnce<PledgeRecord & { contract?: PledgeContract }>(identity, {
      mutation: 'registerPledge',
      what: 'pledge registration',
      key: idempotencyKey(input.idempotencyKey),
      given,
      // A first attempt's pledge still without its receipt (it died before the ledger confirmed) is finished here.
      stored: async (id) => {
        const pledge = await ctx.loaders.pledge.clear(id).load(id);
        return withContract(pledge === undefined || pledge.registrationReceipt !== null ? pledge : await finishRegistration(ctx, pledge, identity.keyId));
      },
      create: async (id) => {
        const facts = await ownedAssets(ctx, pledgorId, 'pledgorId', collateral, 'collateral');
        const acknowledgedRisks = await collateralRefusals(facts, collateral, term.endDate, acknowledged);
        const at = new Date().toISOString();
        const application: JointApplication = { contract, proposedAt: at, proposedBy: identity.keyId, confirmedAt: at, confirmedBy: identity.keyId };
        const record = newPledge(id, given, { application, acknowledgedRisks, state: 'REGISTERED', at });
        let pledge: PledgeRecord;
        try {
          pledge = await ctx.store.pledges.register(record, workflowEvent(identity, at, null, 'REGISTERED', note));
        } catch (err) {
          throw alreadyPledged(err);
        }
        return signRegistration(ctx, pledge, identity.keyId);
      },
    });
  },
});

function newPledge(
  id: string,
  given: Pick<NewPledge, 'pledgorId' | 'pledgee' | 'pledgeeKind' | 'collateral' | 'securedAmountFen' | 'term'>,
  how: { application: JointApplication; acknowledgedRisks: PledgeRecord['acknowledgedRisks']; state: 'PROPOSED' | 'REGISTERED'; at: string },
): NewPledge {
  return {
    id,
    ...given,
    application: how.application,
    authorityRegistration: null,
    pendingAmendment: null,
    amendments: [],
    acknowledgedRisks: how.acknowledgedRisks,
    state: how.state,
    registeredAt: how.at,
    closedAt: null,
    registrationReceipt: null,
    releaseReceipt: null,
    enforcement: null,
  };
}

mutationForms(builder, {
  name: 'proposePledge',
  payload: 'pledgePropose',
  object: 'pledge',
  type: Pledge,
  description:
    'The pledgee (a bank, or a guarantee institution taking a counter-guarantee pledge) proposes a pledge on the signed contract; nothing is pledged until the pledgor confirms it (confirmPledge). The collateral is checked now, and both parties are told (pledge.proposed)',
  callers: ['BANK', 'GUARANTOR'],
  args: (t) => ({ input: t.field({ type: ProposeInput, required: true, description: 'The pledge to propose' }) }),
  resolve: async ({ input }, ctx) => {
    const identity = requireRole(ctx, 'BANK', 'GUARANTOR');
    const pledgorId = String(input.pledgorId);
    const pledgee = actingPledgee(identity, input.pledgee, null, 'pledgee');
    const { collateral, securedAmountFen, term, note, acknowledged, contract } = await pledgeTerms(input);
    const given = { pledgorId, pledgee: pledgee.name, pledgeeKind: pledgee.kind, collateral, securedAmountFen, term, contract };
    return createOnce<PledgeRecord & { contract?: PledgeContract }>(identity, {
      mutation: 'proposePledge',
      what: 'pledge proposal',
      key: idempotencyKey(input.idempotencyKey),
      given,
      stored: async (id) => withContract(await ctx.loaders.pledge.clear(id).load(id)),
      create: async (id) => {
        await requireUnpledged(ctx, collateral);
        const facts = await ownedAssets(ctx, pledgorId, 'pledgorId', collateral, 'collateral');
        const acknowledgedRisks = await collateralRefusals(facts, collateral, term.endDate, acknowledged);
        const at = new Date().toISOString();
        const application: JointApplication = { contract, proposedAt: at, proposedBy: identity.keyId, confirmedAt: null, confirmedBy: null };
        const record = newPledge(id, given, { application, acknowledgedRisks, state: 'PROPOSED', at });
        return ctx.store.pledges.register(record, workflowEvent(identity, at, null, 'PROPOSED', note), (numbered) => [pledgeProposed(numbered)]);
      },
    });
  },
});

/** A pledge the caller may answer: NOT_FOUND, then FORBIDDEN, then INVALID_TRANSITION. */
async function answerable(ctx: FinanceContext, id: string, to: PledgeState, who: 'PLEDGOR' | 'PLEDGEE', action: string) {
  const identity = requireIdentity(ctx);
  const current = await ctx.loaders.pledge.load(id);
  if (current === undefined) throw notFound(`pledge ${id}`);
  if (who === 'PLEDGOR') requirePledgor(identity, current, action);
  else requirePledgee(identity, current, action);
  return { identity, current };
}

mutationForms(builder, {
  name: 'confirmPledge',
  payload: 'pledgeConfirm',
  object: 'pledge',
  type: Pledge,
  description:
    'The pledgor confirms a pledge its pledgee proposed, as itself (its enterprise key or account): the collateral is checked again and claimed, the registration recorded on the ledger as PLEDGE_REGISTRATION naming the proposal and the confirmation, and both parties told (pledge.registered). Asked again after an answer the ledger did not confirm in time, it finishes that registration',
  callers: ['ENTERPRISE'],
  args: (t) => ({ input: t.field({ type: ConfirmInput, required: true, description: 'The proposal to confirm' }) }),
  resolve: async ({ input }, ctx) => {
    const id = String(input.pledgeId);
    const { identity, current } = await answerable(ctx, id, 'REGISTERED', 'PLEDGOR', 'confirm a pledge of its assets');
    // A confirmation the ledger did not confirm in time: found on the ledger, or signed now.
    if (current.state === 'REGISTERED' && current.registrationReceipt === null && current.application?.confirmedBy === identity.keyId) {
      return finishRegistration(ctx, current, identity.keyId);
    }
    requireMove('pledge', current.state, 'REGISTERED', nextStates(current.state));
    const { acknowledged, note } = await checkInput({
      acknowledged: () => {
        const given = acknowledgedPatents(input.acknowledgedInvalidations ?? [], current.collateral);
        const unacknowledged = current.acknowledgedRisks.filter((r) => !given.has(r.asset.id));
        checkEach(unacknowledged, (r) => {
          throw failure(
            'PATENT_NOT_PLEDGEABLE',
            `patent ${r.asset.id} is under an invalidation request of ${r.since}, which the pledgee acknowledged: confirm with it in acknowledgedInvalidations to pledge it under that risk, or decline the proposal`,
            { applicationNumber: r.asset.id, reason: 'UNDER_INVALIDATION', field: 'acknowledgedInvalidations' },
          );
        });
        // Both parties' acknowledgement: a request made since the proposal was acknowledged by the pledgor alone.
        return new Set(current.acknowledgedRisks.map((r) => r.asset.id));
      },
      note: () => optionalText(input.note, 'note', 2000),
    });
    const facts = await ownedAssets(ctx, current.pledgorId, 'pledgeId', current.collateral, 'collateral');
    await collateralRefusals(facts, current.collateral, current.term.endDate, acknowledged);
    const at = new Date().toISOString();
    let confirmed: PledgeRecord | undefined;
    try {
      confirmed = await ctx.store.pledges.confirm(id, { at, by: identity.keyId }, workflowEvent(identity, at, 'PROPOSED', 'REGISTERED', note));
    } catch (err) {
      throw alreadyPledged(err);
    }
    if (confirmed === undefined) throw failure('CONFLICT', `pledge ${id} was answered by someone else meanwhile; reload it`);
    return signRegistration(ctx, confirmed, identity.keyId);
  },
});

/** Closes a proposal without a pledge: the pledgor declines it, or the pledgee withdraws it. */
async function closeProposal(ctx: FinanceContext, input: { pledgeId: string | number; note?: string | null }, to: 'DECLINED' | 'WITHDRAWN') {
  const id = String(input.pledgeId);
  const { identity, current } =
    to === 'DECLINED'
      ? await answerable(ctx, id, to, 'PLEDGOR', 'decline a pledge proposed to it')
      : await answerable(ctx, id, to, 'PLEDGEE', 'withdraw a pledge it proposed');
  requireMove('pledge', current.state, to, nextStates(current.state));
  const note = optionalText(input.note, 'note', 2000);
  const at = new Date().toISOString();
  const closed = { ...current, state: to, closedAt: at, updatedAt: at > current.updatedAt ? at : current.updatedAt };
  if (!(await ctx.store.pledges.answerProposal(id, workflowEvent(identity, at, 'PROPOSED', to, note), [proposalClosed(closed, note)]))) {
    throw failure('CONFLICT', `pledge ${id} was answered by someone else meanwhile; reload it`);
  }
  return closed;
}

mutationForms(builder, {
  name: 'declinePledge',
  payload: 'pledgeDecline',
  object: 'pledge',
  type: Pledge,
  description: 'The pledgor declines a pledge its pledgee proposed: DECLINED, nothing pledged; both parties are told (pledge.declined)',
  callers: ['ENTERPRISE'],
  args: (t) => ({ input: t.field({ type: AnswerInput, required: true, description: 'The proposal to decline' }) }),
  resolve: ({ input }, ctx) => closeProposal(ctx, input, 'DECLINED'),
});

mutationForms(builder, {
  name: 'withdrawPledge',
  payload: 'pledgeWithdraw',
  object: 'pledge',
  type: Pledge,
  description:
    'The pledgee (or centre staff) withdraws a proposal the pledgor has not answered: WITHDRAWN, nothing pledged; both parties are told (pledge.withdrawn)',
  callers: ['CENTER_STAFF', 'BANK', 'GUARANTOR'],
  args: (t) => ({ input: t.field({ type: AnswerInput, required: true, description: 'The proposal to withdraw' }) }),
  resolve: ({ input }, ctx) => closeProposal(ctx, input, 'WITHDRAWN'),
});

mutationForms(builder, {
  name: 'recordPledgeRegistration',
  payload: 'pledgeRegistrationRecord',
  object: 'pledge',
  type: Pledge,
  description:
    "Centre staff record the registration authority's number and date for a registered pledge (民法典 art. 444: the pledge exists from its registration), once; the pledge's history records it",
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: AuthorityInput, required: true, description: "The authority's record" }) }),
  resolve: async ({ input }, ctx) => {
    const staff = requireRole(ctx, 'CENTER_STAFF');
    const id = String(input.pledgeId);
    const current = await ctx.loaders.pledge.load(id);
    if (current === undefined) throw notFound(`pledge ${id}`);
    const { number, date } = await checkInput({
      number: () => text(input.number, 'number', 64),
      date: () => {
        if (input.date > today()) throw badInput('date is in the future: record the registration once the authority has made it', 'date');
        const signed = current.application?.contract.date;
        if (signed !== undefined && input.date < signed) throw badInput(`date is before the contract was signed, on ${signed}`, 'date');
        return input.date;
      },
    });
    const at = new Date().toISOString();
    const registration = { number, date, recordedAt: at, recordedBy: staff.keyId };
    const outcome = await ctx.store.pledges.recordAuthorityRegistration(
      id,
      registration,
      workflowEvent(staff, at, current.state, current.state, `registered by the authority on ${date} under ${number}`),
    );
    switch (outcome) {
      case 'NOT_FOUND':
        throw notFound(`pledge ${id}`);
      case 'NOT_REGISTERED':
        throw failure('INVALID_TRANSITION', `pledge ${id} is ${current.state}: only a pledge that was registered has an authority's registration`, {
          from: current.state,
        });
      case 'RECORDED_ALREADY':
        throw failure('CONFLICT', `pledge ${id} has its authority's registration recorded already`, { field: 'pledgeId' });
      case 'RECORDED':
        ctx.loaders.pledgeEventsOf.clear(id);
        return (await ctx.loaders.pledge.clear(id).load(id)) ?? current;
    }
  },
});
