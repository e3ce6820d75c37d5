// The evidence subgraph, opened on the configured storage and the ledger.
import type { Ledger } from '../../ledger/index.js';
import type { HubQuery } from '../../platform/hub-query.js';
import type { Storage } from '../../platform/storage.js';
import type { Subgraph } from '../../platform/subgraph.js';
import { createEvidenceContext } from './context.js';
import { evidenceSchema } from './schema.js';
import { openEvidenceStore } from './store/open.js';
import type { EvidenceStore } from './store/port.js';

export async function openEvidenceSubgraph(
  storage: Storage,
  ledger: Ledger,
  hub: HubQuery,
  wrap: (s: EvidenceStore) => EvidenceStore = (s) => s,
): Promise<Subgraph> {
  const store = wrap(await openEvidenceStore(storage));
  return {
    name: 'evidence',
    schema: evidenceSchema,
    createContext: (identity) => createEvidenceContext(store, ledger, hub, identity),
    ready: async () => void (await store.evidence.byIds(['readyz'])),
    close: () => store.close(),
  };
}
