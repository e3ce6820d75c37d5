// The finance subgraph as the gateway opens it: on the configured storage, with the ledger and
// the hub for other subgraphs' facts.
import { defineSubgraph } from '../../platform/subgraph.js';
import { createFinanceContext } from './context.js';
import { financeSchema } from './schema.js';
import { openFinanceStore } from './store/open.js';

export const openFinanceSubgraph = defineSubgraph({
  name: 'finance',
  schema: financeSchema,
  openStore: openFinanceStore,
  createContext: createFinanceContext,
  probe: (store) => store.pledges.byIds(['readyz']),
});
