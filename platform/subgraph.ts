// What a subgraph hands the gateway or its own server: a schema and a per-request context.
import type { GraphQLSchema } from 'graphql';

import type { Identity } from './identity.js';

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
