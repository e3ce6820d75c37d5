// One request's view of the evidence subgraph: who is asking, the ledger, batched loaders.
import DataLoader from 'dataloader';

import type { SubgraphContext } from '../../platform/subgraph.js';
import { ownerCountsLoader, type OwnerPage, ownerPagesLoader } from '../common/page-loader.js';
import type { DataAssetRecord, EvidenceRecord } from './domain/model.js';
import type { DataAssetKey, EvidenceStore } from './store/port.js';

export interface EvidenceContext extends SubgraphContext<EvidenceStore> {
  readonly loaders: {
    readonly evidence: DataLoader<string, EvidenceRecord | undefined>;
    /** A deposit by its ledger receipt's seq. */
    readonly evidenceAtSeq: DataLoader<number, EvidenceRecord | undefined>;
    /** A depositor's newest `limit` evidence. */
    readonly evidenceOf: DataLoader<{ depositorId: string; limit: number }, EvidenceRecord[], string>;
    readonly dataAsset: DataLoader<string, DataAssetRecord | undefined>;
    /** A page of an owner's data assets, newest first. */
    readonly dataAssetsOf: DataLoader<OwnerPage<DataAssetKey>, DataAssetRecord[], string>;
    readonly dataAssetCounts: DataLoader<string, number>;
  };
}

const depositorPage = (k: { depositorId: string; limit: number }): string => `${k.limit}:${k.depositorId}`;

export function createEvidenceContext(request: SubgraphContext<EvidenceStore>): EvidenceContext {
  const { store } = request;
  return {
    ...request,
    loaders: {
      evidence: new DataLoader((ids) => store.evidence.byIds(ids)),
      evidenceAtSeq: new DataLoader((seqs) => store.evidence.byReceiptSeqs(seqs)),
      evidenceOf: new DataLoader(
        async (keys) => {
          // One store read per distinct limit in the batch (a request usually asks one).
          const answers = new Map<string, EvidenceRecord[]>();
          for (const limit of new Set(keys.map((k) => k.limit))) {
            const ids = keys.filter((k) => k.limit === limit).map((k) => k.depositorId);
            (await store.evidence.byDepositors(ids, limit)).forEach((records, i) => answers.set(depositorPage({ depositorId: ids[i]!, limit }), records));
          }
          return keys.map((k) => answers.get(depositorPage(k))!);
        },
        { cacheKeyFn: depositorPage },
      ),
      dataAsset: new DataLoader((ids) => store.dataAssets.byIds(ids)),
      dataAssetsOf: ownerPagesLoader((ids, after: DataAssetKey | undefined, limit) => store.dataAssets.byOwners(ids, after, limit)),
      dataAssetCounts: ownerCountsLoader((ids) => store.dataAssets.countByOwners(ids)),
    },
  };
}
