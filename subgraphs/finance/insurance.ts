// IP insurance: policies an insurer issues to an enterprise over its assets, and claims, linked
// to the rights-protection case the loss arose in, paid within the sum insured.

import { badInput, conflict, failure, notFound } from '../../platform/errors.js';
import { hubDateOf } from '../../platform/hub-calendar.js';
import { idempotencyKey } from '../../platform/idempotency.js';
import type { Identity } from '../../platform/identity.js';
import { requireActFor, requireIdentity } from '../common/auth.js';
import { calledBy } from '../common/callers.js';
import { createOnce, idempotencyKeyHelp } from '../common/create-once.js';
import { mutationForms } from '../common/payload.js';
import { connectionType, describedValues, pageArgDescriptions } from '../common/shared-types.js';
import { syncArgDescriptions } from '../common/sync.js';
import { checkInput, text } from '../common/validation.js';
import { actingOrganization, policyAccess, requireInsurer } from './access.js';
import { assetList, IpAsset, IpAssetInput, ownedAssets } from './assets.js';
import {
  builder,
  DataAsset,
  DateRange,
  dateRange,
  DateRangeInput,
  Enterprise,
  ListOrder,
  Organization,
  PageInfo,
  Patent,
  positiveFen,
  ProtectionCase,
} from './builder.js';
import type { FinanceContext } from './context.js';
import {
  CLAIM_DECISION_MEANINGS,
  CLAIM_DECISIONS,
  CLAIM_STATUS_MEANINGS,
  CLAIM_STATUSES,
  type ClaimRecord,
  INSURANCE_PRODUCT_MEANINGS,
  INSURANCE_PRODUCTS,
  type InsuranceProduct,
  type PolicyRecord,
} from './domain/model.js';
import type { ProtectionCaseFacts } from './hub-facts.js';
import { claimSettled } from './notices.js';

const Product = builder.enumType('InsuranceProduct', {
  description: 'What kind of IP insurance (知识产权保险) a policy is',
  values: describedValues(INSURANCE_PRODUCTS, INSURANCE_PRODUCT_MEANINGS),
});
const ClaimStatus = builder.enumType('InsuranceClaimStatus', {
  description: 'Where a claim stands: FILED, then PAID or REJECTED, each final',
  values: describedValues(CLAIM_STATUSES, CLAIM_STATUS_MEANINGS),
});
const ClaimDecision = builder.enumType('InsuranceClaimDecision', {
  description: 'How the insurer settles a FILED claim',
  values: describedValues(CLAIM_DECISIONS, CLAIM_DECISION_MEANINGS),
});

/** Products whose losses arise in a rights-protection case: their claims name it. */
const CASE_PRODUCTS: readonly InsuranceProduct[] = ['INFRINGEMENT_LOSS', 'ENFORCEMENT_COST'];

const paidOut = (claims: readonly ClaimRecord[]): number => claims.reduce((n, c) => n + (c.status === 'PAID' ? c.amountFen : 0), 0);

export const InsurancePolicy = builder.objectRef<PolicyRecord>('InsurancePolicy');

const Claim = builder.objectRef<ClaimRecord>('InsuranceClaim').implement({
  description: 'A claim on an insurance policy, filed for the insured enterprise and settled by the insurer (or centre staff)',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The claim's id in the hub (a UUID)" }),
    policy: t.field({
      type: InsurancePolicy,
      nullable: true,
      description: 'The policy claimed on; null for a caller who may not read it',
      resolve: (c, _args, ctx) => policyAccess.readable(ctx, c.policyId),
    }),
    amount: t.field({
      type: 'Fen',
      description: 'The amount claimed, in fen: more than 0, at most what was left of the sum insured when filed',
      resolve: (c) => c.amountFen,
    }),
    status: t.field({ type: ClaimStatus, description: 'Where it stands now', resolve: (c) => c.status }),
    protectionCaseId: t.exposeString('protectionCaseId', {
      nullable: true,
      description: 'The id of the rights-protection case the loss arose in',
      deprecationReason: 'Use protectionCase { id }: the case itself (deprecated fields stay at least 6 months: docs/api-evolution.md)',
    }),
    protectionCase: t.field({
      type: ProtectionCase,
      nullable: true,
      description: 'The rights-protection case the loss arose in; null for a claim without one, or for a caller who may not read the case',
      resolve: (c) => (c.protectionCaseId === null ? null : { id: c.protectionCaseId }),
    }),
    filedAt: t.field({ type: 'DateTime', description: 'When it was filed', resolve: (c) => c.filedAt }),
    settledAt: t.field({ type: 'DateTime', nullable: true, description: 'When it was paid or rejected; null while FILED', resolve: (c) => c.settledAt }),
  }),
});

InsurancePolicy.implement({
  description: 'An IP insurance policy (知识产权保险)',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The policy's id in the hub (a UUID)" }),
    product: t.field({ type: Product, description: 'What kind of insurance it is', resolve: (p) => p.product }),
    insurer: t.exposeString('insurer', {
      description: "The insurer's name, as its INSURER keys name it",
      deprecationReason: 'Use insuranceCompany { name }: the insurer as an Organization (deprecated fields stay at least 6 months: docs/api-evolution.md)',
    }),
    insuranceCompany: t.field({ type: Organization, description: 'The insurer', resolve: (p) => ({ name: p.insurer, kind: 'INSURER' as const }) }),
    insured: t.field({
      type: Enterprise,
      description: 'The insured enterprise: the covered patents and data assets were its own when the policy was issued',
      resolve: (p) => ({ id: p.insuredId }),
    }),
    coveredAssets: t.field({ type: [IpAsset], description: 'The assets it covers, 1 to 20, each listed once', resolve: (p) => p.coveredAssets }),
    premium: t.field({ type: 'Fen', description: 'The premium, in fen: more than 0', resolve: (p) => p.premiumFen }),
    sumInsured: t.field({ type: 'Fen', description: 'The sum insured, in fen: the most its paid claims may add up to', resolve: (p) => p.sumInsuredFen }),
    paidOut: t.field({ type: 'Fen', description: 'The claims paid so far', resolve: async (p, _args, ctx) => paidOut(await ctx.loaders.claimsOf.load(p.id)) }),
    period: t.field({ type: DateRange, description: 'The period of insurance', resolve: (p) => p.period }),
    issuedAt: t.field({ type: 'DateTime', description: 'When it was issued in the hub', resolve: (p) => p.issuedAt }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When it last changed: issued, a claim filed or settled (insurancePolicies(updatedSince:) syncs by it)',
      resolve: (p) => p.updatedAt,
    }),
    claims: t.field({ type: [Claim], description: 'Oldest first', resolve: (p, _args, ctx) => ctx.loaders.claimsOf.load(p.id) }),
  }),
});
builder.asEntity(InsurancePolicy, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => policyAccess.readable(ctx, ref.id),
});

builder.objectFields(Enterprise, (t) => ({
  insurancePolicies: t.field({
    type: [InsurancePolicy],
    nullable: true,
    description: "The enterprise's insurance policies the caller is party to, newest first",
    resolve: (e, _args, ctx) => policyAccess.ofEnterprise(ctx, e.id),
  }),
}));

builder.objectFields(Patent, (t) => ({
  insurancePolicies: t.field({
    type: [InsurancePolicy],
    nullable: true,
    description: 'Insurance policies covering the patent that the caller is party to',
    resolve: (p, _args, ctx) => policyAccess.onAsset(ctx, { kind: 'PATENT', id: p.applicationNumber }),
  }),
}));

builder.objectFields(DataAsset, (t) => ({
  insurancePolicies: t.field({
    type: [InsurancePolicy],
    nullable: true,
    description: 'Insurance policies covering the data asset that the caller is party to',
    resolve: (a, _args, ctx) => policyAccess.onAsset(ctx, { kind: 'DATA_ASSET', id: a.id }),
  }),
}));

const PolicyConnection = connectionType(builder, 'InsurancePolicy', InsurancePolicy, PageInfo);

builder.queryFields((t) => ({
  insurancePolicy: t.field({
    type: InsurancePolicy,
    nullable: true,
    description: 'An insurance policy by its id: the insured, its insurer and centre staff read it',
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE', 'INSURER'),
    args: { id: t.arg.id({ required: true, description: "The policy's id (a UUID)" }) },
    resolve: (_root, { id }, ctx) => policyAccess.readable(ctx, String(id)),
  }),
  insuranceClaim: t.field({
    type: Claim,
    nullable: true,
    description: 'A claim by its id (the claimId of claim.filed and claim.settled webhooks): whoever reads its policy reads it; null otherwise, as for none',
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE', 'INSURER'),
    args: { id: t.arg.id({ required: true, description: "The claim's id (a UUID)" }) },
    resolve: async (_root, { id }, ctx) => {
      // Who may read is settled first: a refusal must not tell which ids exist.
      policyAccess.scopeOf(ctx);
      const claim = await ctx.loaders.claim.load(String(id));
      return claim !== undefined && (await policyAccess.readable(ctx, claim.policyId)) !== null ? claim : null;
    },
  }),
  insurancePolicies: t.field({
    type: PolicyConnection,
    description: 'Centre staff: every policy; an insurer: those it issued; an enterprise: its own',
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE', 'INSURER'),
    args: {
      updatedSince: t.arg({ type: 'DateTime', description: syncArgDescriptions.updatedSince }),
      orderBy: t.arg({ type: ListOrder, description: syncArgDescriptions.orderBy }),
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: (_root, args, ctx) => policyAccess.page(ctx, args),
  }),
}));

const IssueInput = builder.inputType('IssueInsurancePolicyInput', {
  description: 'A policy to issue: the product, the insurer, the insured enterprise, the assets covered and the money',
  fields: (t) => ({
    product: t.field({ type: Product, required: true, description: 'What kind of insurance it is' }),
    insurer: t.string({ description: 'An INSURER key: omit, or its own organization; centre staff: required' }),
    insuredId: t.id({ required: true, description: 'The insured: an enterprise registered with the centre' }),
    coveredAssets: t.field({
      type: [IpAssetInput],
      required: true,
      description: "The assets to cover: 1 to 20, each once; every patent and data asset registered and the insured's",
    }),
    premium: t.field({ type: 'Fen', required: true, description: 'The premium, in fen: more than 0' }),
    sumInsured: t.field({ type: 'Fen', required: true, description: 'The sum insured, in fen: more than 0; the most its paid claims may add up to' }),
    period: t.field({ type: DateRangeInput, required: true, description: 'The period of insurance' }),
    idempotencyKey: t.string({ description: idempotencyKeyHelp('policy') }),
  }),
});
const FileClaimInput = builder.inputType('FileInsuranceClaimInput', {
  description: 'A claim to file on a policy',
  fields: (t) => ({
    policyId: t.id({ required: true, description: "The policy's id: the caller's own enterprise's policy (centre staff: any)" }),
    amount: t.field({
      type: 'Fen',
      required: true,
      description: 'The amount claimed, in fen: more than 0, at most what is left of the sum insured (SUM_INSURED_EXCEEDED otherwise)',
    }),
    protectionCaseId: t.string({ description: 'Required for infringement-loss and enforcement-cost policies' }),
    idempotencyKey: t.string({ description: idempotencyKeyHelp('claim') }),
  }),
});
const SettleClaimInput = builder.inputType('SettleInsuranceClaimInput', {
  description: 'A FILED claim to settle, and how',
  fields: (t) => ({
    policyId: t.id({ required: true, description: "The policy's id: one the caller's organization issued (centre staff: any)" }),
    claimId: t.id({ required: true, description: "The claim's id: a FILED claim on that policy" }),
    decision: t.field({ type: ClaimDecision, required: true, description: 'Pay the claim or reject it' }),
  }),
});

async function existingPolicy(ctx: FinanceContext, id: string): Promise<PolicyRecord> {
  const policy = await ctx.loaders.policy.load(id);
  if (policy === undefined) throw notFound(`insurance policy ${id}`);
  return policy;
}

function remaining(policy: PolicyRecord, claims: readonly ClaimRecord[]): number {
  return policy.sumInsuredFen - paidOut(claims);
}

mutationForms(builder, {
  name: 'issueInsurancePolicy',
  payload: 'insurancePolicyIssue',
  object: 'policy',
  type: InsurancePolicy,
  description: 'An insurer (or centre staff) issues a policy to an enterprise over its assets',
  callers: ['CENTER_STAFF', 'INSURER'],
  args: (t) => ({ input: t.field({ type: IssueInput, required: true, description: 'The policy to issue' }) }),
  resolve: async ({ input }, ctx) => {
    const identity = requireIdentity(ctx);
    const insuredId = String(input.insuredId);
    // The acting organization first: a key that may not issue is FORBIDDEN before any input problem.
    const { insurer, coveredAssets, premiumFen, sumInsuredFen, period } = await checkInput({
      insurer: () => actingOrganization(identity, 'INSURER', input.insurer, 'insurer'),
      coveredAssets: () => assetList(input.coveredAssets, 'coveredAssets'),
      premiumFen: () => positiveFen(input.premium, 'premium'),
      sumInsuredFen: () => positiveFen(input.sumInsured, 'sumInsured'),
      period: () => dateRange(input.period, 'period'),
    });
    const given = { product: input.product, insurer, insuredId, coveredAssets, premiumFen, sumInsuredFen, period };
    return createOnce<PolicyRecord>(identity, {
      mutation: 'issueInsurancePolicy',
      what: 'policy',
      key: idempotencyKey(input.idempotencyKey),
      given,
      stored: (id) => ctx.loaders.policy.clear(id).load(id),
      create: async (id) => {
        await ownedAssets(ctx, insuredId, 'insuredId', coveredAssets, 'coveredAssets');
        const issuedAt = new Date().toISOString();
        const policy: PolicyRecord = { id, ...given, issuedAt, updatedAt: issuedAt };
        await ctx.store.policies.insert(policy);
        return policy;
      },
    });
  },
});

mutationForms(builder, {
  name: 'fileInsuranceClaim',
  payload: 'insuranceClaimFile',
  object: 'claim',
  type: Claim,
  description: 'The insured enterprise (or centre staff) claims on a policy',
  callers: ['CENTER_STAFF', 'ENTERPRISE'],
  args: (t) => ({ input: t.field({ type: FileClaimInput, required: true, description: 'The claim to file' }) }),
  resolve: async ({ input }, ctx) => {
    const identity = requireIdentity(ctx);
    const policy = await existingPolicy(ctx, String(input.policyId));
    requireActFor(ctx, policy.insuredId);
    const caseId = input.protectionCaseId?.trim() || null;
    const { amountFen, protectionCaseId } = await checkInput({
      amountFen: () => positiveFen(input.amount, 'amount'),
      protectionCaseId: () => (caseId === null ? null : text(caseId, 'protectionCaseId', 128)),
    });
    const given = { policyId: policy.id, amountFen, protectionCaseId };
    return createOnce<ClaimRecord>(identity, {
      mutation: 'fileInsuranceClaim',
      what: 'claim',
      key: idempotencyKey(input.idempotencyKey),
      given,
      stored: async (id) => (await ctx.loaders.claimsOf.clear(policy.id).load(policy.id)).find((c) => c.id === id),
      create: (id) => fileClaim(ctx, identity, policy, given, id),
    });
  },
});

/**
 * Why a protection case does not bear an infringement-loss or enforcement-cost claim on `policy`, or
 * undefined when it does. The loss is the insured's as the one infringed: it applied (CLAIMANT);
 * the centre accepted the case (a case staff refused or have not yet looked at shows no
 * infringement anyone examined); and it was applied for within the policy's period, as the
 * products cover infringements found while insured (the policy's own terms may say more; the hub
 * checks what its records show).
 */
function caseRefusal(c: ProtectionCaseFacts, policy: PolicyRecord): { reason: string; message: string } | undefined {
  if (!c.parties.some((p) => p.role === 'CLAIMANT' && p.enterprise?.id === policy.insuredId))
    return { reason: 'NOT_CLAIMANT', message: `the insured did not apply for protection case ${c.id}: a claim names a case the insured brought` };
  if (!c.events.some((e) => e.to === 'ACCEPTED'))
    return { reason: 'NOT_ACCEPTED', message: `protection case ${c.id} has not been accepted by the centre: claim once staff accept it` };
  const applied = hubDateOf(c.appliedAt);
  if (applied < policy.period.startDate)
    return { reason: 'BEFORE_POLICY', message: `protection case ${c.id} was applied for on ${applied}, before the policy began on ${policy.period.startDate}` };
  if (applied > policy.period.endDate)
    return { reason: 'AFTER_POLICY', message: `protection case ${c.id} was applied for on ${applied}, after the policy ended on ${policy.period.endDate}` };
  return undefined;
}

/** Files a claim on `policy` under `id`, once it is within what the law and the policy allow. */
async function fileClaim(
  ctx: FinanceContext,
  identity: Identity,
  policy: PolicyRecord,
  given: Pick<ClaimRecord, 'policyId' | 'amountFen' | 'protectionCaseId'>,
  id: string,
): Promise<ClaimRecord> {
  const { amountFen, protectionCaseId: caseId } = given;
  await checkInput({
    protectionCaseId: async () => {
      if (caseId === null) {
        if (CASE_PRODUCTS.includes(policy.product)) throw badInput(`a ${policy.product} claim names the protection case the loss arose in`, 'protectionCaseId');
        return;
      }
      // The case is the cases subgraph's: it must exist and bear the claim.
      const protectionCase = await ctx.loaders.protectionCaseFacts.load(caseId);
      if (protectionCase === null) throw failure('NOT_FOUND', `protection case ${caseId} does not exist`, { field: 'protectionCaseId' });
      const refusal = caseRefusal(protectionCase, policy);
      if (refusal !== undefined) throw failure('CLAIM_CASE_NOT_ELIGIBLE', refusal.message, { reason: refusal.reason, field: 'protectionCaseId' });
    },
    amount: async () => {
      const left = remaining(policy, await ctx.loaders.claimsOf.load(policy.id));
      if (amountFen > left)
        throw failure('SUM_INSURED_EXCEEDED', `the claim is ${amountFen} fen; ${left} fen of the sum insured is left`, {
          field: 'amount',
          remaining: String(left),
        });
    },
  });
  const claim: ClaimRecord = {
    id,
    ...given,
    status: 'FILED',
    filedAt: new Date().toISOString(),
    filedBy: identity.keyId,
    settledAt: null,
    settledBy: null,
  };
  await ctx.store.policies.addClaim(claim);
  return claim;
}

mutationForms(builder, {
  name: 'settleInsuranceClaim',
  payload: 'insuranceClaimSettle',
  object: 'claim',
  type: Claim,
  description: 'The insurer (or centre staff) pays or rejects a filed claim; payments stay within the sum insured',
  callers: ['CENTER_STAFF', 'INSURER'],
  args: (t) => ({ input: t.field({ type: SettleClaimInput, required: true, description: 'The claim to settle, and the decision' }) }),
  resolve: async ({ input }, ctx) => {
    const identity = requireIdentity(ctx);
    const policy = await existingPolicy(ctx, String(input.policyId));
    requireInsurer(identity, policy);
    const claims = await ctx.loaders.claimsOf.load(policy.id);
    const claim = claims.find((c) => c.id === String(input.claimId));
    if (claim === undefined) throw notFound(`claim ${input.claimId} on policy ${policy.id}`);
    if (claim.status !== 'FILED') throw failure('INVALID_TRANSITION', `a ${claim.status} claim is settled already`, { from: claim.status, to: input.decision });
    const at = new Date().toISOString();
    const after = { ...claim, status: input.decision, settledAt: at, settledBy: identity.keyId };
    const settled = await ctx.store.policies.settleClaim(policy.id, claim.id, input.decision, at, identity.keyId, [claimSettled(policy, after)]);
    if (settled === 'SUM_INSURED_EXCEEDED') {
      throw failure('SUM_INSURED_EXCEEDED', `paying ${claim.amountFen} fen would exceed the sum insured`, { remaining: String(remaining(policy, claims)) });
    }
    if (settled === 'NOT_FILED') throw conflict(`claim ${claim.id} was settled by someone else meanwhile; reload it`);
    return after;
  },
});
