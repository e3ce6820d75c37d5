// The finance subgraph's records: pledges of IP assets other subgraphs own, the pledgee's
// consents, insurance policies and their claims, as every store keeps them.
import type { Receipt } from '../../../ledger/index.js';
import type { WorkflowEvent } from '../../common/workflow-event.js';
import type { PledgeState } from './pledge-rules.js';
import type { RiskShares } from './risk.js';

export const ASSET_KINDS = ['PATENT', 'TRADEMARK', 'DATA_ASSET'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

/** An IP asset another subgraph owns, by its key there (a patent by canonical application number). */
export interface AssetRef {
  readonly kind: AssetKind;
  readonly id: string;
}

/** `KIND:id`: one key per asset, unambiguous since no kind contains a colon. */
export const assetKey = (a: AssetRef): string => `${a.kind}:${a.id}`;

/** A span of calendar days, YYYY-MM-DD, start before end. */
export interface Term {
  readonly startDate: string;
  readonly endDate: string;
}

/** One step in a pledge's history. */
export type PledgeEvent = WorkflowEvent<PledgeState>;

/** The loss on a defaulted pledge and how it is shared. */
export interface Enforcement {
  readonly lossFen: number;
  readonly shares: RiskShares;
}

export interface PledgeRecord {
  readonly id: string;
  /** Human-readable and unique, e.g. ZX-2026-000123: assigned by the store. */
  readonly registrationNumber: string;
  readonly pledgorId: string;
  /** The pledgee bank: a BANK key's organization. */
  readonly pledgee: string;
  readonly collateral: readonly AssetRef[];
  readonly securedAmountFen: number;
  readonly term: Term;
  readonly state: PledgeState;
  readonly registeredAt: string;
  /** When it was released or enforced. */
  readonly closedAt: string | null;
  /** The PLEDGE_REGISTRATION ledger entry; null until the ledger has recorded it. */
  readonly registrationReceipt: Receipt | null;
  /** The PLEDGE_RELEASE ledger entry of a released pledge. */
  readonly releaseReceipt: Receipt | null;
  readonly enforcement: Enforcement | null;
}

export type NewPledge = Omit<PledgeRecord, 'registrationNumber'>;

export const DISPOSALS = ['TRANSFER', 'LICENCE'] as const;

/** What a pledgor may do with a pledged right once the pledgee consents (Civil Code art. 444). */
export type Disposal = (typeof DISPOSALS)[number];

/** The pledgee's recorded consent to a transfer or licence of one asset of a pledge's collateral. */
export interface ConsentRecord {
  readonly id: string;
  readonly pledgeId: string;
  readonly asset: AssetRef;
  readonly disposal: Disposal;
  /** The transferee or licensee: an enterprise id. */
  readonly counterpartyId: string;
  readonly grantedAt: string;
  /** The key that granted it. */
  readonly grantedBy: string;
  readonly note: string | null;
}

export const INSURANCE_PRODUCTS = ['INFRINGEMENT_LOSS', 'ENFORCEMENT_COST', 'PLEDGE_FINANCING_GUARANTEE'] as const;
export type InsuranceProduct = (typeof INSURANCE_PRODUCTS)[number];

export const CLAIM_STATUSES = ['FILED', 'PAID', 'REJECTED'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

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
}

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
