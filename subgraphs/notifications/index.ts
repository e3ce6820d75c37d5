// The notifications subgraph as the gateway opens it: the notification store on the configured
// storage, the relay from the stores' outboxes into it, and the deliverer sending webhooks; all
// stopped on close.
import { openOutboxSources } from '../../outbox/open.js';
import { ownPorts } from '../../platform/http.js';
import type { IdentityDirectory } from '../../platform/identity.js';
import { defineSubgraph } from '../../platform/subgraph.js';
import type { NotificationsContext } from './context.js';
import { startDeliverer } from './deliverer.js';
import { type DestinationPolicy, destinationPolicyFromEnv } from './destination.js';
import { disableLapsedOwners } from './owners.js';
import { startRelay } from './relay.js';
import { notificationsSchema } from './schema.js';
import { openNotificationStore } from './store/open.js';
import { webhookSender } from './webhook.js';

export interface NotificationsOptions {
  /** The deliverer's clock (tests); how often relay and deliverer look when not woken. */
  readonly now?: () => number;
  readonly pollMs?: number;
  /** How long a receiver has to answer, and a claimed delivery is held (longer). */
  readonly timeoutMs?: number;
  readonly leaseMs?: number;
  /** Where webhooks may go: none of the loopback or private networks unless given. */
  readonly destinations?: DestinationPolicy;
  /** Whose identities still act: a revoked key's or disabled account's subscriptions are sent nothing and disabled. */
  readonly owners: IdentityDirectory;
}

/** IPHUB_WEBHOOK_TIMEOUT_MS and IPHUB_WEBHOOK_LEASE_MS, when set: whole milliseconds; IPHUB_WEBHOOK_ALLOWED_NETWORKS (destination.ts). */
export function webhookOptionsFromEnv(env: Record<string, string | undefined> = process.env): Omit<NotificationsOptions, 'owners'> {
  const ms = (name: string): number | undefined => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a whole number of milliseconds, more than 0; got ${JSON.stringify(value)}`);
    return n;
  };
  const timeoutMs = ms('IPHUB_WEBHOOK_TIMEOUT_MS');
  const leaseMs = ms('IPHUB_WEBHOOK_LEASE_MS');
  return {
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(leaseMs === undefined ? {} : { leaseMs }),
    destinations: destinationPolicyFromEnv(env, ownPorts),
  };
}

/**
 * The subgraph, relaying the outboxes of the stores named in `outboxes` (subgraphs/index.ts's
 * OUTBOX_OWNERS); opened like every other (it asks nothing of the ledger or the hub).
 */
export function notificationsSubgraph(outboxes: readonly string[], options: NotificationsOptions) {
  const destinations = options.destinations ?? destinationPolicyFromEnv({}, ownPorts);
  return defineSubgraph({
    name: 'notifications',
    schema: notificationsSchema,
    openStore: openNotificationStore,
    async start(store, { storage }) {
      const deliverer = startDeliverer({ store, ...options, send: webhookSender(destinations) });
      const relay = startRelay({
        sources: await openOutboxSources(storage, outboxes),
        store,
        onAccepted: deliverer.kick,
        beforeAccept: () => disableLapsedOwners(store, options.owners, new Date().toISOString()),
        ...(options.pollMs ? { pollMs: options.pollMs } : {}),
      });
      return {
        kick: deliverer.kick,
        async stop() {
          await relay.stop();
          await deliverer.stop();
        },
      };
    },
    createContext: ({ identity, store }, { kick }): NotificationsContext => ({ identity, store, kick, destinations }),
    probe: (store) => store.backlog(),
  });
}
