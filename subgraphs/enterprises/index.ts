// The enterprises subgraph, opened on the configured storage.
import type { Ledger } from '../../ledger/index.js';
import type { HubQuery } from '../../platform/hub-query.js';
import type { Storage } from '../../platform/storage.js';
import type { Subgraph } from '../../platform/subgraph.js';
import { createEnterprisesContext } from './context.js';
import { enterprisesSchema } from './schema.js';
import { openEnterprisesStore } from './store/open.js';
import type { EnterprisesStore } from './store/port.js';
import { startWarningScheduler } from './warning-scheduler.js';

/** `wrap` lets tests observe the store (count its queries); production passes nothing. */
export async function openEnterprisesSubgraph(
  storage: Storage,
  ledger: Ledger,
  hub: HubQuery,
  wrap: (s: EnterprisesStore) => EnterprisesStore = (s) => s,
): Promise<Subgraph> {
  const store = wrap(await openEnterprisesStore(storage));
  // The day's warnings, found on start and once a day after.
  const scheduler = startWarningScheduler(store);
  return {
    name: 'enterprises',
    schema: enterprisesSchema,
    createContext: (identity) => createEnterprisesContext(store, ledger, hub, identity),
    ready: async () => void (await store.enterprises.byIds(['readyz'])),
    close: async () => {
      await scheduler.stop();
      await store.close();
    },
  };
}
