// Composes the supergraph from the subgraphs' SDL: `npm run compose` (apps/compose.ts) writes
// gateway/supergraph.graphql, which the gateway loads at start (no composition at run time).
import { fileURLToPath } from 'node:url';

import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

import { SUBGRAPH_NAMES } from '../platform/subgraph.js';
import { SUBGRAPHS } from '../subgraphs/index.js';

export const SUPERGRAPH_PATH = fileURLToPath(new URL('./supergraph.graphql', import.meta.url));

export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({
      name,
      url: `http://127.0.0.1:${SUBGRAPHS[name].defaultPort}/graphql`,
      typeDefs: parse(printSubgraphSchema(SUBGRAPHS[name].schema)),
    })),
  );
  if (result.errors !== undefined) throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.supergraphSdl;
}
