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
}

export const PROTECTION_KINDS = ['INFRINGEMENT', 'OWNERSHIP', 'CONTRACT'] as const;
export type ProtectionKind = (typeof PROTECTION_KINDS)[number];

export const RESOLUTION_ROUTES = ['MEDIATION', 'ARBITRATION', 'ADMINISTRATIVE_ADJUDICATION', 'COURT_REFERRAL'] as const;
export type ResolutionRoute = (typeof RESOLUTION_ROUTES)[number];

export const IP_RIGHT_KINDS = ['PATENT', 'TRADEMARK', 'COPYRIGHT'] as const;

export interface Party {
  readonly role: 'CLAIMANT' | 'RESPONDENT';
  /** A registered enterprise, or null for an outside party known by name. */
  readonly enterpriseId: string | null;
  readonly name: string;
}

export interface IpRight {
  readonly kind: (typeof IP_RIGHT_KINDS)[number];
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
  readonly outcomeAt: string | null;
  /** The CASE_DECISION ledger entry of its outcome. */
  readonly outcomeReceipt: Receipt | null;
}
