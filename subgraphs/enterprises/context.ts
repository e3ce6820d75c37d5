// One request's view of the enterprises subgraph: who is asking, and batched loaders.
import DataLoader from 'dataloader';

import type { SubgraphContext } from '../../platform/subgraph.js';
import type { CopyrightRecord, EnterpriseRecord, PatentRecord, TrademarkRecord, TransferRecord } from './domain/model.js';
import type { EnterprisesStore } from './store/port.js';

export interface EnterprisesContext extends SubgraphContext<EnterprisesStore> {
  readonly loaders: {
    readonly enterprise: DataLoader<string, EnterpriseRecord | undefined>;
    readonly patent: DataLoader<string, PatentRecord | undefined>;
    readonly patentsOf: DataLoader<string, PatentRecord[]>;
    readonly trademark: DataLoader<string, TrademarkRecord | undefined>;
    /** By right key (rightKey). */
    readonly transfersOf: DataLoader<string, TransferRecord[]>;
    readonly trademarksOf: DataLoader<string, TrademarkRecord[]>;
    readonly copyrightsOf: DataLoader<string, CopyrightRecord[]>;
  };
}

export function createEnterprisesContext(request: SubgraphContext<EnterprisesStore>): EnterprisesContext {
  const { store } = request;
  return {
    ...request,
    loaders: {
      enterprise: new DataLoader((ids) => store.enterprises.byIds(ids)),
      patent: new DataLoader((numbers) => store.patents.byNumbers(numbers)),
      patentsOf: new DataLoader((ids) => store.patents.byEnterprises(ids)),
      trademark: new DataLoader((numbers) => store.trademarks.byNumbers(numbers)),
      transfersOf: new DataLoader((keys) => store.rights.transfersOf(keys)),
      trademarksOf: new DataLoader((ids) => store.trademarks.byEnterprises(ids)),
      copyrightsOf: new DataLoader((ids) => store.copyrights.byEnterprises(ids)),
    },
  };
}
