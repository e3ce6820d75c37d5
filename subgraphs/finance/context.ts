// One request's view of the finance subgraph: who is asking, the ledger, the hub for other
// subgraphs' facts, batched loaders.
import DataLoader from 'dataloader';

import type { SubgraphContext } from '../../platform/subgraph.js';
import type { ClaimRecord, ConsentRecord, PledgeEvent, PledgeRecord, PolicyRecord } from './domain/model.js';
import {
  type CopyrightFacts,
  copyrightFacts,
  type DataAssetFacts,
  dataAssetFacts,
  enterprisesRegistered,
  type PatentFacts,
  patentFacts,
  type ProtectionCaseFacts,
  protectionCaseFacts,
  type TrademarkFacts,
  trademarkFacts,
} from './hub-facts.js';
import type { FinanceStore } from './store/port.js';

export interface FinanceContext extends SubgraphContext<FinanceStore> {
  readonly loaders: {
    readonly pledge: DataLoader<string, PledgeRecord | undefined>;
    readonly pledgesOf: DataLoader<string, PledgeRecord[]>;
    /** By assetKey. */
    readonly pledgesOn: DataLoader<string, PledgeRecord[]>;
    readonly pledgeEventsOf: DataLoader<string, PledgeEvent[]>;
    /** By assetKey: the REGISTERED pledge the asset is in, if any. */
    readonly activePledgeOn: DataLoader<string, PledgeRecord | undefined>;
    readonly consentsOf: DataLoader<string, ConsentRecord[]>;
    readonly policy: DataLoader<string, PolicyRecord | undefined>;
    readonly policiesOf: DataLoader<string, PolicyRecord[]>;
    /** By assetKey. */
    readonly policiesOn: DataLoader<string, PolicyRecord[]>;
    readonly claimsOf: DataLoader<string, ClaimRecord[]>;
    readonly claim: DataLoader<string, ClaimRecord | undefined>;
    /** From the enterprises and evidence subgraphs, through the hub. */
    readonly patentFacts: DataLoader<string, PatentFacts | null>;
    readonly trademarkFacts: DataLoader<string, TrademarkFacts | null>;
    readonly copyrightFacts: DataLoader<string, CopyrightFacts | null>;
    readonly dataAssetFacts: DataLoader<string, DataAssetFacts | null>;
    readonly enterpriseRegistered: DataLoader<string, boolean>;
    readonly protectionCaseFacts: DataLoader<string, ProtectionCaseFacts | null>;
  };
}

export function createFinanceContext(request: SubgraphContext<FinanceStore>): FinanceContext {
  const { store, hub } = request;
  return {
    ...request,
    loaders: {
      pledge: new DataLoader((ids) => store.pledges.byIds(ids)),
      pledgesOf: new DataLoader((ids) => store.pledges.byPledgors(ids)),
      pledgesOn: new DataLoader((keys) => store.pledges.byAssets(keys)),
      pledgeEventsOf: new DataLoader((ids) => store.pledges.eventsOf(ids)),
      activePledgeOn: new DataLoader((keys) => store.pledges.activeOn(keys)),
      consentsOf: new DataLoader((ids) => store.pledges.consentsOf(ids)),
      policy: new DataLoader((ids) => store.policies.byIds(ids)),
      policiesOf: new DataLoader((ids) => store.policies.byInsured(ids)),
      policiesOn: new DataLoader((keys) => store.policies.byCoveredAssets(keys)),
      claimsOf: new DataLoader((ids) => store.policies.claimsOf(ids)),
      claim: new DataLoader((ids) => store.policies.claimsByIds(ids)),
      patentFacts: new DataLoader((numbers) => patentFacts(hub, numbers)),
      trademarkFacts: new DataLoader((numbers) => trademarkFacts(hub, numbers)),
      copyrightFacts: new DataLoader((numbers) => copyrightFacts(hub, numbers)),
      dataAssetFacts: new DataLoader((ids) => dataAssetFacts(hub, ids)),
      enterpriseRegistered: new DataLoader((ids) => enterprisesRegistered(hub, ids)),
      protectionCaseFacts: new DataLoader((ids) => protectionCaseFacts(hub, ids)),
    },
  };
}
