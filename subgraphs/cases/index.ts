// The cases subgraph, opened on the configured storage and the ledger.
import type { Ledger } from '../../ledger/index.js';
import type { HubQuery } from '../../platform/hub-query.js';
import type { Storage } from '../../platform/storage.js';
import type { Subgraph } from '../../platform/subgraph.js';
import { createCasesContext } from './context.js';
import { casesSchema } from './schema.js';
import { openCasesStore } from './store/open.js';
import type { CasesStore } from './store/port.js';

export async function openCasesSubgraph(storage: Storage, ledger: Ledger, hub: HubQuery, wrap: (s: CasesStore) => CasesStore = (s) => s): Promise<Subgraph> {
  const store = wrap(await openCasesStore(storage));
  return {
    name: 'cases',
    schema: casesSchema,
    createContext: (identity) => createCasesContext(store, ledger, hub, identity),
    ready: async () => void (await store.preExam.byIds(['readyz'])),
    close: () => store.close(),
  };
}
