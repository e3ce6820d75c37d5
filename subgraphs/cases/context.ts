// One request's view of the cases subgraph: who is asking, the ledger, batched loaders.
import DataLoader from 'dataloader';

import type { Ledger } from '../../ledger/index.js';
import type { HubQuery } from '../../platform/hub-query.js';
import type { Identity } from '../../platform/identity.js';
import type { CaseEvent, CasesStore, PreExamCaseRecord, ProtectionCaseRecord } from './store/port.js';
import type { ProtectionState } from './workflow.js';

export interface CasesContext {
  readonly identity: Identity | undefined;
  readonly store: CasesStore;
  readonly ledger: Ledger;
  /** Facts other subgraphs own (evidence deposits), asked of the supergraph. */
  readonly hub: HubQuery;
  readonly loaders: {
    readonly preExamCase: DataLoader<string, PreExamCaseRecord | undefined>;
    readonly preExamCasesOf: DataLoader<string, PreExamCaseRecord[]>;
    readonly eventsOf: DataLoader<string, CaseEvent[]>;
    readonly protectionCase: DataLoader<string, ProtectionCaseRecord | undefined>;
    readonly protectionCasesOf: DataLoader<string, ProtectionCaseRecord[]>;
    readonly citing: DataLoader<string, ProtectionCaseRecord[]>;
    readonly protectionEventsOf: DataLoader<string, CaseEvent<ProtectionState>[]>;
  };
}

export function createCasesContext(store: CasesStore, ledger: Ledger, hub: HubQuery, identity: Identity | undefined): CasesContext {
  return {
    identity,
    store,
    ledger,
    hub,
    loaders: {
      preExamCase: new DataLoader((ids) => store.preExam.byIds(ids)),
      preExamCasesOf: new DataLoader((ids) => store.preExam.byEnterprises(ids)),
      eventsOf: new DataLoader((ids) => store.preExam.eventsOf(ids)),
      protectionCase: new DataLoader((ids) => store.protection.byIds(ids)),
      protectionCasesOf: new DataLoader((ids) => store.protection.byEnterprises(ids)),
      citing: new DataLoader((ids) => store.protection.byEvidence(ids)),
      protectionEventsOf: new DataLoader((ids) => store.protection.eventsOf(ids)),
    },
  };
}
