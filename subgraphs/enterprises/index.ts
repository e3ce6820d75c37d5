// The enterprises subgraph as the gateway opens it: on the configured storage, with the ledger,
// finding the day's warnings on start and once a day after, and putting transfers into effect on
// their day (on start and every hour).
import { defineSubgraph } from '../../platform/subgraph.js';
import { createEnterprisesContext } from './context.js';
import { enterprisesSchema } from './schema.js';
import { openEnterprisesStore } from './store/open.js';
import { startTransferScheduler } from './transfer-scheduler.js';
import { startWarningScheduler } from './warning-scheduler.js';

export const openEnterprisesSubgraph = defineSubgraph({
  name: 'enterprises',
  schema: enterprisesSchema,
  openStore: openEnterprisesStore,
  start: (store) => {
    const running = [startWarningScheduler(store), startTransferScheduler(store)];
    return { stop: async () => void (await Promise.all(running.map((r) => r.stop()))) };
  },
  createContext: createEnterprisesContext,
  probe: (store) => store.enterprises.byIds(['readyz']),
});
