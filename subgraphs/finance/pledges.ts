// Pledges of IP to banks: registration (claimed in the store, then recorded on the ledger),
// release (on the ledger too) and enforcement with its risk-compensation split.

import { GraphQLError } from 'graphql';

import type { Receipt } from '../../ledger/index.js';
import { documentDigest } from '../../ledger/index.js';
import { badInput, failure, notFound } from '../../platform/errors.js';
import { today } from '../../platform/hub-calendar.js';
import type { Identity } from '../../platform/identity.js';
import { requireIdentity, requireRole } from '../common/auth.js';
import { calledBy } from '../common/callers.js';
import { appendOrFail } from '../common/ledger-append.js';
import { DEFAULT_MONTHS, MAX_MONTHS, monthsArg, monthsFrom } from '../common/months.js';
import { outsideParty } from '../common/outside-party.js';
import { mutationForms } from '../common/payload.js';
import { connectionType, describedValues, pageArgDescriptions, workflowEventType } from '../common/shared-types.js';
import { syncArgDescriptions } from '../common/sync.js';
import { checkEach, checkInput, optionalText, text } from '../common/validation.js';
import { requireMove, workflowEvent } from '../common/workflow-event.js';
import { pledgeAccess, requirePledgee } from './access.js';
import { IpAsset, IpAssetInput, oneAsset } from './assets.js';
import { builder, DataAsset, DateRange, Enterprise, LedgerReceipt, ListOrder, Organization, PageInfo, Patent, Role } from './builder.js';
import type { FinanceContext } from './context.js';
import {
  type AcknowledgedRisk,
  type AppliedAmendment,
  ASSET_KIND_MEANINGS,
  assetKey,
  type AuthorityRegistration,
  type Disposal,
  DISPOSAL_MEANINGS,
  DISPOSALS,
  type Enforcement,
  ENFORCEMENT_METHOD_MEANINGS,
  ENFORCEMENT_METHODS,
  type EnforcementDisposal,
  type EnforcementMethod,
  type JointApplication,
  type PendingAmendment,
  type PledgeContract,
  type PledgeRecord,
} from './domain/model.js';
import {
  COLLATERAL_KINDS,
  type CollateralKind,
  nextStates,
  PLEDGE_STATE_MEANINGS,
  PLEDGE_STATES,
  type PledgeState,
  releaseDocument,
} from './domain/pledge-rules.js';
import { DEFAULT_RISK_SHARES, RISK_PARTIES, RISK_PARTY_MEANINGS, type RiskShareAmount, type RiskShares, sharesProblem, splitLoss } from './domain/risk.js';
import { pledgeClosed } from './notices.js';
import { OutsidePartyInput, OutsidePartyType } from './outside-parties.js';
import { claimClosing } from './pledge-claims.js';

const State = builder.enumType('PledgeState', {
  description:
    'Where a pledge stands: PROPOSED by the pledgee, then REGISTERED once the pledgor confirms (or DECLINED, or WITHDRAWN), then RELEASED or ENFORCED; each but PROPOSED and REGISTERED final',
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

export const DisposalEnum = builder.enumType('Disposal', {
  description: 'What a pledgor may do with a pledged right: transfer it, or license it',
  values: describedValues(DISPOSALS, DISPOSAL_MEANINGS),
});

const DisposalType = builder.objectRef<EnforcementDisposal>('EnforcementDisposal').implement({
  description: "What an enforcement led to: an asset of the collateral transferred or licensed, with the pledgee's consent",
  fields: (t) => ({
    asset: t.field({ type: IpAsset, description: 'The asset disposed of', resolve: (d) => d.asset }),
    disposal: t.field({ type: DisposalEnum, description: 'Transferred (auction, sale, valuation) or licensed', resolve: (d) => d.disposal }),
    counterparty: t.field({
      type: Enterprise,
      nullable: true,
      description: 'The transferee or licensee registered with the centre; null when outside the registry (outsideCounterparty)',
      resolve: (d) => ('enterpriseId' in d.counterparty ? { id: d.counterparty.enterpriseId } : null),
    }),
    outsideCounterparty: t.field({
      type: OutsidePartyType,
      nullable: true,
      description: 'The transferee or licensee outside the registry; null when it is an enterprise',
      resolve: (d) => ('outside' in d.counterparty ? d.counterparty.outside : null),
    }),
  }),
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
    disposals: t.field({
      type: [DisposalType],
      description:
        "The transfers or licences of the collateral it led to, each with the pledgee's consent: the registry records them as it records any (registerTransfer, registerLicence); none for a debt-to-equity swap or when not said",
      resolve: (e) => e.disposals ?? [],
    }),
  }),
});

export const PledgeeKindEnum = builder.enumType('PledgeeKind', {
  description: 'Who holds a pledge',
  values: {
    BANK: { description: 'A bank lending against it' },
    GUARANTOR: { description: 'A guarantee institution (融资担保机构) taking it as counter-guarantee (反担保) for the loan it guarantees' },
  },
});

const Contract = builder.objectRef<PledgeContract>('PledgeContract').implement({
  description: 'The signed contract a pledge or its amendment was applied for on',
  fields: (t) => ({
    date: t.field({ type: 'Date', description: 'The day it was signed', resolve: (c) => c.date }),
    digest: t.exposeString('digest', { description: 'SHA-256 of the signed contract, hex, as the ledger entry records it' }),
  }),
});

const Application = builder.objectRef<JointApplication>('PledgeApplication').implement({
  description: 'The joint application a pledge was registered on (专利权质押登记办法 art. 7(1)): the pledgee proposed it, the pledgor confirmed it',
  fields: (t) => ({
    contract: t.field({ type: Contract, description: 'The pledge contract', resolve: (a) => a.contract }),
    proposedAt: t.field({
      type: 'DateTime',
      description: 'When the pledgee proposed it (or staff recorded a paper application)',
      resolve: (a) => a.proposedAt,
    }),
    proposedBy: t.exposeString('proposedBy', { description: 'The key that proposed it' }),
    confirmedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the pledgor confirmed it; null while PROPOSED, or if it never did',
      resolve: (a) => a.confirmedAt,
    }),
    confirmedBy: t.exposeString('confirmedBy', { nullable: true, description: 'The key that confirmed it' }),
  }),
});

const Authority = builder.objectRef<AuthorityRegistration>('PledgeAuthorityRegistration').implement({
  description: "The registration authority's record of the pledge (CNIPA's 质押登记号), as centre staff entered it",
  fields: (t) => ({
    number: t.exposeString('number', { description: "The authority's registration number" }),
    date: t.field({ type: 'Date', description: 'The day the authority registered it: the pledge exists from then (民法典 art. 444)', resolve: (r) => r.date }),
    recordedAt: t.field({ type: 'DateTime', description: 'When staff recorded it in the hub', resolve: (r) => r.recordedAt }),
  }),
});

const AmendmentTerms = builder.interfaceRef<PendingAmendment>('PledgeAmendmentTerms').implement({
  description: 'What an amendment of a pledge changes, on which agreement, proposed when',
  fields: (t) => ({
    securedAmount: t.field({
      type: 'Fen',
      nullable: true,
      description: 'The new secured amount, in fen; null when unchanged',
      resolve: (a) => a.changes.securedAmountFen ?? null,
    }),
    term: t.field({ type: DateRange, nullable: true, description: 'The new term; null when unchanged', resolve: (a) => a.changes.term ?? null }),
    contract: t.field({ type: Contract, description: 'The amendment agreement (变更协议)', resolve: (a) => a.contract }),
    proposedAt: t.field({ type: 'DateTime', description: 'When the pledgee proposed it', resolve: (a) => a.proposedAt }),
  }),
});

const AmendmentChangesType = builder.objectRef<PendingAmendment>('PledgeAmendmentProposal').implement({
  description: 'An amendment of the secured amount or term the pledgee proposed, awaiting the pledgor',
  interfaces: [AmendmentTerms],
  isTypeOf: (a) => !('receipt' in (a as object)),
});

const AppliedAmendmentType = builder.objectRef<AppliedAmendment>('PledgeAmendment').implement({
  description: 'An amendment both parties made, recorded on the ledger as PLEDGE_AMENDMENT',
  interfaces: [AmendmentTerms],
  isTypeOf: (a) => 'receipt' in (a as object),
  fields: (t) => ({
    securedAmountBefore: t.field({ type: 'Fen', description: 'The secured amount before, in fen', resolve: (a) => a.before.securedAmountFen }),
    termBefore: t.field({ type: DateRange, description: 'The term before', resolve: (a) => a.before.term }),
    confirmedAt: t.field({ type: 'DateTime', description: 'When the pledgor confirmed it', resolve: (a) => a.confirmedAt }),
    receipt: t.field({ type: LedgerReceipt, description: 'Its PLEDGE_AMENDMENT ledger entry', resolve: (a) => a.receipt }),
    certificate: t.field({
      type: 'JSON',
      description: 'The certificate (iphub-certificate/v1) of its entry, which ledger/verify checks offline',
      resolve: (a, _args, ctx) => ctx.ledger.certificate(a.receipt.seq),
    }),
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
    bank: t.field({
      type: Organization,
      description: 'The pledgee, as an Organization: a bank, or a guarantee institution (kind GUARANTOR)',
      deprecationReason: 'Use pledgeeOrganization: a pledgee may be a guarantee institution (deprecated fields stay at least 6 months: docs/api-evolution.md)',
      resolve: (p) => ({ name: p.pledgee, kind: p.pledgeeKind }),
    }),
    pledgeeOrganization: t.field({
      type: Organization,
      description: 'The pledgee: a bank, or a guarantee institution taking the pledge as counter-guarantee (反担保)',
      resolve: (p) => ({ name: p.pledgee, kind: p.pledgeeKind }),
    }),
    application: t.field({
      type: Application,
      nullable: true,
      description: 'The joint application it was registered on; null for a pledge registered before the hub asked for one (2026-12)',
      resolve: (p) => p.application,
    }),
    authorityRegistration: t.field({
      type: Authority,
      nullable: true,
      description: "The registration authority's number and date, once centre staff record them (recordPledgeRegistration)",
      resolve: (p) => p.authorityRegistration,
    }),
    pendingAmendment: t.field({
      type: AmendmentChangesType,
      nullable: true,
      description: 'An amendment the pledgee proposed that the pledgor has not answered; null when none',
      resolve: (p) => p.pendingAmendment,
    }),
    amendments: t.field({
      type: [AppliedAmendmentType],
      description: 'The amendments both parties made, oldest first (20 at most)',
      resolve: (p) => p.amendments,
    }),
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
    registeredAt: t.field({
      type: 'DateTime',
      description: 'When the hub registered it (the pledgor confirmed, or staff recorded a paper application); while PROPOSED, when it was proposed',
      resolve: (p) => p.registeredAt,
    }),
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
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE', 'BANK', 'GUARANTOR'),
    args: { id: t.arg.id({ required: true, description: "The pledge's id (a UUID)" }) },
    resolve: (_root, { id }, ctx) => pledgeAccess.readable(ctx, String(id)),
  }),
  pledgeByRegistrationNumber: t.field({
    type: Pledge,
    nullable: true,
    description: 'A pledge by the registration number the hub gave it (ZX-YYYY-NNNNNN), read as pledge(id) is: its parties and centre staff',
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE', 'BANK', 'GUARANTOR'),
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
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE', 'BANK', 'GUARANTOR'),
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
    disposals: t.field({
      type: [DisposalInput],
      description:
        'What became of the collateral, up to one per asset: the buyer (AUCTION, NEGOTIATED_SALE, VALUATION: a transfer) or the licensee (LICENCE) of each asset disposed of, with the pledgee consenting by this act; none with DEBT_TO_EQUITY, and method is required with any',
    }),
    note: t.string({ description: "A note for the pledge's history, 1 to 2000 characters" }),
  }),
});

const DisposalInput = builder.inputType('EnforcementDisposalInput', {
  description: 'One asset of the collateral and who takes it: an enterprise registered with the centre, or a party outside the registry',
  fields: (t) => ({
    asset: t.field({ type: IpAssetInput, required: true, description: "An asset of the pledge's collateral" }),
    counterpartyId: t.id({ description: 'The transferee or licensee registered with the centre; or give outsideCounterparty' }),
    outsideCounterparty: t.field({ type: OutsidePartyInput, description: 'The transferee or licensee outside the registry; or give counterpartyId' }),
  }),
});

/** What each method disposes of the collateral by: a transfer, a licence, or nothing (the right stays with the pledgor). */
const DISPOSAL_BY_METHOD: Readonly<Record<EnforcementMethod, Disposal | null>> = {
  VALUATION: 'TRANSFER',
  AUCTION: 'TRANSFER',
  NEGOTIATED_SALE: 'TRANSFER',
  LICENCE: 'LICENCE',
  DEBT_TO_EQUITY: null,
};

type DisposalGiven = {
  asset: Parameters<typeof oneAsset>[0];
  counterpartyId?: string | number | null;
  outsideCounterparty?: Parameters<typeof outsideParty>[0] | null;
};

/** The disposals as given, each checked at its index: in the collateral, once each, to someone other than the pledgor. */
async function enforcementDisposals(
  ctx: FinanceContext,
  p: PledgeRecord,
  method: EnforcementMethod | null,
  given: readonly DisposalGiven[],
): Promise<EnforcementDisposal[]> {
  if (given.length === 0) return [];
  if (method === null) throw badInput('say how the collateral was realised (method) to record what became of it', 'method');
  const disposal = DISPOSAL_BY_METHOD[method];
  if (disposal === null) throw badInput(`${method} leaves the collateral with the pledgor: no disposals`, 'disposals');
  if (given.length > p.collateral.length) throw badInput(`at most one disposal per asset of the collateral (${p.collateral.length})`, 'disposals');
  const seen = new Set<string>();
  const checked: EnforcementDisposal[] = checkEach(given, (d, i): EnforcementDisposal => {
    const field = `disposals[${i}]`;
    const asset = oneAsset(d.asset, `${field}.asset`);
    const key = assetKey(asset);
    if (!p.collateral.some((a) => assetKey(a) === key)) throw badInput(`${key} is not in the collateral of pledge ${p.id}`, `${field}.asset`);
    if (seen.has(key)) throw badInput(`${key} is disposed of once`, `${field}.asset`);
    seen.add(key);
    if ((d.counterpartyId == null) === (d.outsideCounterparty == null))
      throw badInput('name who takes it once: counterpartyId or outsideCounterparty', `${field}.counterpartyId`);
    if (d.outsideCounterparty != null) {
      const outside = outsideParty(d.outsideCounterparty, `${field}.outsideCounterparty`);
      return { asset, disposal, counterparty: { outside } };
    }
    const enterpriseId = text(String(d.counterpartyId), `${field}.counterpartyId`, 128);
    if (enterpriseId === p.pledgorId) throw badInput('the pledgor keeps nothing it disposes of: name the buyer or licensee', `${field}.counterpartyId`);
    return { asset, disposal, counterparty: { enterpriseId } };
  });
  const registered = await Promise.all(
    checked.map((d) => ('enterpriseId' in d.counterparty ? ctx.loaders.enterpriseRegistered.load(d.counterparty.enterpriseId) : Promise.resolve(true))),
  );
  checkEach(checked, (d, i) => {
    if (!registered[i] && 'enterpriseId' in d.counterparty)
      throw failure('NOT_FOUND', `enterprise ${d.counterparty.enterpriseId} does not exist`, { field: `disposals[${i}].counterpartyId` });
  });
  return checked;
}

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

mutationForms(builder, {
  name: 'releasePledge',
  payload: 'pledgeRelease',
  object: 'pledge',
  type: Pledge,
  description: 'The pledgee bank (or centre staff) releases a pledge; it is recorded on the ledger as PLEDGE_RELEASE',
  callers: ['CENTER_STAFF', 'BANK', 'GUARANTOR'],
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

mutationForms(builder, {
  name: 'enforcePledge',
  payload: 'pledgeEnforce',
  object: 'pledge',
  type: Pledge,
  description: 'The pledgee bank (or centre staff) enforces a defaulted pledge, recording the loss and how it is shared',
  callers: ['CENTER_STAFF', 'BANK', 'GUARANTOR'],
  args: (t) => ({ input: t.field({ type: EnforceInput, required: true, description: 'The pledge to enforce, the loss and its shares' }) }),
  resolve: async ({ input }, ctx) => {
    const id = String(input.pledgeId);
    const { identity, current } = await movable(ctx, id, 'ENFORCED');
    const { lossFen, shares, note, disposals } = await checkInput({
      lossFen: () => {
        if (input.loss > current.securedAmountFen) throw badInput(`the loss may not exceed the secured amount, ${current.securedAmountFen} fen`, 'loss');
        return input.loss;
      },
      shares: () => riskShares(input.shares),
      note: () => optionalText(input.note, 'note', 2000),
      disposals: () => enforcementDisposals(ctx, current, input.method ?? null, input.disposals ?? []),
    });
    const enforcement: Enforcement = { lossFen, shares, method: input.method ?? null, ...(disposals.length === 0 ? {} : { disposals }) };
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
