// The evidence subgraph as the gateway opens it: on the configured storage, with the ledger.
import { defineSubgraph } from '../../platform/subgraph.js';
import { createEvidenceContext } from './context.js';
import { evidenceSchema } from './schema.js';
import { openEvidenceStore } from './store/open.js';

export const openEvidenceSubgraph = defineSubgraph({
  name: 'evidence',
  schema: evidenceSchema,
  openStore: openEvidenceStore,
  createContext: createEvidenceContext,
  probe: (store) => store.evidence.byIds(['readyz']),
});
