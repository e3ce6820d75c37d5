// The committed supergraph must be what the subgraphs compose to today: run `npm run compose`.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { composeSupergraph, SUPERGRAPH_PATH } from '../gateway/compose.js';

describe('gateway/supergraph.graphql', () => {
  it('is not stale', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8'), 'gateway/supergraph.graphql is stale: run npm run compose').toBe(composeSupergraph());
  });
});
