// One request's view of the cases subgraph: who is asking, the ledger, batched loaders.
import DataLoader from 'dataloader';
import type { Identity } from '../common/identity.js';
import type { Ledger } from '../../ledger/ledger.js';
import type { CaseEvent, CasesStore, PreExamCaseRecord } from './repository.js';

export interface CasesContext {
  readonly identity: Identity | undefined;
  readonly store: CasesStore;
  readonly ledger: Ledger;
  readonly loaders: {
    readonly preExamCase: DataLoader<string, PreExamCaseRecord | undefined>;
    readonly preExamCasesOf: DataLoader<string, PreExamCaseRecord[]>;
    readonly eventsOf: DataLoader<string, CaseEvent[]>;
  };
}

export function createCasesContext(store: CasesStore, ledger: Ledger, identity: Identity | undefined): CasesContext {
  return {
    identity,
    store,
    ledger,
    loaders: {
      preExamCase: new DataLoader((ids) => store.preExam.byIds(ids)),
      preExamCasesOf: new DataLoader((ids) => store.preExam.byEnterprises(ids)),
      eventsOf: new DataLoader((ids) => store.preExam.eventsOf(ids)),
    },
  };
}
