// One request's view of the evidence subgraph: who is asking, the ledger, batched loaders.
import DataLoader from 'dataloader';
import type { Identity } from '../common/identity.js';
import type { Ledger } from '../../ledger/ledger.js';
import type { HubQuery } from '../common/hub-query.js';
import type { DataAssetRecord, EvidenceRecord, EvidenceStore } from './repository.js';

export interface EvidenceContext {
  readonly identity: Identity | undefined;
  readonly store: EvidenceStore;
  readonly ledger: Ledger;
  /** Facts other subgraphs own (which cases cite a deposit), asked of the supergraph. */
  readonly hub: HubQuery;
  readonly loaders: {
    readonly evidence: DataLoader<string, EvidenceRecord | undefined>;
    readonly evidenceOf: DataLoader<string, EvidenceRecord[]>;
    readonly dataAsset: DataLoader<string, DataAssetRecord | undefined>;
    readonly dataAssetsOf: DataLoader<string, DataAssetRecord[]>;
  };
}

export function createEvidenceContext(store: EvidenceStore, ledger: Ledger, hub: HubQuery, identity: Identity | undefined): EvidenceContext {
  return {
    identity,
    store,
    ledger,
    hub,
    loaders: {
      evidence: new DataLoader((ids) => store.evidence.byIds(ids)),
      evidenceOf: new DataLoader((ids) => store.evidence.byDepositors(ids)),
      dataAsset: new DataLoader((ids) => store.dataAssets.byIds(ids)),
      dataAssetsOf: new DataLoader((ids) => store.dataAssets.byOwners(ids)),
    },
  };
}
