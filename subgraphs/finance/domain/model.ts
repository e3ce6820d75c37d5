// The finance subgraph's records: pledges of IP assets other subgraphs own, the pledgee's
// consents, insurance policies and their claims, as every store keeps them.
import type { Receipt } from '../../../ledger/index.js';
import type { OutsideParty } from '../../common/outside-party.js';
import type { WorkflowEvent } from '../../common/workflow-event.js';
import type { PledgeState } from './pledge-rules.js';
import type { RiskShares } from './risk.js';

export const ASSET_KINDS = ['PATENT', 'TRADEMARK', 'COPYRIGHT', 'DATA_ASSET'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

/** What each kind is, as the schema's IpAssetKind enum says. */
export const ASSET_KIND_MEANINGS: Readonly<Record<AssetKind, string>> = {
  PATENT: 'A patent or patent application (专利), by its canonical CNIPA application number: the enterprises subgraph keeps it',
  TRADEMARK: 'A registered trademark (注册商标), by its registration number: the enterprises subgraph keeps it',
  COPYRIGHT: 'A registered copyright (著作权), by its registration number with the copyright office: the enterprises subgraph keeps it',
  DATA_ASSET: 'A registered data asset (数据知识产权), by its id: the evidence subgraph keeps it',
};

/** An IP asset another subgraph owns, by its key there (a patent by canonical application number). */
export interface AssetRef {
  readonly kind: AssetKind;
  readonly id: string;
}

/** `KIND:id`: one key per asset, unambiguous since no kind contains a colon. */
export const assetKey = (a: AssetRef): string => `${a.kind}:${a.id}`;

/**
 * A risk of a pledged asset the parties were told of and pledged it anyway: a patent under a
 * pending invalidation request (专利权质押登记办法, 2021: registration proceeds once the parties,
 * told of the request, still ask). Recorded on the pledge and on its ledger entry.
 */
export interface AcknowledgedRisk {
  readonly asset: AssetRef;
  readonly risk: 'UNDER_INVALIDATION';
  /** The day the invalidation request was made. */
  readonly since: string;
}

/** A span of calendar days, YYYY-MM-DD, start before end. */
export interface Term {
  readonly startDate: string;
  readonly endDate: string;
}

/** One step in a pledge's history. */
export type PledgeEvent = WorkflowEvent<PledgeState>;

/** The loss on a defaulted pledge and how it is shared. */
/**
 * How a pledgee realised the collateral: the Civil Code's three (art. 436: 折价, 拍卖, 变卖), and
 * the two the provincial programmes report beside them.
 */
export const ENFORCEMENT_METHODS = ['VALUATION', 'AUCTION', 'NEGOTIATED_SALE', 'DEBT_TO_EQUITY', 'LICENCE'] as const;
export type EnforcementMethod = (typeof ENFORCEMENT_METHODS)[number];

export const ENFORCEMENT_METHOD_MEANINGS: Readonly<Record<EnforcementMethod, string>> = {
  VALUATION: 'The right taken at a value agreed with the pledgor, the debt reduced by it (折价, Civil Code art. 436)',
  AUCTION: 'The right sold at auction, the pledgee paid first from the price (拍卖, Civil Code art. 436)',
  NEGOTIATED_SALE: 'The right sold other than at auction, the pledgee paid first from the price (变卖, Civil Code art. 436)',
  DEBT_TO_EQUITY: "The debt converted into the pledgor's equity (债转股), the right staying with the pledgor",
  LICENCE: 'The right licensed, the pledgee repaid from the royalties (许可实施)',
};

/** Who takes a disposed right: an enterprise registered with the centre, or a party outside the registry. */
export type Counterparty = { readonly enterpriseId: string } | { readonly outside: OutsideParty };

/** A transferee or licensee outside the registry: a person or a foreign entity, by name and country, never by an identity number. */
export type { OutsideParty };

/** What an enforcement led to: one collateral asset transferred or licensed to the buyer or licensee, with the pledgee's consent. */
export interface EnforcementDisposal {
  readonly asset: AssetRef;
  readonly disposal: Disposal;
  readonly counterparty: Counterparty;
}

export interface Enforcement {
  readonly lossFen: number;
  readonly shares: RiskShares;
  /** How the collateral was realised; null for an enforcement recorded before the method was asked (2026-12), or without it. */
  readonly method?: EnforcementMethod | null;
  /** The transfers or licences it led to; absent before they were recorded (2026-12). */
  readonly disposals?: readonly EnforcementDisposal[];
}

/** Who may take a pledge: a bank lending against it, or a guarantee institution taking it as counter-guarantee (反担保). */
export const PLEDGEE_KINDS = ['BANK', 'GUARANTOR'] as const;
export type PledgeeKind = (typeof PLEDGEE_KINDS)[number];

/** The pledge contract the parties apply on: its signing day and the SHA-256 of the signed text. */
export interface PledgeContract {
  readonly date: string;
  readonly digest: string;
}

/**
 * The joint application (专利权质押登记办法 art. 7(1): 出质人和质权人共同签字或者盖章的专利权质押登记申请表): the pledgee proposes on
 * the contract, the pledgor confirms as itself. Staff recording a paper application both parties
 * signed are both acts at once.
 */
export interface JointApplication {
  readonly contract: PledgeContract;
  readonly proposedAt: string;
  /** The pledgee's key (or the staff key that recorded a paper application). */
  readonly proposedBy: string;
  readonly confirmedAt: string | null;
  /** The pledgor's key (or the staff key that recorded a paper application). */
  readonly confirmedBy: string | null;
}

/** The registration authority's record of the pledge (CNIPA's 质押登记号 and its date), as staff entered it. */
export interface AuthorityRegistration {
  readonly number: string;
  readonly date: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
}

/** What an amendment changes: the secured amount, the term's end, or both (专利权质押登记办法: 变更登记, on the parties' 变更协议). */
export interface AmendmentChanges {
  readonly securedAmountFen?: number;
  readonly term?: Term;
}

/** An amendment the pledgee proposed on its contract, awaiting the pledgor. */
export interface PendingAmendment {
  readonly changes: AmendmentChanges;
  readonly contract: PledgeContract;
  readonly proposedAt: string;
  readonly proposedBy: string;
}

/** An amendment both parties made, recorded on the ledger as PLEDGE_AMENDMENT. */
export interface AppliedAmendment extends PendingAmendment {
  /** What it replaced. */
  readonly before: { readonly securedAmountFen: number; readonly term: Term };
  readonly confirmedAt: string;
  readonly confirmedBy: string;
  readonly receipt: Receipt;
}

/** How many amendments a pledge takes: each is a joint act on the ledger, and a pledge's record stays bounded. */
export const MAX_AMENDMENTS = 20;

export interface PledgeRecord {
  readonly id: string;
  /** The hub's number for it, e.g. ZX-2026-000123, given when it is proposed: assigned by the store. */
  readonly registrationNumber: string;
  readonly pledgorId: string;
  /** The pledgee: a BANK or GUARANTOR key's organization. */
  readonly pledgee: string;
  readonly pledgeeKind: PledgeeKind;
  /** The joint application; null for a pledge registered before it was asked (2026-12). */
  readonly application: JointApplication | null;
  readonly authorityRegistration: AuthorityRegistration | null;
  readonly pendingAmendment: PendingAmendment | null;
  /** Oldest first, at most MAX_AMENDMENTS. */
  readonly amendments: readonly AppliedAmendment[];
  readonly collateral: readonly AssetRef[];
  /** The collateral's risks the parties acknowledged at registration; none for most pledges. */
  readonly acknowledgedRisks: readonly AcknowledgedRisk[];
  readonly securedAmountFen: number;
  readonly term: Term;
  readonly state: PledgeState;
  /** When it was registered: the pledgor's confirmation; while PROPOSED, when it was proposed. */
  readonly registeredAt: string;
  /** When it was released, enforced, declined or withdrawn. */
  readonly closedAt: string | null;
  /** The PLEDGE_REGISTRATION ledger entry; null until the ledger has recorded it. */
  readonly registrationReceipt: Receipt | null;
  /** The PLEDGE_RELEASE ledger entry of a released pledge. */
  readonly releaseReceipt: Receipt | null;
  readonly enforcement: Enforcement | null;
  /** When it last changed (registered, its receipt recorded, a consent given, closed): kept by the store, for syncs. */
  readonly updatedAt: string;
}

export type NewPledge = Omit<PledgeRecord, 'registrationNumber' | 'updatedAt'>;

export const DISPOSALS = ['TRANSFER', 'LICENCE'] as const;

/** What a pledgor may do with a pledged right once the pledgee consents (Civil Code art. 444). */
export type Disposal = (typeof DISPOSALS)[number];

/** What each disposal is, as the schema's Disposal enum says. */
export const DISPOSAL_MEANINGS: Readonly<Record<Disposal, string>> = {
  TRANSFER: "Transfer of the pledged right to the counterparty (转让): Civil Code art. 444 allows it only with the pledgee's consent",
  LICENCE: "Licence to the counterparty to use the pledged right (许可他人使用): Civil Code art. 444 allows it only with the pledgee's consent",
};

/** The pledgee's recorded consent to a transfer or licence of one asset of a pledge's collateral. */
export interface ConsentRecord {
  readonly id: string;
  readonly pledgeId: string;
  readonly asset: AssetRef;
  readonly disposal: Disposal;
  /** The transferee or licensee: an enterprise id, or '' for a party outside the registry. */
  readonly counterpartyId: string;
  /** The transferee or licensee outside the registry; null for an enterprise. */
  readonly outsideCounterparty: OutsideParty | null;
  readonly grantedAt: string;
  /** The key that granted it. */
  readonly grantedBy: string;
  readonly note: string | null;
}

export const INSURANCE_PRODUCTS = ['INFRINGEMENT_LOSS', 'ENFORCEMENT_COST', 'PLEDGE_FINANCING_GUARANTEE'] as const;
export type InsuranceProduct = (typeof INSURANCE_PRODUCTS)[number];

/** What each product is, as the schema's InsuranceProduct enum says. */
export const INSURANCE_PRODUCT_MEANINGS: Readonly<Record<InsuranceProduct, string>> = {
  INFRINGEMENT_LOSS:
    'IP infringement loss insurance (知识产权被侵权损失保险): the loss the insured suffers from an infringement of the covered assets; a claim names the protection case',
  ENFORCEMENT_COST:
    'IP enforcement cost insurance (知识产权维权费用保险): what the insured spends enforcing the covered assets; a claim names the protection case',
  PLEDGE_FINANCING_GUARANTEE:
    'IP pledge financing guarantee insurance (知识产权质押融资保证保险), behind a loan secured by a pledge of the covered assets; a claim need name no case',
};

export const CLAIM_STATUSES = ['FILED', 'PAID', 'REJECTED'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** What each status is, as the schema's InsuranceClaimStatus enum says. */
export const CLAIM_STATUS_MEANINGS: Readonly<Record<ClaimStatus, string>> = {
  FILED: "Filed, awaiting the insurer's decision: next PAID or REJECTED",
  PAID: "Paid by the insurer (or centre staff): its amount counts in the policy's paidOut; final",
  REJECTED: 'Rejected by the insurer (or centre staff): nothing paid; final',
};

/** How the insurer settles a FILED claim: the status it moves to. */
export const CLAIM_DECISIONS = ['PAID', 'REJECTED'] as const satisfies readonly ClaimStatus[];
export type ClaimDecision = (typeof CLAIM_DECISIONS)[number];

/** What each decision does, as the schema's InsuranceClaimDecision enum says. */
export const CLAIM_DECISION_MEANINGS: Readonly<Record<ClaimDecision, string>> = {
  PAID: "Pay the claim's whole amount: SUM_INSURED_EXCEEDED when that would take the policy's paidOut past its sum insured",
  REJECTED: 'Reject the claim: nothing is paid',
};

export interface PolicyRecord {
  readonly id: string;
  readonly product: InsuranceProduct;
  /** An INSURER key's organization. */
  readonly insurer: string;
  readonly insuredId: string;
  readonly coveredAssets: readonly AssetRef[];
  readonly premiumFen: number;
  readonly sumInsuredFen: number;
  readonly period: Term;
  readonly issuedAt: string;
  /** When it last changed (issued, a claim filed or settled): kept by the store, for syncs. */
  readonly updatedAt: string;
}

export type NewPolicy = Omit<PolicyRecord, 'updatedAt'>;

export interface ClaimRecord {
  readonly id: string;
  readonly policyId: string;
  readonly amountFen: number;
  readonly status: ClaimStatus;
  /** The rights-protection case the loss arose in (the cases subgraph owns it). */
  readonly protectionCaseId: string | null;
  readonly filedAt: string;
  readonly filedBy: string;
  readonly settledAt: string | null;
  readonly settledBy: string | null;
}
