// One request's view of the notifications subgraph: who is asking, and the notification store.
import type { Identity } from '../../platform/identity.js';
import type { DestinationPolicy } from './destination.js';
import type { NotificationStore } from './store/port.js';

export interface NotificationsContext {
  readonly identity: Identity | undefined;
  readonly store: NotificationStore;
  /** Wakes the deliverer: a resent delivery goes out now, not at the next poll. */
  readonly kick: () => void;
  /** Where webhooks may go: a new subscription's URL is checked against it. */
  readonly destinations: DestinationPolicy;
}
