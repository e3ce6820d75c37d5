// `npm run compose`: writes gateway/supergraph.graphql from the subgraphs' schemas (commit it: a
// test fails when it is stale).
import { writeFileSync } from 'node:fs';

import { composeSupergraph, SUPERGRAPH_PATH } from '../gateway/compose.js';

writeFileSync(SUPERGRAPH_PATH, composeSupergraph());
console.log(`wrote ${SUPERGRAPH_PATH}`);
