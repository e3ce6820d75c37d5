// The notifications' storage port: the notifications themselves, each recipient's inbox with its
// unread count, webhook subscriptions, and one delivery per notification and subscription that
// receives it, leased to one deliverer at a time. Adapters: sqlite.ts, mongodb.ts; both pass
// contract.ts (run by contract.test.ts).

import type { Notification } from '../../../outbox/notification.js';
import type { DeliveryRecord, DeliveryState, InboxItem } from '../domain/model.js';
import type { Subscription } from '../domain/subscription.js';

/** A delivery a deliverer holds, with what it needs to send it. */
export interface Claim {
  /** As claimed: `attempts` is this try's number, the token its outcome is recorded with. */
  readonly delivery: DeliveryRecord;
  readonly notification: Notification;
  readonly subscription: Subscription;
}

/** A place in a page newest first (occurredAt descending, then id ascending): a page starts strictly after it. */
export interface PageKey {
  readonly occurredAt: string;
  readonly id: string;
}

/** Storage of notifications, inboxes, subscriptions and deliveries. */
export interface NotificationStore {
  /**
   * Stores each notification whose id is new, in one transaction with its fan-out: an unread
   * inbox item per recipient of its audience (recipientKey) and a PENDING delivery, due at
   * occurredAt, per active subscription that receives it (receives and takesType). A notification
   * whose id is stored already, by an earlier call or a concurrent one, changes nothing, even if
   * its content differs. Throws, storing nothing, when one of them is not valid (notificationProblem).
   */
  accept(notifications: readonly Notification[]): Promise<void>;
  notification(id: string): Promise<Notification | undefined>;
  /**
   * Stores `n` (once, as accept does) with one PENDING delivery, to the subscription `subscriptionId`
   * alone, and no inbox items: a test its owner asked for. False, storing nothing, when there is no
   * such active subscription.
   */
  acceptFor(n: Notification, subscriptionId: string): Promise<boolean>;

  /** `recipient`'s items newest first (occurredAt descending, then notification id), after `after`, up to `limit`. */
  inbox(recipient: string, after: PageKey | undefined, limit: number): Promise<InboxItem[]>;
  /** From a counter kept with the items: one read, however many there are. */
  unreadCount(recipient: string): Promise<number>;
  /** How many items `recipient`'s inbox holds, read or not: counted along its index. */
  inboxCount(recipient: string): Promise<number>;
  /** Marks those of `recipient`'s items that are unread read; how many were. Others' items and unknown ids are left. */
  markRead(recipient: string, notificationIds: readonly string[]): Promise<number>;
  /** Marks all of `recipient`'s items read; how many were unread. */
  markAllRead(recipient: string): Promise<number>;

  /**
   * Stores `s`; false, storing nothing, when `cap` is given and its owner has that many active
   * subscriptions already (counted in the write's own transaction: concurrent ones cannot pass it).
   * Throws when the id is taken.
   */
  createSubscription(s: Subscription, cap?: number): Promise<boolean>;
  subscription(id: string): Promise<Subscription | undefined>;
  /** Up to `limit` of the subscriptions whose owner has this key id, by id, after `after`. Secrets included: show them to no one. */
  subscriptionsOf(ownerKeyId: string, after: string | undefined, limit: number): Promise<Subscription[]>;
  /** How many subscriptions (active or not) the owner has: what subscriptionsOf pages through. */
  subscriptionCount(ownerKeyId: string): Promise<number>;
  /** False when there is no such subscription or it is disabled already. Whether the caller may is the caller's to check. */
  disableSubscription(id: string, at: string): Promise<boolean>;
  /** The key ids that own an active subscription, each once (one per partner key: a few hundred at most). */
  activeSubscriptionOwners(): Promise<string[]>;
  /** Disables every active subscription of `ownerKeyId`; how many. */
  disableSubscriptionsOf(ownerKeyId: string, at: string): Promise<number>;
  /** The active subscriptions that receive `n`. */
  subscriptionsFor(n: Notification): Promise<Subscription[]>;

  /**
   * Leases up to `limit` PENDING deliveries that are due (nextAttemptAt <= now) and held by no
   * one (leasedUntil null or <= now), shared round robin between the subscriptions they go to:
   * the subscription waiting longest first, one each a round. A subscription holds at most
   * `perSubscription` leases at once (those it holds already counted), one while it is failing,
   * none while it is paused; a disabled one's are claimed to be failed, without a limit. Each
   * claimed delivery gets leasedUntil = now + leaseMs, one more attempt, and firstAttemptAt = now
   * if it had none. Atomic per delivery: two claims, in this process or another, never return the
   * same one while its lease lasts.
   */
  claimDue(now: number, limit: number, leaseMs: number, perSubscription: number): Promise<Claim[]>;
  /** The receiver acknowledged it: DELIVERED, for good, and its subscription failing no more. False unless it was PENDING. */
  recordSuccess(id: string, at: number): Promise<boolean>;
  /**
   * The try numbered `attempt` failed: PENDING again, due at `nextAttemptAt`, or FAILED when it
   * is null; its subscription failing since `at` unless it was already. False, changing nothing,
   * unless it is PENDING and no later try has begun since.
   */
  recordFailure(id: string, attempt: number, at: number, error: string, nextAttemptAt: number | null): Promise<boolean>;
  /** Pauses an active subscription: claimDue leaves its deliveries. False when it is paused or disabled already, or not there. */
  pauseSubscription(id: string, at: string): Promise<boolean>;
  /**
   * Replaces the subscription's secret with `secret`; the one it had signs beside it until
   * `previousUntil`. False when there is no such subscription or it is disabled.
   */
  rotateSecret(id: string, secret: string, previousUntil: string): Promise<boolean>;
  /** Sends to a paused subscription again, failing no more (a fresh hour before another pause). False unless it was paused. */
  resumeSubscription(id: string): Promise<boolean>;
  /**
   * A FAILED delivery PENDING again, due at `now`, its attempts and first attempt forgotten so that
   * it gets a whole retry schedule; its last error stays until its next try. False unless FAILED.
   */
  resend(id: string, now: number): Promise<boolean>;
  delivery(id: string): Promise<DeliveryRecord | undefined>;
  /** Deliveries in `state` newest first (occurredAt descending, then id), after `after`, up to `limit`. */
  deliveries(state: DeliveryState, after: PageKey | undefined, limit: number): Promise<DeliveryRecord[]>;
  /** One subscription's deliveries in `state`, in the same order: what its owner sees of its own. */
  deliveriesOf(subscriptionId: string, state: DeliveryState, after: PageKey | undefined, limit: number): Promise<DeliveryRecord[]>;
  /**
   * How many deliveries are in `state` (of one subscription, when given), counted along the index
   * deliveries and deliveriesOf page: DELIVERED ones grow with the history, and so does this count's cost.
   */
  deliveryCount(state: DeliveryState, subscriptionId?: string): Promise<number>;
  /**
   * How many deliveries are PENDING and FAILED, counted along their index: the cost of the
   * backlog. DELIVERED ones grow with the history and are not counted here.
   */
  backlog(): Promise<{ pending: number; failed: number }>;

  close(): Promise<void>;
}
