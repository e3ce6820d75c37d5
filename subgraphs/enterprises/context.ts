// One request's view of the enterprises subgraph: who is asking, and batched loaders.
import DataLoader from 'dataloader';

import type { Identity } from '../../platform/identity.js';
import type { CopyrightRecord, EnterpriseRecord, EnterprisesStore, PatentRecord, TrademarkRecord } from './store/port.js';

export interface EnterprisesContext {
  readonly identity: Identity | undefined;
  readonly store: EnterprisesStore;
  readonly loaders: {
    readonly enterprise: DataLoader<string, EnterpriseRecord | undefined>;
    readonly patent: DataLoader<string, PatentRecord | undefined>;
    readonly patentsOf: DataLoader<string, PatentRecord[]>;
    readonly trademarksOf: DataLoader<string, TrademarkRecord[]>;
    readonly copyrightsOf: DataLoader<string, CopyrightRecord[]>;
  };
}

export function createEnterprisesContext(store: EnterprisesStore, identity: Identity | undefined): EnterprisesContext {
  return {
    identity,
    store,
    loaders: {
      enterprise: new DataLoader((ids) => store.enterprises.byIds(ids)),
      patent: new DataLoader((numbers) => store.patents.byNumbers(numbers)),
      patentsOf: new DataLoader((ids) => store.patents.byEnterprises(ids)),
      trademarksOf: new DataLoader((ids) => store.trademarks.byEnterprises(ids)),
      copyrightsOf: new DataLoader((ids) => store.copyrights.byEnterprises(ids)),
    },
  };
}
