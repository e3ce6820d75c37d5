// Every subgraph, by name: its schema (for composition) and how to open it on storage.
import type { GraphQLSchema } from 'graphql';

import type { Ledger } from '../ledger/index.js';
import type { HubQuery } from '../platform/hub-query.js';
import { DEFAULT_PORTS } from '../platform/ports.js';
import type { Storage } from '../platform/storage.js';
import { type Subgraph, SUBGRAPH_NAMES, type SubgraphName, type SubgraphProcess } from '../platform/subgraph.js';
import { openCasesSubgraph } from './cases/index.js';
import { casesSchema } from './cases/schema.js';
import { openEnterprisesSubgraph } from './enterprises/index.js';
import { enterprisesSchema } from './enterprises/schema.js';
import { openEvidenceSubgraph } from './evidence/index.js';
import { evidenceSchema } from './evidence/schema.js';
import { openFinanceSubgraph } from './finance/index.js';
import { financeSchema } from './finance/schema.js';
import { notificationsSubgraph, webhookOptionsFromEnv } from './notifications/index.js';
import { notificationsSchema } from './notifications/schema.js';

export interface SubgraphEntry {
  readonly schema: GraphQLSchema;
  /** Port in distributed mode, unless IPHUB_<NAME>_PORT says otherwise. */
  readonly defaultPort: number;
  /** Its store writes the notifications of its changes to an outbox, which the notifications subgraph relays. */
  readonly outbox: boolean;
  /** `hub` lets a subgraph ask the supergraph for facts other subgraphs own; `process`, the opening process's configuration and identity directory. */
  open(storage: Storage, ledger: Ledger, hub: HubQuery, process: SubgraphProcess): Promise<Subgraph>;
}

export const SUBGRAPHS: Record<SubgraphName, SubgraphEntry> = {
  enterprises: {
    schema: enterprisesSchema,
    defaultPort: DEFAULT_PORTS.enterprises,
    outbox: true,
    open: (storage, ledger, hub) => openEnterprisesSubgraph(storage, ledger, hub),
  },
  cases: { schema: casesSchema, defaultPort: DEFAULT_PORTS.cases, outbox: true, open: (storage, ledger, hub) => openCasesSubgraph(storage, ledger, hub) },
  finance: {
    schema: financeSchema,
    defaultPort: DEFAULT_PORTS.finance,
    outbox: true,
    open: (storage, ledger, hub) => openFinanceSubgraph(storage, ledger, hub),
  },
  evidence: {
    schema: evidenceSchema,
    defaultPort: DEFAULT_PORTS.evidence,
    outbox: false,
    open: (storage, ledger, hub) => openEvidenceSubgraph(storage, ledger, hub),
  },
  notifications: {
    schema: notificationsSchema,
    defaultPort: DEFAULT_PORTS.notifications,
    outbox: false,
    open: (storage, ledger, hub, { env, owners }) => notificationsSubgraph(OUTBOX_OWNERS, { ...webhookOptionsFromEnv(env), owners })(storage, ledger, hub),
  },
};

/** The subgraphs whose stores keep an outbox: the ones the notifications subgraph relays from. */
export const OUTBOX_OWNERS: readonly SubgraphName[] = SUBGRAPH_NAMES.filter((name) => SUBGRAPHS[name].outbox);
