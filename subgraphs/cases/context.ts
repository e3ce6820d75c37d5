// One request's view of the cases subgraph: who is asking, the ledger, batched loaders.
import DataLoader from 'dataloader';

import type { SubgraphContext } from '../../platform/subgraph.js';
import type { CaseEvent, PreExamCaseRecord, ProtectionCaseRecord } from './domain/model.js';
import type { ProtectionState } from './domain/workflow.js';
import type { CasesStore } from './store/port.js';

export interface CasesContext extends SubgraphContext<CasesStore> {
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

export function createCasesContext(request: SubgraphContext<CasesStore>): CasesContext {
  const { store } = request;
  return {
    ...request,
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
