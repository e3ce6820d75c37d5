// Errors a program can read: every code extensions.code carries is a value of the ErrorCode enum
// in the schema partners generate types from, and each value says what it means.
import { readFileSync } from 'node:fs';

import { ApolloGateway } from '@apollo/gateway';
import { type GraphQLEnumType, type GraphQLSchema, isEnumType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';

import { SUPERGRAPH_PATH } from '../gateway/compose.js';
import { ERROR_CODES } from '../platform/errors.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8') });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => void (schema = apiSchema));
  await gateway.load();
  await gateway.stop();
});

describe('the error codes in the schema', () => {
  it('are every code the hub gives, each described', () => {
    const type = schema.getType('ErrorCode');
    expect(isEnumType(type)).toBe(true);
    const values = (type as GraphQLEnumType).getValues();
    expect(values.map((v) => v.name)).toEqual([...ERROR_CODES]);
    expect(values.filter((v) => (v.description ?? '').length < 10).map((v) => v.name)).toEqual([]);
    expect(schema.getQueryType()!.getFields().errorCodes!.type.toString()).toBe('[ErrorCode!]!');
  });
});
