// The notifications subgraph's records: a notification in an inbox, and a delivery of one to a
// webhook subscription with its retries, as every store keeps them.
import { createHash } from 'node:crypto';

import type { Notification } from '../../../outbox/notification.js';
import type { Subscription } from './subscription.js';

export const DELIVERY_STATES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** What each state of a delivery means, as the schema describes it. */
export const DELIVERY_STATE_MEANINGS: Record<DeliveryState, string> = {
  PENDING: 'Not acknowledged yet: waiting for its next try, or for its paused subscription to be resumed',
  DELIVERED: 'The receiver answered 2xx: it is not sent again',
  FAILED: 'Given up: 24 hours of tries failed, or its subscription was disabled or its owner no longer acts; resendWebhookDelivery makes it PENDING again',
};

/** One notification to be sent to one subscription. Times in milliseconds since the epoch. */
export interface DeliveryRecord {
  /** deliveryId(notificationId, subscriptionId). */
  readonly id: string;
  readonly notificationId: string;
  readonly subscriptionId: string;
  /** The notification's, for the order of pages. */
  readonly occurredAt: string;
  readonly state: DeliveryState;
  /** Tries begun: counted when a deliverer claims it, so a try cut short by a crash counts too. */
  readonly attempts: number;
  /** When the first try began (the claim); null before it. The retry schedule counts from it. */
  readonly firstAttemptAt: number | null;
  /** When the last try ended; null before one did. */
  readonly lastAttemptAt: number | null;
  readonly lastError: string | null;
  /** When a PENDING delivery is due; null once DELIVERED or FAILED. */
  readonly nextAttemptAt: number | null;
  /** Until when a deliverer holds it; null when none does. Past it, it may be claimed again. */
  readonly leasedUntil: number | null;
  readonly deliveredAt: number | null;
}

export interface InboxItem {
  readonly notification: Notification;
  readonly read: boolean;
}

/** The one id of a notification's delivery to a subscription, so that accepting it again adds none. */
export function deliveryId(notificationId: string, subscriptionId: string): string {
  return createHash('sha256')
    .update(JSON.stringify([notificationId, subscriptionId]))
    .digest('base64url');
}

/** The delivery accept makes of `n` for `s`: PENDING, due from when `n` occurred, not tried yet. */
export function newDelivery(n: Notification, s: Subscription): DeliveryRecord {
  return {
    id: deliveryId(n.id, s.id),
    notificationId: n.id,
    subscriptionId: s.id,
    occurredAt: n.occurredAt,
    state: 'PENDING',
    attempts: 0,
    firstAttemptAt: null,
    lastAttemptAt: null,
    lastError: null,
    nextAttemptAt: Date.parse(n.occurredAt),
    leasedUntil: null,
    deliveredAt: null,
  };
}
