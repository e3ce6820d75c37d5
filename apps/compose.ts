// `npm run compose`: writes gateway/supergraph.graphql from the subgraphs' schemas, and the schema
// each role sees (docs/schema/) from it (commit them: a test fails when they are stale).
import { mkdirSync, writeFileSync } from 'node:fs';

import { composeSupergraph, SUPERGRAPH_PATH } from '../gateway/compose.js';
import { ROLE_SCHEMA_DIR, roleSchemaPath, roleSchemas } from '../gateway/role-schemas.js';

const supergraph = composeSupergraph();
writeFileSync(SUPERGRAPH_PATH, supergraph);
console.log(`wrote ${SUPERGRAPH_PATH}`);
mkdirSync(ROLE_SCHEMA_DIR, { recursive: true });
for (const [caller, sdl] of await roleSchemas(supergraph)) writeFileSync(roleSchemaPath(caller), sdl);
console.log(`wrote ${ROLE_SCHEMA_DIR}`);
