// The finance subgraph, opened on the configured storage, the ledger and the hub.
import type { Ledger } from '../../ledger/index.js';
import type { HubQuery } from '../../platform/hub-query.js';
import type { Storage } from '../../platform/storage.js';
import type { Subgraph } from '../../platform/subgraph.js';
import { createFinanceContext } from './context.js';
import { financeSchema } from './schema.js';
import { openFinanceStore } from './store/open.js';
import type { FinanceStore } from './store/port.js';

export async function openFinanceSubgraph(
  storage: Storage,
  ledger: Ledger,
  hub: HubQuery,
  wrap: (s: FinanceStore) => FinanceStore = (s) => s,
): Promise<Subgraph> {
  const store = wrap(await openFinanceStore(storage));
  return {
    name: 'finance',
    schema: financeSchema,
    createContext: (identity) => createFinanceContext(store, ledger, hub, identity),
    ready: async () => void (await store.pledges.byIds(['readyz'])),
    close: () => store.close(),
  };
}
