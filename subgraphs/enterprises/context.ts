// One request's view of the enterprises subgraph: who is asking, and batched loaders.
import DataLoader from 'dataloader';

import type { SubgraphContext } from '../../platform/subgraph.js';
import { ownerCountsLoader, type OwnerPage, ownerPagesLoader } from '../common/page-loader.js';
import type { CopyrightRecord, EnterpriseRecord, OpenLicenceRecord, PatentRecord, Stored, TrademarkRecord, TransferRecord } from './domain/model.js';
import { markKey, MAX_SAME_MARK } from './domain/trademark.js';
import type { EnterprisesStore } from './store/port.js';

/** An owner's mark in a class, as Trademark.sameMarkInClass asks for its registrations. */
export type SameMark = Pick<TrademarkRecord, 'mark' | 'niceClass'> & { readonly enterpriseId: string };

export interface EnterprisesContext extends SubgraphContext<EnterprisesStore> {
  readonly loaders: {
    readonly enterprise: DataLoader<string, Stored<EnterpriseRecord> | undefined>;
    readonly patent: DataLoader<string, Stored<PatentRecord> | undefined>;
    /** A page of an enterprise's patents, by application number. */
    readonly patentsOf: DataLoader<OwnerPage<string>, Stored<PatentRecord>[], string>;
    readonly trademark: DataLoader<string, Stored<TrademarkRecord> | undefined>;
    readonly copyright: DataLoader<string, Stored<CopyrightRecord> | undefined>;
    /** By right key (rightKey). */
    readonly transfersOf: DataLoader<string, TransferRecord[]>;
    /** A patent's latest open licence declaration, by application number. */
    readonly openLicence: DataLoader<string, OpenLicenceRecord | undefined>;
    readonly trademarksOf: DataLoader<OwnerPage<string>, Stored<TrademarkRecord>[], string>;
    readonly copyrightsOf: DataLoader<OwnerPage<string>, Stored<CopyrightRecord>[], string>;
    /** How many patents, trademarks and copyrights each enterprise has: the totalCount of its lists. */
    readonly patentCounts: DataLoader<string, number>;
    readonly trademarkCounts: DataLoader<string, number>;
    readonly copyrightCounts: DataLoader<string, number>;
    /** The registration numbers of one owner's registrations of one mark in one class (its text as domain/trademark.ts markKey has it), the first MAX_SAME_MARK + 1. */
    readonly sameMark: DataLoader<SameMark, string[], string>;
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
      openLicence: new DataLoader((numbers) => store.rights.openLicencesOf(numbers)),
      trademarksOf: ownerPagesLoader((ids, after: string | undefined, limit) => store.trademarks.byEnterprises(ids, after, limit)),
      copyrightsOf: ownerPagesLoader((ids, after: string | undefined, limit) => store.copyrights.byEnterprises(ids, after, limit)),
      patentCounts: ownerCountsLoader((ids) => store.patents.countByEnterprises(ids)),
      trademarkCounts: ownerCountsLoader((ids) => store.trademarks.countByEnterprises(ids)),
      copyrightCounts: ownerCountsLoader((ids) => store.copyrights.countByEnterprises(ids)),
      // Registrations of one mark asking in one request share one read.
      sameMark: new DataLoader(
        (keys: readonly SameMark[]) => Promise.all(keys.map((k) => store.trademarks.sameMark(k.enterpriseId, k.mark, k.niceClass, MAX_SAME_MARK + 1))),
        { cacheKeyFn: (k) => JSON.stringify([k.enterpriseId, k.niceClass, markKey(k.mark)]) },
      ),
    },
  };
}
