// The cases subgraph's aggregates and their storage port. Adapters: sqlite.ts,
// mongodb.ts; both pass contract.ts (run by contract.test.ts).
import type { Notification } from '../../../outbox/notification.js';
import type { OutboxSource } from '../../../outbox/port.js';
import type { MonthCount } from '../../common/months.js';
import type { WorkflowEvent } from '../../common/workflow-event.js';
import type { PreExamState, ProtectionState } from '../workflow.js';

/** One step in a case's history (pre-examination states unless given). */
export type CaseEvent<S extends string = PreExamState> = WorkflowEvent<S>;

/** The ledger's receipt for an entry: seq, entryHash, timestamp (ms). */
import type { Receipt } from '../../../ledger/index.js';

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

export interface PreExamFilter {
  readonly state?: PreExamState;
  readonly enterpriseId?: string;
}

export interface PreExamRepository {
  /** Stores a new case with its first event, and `notify` in the outbox, in one transaction. */
  insert(c: PreExamCaseRecord, first: CaseEvent, notify?: readonly Notification[]): Promise<void>;
  byIds(ids: readonly string[]): Promise<(PreExamCaseRecord | undefined)[]>;
  /** Each enterprise's cases, newest first. */
  byEnterprises(ids: readonly string[]): Promise<PreExamCaseRecord[][]>;
  /** Each case's events, oldest first. */
  eventsOf(ids: readonly string[]): Promise<CaseEvent[][]>;
  /** Up to `limit` cases matching the filter with id > after, by id. */
  page(filter: PreExamFilter, after: string | undefined, limit: number): Promise<PreExamCaseRecord[]>;
  /**
   * Moves a case from `from` to `event.to`, appending the event, applying `changes` and writing
   * `notify` to the outbox, in one transaction, only if the case is still in `from`. False, with
   * nothing written, when it was not (another move came first).
   */
  transition(
    id: string,
    from: PreExamState,
    event: CaseEvent,
    changes: { decidedAt?: string; decisionReceipt?: Receipt },
    notify?: readonly Notification[],
  ): Promise<boolean>;
  /** Every decided case's industry, receipt and decision times, for cycle-time statistics. */
  decided(): Promise<{ industry: string; receivedAt: string; decidedAt: string }[]>;
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

export interface ProtectionFilter {
  readonly state?: ProtectionState;
  readonly referredTo?: string;
  /** Cases the enterprise is a party to. */
  readonly enterpriseId?: string;
}

export interface ProtectionRepository {
  /** As PreExamRepository.insert, with the case's parties and citations. */
  insert(c: ProtectionCaseRecord, first: CaseEvent<ProtectionState>, notify?: readonly Notification[]): Promise<void>;
  byIds(ids: readonly string[]): Promise<(ProtectionCaseRecord | undefined)[]>;
  /** Cases each enterprise is a party to, newest first. */
  byEnterprises(ids: readonly string[]): Promise<ProtectionCaseRecord[][]>;
  /** Cases citing each evidence deposit, newest first. */
  byEvidence(ids: readonly string[]): Promise<ProtectionCaseRecord[][]>;
  eventsOf(ids: readonly string[]): Promise<CaseEvent<ProtectionState>[][]>;
  page(filter: ProtectionFilter, after: string | undefined, limit: number): Promise<ProtectionCaseRecord[]>;
  /** As PreExamRepository.transition. */
  transition(
    id: string,
    from: ProtectionState,
    event: CaseEvent<ProtectionState>,
    changes: { referredTo?: string; outcomeAt?: string; outcomeReceipt?: Receipt },
    notify?: readonly Notification[],
  ): Promise<boolean>;
  /**
   * How many cases are in each state, per route, by route then state (as strings); pairs with
   * none left out. From counts kept in the writer's transaction: the cost of the pairs.
   */
  countByRouteAndState(): Promise<{ route: ResolutionRoute; state: ProtectionState; count: number }[]>;
  /** Cases applied for per month of appliedAt (in the hub's time zone), months `from` to `to` included, by month; none left out. Counted on write too. */
  countOpenedByMonth(from: string, to: string): Promise<MonthCount[]>;
}

export interface CasesStore {
  readonly preExam: PreExamRepository;
  readonly protection: ProtectionRepository;
  /**
   * The notifications of the filings and moves above, written in their transactions (`notify`),
   * for the relay to hand on (notifications/outbox).
   */
  readonly outbox: OutboxSource;
  close(): Promise<void>;
}
