// The cases subgraph as the gateway opens it: on the configured storage, with the ledger.
import { defineSubgraph } from '../../platform/subgraph.js';
import { createCasesContext } from './context.js';
import { casesSchema } from './schema.js';
import { openCasesStore } from './store/open.js';

export const openCasesSubgraph = defineSubgraph({
  name: 'cases',
  schema: casesSchema,
  openStore: openCasesStore,
  createContext: createCasesContext,
  probe: (store) => store.preExam.byIds(['readyz']),
});
