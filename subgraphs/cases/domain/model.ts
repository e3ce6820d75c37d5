// The cases subgraph's records: pre-examination and rights-protection cases, their parties, rights
// and history, as every store keeps them.
import type { Receipt } from '../../../ledger/index.js';
import type { WorkflowEvent } from '../../common/workflow-event.js';
import type { PreExamState, ProtectionState } from './workflow.js';

/** One step in a case's history (pre-examination states unless given). */
export type CaseEvent<S extends string = PreExamState> = WorkflowEvent<S>;

export interface PreExamCaseRecord {
  readonly id: string;
  readonly enterpriseId: string;
  /** Canonical patent application number. */
  readonly applicationNumber: string;
  readonly title: string;
  /** The applicant's industry, as filed: cycle times are reported per industry. */
  readonly industry: string;
  readonly state: PreExamState;
  readonly receivedAt: string;
  readonly decidedAt: string | null;
  /** The CASE_DECISION ledger entry of a PASSED or RETURNED case. */
  readonly decisionReceipt: Receipt | null;
  /** When it last changed (filed, each move, its decision among them): kept by the store, for syncs. */
  readonly updatedAt: string;
}

/** A case as filed: the store dates it (updatedAt) by its receipt. */
export type NewPreExamCase = Omit<PreExamCaseRecord, 'updatedAt'>;

export const PROTECTION_KINDS = ['INFRINGEMENT', 'OWNERSHIP', 'CONTRACT'] as const;
export type ProtectionKind = (typeof PROTECTION_KINDS)[number];

/** What each kind of protection case is about: its description in the schema. */
export const PROTECTION_KIND_MEANINGS: Readonly<Record<ProtectionKind, string>> = {
  INFRINGEMENT: "Infringement (侵权纠纷): a right used without its holder's consent; for patents, Patent Law art. 65",
  OWNERSHIP: 'Ownership dispute (权属纠纷): who a right, or the right to apply for it, belongs to',
  CONTRACT: 'Contract dispute (合同纠纷) over the rights concerned, such as their licence or transfer',
};

export const RESOLUTION_ROUTES = ['MEDIATION', 'ARBITRATION', 'ADMINISTRATIVE_ADJUDICATION', 'COURT_REFERRAL'] as const;
export type ResolutionRoute = (typeof RESOLUTION_ROUTES)[number];

/** What each resolution route is: its description in the schema. */
export const RESOLUTION_ROUTE_MEANINGS: Readonly<Record<ResolutionRoute, string>> = {
  MEDIATION: "Mediation (调解): the parties seek a settlement with a mediator's help",
  ARBITRATION: "Arbitration (仲裁): needs the parties' arbitration agreement (Arbitration Law art. 4)",
  ADMINISTRATIVE_ADJUDICATION:
    'Administrative adjudication (行政裁决): an IP administration department decides the dispute, e.g. a patent infringement under Patent Law art. 65',
  COURT_REFERRAL: "Referral to a people's court (人民法院); a case REFERRED names its court in referredTo",
};

export const IP_RIGHT_KINDS = ['PATENT', 'TRADEMARK', 'COPYRIGHT'] as const;
export type IpRightKind = (typeof IP_RIGHT_KINDS)[number];

/** What each kind of right is: its description in the schema. */
export const IP_RIGHT_KIND_MEANINGS: Readonly<Record<IpRightKind, string>> = {
  PATENT: 'A patent or patent application (专利), named by its application number, canonical',
  TRADEMARK: 'A registered trademark (注册商标), named by its number as given',
  COPYRIGHT: 'A copyright (著作权), named by its number as given',
};

export const PARTY_ROLES = ['CLAIMANT', 'RESPONDENT'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** What each party's role is: its description in the schema. */
export const PARTY_ROLE_MEANINGS: Readonly<Record<PartyRole, string>> = {
  CLAIMANT: 'The party that applied (申请人): always a registered enterprise',
  RESPONDENT: 'A party the application is against (被申请人): a registered enterprise or an outside party known by name',
};

export interface Party {
  readonly role: PartyRole;
  /** A registered enterprise, or null for an outside party known by name. */
  readonly enterpriseId: string | null;
  readonly name: string;
}

export interface IpRight {
  readonly kind: IpRightKind;
  readonly number: string;
}

export interface ProtectionCaseRecord {
  readonly id: string;
  readonly kind: ProtectionKind;
  readonly route: ResolutionRoute;
  readonly summary: string;
  readonly state: ProtectionState;
  readonly parties: readonly Party[];
  readonly ipRights: readonly IpRight[];
  /** Evidence deposits the case cites (the evidence subgraph's ids). */
  readonly evidenceIds: readonly string[];
  /** The court a REFERRED case went to. */
  readonly referredTo: string | null;
  readonly appliedAt: string;
  /**
   * The day the claimant says it knew (or should have known) of the harm and who caused it: the
   * limitation period runs from it (domain/limitation.ts). Null when not stated, and for a case from
   * before it was asked (2026-12).
   */
  readonly knownSince: string | null;
  /** SHA-256 of CNIPA's patent evaluation report the claimant gave (Patent Law art. 66(2)); null when none. */
  readonly evaluationReportDigest?: string | null;
  readonly outcomeAt: string | null;
  /** The CASE_DECISION ledger entry of its outcome. */
  readonly outcomeReceipt: Receipt | null;
  /** When it last changed (applied for, each move, its referral and outcome among them): kept by the store, for syncs. */
  readonly updatedAt: string;
}

/** A case as applied for: the store dates it (updatedAt) by its application. */
export type NewProtectionCase = Omit<ProtectionCaseRecord, 'updatedAt'>;
