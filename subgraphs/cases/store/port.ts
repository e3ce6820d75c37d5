// The cases subgraph's storage port. Adapters: sqlite.ts, mongodb.ts; both pass contract.ts (run
// by contract.test.ts).
import type { Receipt } from '../../../ledger/index.js';
import type { Notification } from '../../../outbox/notification.js';
import type { OutboxSource } from '../../../outbox/port.js';
import type { ListRead } from '../../../platform/pagination.js';
import type { MonthCount } from '../../common/months.js';
import type { CaseEvent, NewPreExamCase, NewProtectionCase, PreExamCaseRecord, ProtectionCaseRecord, ResolutionRoute } from '../domain/model.js';
import type { PreExamState, ProtectionState } from '../domain/workflow.js';

/**
 * A claim on moving a case, held from before its decision is appended to the ledger until it is
 * moved: of racing moves one holds it and the others are refused before anything is signed, and a
 * move that signs nothing cannot slip in between another's signing and its move.
 */
export interface MoveClaim<S extends string> {
  /** Whose claim it is: a random id per attempt. */
  readonly token: string;
  /** When it was made: a claim older than the lease (subgraphs/common/claim-lease.ts) is taken over. */
  readonly at: string;
  /** The SHA-256 of the decision document the move appends (null for a move that signs nothing): how a taker-over finds it. */
  readonly digest: string | null;
  /** The event the move records, for a taker-over to finish it with. */
  readonly event: CaseEvent<S>;
}

/** How a case of either kind moves: claimed first, then moved by the claim's holder alone. */
export interface CaseMoves<S extends string, Changes> {
  /**
   * Claims the move of a case still in `from`, before anything is signed for it: ok, with the claim
   * stored, when no claim holds it, or only one made before `staleBefore` (left by a request that
   * died mid-move: `replaced` returns it, so that its decision, if it was appended, is found and
   * finished rather than signed twice). Not ok, changing nothing, when the case is not in `from`
   * (or does not exist) or a live claim holds it. Atomic on each adapter, across processes.
   */
  claimMove(id: string, from: S, claim: MoveClaim<S>, staleBefore: string): Promise<{ ok: false } | { ok: true; replaced: MoveClaim<S> | null }>;
  /** Drops the claim `token` made (the ledger refused its entry): the case may be moved again. Another token's claim stays. */
  dropClaim(id: string, token: string): Promise<void>;
  /**
   * Moves a case from `from` to `event.to`, appending the event, applying `changes`, dropping the
   * claim and writing `notify` to the outbox, in one transaction, only if the case is still in
   * `from` and its claim is `claim`. False, with nothing written, otherwise. The case's updatedAt
   * becomes event.at, unless it is later already (clocks of several processes disagree a little).
   */
  transition(id: string, from: S, event: CaseEvent<S>, changes: Changes, notify: readonly Notification[], claim: string): Promise<boolean>;
}

export interface PreExamFilter {
  readonly state?: PreExamState;
  readonly enterpriseId?: string;
}

export interface PreExamRepository extends CaseMoves<PreExamState, { decidedAt?: string; decisionReceipt?: Receipt }> {
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
  /** Every decided case's industry, receipt and decision times, for cycle-time statistics. */
  decided(): Promise<{ industry: string; receivedAt: string; decidedAt: string }[]>;
}

export interface ProtectionFilter {
  readonly state?: ProtectionState;
  readonly referredTo?: string;
  /** Cases the enterprise is a party to. */
  readonly enterpriseId?: string;
}

export interface ProtectionRepository extends CaseMoves<ProtectionState, { referredTo?: string; outcomeAt?: string; outcomeReceipt?: Receipt }> {
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
