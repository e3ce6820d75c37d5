// The cases subgraph's storage port. Adapters: sqlite.ts, mongodb.ts; both pass contract.ts (run
// by contract.test.ts).
import type { Receipt } from '../../../ledger/index.js';
import type { Notification } from '../../../outbox/notification.js';
import type { OutboxSource } from '../../../outbox/port.js';
import type { ListRead } from '../../../platform/pagination.js';
import type { MonthCount } from '../../common/months.js';
import type { CaseEvent, NewPreExamCase, NewProtectionCase, PreExamCaseRecord, ProtectionCaseRecord, ResolutionRoute } from '../domain/model.js';
import type { PreExamState, ProtectionState } from '../domain/workflow.js';

export interface PreExamFilter {
  readonly state?: PreExamState;
  readonly enterpriseId?: string;
}

export interface PreExamRepository {
  /** Stores a new case with its first event, and `notify` in the outbox, in one transaction; updatedAt is its receivedAt. */
  insert(c: NewPreExamCase, first: CaseEvent, notify?: readonly Notification[]): Promise<void>;
  byIds(ids: readonly string[]): Promise<(PreExamCaseRecord | undefined)[]>;
  /** Each enterprise's cases, newest first. */
  byEnterprises(ids: readonly string[]): Promise<PreExamCaseRecord[][]>;
  /** Each case's events, oldest first. */
  eventsOf(ids: readonly string[]): Promise<CaseEvent[][]>;
  /** Up to `limit` cases matching the filter, read by id or by change (platform/pagination.ts ListRead). */
  page(filter: PreExamFilter, read: ListRead, limit: number): Promise<PreExamCaseRecord[]>;
  /** How many cases match the filter (changed at `since` or later, when given): what page pages through. */
  count(filter: PreExamFilter, since: string | undefined): Promise<number>;
  /**
   * Moves a case from `from` to `event.to`, appending the event, applying `changes` and writing
   * `notify` to the outbox, in one transaction, only if the case is still in `from`. False, with
   * nothing written, when it was not (another move came first). The case's updatedAt becomes
   * event.at, unless it is later already (clocks of several processes disagree a little).
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

export interface ProtectionFilter {
  readonly state?: ProtectionState;
  readonly referredTo?: string;
  /** Cases the enterprise is a party to. */
  readonly enterpriseId?: string;
}

export interface ProtectionRepository {
  /** As PreExamRepository.insert, with the case's parties and citations; updatedAt is its appliedAt. */
  insert(c: NewProtectionCase, first: CaseEvent<ProtectionState>, notify?: readonly Notification[]): Promise<void>;
  byIds(ids: readonly string[]): Promise<(ProtectionCaseRecord | undefined)[]>;
  /** Cases each enterprise is a party to, newest first. */
  byEnterprises(ids: readonly string[]): Promise<ProtectionCaseRecord[][]>;
  /** Cases citing each evidence deposit, newest first. */
  byEvidence(ids: readonly string[]): Promise<ProtectionCaseRecord[][]>;
  eventsOf(ids: readonly string[]): Promise<CaseEvent<ProtectionState>[][]>;
  /** Up to `limit` cases matching the filter, read by id or by change (ListRead). */
  page(filter: ProtectionFilter, read: ListRead, limit: number): Promise<ProtectionCaseRecord[]>;
  /** How many cases match the filter (changed at `since` or later, when given); a count by state alone is read from the kept counts. */
  count(filter: ProtectionFilter, since: string | undefined): Promise<number>;
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
