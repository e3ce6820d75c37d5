// The transactional outbox: each store that reports events keeps its notifications in its own
// database, written in the same transaction as the change they report (sqlite.ts, mongodb.ts);
// the relay (relay.ts) hands them on to the notification store and marks them relayed.
import type { Notification } from './notification.js';

/** One store's outbox as the relay reads it. */
export interface OutboxSource {
  /** Which store, for logs and metrics. */
  readonly name: string;
  /** Up to `limit` notifications not relayed yet, oldest first. */
  pending(limit: number): Promise<Notification[]>;
  /** Marks them relayed; ids not pending are ignored. */
  markRelayed(ids: readonly string[]): Promise<void>;
  /** Forgets relayed notifications that occurred before `before` (an ISO instant); how many went. */
  prune(before: string): Promise<number>;
}
