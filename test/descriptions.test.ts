// Every type, field, argument and enum value partners see is described: the schema is the API's
// reference, and the SDL partners generate types from (docs/schema/) carries the descriptions.
import { readFileSync } from 'node:fs';

import { ApolloGateway } from '@apollo/gateway';
import {
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';

import { SUPERGRAPH_PATH } from '../gateway/compose.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8') });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => void (schema = apiSchema));
  await gateway.load();
  await gateway.stop();
});

const described = (d: string | null | undefined): boolean => (d ?? '').trim().length >= 3;

/** Every element of the API schema without a description, by its coordinate (Type.field(arg:)). */
function undescribed(s: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(s.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (!described(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (!described(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (!described(value.description)) missing.push(`${type.name}.${value.name}`);
    } else if (isUnionType(type)) {
      // A union's members are described where they are defined.
    }
  }
  return missing;
}

describe('the schema partners read', () => {
  it('describes every type, field, argument and enum value', () => {
    expect(undescribed(schema)).toEqual([]);
  });
});
