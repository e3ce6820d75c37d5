// The finance subgraph's storage port. Adapters: sqlite.ts, mongodb.ts; both pass contract.ts
// (run by contract.test.ts).
import type { Receipt } from '../../../ledger/index.js';
import type { Notification } from '../../../outbox/notification.js';
import type { OutboxSource } from '../../../outbox/port.js';
import type { ListRead } from '../../../platform/pagination.js';
import type {
  AppliedAmendment,
  AuthorityRegistration,
  ClaimRecord,
  ConsentRecord,
  Enforcement,
  NewPledge,
  NewPolicy,
  PendingAmendment,
  PledgeeKind,
  PledgeEvent,
  PledgeRecord,
  PolicyRecord,
} from '../domain/model.js';
import type { CollateralKind, PledgeState } from '../domain/pledge-rules.js';

/** RECORDED, or why not: no such pledge, not REGISTERED (closed), or at its cap of consents already. */
export type ConsentOutcome = 'RECORDED' | 'NOT_FOUND' | 'NOT_REGISTERED' | 'TOO_MANY';

export interface PledgeFilter {
  readonly state?: PledgeState;
  readonly pledgorId?: string;
  readonly pledgee?: string;
  /** With pledgee: a bank and a guarantor of one name are two pledgees. */
  readonly pledgeeKind?: PledgeeKind;
}

/** RECORDED, or why not: no such pledge, not REGISTERED, one pending already, or at MAX_AMENDMENTS. */
export type AmendmentOutcome = 'RECORDED' | 'NOT_FOUND' | 'NOT_REGISTERED' | 'PENDING' | 'TOO_MANY';

/** RECORDED, or why not: no such pledge, never registered (PROPOSED, DECLINED, WITHDRAWN), or recorded already. */
export type AuthorityOutcome = 'RECORDED' | 'NOT_FOUND' | 'NOT_REGISTERED' | 'RECORDED_ALREADY';

/** Some of the collateral is in an active pledge already. */
export class AssetAlreadyPledgedError extends Error {
  override readonly name = 'AssetAlreadyPledgedError';
  constructor(
    /** The asset keys (see assetKey) taken. */
    readonly assets: readonly string[],
  ) {
    super(`already in an active pledge: ${assets.join(', ')}`);
  }
}

export interface PledgeRepository {
  /**
   * Stores a pledge with its first event, assigning the next registration number of the year
   * (China time) of registeredAt; all in one transaction. A REGISTERED one claims its collateral
   * and is counted as registered: AssetAlreadyPledgedError, writing nothing, when any asset is in
   * an active pledge (nothing else, an id used twice, is reported as that); it writes no
   * notification, the registration being final only once recordRegistration has its receipt, and
   * discard may take it back before. A PROPOSED one claims nothing and is counted by state alone,
   * and its notices, `notify` made of it as numbered, are written with it.
   */
  register(p: NewPledge, first: PledgeEvent, notify?: (numbered: PledgeRecord) => readonly Notification[]): Promise<PledgeRecord>;
  /**
   * The pledgor's confirmation of a PROPOSED pledge: REGISTERED at `at`, with the confirming key
   * (the risks the proposal acknowledged stand, the pledgor having acknowledged them too), its collateral claimed and the pledge counted as registered, the
   * event appended; one transaction. AssetAlreadyPledgedError, writing nothing, when an asset is in
   * an active pledge; undefined, writing nothing, when it is not PROPOSED (answered meanwhile).
   * Final, as register's, only once recordRegistration has its receipt: discard puts it back.
   */
  confirm(id: string, confirmation: { at: string; by: string }, event: PledgeEvent): Promise<PledgeRecord | undefined>;
  /**
   * Closes a PROPOSED pledge as DECLINED or WITHDRAWN (event.to), with its event and `notify`;
   * false, writing nothing, when it is not PROPOSED.
   */
  answerProposal(id: string, event: PledgeEvent, notify: readonly Notification[]): Promise<boolean>;
  /** Records the registration authority's number and date on a pledge ever registered, once, with its event. */
  recordAuthorityRegistration(id: string, registration: AuthorityRegistration, event: PledgeEvent): Promise<AuthorityOutcome>;
  /** Records the pledgee's proposed amendment of a REGISTERED pledge, with its event and `notify`: one pending at a time. */
  proposeAmendment(id: string, amendment: PendingAmendment, event: PledgeEvent, notify: readonly Notification[]): Promise<AmendmentOutcome>;
  /** Drops the pending amendment (declined or withdrawn) with its event and `notify`; false when none is pending. */
  dropAmendment(id: string, event: PledgeEvent, notify: readonly Notification[]): Promise<boolean>;
  /**
   * Applies the pending amendment as confirmed (`applied`, its receipt the PLEDGE_AMENDMENT entry):
   * the secured amount and term change (and the counts' amounts with them), the pending one is
   * cleared, the event appended, the claim dropped and `notify` written; one transaction, only if
   * the pledge is REGISTERED, its pending amendment was proposed at applied.proposedAt and its
   * claim is `claim`. False, writing nothing, otherwise.
   */
  amend(id: string, applied: AppliedAmendment, event: PledgeEvent, notify: readonly Notification[], claim: string): Promise<boolean>;
  /**
   * Attaches the PLEDGE_REGISTRATION receipt, and writes `notify` (the registration's
   * notifications) to the outbox in the same transaction; nothing when there is no such pledge.
   */
  recordRegistration(id: string, receipt: Receipt, notify?: readonly Notification[]): Promise<void>;
  /**
   * Takes back a registration the ledger never recorded (no registration receipt), freeing its
   * collateral and taking it off the counts: a confirmed proposal goes back to PROPOSED, its
   * confirmation undone; a pledge registered at once is removed.
   */
  discard(id: string): Promise<void>;
  byIds(ids: readonly string[]): Promise<(PledgeRecord | undefined)[]>;
  /** By the registration numbers the hub gave them (ZX...), in the order asked. */
  byRegistrationNumbers(numbers: readonly string[]): Promise<(PledgeRecord | undefined)[]>;
  /** Each enterprise's pledges, newest first. */
  byPledgors(enterpriseIds: readonly string[]): Promise<PledgeRecord[][]>;
  /** Every pledge (active or closed) each asset key is collateral in, newest first. */
  byAssets(keys: readonly string[]): Promise<PledgeRecord[][]>;
  /** Each pledge's events, oldest first. */
  eventsOf(ids: readonly string[]): Promise<PledgeEvent[][]>;
  /** The REGISTERED pledge each asset key is collateral in, if any: one at most, found by its claim on the asset. */
  activeOn(keys: readonly string[]): Promise<(PledgeRecord | undefined)[]>;
  /**
   * Records a consent with its event and writes `notify` to the outbox, in one transaction, only
   * if the pledge is still REGISTERED and holds fewer than `cap` consents; nothing is written
   * unless RECORDED.
   */
  addConsent(consent: ConsentRecord, event: PledgeEvent, cap: number, notify?: readonly Notification[]): Promise<ConsentOutcome>;
  /** Each pledge's consents, oldest first. */
  consentsOf(ids: readonly string[]): Promise<ConsentRecord[][]>;
  /** Up to `limit` pledges matching the filter, read by id or by change (platform/pagination.ts ListRead). */
  page(filter: PledgeFilter, read: ListRead, limit: number): Promise<PledgeRecord[]>;
  /** How many pledges match the filter (changed at `since` or later, when given): what page pages through. */
  count(filter: PledgeFilter, since: string | undefined): Promise<number>;
  /**
   * Claims the closing (or amending) of a pledge still in `from`, before anything is signed for it: true, with
   * the claim stored, when no claim holds it, or only one made before `staleBefore` (left by a
   * process that died mid-close: `replaced` returns it, so that its ledger entry, if it was
   * appended, is found and finished rather than signed twice). False, changing nothing, when the
   * pledge left `from` or a live claim holds it. Atomic on each adapter, across processes.
   */
  claimClose(id: string, from: PledgeState, claim: CloseClaim, staleBefore: string): Promise<{ ok: false } | { ok: true; replaced: CloseClaim | null }>;
  /** Drops the claim `token` made (the ledger refused the entry): the pledge may be closed again. */
  dropClaim(id: string, token: string): Promise<void>;
  /**
   * Closes a pledge (RELEASED or ENFORCED): moves it from `from` to `event.to`, appends the event,
   * applies `changes`, frees its collateral, drops the claim and writes `notify` to the outbox, in
   * one transaction, only if it is still in `from` and its claim is `claim`. False, with nothing
   * written, otherwise.
   */
  transition(
    id: string,
    from: PledgeState,
    event: PledgeEvent,
    changes: { closedAt: string; releaseReceipt?: Receipt; enforcement?: Enforcement },
    notify: readonly Notification[],
    claim: string,
  ): Promise<boolean>;
  /**
   * Pledges registered per month of registeredAt (in the hub's time zone) and pledgee, for the months `from` to `to`
   * (YYYY-MM, both included), whatever their state now, with the sum of their secured amounts; by
   * month, then pledgee; pairs with none left out. From counts kept in the writer's transaction
   * (a discarded pledge is taken off them): the cost of the pairs, not of the pledges.
   */
  countByMonthAndPledgee(from: string, to: string): Promise<{ month: string; pledgee: string; count: number; amountFen: number }[]>;
  /** How many pledges are in each state, by state; states with none left out. Counted on write too. */
  countByState(): Promise<{ state: PledgeState; count: number }[]>;
  /**
   * Pledges registered, whatever their state now, and the sum of their secured amounts, by the
   * kind of their collateral (collateralKind); kinds with none left out. Counted on write too.
   */
  countByCollateralKind(): Promise<{ kind: CollateralKind; count: number; amountFen: number }[]>;
}

/** A claim on closing a pledge, held from before its ledger entry is appended until it is closed. */
export interface CloseClaim {
  /** Whose claim it is: a random id per attempt. */
  readonly token: string;
  /** When it was made: a claim older than the lease is taken over. */
  readonly at: string;
  /** The SHA-256 of the ledger document the closing (or amendment) appends (none for an enforcement): how a taker-over finds it. */
  readonly digest: string | null;
  /** The event the closing records, for a taker-over to finish it with. */
  readonly event: PledgeEvent;
}

export interface PolicyFilter {
  readonly insurer?: string;
  readonly insuredId?: string;
}

export type Settlement = 'SETTLED' | 'NOT_FILED' | 'SUM_INSURED_EXCEEDED';

export interface PolicyRepository {
  insert(p: NewPolicy): Promise<void>;
  byIds(ids: readonly string[]): Promise<(PolicyRecord | undefined)[]>;
  /** Each enterprise's policies, newest first. */
  byInsured(enterpriseIds: readonly string[]): Promise<PolicyRecord[][]>;
  /** The policies covering each asset key (see assetKey), newest first. */
  byCoveredAssets(keys: readonly string[]): Promise<PolicyRecord[][]>;
  /** Up to `limit` policies matching the filter, read by id or by change (ListRead). */
  page(filter: PolicyFilter, read: ListRead, limit: number): Promise<PolicyRecord[]>;
  /** How many policies match the filter (changed at `since` or later, when given). */
  count(filter: PolicyFilter, since: string | undefined): Promise<number>;
  addClaim(c: ClaimRecord): Promise<void>;
  /** Each policy's claims, oldest first. */
  claimsOf(policyIds: readonly string[]): Promise<ClaimRecord[][]>;
  /** Claims by their ids, in the order asked; undefined for unknown ids. */
  claimsByIds(ids: readonly string[]): Promise<(ClaimRecord | undefined)[]>;
  /**
   * Settles a FILED claim as PAID or REJECTED, atomically: NOT_FILED when it is not FILED (or does
   * not exist), SUM_INSURED_EXCEEDED when paying it would take the policy's paid claims past its
   * sum insured. Nothing changes unless SETTLED; then `notify` is written to the outbox in the
   * same transaction.
   */
  settleClaim(policyId: string, claimId: string, to: 'PAID' | 'REJECTED', at: string, by: string, notify?: readonly Notification[]): Promise<Settlement>;
}

export interface FinanceStore {
  readonly pledges: PledgeRepository;
  readonly policies: PolicyRepository;
  /**
   * The notifications of the writes above, written in their transactions (`notify`), for the
   * relay to hand on (notifications/outbox).
   */
  readonly outbox: OutboxSource;
  close(): Promise<void>;
}
