// The notifications subgraph: the notification store on the configured storage, the relay from
// the stores' outboxes into it, and the deliverer sending webhooks; all stopped on close.
import type { Ledger } from '../../ledger/ledger.js';
import { startDeliverer } from '../../notifications/deliverer.js';
import { openOutboxSources } from '../../notifications/outbox/open.js';
import { startRelay } from '../../notifications/relay.js';
import { openNotificationStore } from '../../notifications/store/open.js';
import type { HubQuery } from '../../platform/hub-query.js';
import type { Storage } from '../../platform/storage.js';
import type { Subgraph } from '../../platform/subgraph.js';
import { notificationsSchema } from './schema.js';

export interface NotificationsOptions {
  /** The deliverer's clock and fetch (tests); how often relay and deliverer look when not woken. */
  readonly now?: () => number;
  readonly pollMs?: number;
}

export async function openNotificationsSubgraph(storage: Storage, _ledger?: Ledger, _hub?: HubQuery, options: NotificationsOptions = {}): Promise<Subgraph> {
  const store = await openNotificationStore(storage);
  const deliverer = startDeliverer({ store, ...(options.now ? { now: options.now } : {}), ...(options.pollMs ? { pollMs: options.pollMs } : {}) });
  const relay = startRelay({
    sources: await openOutboxSources(storage),
    store,
    onAccepted: deliverer.kick,
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
  });
  return {
    name: 'notifications',
    schema: notificationsSchema,
    createContext: (identity) => ({ identity, store, kick: deliverer.kick }),
    ready: async () => void (await store.backlog()),
    close: async () => {
      await relay.stop();
      await deliverer.stop();
      await store.close();
    },
  };
}
