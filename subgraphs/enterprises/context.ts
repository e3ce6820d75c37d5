// One request's view of the enterprises subgraph: who is asking, and batched loaders.
import DataLoader from 'dataloader';

import type { SubgraphContext } from '../../platform/subgraph.js';
import { type OwnerPage, ownerPagesLoader } from '../common/page-loader.js';
import type { CopyrightRecord, EnterpriseRecord, PatentRecord, TrademarkRecord, TransferRecord } from './domain/model.js';
import type { EnterprisesStore } from './store/port.js';

export interface EnterprisesContext extends SubgraphContext<EnterprisesStore> {
  readonly loaders: {
    readonly enterprise: DataLoader<string, EnterpriseRecord | undefined>;
    readonly patent: DataLoader<string, PatentRecord | undefined>;
    /** A page of an enterprise's patents, by application number. */
    readonly patentsOf: DataLoader<OwnerPage<string>, PatentRecord[], string>;
    readonly trademark: DataLoader<string, TrademarkRecord | undefined>;
    readonly copyright: DataLoader<string, CopyrightRecord | undefined>;
    /** By right key (rightKey). */
    readonly transfersOf: DataLoader<string, TransferRecord[]>;
    readonly trademarksOf: DataLoader<OwnerPage<string>, TrademarkRecord[], string>;
    readonly copyrightsOf: DataLoader<OwnerPage<string>, CopyrightRecord[], string>;
  };
}

export function createEnterprisesContext(request: SubgraphContext<EnterprisesStore>): EnterprisesContext {
  const { store } = request;
  return {
    ...request,
    loaders: {
      enterprise: new DataLoader((ids) => store.enterprises.byIds(ids)),
      patent: new DataLoader((numbers) => store.patents.byNumbers(numbers)),
      patentsOf: ownerPagesLoader((ids, after: string | undefined, limit) => store.patents.byEnterprises(ids, after, limit)),
      trademark: new DataLoader((numbers) => store.trademarks.byNumbers(numbers)),
      copyright: new DataLoader((numbers) => store.copyrights.byNumbers(numbers)),
      transfersOf: new DataLoader((keys) => store.rights.transfersOf(keys)),
      trademarksOf: ownerPagesLoader((ids, after: string | undefined, limit) => store.trademarks.byEnterprises(ids, after, limit)),
      copyrightsOf: ownerPagesLoader((ids, after: string | undefined, limit) => store.copyrights.byEnterprises(ids, after, limit)),
    },
  };
}
