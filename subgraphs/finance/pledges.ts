// Pledges of IP to banks: registration (claimed in the store, then recorded on the ledger),
// release (on the ledger too) and enforcement with its risk-compensation split.

import { randomUUID } from 'node:crypto';

import { GraphQLError } from 'graphql';

import type { Receipt } from '../../ledger/index.js';
import { documentDigest } from '../../ledger/index.js';
import { badInput, failure, notFound } from '../../platform/errors.js';
import { today } from '../../platform/hub-calendar.js';
import { idempotencyKey } from '../../platform/idempotency.js';
import type { Identity } from '../../platform/identity.js';
import { parsePatentNumber } from '../../standards/patent-number.js';
import { requireIdentity, requireRole } from '../common/auth.js';
import { calledBy } from '../common/callers.js';
import { createOnce, idempotencyKeyHelp } from '../common/create-once.js';
import { appendOrFail } from '../common/ledger-append.js';
import { DEFAULT_MONTHS, MAX_MONTHS, monthsArg, monthsFrom } from '../common/months.js';
import { mutationForms } from '../common/payload.js';
import { connectionType, describedValues, pageArgDescriptions, workflowEventType } from '../common/shared-types.js';
import { syncArgDescriptions } from '../common/sync.js';
import { checkEach, checkInput, optionalText } from '../common/validation.js';
import { requireMove, workflowEvent } from '../common/workflow-event.js';
import { actingOrganization, pledgeAccess, requirePledgee } from './access.js';
import { assetList, IpAsset, IpAssetInput, ownedAssets, type OwnedFacts } from './assets.js';
import {
  builder,
  DataAsset,
  DateRange,
  dateRange,
  DateRangeInput,
  Enterprise,
  LedgerReceipt,
  ListOrder,
  Organization,
  PageInfo,
  Patent,
  positiveFen,
  Role,
} from './builder.js';
import type { FinanceContext } from './context.js';
import {
  type AcknowledgedRisk,
  ASSET_KIND_MEANINGS,
  type AssetRef,
  type Enforcement,
  ENFORCEMENT_METHOD_MEANINGS,
  ENFORCEMENT_METHODS,
  type NewPledge,
  type PledgeEvent,
  type PledgeRecord,
} from './domain/model.js';
import {
  acknowledgedRisk,
  COLLATERAL_KINDS,
  type CollateralKind,
  nextStates,
  patentRefusal,
  PLEDGE_STATE_MEANINGS,
  PLEDGE_STATES,
  type PledgeState,
  registrationDocument,
  releaseDocument,
  sameMarkLeftOut,
  trademarkRefusal,
} from './domain/pledge-rules.js';
import { DEFAULT_RISK_SHARES, RISK_PARTIES, RISK_PARTY_MEANINGS, type RiskShareAmount, type RiskShares, sharesProblem, splitLoss } from './domain/risk.js';
import { pledgeClosed, pledgeRegistered } from './notices.js';
import { staleBefore } from './store/close.js';
import { AssetAlreadyPledgedError } from './store/port.js';

const State = builder.enumType('PledgeState', {
  description: 'Where a pledge stands: REGISTERED, then RELEASED or ENFORCED, each final',
  values: describedValues(PLEDGE_STATES, PLEDGE_STATE_MEANINGS),
});
const Party = builder.enumType('RiskParty', {
  description: "Who bears a share of an enforced pledge's loss under risk compensation (风险补偿)",
  values: describedValues(RISK_PARTIES, RISK_PARTY_MEANINGS),
});

const Event = workflowEventType(builder, 'PledgeEvent', 'a pledge', State, Role);

const RiskKind = builder.enumType('PledgeRisk', {
  description: 'A risk of a pledged asset the parties acknowledged',
  values: {
    UNDER_INVALIDATION: {
      description: 'A patent under a pending invalidation request (无效宣告请求): the pledge stands or falls with the patent (专利权质押登记办法, 2021)',
    },
  },
});
const AcknowledgedRiskType = builder.objectRef<AcknowledgedRisk>('AcknowledgedRisk').implement({
  description: 'A risk of one pledged asset that the parties were told of at registration and pledged it anyway',
  fields: (t) => ({
    asset: t.field({ type: IpAsset, description: 'The asset at risk', resolve: (r) => r.asset }),
    risk: t.field({ type: RiskKind, description: 'What the risk is', resolve: (r) => r.risk }),
    since: t.field({ type: 'Date', description: 'Since when: the day the invalidation request was made', resolve: (r) => r.since }),
  }),
});

const Share = builder.objectRef<RiskShareAmount>('RiskShare').implement({
  description: "One party's share of an enforced pledge's loss",
  fields: (t) => ({
    party: t.field({ type: Party, description: 'Who bears it', resolve: (s) => s.party }),
    percent: t.exposeInt('percent', { description: 'Its share of the loss, in whole percent (0 to 100); the shares add up to 100' }),
    amount: t.field({ type: 'Fen', description: 'What it bears, in fen: within one fen of percent of the loss', resolve: (s) => s.amountFen }),
  }),
});

const Method = builder.enumType('EnforcementMethod', {
  description: 'How a pledgee realised the collateral of a defaulted pledge',
  values: describedValues(ENFORCEMENT_METHODS, ENFORCEMENT_METHOD_MEANINGS),
});

const Compensation = builder.objectRef<Enforcement>('RiskCompensation').implement({
  description: 'The loss on a defaulted pledge and who bears it; the amounts add up to the loss exactly',
  fields: (t) => ({
    method: t.field({
      type: Method,
      nullable: true,
      description: 'How the collateral was realised; null when the enforcement did not say (those recorded before it was asked)',
      resolve: (e) => e.method ?? null,
    }),
    loss: t.field({
      type: 'Fen',
      description: 'The loss left after disposing of the collateral, in fen: at most the secured amount',
      resolve: (e) => e.lossFen,
    }),
    shares: t.field({ type: [Share], description: 'Largest-remainder split of the loss by percentage', resolve: (e) => splitLoss(e.lossFen, e.shares) }),
  }),
});

export const Pledge = builder.objectRef<PledgeRecord>('Pledge');
Pledge.implement({
  description: 'A pledge of IP assets to a bank as security for a loan (知识产权质押)',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The pledge's id in the hub (a UUID)" }),
    registrationNumber: t.exposeString('registrationNumber', { description: 'Unique, e.g. ZX-2026-000123: the year (China time) and its count' }),
    pledgor: t.field({
      type: Enterprise,
      description: 'The pledgor (出质人): the enterprise whose assets secure the debt',
      resolve: (p) => ({ id: p.pledgorId }),
    }),
    pledgee: t.exposeString('pledgee', {
      description: "The pledgee bank's name",
      deprecationReason: 'Use bank { name }: the bank as an Organization (deprecated fields stay at least 6 months: docs/api-evolution.md)',
    }),
    bank: t.field({ type: Organization, description: 'The pledgee bank', resolve: (p) => ({ name: p.pledgee, kind: 'BANK' as const }) }),
    collateral: t.field({ type: [IpAsset], description: 'The pledged assets, 1 to 20, each listed once', resolve: (p) => p.collateral }),
    acknowledgedRisks: t.field({
      type: [AcknowledgedRiskType],
      description:
        'Risks of the collateral the parties were told of and pledged it anyway (a pending invalidation request): recorded on the ledger entry too; none for most pledges',
      resolve: (p) => p.acknowledgedRisks,
    }),
    securedAmount: t.field({ type: 'Fen', description: 'The amount of the secured debt, in fen: more than 0', resolve: (p) => p.securedAmountFen }),
    term: t.field({ type: DateRange, description: 'The term of the secured debt', resolve: (p) => p.term }),
    state: t.field({ type: State, description: 'Where it stands now', resolve: (p) => p.state }),
    nextStates: t.field({ type: [State], description: 'The states it may move to next; empty once RELEASED or ENFORCED', resolve: (p) => nextStates(p.state) }),
    registeredAt: t.field({ type: 'DateTime', description: 'When the hub registered it', resolve: (p) => p.registeredAt }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When it last changed: registered, recorded on the ledger, a consent given, released or enforced (pledges(updatedSince:) syncs by it)',
      resolve: (p) => p.updatedAt,
    }),
    closedAt: t.field({ type: 'DateTime', nullable: true, description: 'When it was released or enforced', resolve: (p) => p.closedAt }),
    registrationReceipt: t.field({
      type: LedgerReceipt,
      nullable: true,
      description: 'The PLEDGE_REGISTRATION ledger entry',
      resolve: (p) => p.registrationReceipt,
    }),
    releaseReceipt: t.field({ type: LedgerReceipt, nullable: true, description: 'The PLEDGE_RELEASE ledger entry', resolve: (p) => p.releaseReceipt }),
    registrationCertificate: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The certificate (iphub-certificate/v1) of the registration entry, which ledger/verify checks offline',
      resolve: (p, _args, ctx) => (p.registrationReceipt === null ? null : ctx.ledger.certificate(p.registrationReceipt.seq)),
    }),
    releaseCertificate: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The certificate of the release entry',
      resolve: (p, _args, ctx) => (p.releaseReceipt === null ? null : ctx.ledger.certificate(p.releaseReceipt.seq)),
    }),
    riskCompensation: t.field({ type: Compensation, nullable: true, description: 'For an ENFORCED pledge', resolve: (p) => p.enforcement }),
    events: t.field({
      type: [Event],
      description: 'Its history, oldest first: registration, each consent recorded, then its release or enforcement',
      resolve: (p, _args, ctx) => ctx.loaders.pledgeEventsOf.load(p.id),
    }),
  }),
});
builder.asEntity(Pledge, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => pledgeAccess.readable(ctx, ref.id),
});

builder.objectFields(Enterprise, (t) => ({
  pledges: t.field({
    type: [Pledge],
    nullable: true,
    description: "The enterprise's pledges the caller is party to, newest first",
    resolve: (e, _args, ctx) => pledgeAccess.ofEnterprise(ctx, e.id),
  }),
}));

builder.objectFields(Patent, (t) => ({
  pledges: t.field({
    type: [Pledge],
    nullable: true,
    description: 'The pledges the patent is or was collateral in that the caller is party to, newest first',
    resolve: (p, _args, ctx) => pledgeAccess.onAsset(ctx, { kind: 'PATENT', id: p.applicationNumber }),
  }),
}));

builder.objectFields(DataAsset, (t) => ({
  pledges: t.field({
    type: [Pledge],
    nullable: true,
    description: 'The pledges the data asset is or was collateral in that the caller is party to, newest first',
    resolve: (a, _args, ctx) => pledgeAccess.onAsset(ctx, { kind: 'DATA_ASSET', id: a.id }),
  }),
}));

const PledgeConnection = connectionType(builder, 'Pledge', Pledge, PageInfo);

const BankMonth = builder.objectRef<{ month: string; pledgee: string; count: number; amountFen: number }>('PledgeBankMonth').implement({
  description: "The pledges one bank registered in one calendar month (in the hub's time zone), whatever their state now",
  fields: (t) => ({
    bank: t.exposeString('pledgee', { description: 'The pledgee bank' }),
    month: t.exposeString('month', { description: "YYYY-MM of registration, in the hub's time zone" }),
    count: t.exposeInt('count', { description: 'How many pledges with that bank as pledgee were registered that month' }),
    amount: t.field({ type: 'Fen', description: 'The sum of their secured amounts', resolve: (m) => m.amountFen }),
  }),
});
const StateCount = builder.objectRef<{ state: PledgeState; count: number }>('PledgeStateCount').implement({
  description: 'How many pledges are in one state',
  fields: (t) => ({
    state: t.field({ type: State, description: 'The state', resolve: (c) => c.state }),
    count: t.exposeInt('count', { description: 'How many pledges are in it now' }),
  }),
});
const CollateralKindEnum = builder.enumType('PledgeCollateralKind', {
  description: "What secured a pledge, for its statistics: its collateral's one kind, or MIXED",
  values: describedValues(COLLATERAL_KINDS, {
    ...ASSET_KIND_MEANINGS,
    MIXED: 'Collateral of more than one kind: the pledge is counted once, here, not split between kinds',
  }),
});
const KindCount = builder.objectRef<{ kind: CollateralKind; count: number; amountFen: number }>('PledgeCollateralKindCount').implement({
  description: 'Pledges secured by one kind of collateral, and the sum of their secured amounts',
  fields: (t) => ({
    kind: t.field({ type: CollateralKindEnum, description: 'The kind of collateral', resolve: (c) => c.kind }),
    count: t.exposeInt('count', { description: 'How many pledges of it were registered, whatever their state now' }),
    amount: t.field({ type: 'Fen', description: 'The sum of their secured amounts', resolve: (c) => c.amountFen }),
  }),
});
const Statistics = builder.objectRef<object>('PledgeStatistics').implement({
  description: 'Pledges: counts and sums kept as pledges are written, never of pledgors',
  fields: (t) => ({
    byBankAndMonth: t.field({
      type: [BankMonth],
      description: `Pledges registered per bank and calendar month (in the hub's time zone) in the last \`months\` months (1 to ${MAX_MONTHS}) up to and including the current one; by month, then bank; a bank without a pledge in a month has no row for it`,
      args: {
        months: t.arg.int({
          defaultValue: DEFAULT_MONTHS,
          description: `How many months, the current one included: 1 to ${MAX_MONTHS} (BAD_USER_INPUT otherwise), ${DEFAULT_MONTHS} unless given`,
        }),
      },
      resolve: (_s, args, ctx) => {
        const months = monthsFrom(today(), -monthsArg(args.months));
        return ctx.store.pledges.countByMonthAndPledgee(months[0]!, months.at(-1)!);
      },
    }),
    byCollateralKind: t.field({
      type: [KindCount],
      description:
        'Pledges registered and their secured amounts by what secured them (patents, trademarks, copyrights, data assets; MIXED for several kinds), as the provincial reports split them; every kind in the order the enum lists them, 0 where none',
      resolve: async (_s, _args, ctx) => {
        const counts = new Map((await ctx.store.pledges.countByCollateralKind()).map((c) => [c.kind, c]));
        return COLLATERAL_KINDS.map((kind) => counts.get(kind) ?? { kind, count: 0, amountFen: 0 });
      },
    }),
    byState: t.field({
      type: [StateCount],
      description: 'Every state, in the order the enum lists them, 0 where no pledge is',
      resolve: async (_s, _args, ctx) => {
        const counts = new Map((await ctx.store.pledges.countByState()).map((c) => [c.state, c.count]));
        return PLEDGE_STATES.map((state) => ({ state, count: counts.get(state) ?? 0 }));
      },
    }),
  }),
});

builder.queryFields((t) => ({
  pledgeStatistics: t.field({
    type: Statistics,
    description: 'Centre staff: pledges registered per bank and month, by kind of collateral, and by state',
    tag: calledBy('CENTER_STAFF'),
    resolve: (_root, _args, ctx) => {
      requireRole(ctx, 'CENTER_STAFF');
      return {};
    },
  }),
  pledge: t.field({
    type: Pledge,
    nullable: true,
    description: 'A pledge by its id: the pledgor, the pledgee bank and centre staff read it',
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE', 'BANK'),
    args: { id: t.arg.id({ required: true, description: "The pledge's id (a UUID)" }) },
    resolve: (_root, { id }, ctx) => pledgeAccess.readable(ctx, String(id)),
  }),
  pledgeByRegistrationNumber: t.field({
    type: Pledge,
    nullable: true,
    description: 'A pledge by the registration number the hub gave it (ZX-YYYY-NNNNNN), read as pledge(id) is: its parties and centre staff',
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE', 'BANK'),
    args: {
      registrationNumber: t.arg.string({
        required: true,
        description: 'The registration number, e.g. ZX-2026-000123; surrounding spaces and letter case do not matter',
      }),
    },
    resolve: async (_root, { registrationNumber }, ctx) => {
      // Who may read is settled first: a refusal must not tell which numbers exist.
      pledgeAccess.scopeOf(ctx);
      const [found] = await ctx.store.pledges.byRegistrationNumbers([registrationNumber.trim().toUpperCase()]);
      return found === undefined ? null : pledgeAccess.readable(ctx, found.id);
    },
  }),
  pledges: t.field({
    type: PledgeConnection,
    description: 'Centre staff: every pledge; a bank: those it is pledgee of; an enterprise: its own',
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE', 'BANK'),
    args: {
      state: t.arg({ type: State, description: 'Only the pledges in this state; omitted, pledges in any state' }),
      updatedSince: t.arg({ type: 'DateTime', description: syncArgDescriptions.updatedSince }),
      orderBy: t.arg({ type: ListOrder, description: syncArgDescriptions.orderBy }),
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: (_root, args, ctx) => pledgeAccess.page(ctx, args, (scope) => ({ ...scope, ...(args.state ? { state: args.state } : {}) })),
  }),
}));

const RegisterInput = builder.inputType('RegisterPledgeInput', {
  description: 'A pledge to register: the pledgor, the pledgee bank, the collateral and the debt it secures',
  fields: (t) => ({
    pledgorId: t.id({
      required: true,
      description: 'The pledgor: an enterprise registered with the centre, owning every patent and data asset of the collateral',
    }),
    pledgee: t.string({ description: 'The pledgee bank. A BANK key: omit, or its own organization; centre staff: required' }),
    collateral: t.field({
      type: [IpAssetInput],
      required: true,
      description:
        "The assets to pledge: 1 to 20, each once, each registered and the pledgor's, none in an active pledge (ASSET_ALREADY_PLEDGED); every patent pledgeable (PATENT_NOT_PLEDGEABLE says why not), every trademark in force (TRADEMARK_NOT_PLEDGEABLE) and pledged with the pledgor's other registrations of the identical mark in its class (COLLATERAL_INCOMPLETE lists them)",
    }),
    acknowledgedInvalidations: t.stringList({
      description:
        'Patents of the collateral (application numbers) under a pending invalidation request that the parties were told of and pledge anyway (专利权质押登记办法, 2021): each is pledged, the risk recorded on the pledge and its ledger entry; without it such a patent is refused (PATENT_NOT_PLEDGEABLE, UNDER_INVALIDATION)',
    }),
    securedAmount: t.field({ type: 'Fen', required: true, description: 'The amount of the secured debt, in fen: more than 0' }),
    term: t.field({ type: DateRangeInput, required: true, description: 'The term of the secured debt' }),
    note: t.string({ description: "A note for the pledge's history, 1 to 2000 characters" }),
    idempotencyKey: t.string({ description: idempotencyKeyHelp('registration') }),
  }),
});
const ReleaseInput = builder.inputType('ReleasePledgeInput', {
  description: 'A REGISTERED pledge to release',
  fields: (t) => ({
    pledgeId: t.id({ required: true, description: "The pledge's id: a REGISTERED pledge the caller is pledgee of (centre staff: any)" }),
    note: t.string({ description: "A note for the pledge's history, 1 to 2000 characters" }),
  }),
});
const SharesInput = builder.inputType('RiskSharesInput', {
  description: 'Whole percentages adding up to 100',
  fields: (t) => ({
    guarantor: t.int({ required: true, description: "The guarantee institution's share, in whole percent (0 to 100)" }),
    reGuarantor: t.int({ required: true, description: "The re-guarantee institution's share, in whole percent (0 to 100)" }),
    nationalFund: t.int({ required: true, description: "The National Financing Guarantee Fund's share, in whole percent (0 to 100)" }),
    bank: t.int({ required: true, description: "The lending bank's share, in whole percent (0 to 100)" }),
  }),
});
const EnforceInput = builder.inputType('EnforcePledgeInput', {
  description: 'A REGISTERED pledge to enforce on default, with the loss and how it is shared',
  fields: (t) => ({
    pledgeId: t.id({ required: true, description: "The pledge's id: a REGISTERED pledge the caller is pledgee of (centre staff: any)" }),
    loss: t.field({ type: 'Fen', required: true, description: 'The loss left after disposing of the collateral, at most the secured amount' }),
    method: t.field({
      type: Method,
      description: 'How the collateral was realised (Civil Code art. 436: valuation, auction or sale; or as the programme allows)',
    }),
    shares: t.field({ type: SharesInput, description: 'Default: guarantor 40, re-guarantor 20, national fund 20, bank 20' }),
    note: t.string({ description: "A note for the pledge's history, 1 to 2000 characters" }),
  }),
});

/** A pledge the caller may move to `to`: NOT_FOUND, FORBIDDEN or INVALID_TRANSITION otherwise. */
async function movable(ctx: FinanceContext, id: string, to: PledgeState): Promise<{ identity: Identity; current: PledgeRecord }> {
  const identity = requireIdentity(ctx);
  const current = await ctx.loaders.pledge.load(id);
  if (current === undefined) throw notFound(`pledge ${id}`);
  requirePledgee(identity, current);
  requireMove('pledge', current.state, to, nextStates(current.state));
  return { identity, current };
}

function riskShares(input: { guarantor: number; reGuarantor: number; nationalFund: number; bank: number } | null | undefined): RiskShares {
  if (input === null || input === undefined) return DEFAULT_RISK_SHARES;
  const shares = { GUARANTOR: input.guarantor, RE_GUARANTOR: input.reGuarantor, NATIONAL_FUND: input.nationalFund, BANK: input.bank };
  const problem = sharesProblem(shares);
  if (problem !== undefined) throw badInput(problem, 'shares');
  return shares;
}

/**
 * Stores a pledge, claiming its collateral, then records it on the ledger. Claimed first, so that
 * a refused pledge never reaches the ledger; if the ledger fails, the claim is undone. A crash in
 * between leaves the pledge registered without a receipt. Its `pledge.registered` notification is
 * written with the receipt, in recordRegistration's transaction: that write makes the registration
 * final (discard no longer takes it back), whereas the first may still be discarded, and a
 * notification written with it would tell of a pledge that never was.
 */
async function registerOnLedger(ctx: FinanceContext, record: NewPledge, first: PledgeEvent): Promise<PledgeRecord> {
  let pledge: PledgeRecord;
  try {
    pledge = await ctx.store.pledges.register(record, first);
  } catch (err) {
    if (err instanceof AssetAlreadyPledgedError)
      throw failure('ASSET_ALREADY_PLEDGED', `${err.assets.join(', ')} ${err.assets.length === 1 ? 'is' : 'are'} in an active pledge already`, {
        assets: err.assets,
      });
    throw err;
  }
  try {
    return await finishRegistration(ctx, pledge, first.actor);
  } catch (err) {
    await ctx.store.pledges.discard(pledge.id);
    throw err;
  }
}

/**
 * Records a stored pledge on the ledger and makes its registration final. A retry with the first
 * attempt's idempotency key comes here for a pledge that attempt left without its receipt: its
 * entry, when the ledger took it, is found (by the document's digest and the pledge's subject)
 * rather than appended again.
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

mutationForms(builder, {
  name: 'registerPledge',
  payload: 'pledgeRegister',
  object: 'pledge',
  type: Pledge,
  description: 'The pledgee bank (or centre staff) registers a pledge; it is recorded on the ledger as PLEDGE_REGISTRATION',
  callers: ['CENTER_STAFF', 'BANK'],
  args: (t) => ({ input: t.field({ type: RegisterInput, required: true, description: 'The pledge to register' }) }),
  resolve: async ({ input }, ctx) => {
    const identity = requireIdentity(ctx);
    const pledgorId = String(input.pledgorId);
    // The acting organization first: a key that may not register is FORBIDDEN before any input problem.
    const { pledgee, collateral, securedAmountFen, term, note, acknowledged } = await checkInput({
      pledgee: () => actingOrganization(identity, 'BANK', input.pledgee, 'pledgee'),
      collateral: () => assetList(input.collateral, 'collateral'),
      acknowledged: () => acknowledgedPatents(input.acknowledgedInvalidations ?? [], input.collateral),
      securedAmountFen: () => positiveFen(input.securedAmount, 'securedAmount'),
      term: () => {
        const term = dateRange(input.term, 'term');
        if (term.endDate <= today()) throw badInput('the term has ended already', 'term');
        return term;
      },
      note: () => optionalText(input.note, 'note', 2000),
    });
    const given = { pledgorId, pledgee, collateral, securedAmountFen, term };
    return createOnce<PledgeRecord>(identity, {
      mutation: 'registerPledge',
      what: 'pledge registration',
      key: idempotencyKey(input.idempotencyKey),
      given,
      // A first attempt's pledge still without its receipt (it died before the ledger confirmed) is finished here.
      stored: async (id) => {
        const pledge = await ctx.loaders.pledge.clear(id).load(id);
        return pledge === undefined || pledge.registrationReceipt !== null ? pledge : finishRegistration(ctx, pledge, identity.keyId);
      },
      create: async (id) => {
        const facts = await ownedAssets(ctx, pledgorId, 'pledgorId', collateral, 'collateral');
        const acknowledgedRisks = await collateralRefusals(facts, collateral, term.endDate, acknowledged);
        const at = new Date().toISOString();
        const record: NewPledge = {
          id,
          ...given,
          acknowledgedRisks,
          state: 'REGISTERED',
          registeredAt: at,
          closedAt: null,
          registrationReceipt: null,
          releaseReceipt: null,
          enforcement: null,
        };
        return registerOnLedger(ctx, record, workflowEvent(identity, at, null, 'REGISTERED', note));
      },
    });
  },
});

/** The patents whose pending invalidation the parties acknowledge: canonical numbers, each among the collateral's patents. */
function acknowledgedPatents(given: readonly string[], collateral: readonly { rightKind?: string | null; kind?: string | null; id: string }[]): Set<string> {
  if (given.length > 20) throw badInput('acknowledgedInvalidations lists at most 20 patents, as the collateral does', 'acknowledgedInvalidations');
  const patents = new Set(
    collateral.flatMap((a) => {
      if ((a.rightKind ?? a.kind) !== 'PATENT') return [];
      const parsed = parsePatentNumber(a.id);
      return parsed.ok ? [parsed.canonical] : [];
    }),
  );
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

mutationForms(builder, {
  name: 'releasePledge',
  payload: 'pledgeRelease',
  object: 'pledge',
  type: Pledge,
  description: 'The pledgee bank (or centre staff) releases a pledge; it is recorded on the ledger as PLEDGE_RELEASE',
  callers: ['CENTER_STAFF', 'BANK'],
  args: (t) => ({ input: t.field({ type: ReleaseInput, required: true, description: 'The pledge to release' }) }),
  resolve: async ({ input }, ctx) => {
    const id = String(input.pledgeId);
    const { identity, current } = await movable(ctx, id, 'RELEASED');
    const note = optionalText(input.note, 'note', 2000);
    const at = new Date().toISOString();
    const document = releaseDocument(current, at);
    const contentDigest = documentDigest(document);
    const event = workflowEvent(identity, at, current.state, 'RELEASED', note);
    // Claimed before anything is signed: of racing moves one goes on, the others are refused
    // before the ledger, so no entry records a release that did not happen.
    const claimed = await claimClosing(ctx, current, contentDigest, event);
    if ('finished' in claimed) return claimed.finished;
    let releaseReceipt: Receipt;
    try {
      releaseReceipt = await appendOrFail(
        ctx.ledger,
        { kind: 'PLEDGE_RELEASE', subject: `pledge:${id}`, contentDigest, depositor: identity.keyId, metadata: document },
        'release',
      );
    } catch (err) {
      // Kept when the entry may yet be recorded: a later request finds it by its digest and finishes it.
      if (!(err instanceof GraphQLError && err.extensions.outcome === 'UNKNOWN')) await ctx.store.pledges.dropClaim(id, claimed.token);
      throw err;
    }
    const released = { ...current, state: 'RELEASED' as const, closedAt: at, releaseReceipt };
    if (!(await ctx.store.pledges.transition(id, current.state, event, { closedAt: at, releaseReceipt }, [pledgeClosed(released)], claimed.token))) {
      throw failure('CONFLICT', `pledge ${id} was closed by someone else meanwhile; reload it`);
    }
    return released;
  },
});

/**
 * Claims the closing of `current` (FinanceStore.claimClose). A claim left by a request that died
 * after signing its release is taken over once stale, and that release, found on the ledger by its
 * digest, is finished as it was signed: `finished` then, and the caller signs nothing.
 */
async function claimClosing(
  ctx: FinanceContext,
  current: PledgeRecord,
  digest: string | null,
  event: PledgeEvent,
): Promise<{ token: string } | { finished: PledgeRecord }> {
  const token = randomUUID();
  const got = await ctx.store.pledges.claimClose(current.id, current.state, { token, at: event.at, digest, event }, staleBefore());
  if (!got.ok) throw failure('CONFLICT', `pledge ${current.id} is being closed by another request, or was closed meanwhile; reload it`);
  const dead = got.replaced;
  if (dead?.digest == null) return { token };
  const signed = (await ctx.ledger.findByContentDigest(dead.digest)).find((e) => e.kind === 'PLEDGE_RELEASE' && e.subject === `pledge:${current.id}`);
  if (signed === undefined) return { token };
  const releaseReceipt: Receipt = { seq: signed.seq, entryHash: signed.entryHash, timestamp: signed.timestamp };
  const closedAt = dead.event.at;
  const released = { ...current, state: 'RELEASED' as const, closedAt, releaseReceipt };
  if (!(await ctx.store.pledges.transition(current.id, current.state, dead.event, { closedAt, releaseReceipt }, [pledgeClosed(released)], token))) {
    throw failure('CONFLICT', `pledge ${current.id} was closed by someone else meanwhile; reload it`);
  }
  if (event.to !== 'RELEASED') throw failure('CONFLICT', `pledge ${current.id} was released (its release is on the ledger, entry ${signed.seq}); reload it`);
  return { finished: released };
}

mutationForms(builder, {
  name: 'enforcePledge',
  payload: 'pledgeEnforce',
  object: 'pledge',
  type: Pledge,
  description: 'The pledgee bank (or centre staff) enforces a defaulted pledge, recording the loss and how it is shared',
  callers: ['CENTER_STAFF', 'BANK'],
  args: (t) => ({ input: t.field({ type: EnforceInput, required: true, description: 'The pledge to enforce, the loss and its shares' }) }),
  resolve: async ({ input }, ctx) => {
    const id = String(input.pledgeId);
    const { identity, current } = await movable(ctx, id, 'ENFORCED');
    const { lossFen, shares, note } = await checkInput({
      lossFen: () => {
        if (input.loss > current.securedAmountFen) throw badInput(`the loss may not exceed the secured amount, ${current.securedAmountFen} fen`, 'loss');
        return input.loss;
      },
      shares: () => riskShares(input.shares),
      note: () => optionalText(input.note, 'note', 2000),
    });
    const enforcement: Enforcement = { lossFen, shares, method: input.method ?? null };
    const at = new Date().toISOString();
    // No ledger entry: the ledger has no kind for enforcement; the history records it.
    const enforced = { ...current, state: 'ENFORCED' as const, closedAt: at, enforcement };
    const event = workflowEvent(identity, at, current.state, 'ENFORCED', note);
    const claimed = await claimClosing(ctx, current, null, event);
    if ('finished' in claimed) return claimed.finished;
    if (!(await ctx.store.pledges.transition(id, current.state, event, { closedAt: at, enforcement }, [pledgeClosed(enforced)], claimed.token))) {
      throw failure('CONFLICT', `pledge ${id} was closed by someone else meanwhile; reload it`);
    }
    return enforced;
  },
});
