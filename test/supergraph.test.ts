// The committed supergraph and the schema each role is published (docs/schema/) must be what the
// subgraphs compose to today: run `npm run compose`. Every root field says who may call it.
import { readFileSync } from 'node:fs';

import { buildSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';

import { composeSupergraph, SUPERGRAPH_PATH } from '../gateway/compose.js';
import { roleSchemaPath, roleSchemas, rootFieldTags } from '../gateway/role-schemas.js';
import { CALLERS, callerTag } from '../platform/identity.js';

let supergraph: string;
beforeAll(() => {
  supergraph = composeSupergraph();
});

describe('gateway/supergraph.graphql', () => {
  it('is not stale', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8'), 'gateway/supergraph.graphql is stale: run npm run compose').toBe(supergraph);
  });
});

describe('the schema per role (docs/schema/)', () => {
  it('tags every root field with the callers that may call it', () => {
    const untagged = [...rootFieldTags(supergraph)].filter(([, tags]) => !tags.some((t) => CALLERS.some((c) => t === callerTag(c)))).map(([f]) => f);
    expect(untagged).toEqual([]);
  });

  it('is not stale, and each file is a schema a code generator reads', async () => {
    for (const [caller, sdl] of await roleSchemas(supergraph)) {
      expect(readFileSync(roleSchemaPath(caller), 'utf8'), `${roleSchemaPath(caller)} is stale: run npm run compose`).toBe(sdl);
      expect(() => buildSchema(sdl)).not.toThrow();
    }
  });

  it('gives each role the root fields tagged for it, and no other', async () => {
    const schemas = await roleSchemas(supergraph);
    const bank = buildSchema(schemas.get('BANK')!);
    const anonymous = buildSchema(schemas.get('PUBLIC')!);
    expect(Object.keys(bank.getMutationType()!.getFields())).toContain('pledgeRegister');
    expect(Object.keys(bank.getMutationType()!.getFields())).not.toContain('patentGrant');
    expect(Object.keys(anonymous.getQueryType()!.getFields())).toContain('verifyEvidence');
    expect(Object.keys(anonymous.getQueryType()!.getFields())).not.toContain('pledges');
    // A type no root field of the role reaches is not printed.
    expect(anonymous.getType('PledgeStatistics')).toBeUndefined();
    expect(buildSchema(schemas.get('CENTER_STAFF')!).getType('PledgeStatistics')).toBeDefined();
  });
});
