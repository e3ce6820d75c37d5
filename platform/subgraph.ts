// What a subgraph hands the gateway or its own server (a schema and a per-request context), and
// defineSubgraph, which makes one from a subgraph's parts.
import type { GraphQLSchema } from 'graphql';

import type { Ledger } from '../ledger/index.js';
import type { HubQuery } from './hub-query.js';
import type { Identity, IdentityDirectory } from './identity.js';
import type { Storage } from './storage.js';

// Four own the domain; notifications tells people of what happens in them.
export const SUBGRAPH_NAMES = ['enterprises', 'cases', 'finance', 'evidence', 'notifications'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export interface Subgraph {
  readonly name: SubgraphName;
  readonly schema: GraphQLSchema;
  /** A fresh context for one request: its identity and its DataLoaders. */
  createContext(identity: Identity | undefined): object;
  /** Resolves when its store answers; rejects with the reason otherwise (for /readyz). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** What every subgraph is opened with: where data lives, the ledger, and the supergraph for facts other subgraphs own. */
export interface SubgraphDeps {
  readonly storage: Storage;
  readonly ledger: Ledger;
  readonly hub: HubQuery;
}

/** What the process opening a subgraph hands it beside storage: its configuration, and whose identities still act. */
export interface SubgraphProcess {
  readonly env: Record<string, string | undefined>;
  readonly owners: IdentityDirectory;
}

/** What every subgraph's per-request context holds, beside its own loaders. */
export interface SubgraphContext<Store> {
  readonly identity: Identity | undefined;
  readonly store: Store;
  readonly ledger: Ledger;
  /** Facts other subgraphs own, asked of the supergraph. */
  readonly hub: HubQuery;
}

/** Background work a subgraph runs beside its requests (a scheduler, a relay), stopped before its store closes. */
export interface Running {
  stop(): Promise<void>;
}

export interface SubgraphParts<Store extends { close(): Promise<void> }, Work extends Running | undefined> {
  readonly name: SubgraphName;
  readonly schema: GraphQLSchema;
  openStore(storage: Storage): Promise<Store>;
  /** Given exactly when Work is not undefined. */
  start?(store: Store, deps: SubgraphDeps): Work | Promise<Work>;
  createContext(request: SubgraphContext<Store>, work: Work): object;
  /** A read that answers only when the store does (for /readyz). */
  probe(store: Store): Promise<unknown>;
}

/**
 * A subgraph as the gateway opens it, from its parts. `wrap` lets tests observe the store (count
 * its queries, make it fail); production passes nothing.
 */
export function defineSubgraph<Store extends { close(): Promise<void> }, Work extends Running | undefined = undefined>(
  parts: SubgraphParts<Store, Work>,
): (storage: Storage, ledger: Ledger, hub: HubQuery, wrap?: (store: Store) => Store) => Promise<Subgraph> {
  return async (storage, ledger, hub, wrap = (s) => s) => {
    const store = wrap(await parts.openStore(storage));
    // Work is undefined exactly when there is no start.
    const work = (await parts.start?.(store, { storage, ledger, hub })) as Work;
    return {
      name: parts.name,
      schema: parts.schema,
      createContext: (identity) => parts.createContext({ identity, store, ledger, hub }, work),
      ready: async () => void (await parts.probe(store)),
      close: async () => {
        try {
          await work?.stop();
        } finally {
          await store.close();
        }
      },
    };
  };
}
