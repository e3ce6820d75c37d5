// The cases subgraph's aggregates and their storage port. Adapters: sqlite-repository.ts,
// mongodb-repository.ts; both pass repository.contract.ts.
import type { Role } from '../common/identity.js';
import type { PreExamState } from './workflow.js';

/** One step in a case's append-only history. */
export interface CaseEvent {
  readonly at: string;
  /** The key that acted. */
  readonly actor: string;
  readonly role: Role;
  readonly from: PreExamState | null;
  readonly to: PreExamState;
  readonly note: string | null;
}

export interface LedgerReceipt {
  readonly seq: number;
  readonly entryHash: string;
  readonly timestamp: number;
}

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
  readonly decisionReceipt: LedgerReceipt | null;
}

export interface PreExamFilter {
  readonly state?: PreExamState;
  readonly enterpriseId?: string;
}

export interface PreExamRepository {
  /** Stores a new case with its first event. */
  insert(c: PreExamCaseRecord, first: CaseEvent): Promise<void>;
  byIds(ids: readonly string[]): Promise<(PreExamCaseRecord | undefined)[]>;
  /** Each enterprise's cases, newest first. */
  byEnterprises(ids: readonly string[]): Promise<PreExamCaseRecord[][]>;
  /** Each case's events, oldest first. */
  eventsOf(ids: readonly string[]): Promise<CaseEvent[][]>;
  /** Up to `limit` cases matching the filter with id > after, by id. */
  page(filter: PreExamFilter, after: string | undefined, limit: number): Promise<PreExamCaseRecord[]>;
  /**
   * Moves a case from `from` to `event.to`, appending the event and applying `changes`, only
   * if the case is still in `from`. False when it was not (another move came first).
   */
  transition(id: string, from: PreExamState, event: CaseEvent, changes: { decidedAt?: string; decisionReceipt?: LedgerReceipt }): Promise<boolean>;
  /** Every decided case's industry, receipt and decision times, for cycle-time statistics. */
  decided(): Promise<{ industry: string; receivedAt: string; decidedAt: string }[]>;
}

export interface CasesStore {
  readonly preExam: PreExamRepository;
  close(): Promise<void>;
}
