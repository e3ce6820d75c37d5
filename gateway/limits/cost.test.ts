// The cost rule on the real supergraph's API schema, without storage: objects 1, scalars 0,
// times each list's size (a connection's `first`, or the size declared for an unpaged list).
import { readFileSync } from 'node:fs';

import { ApolloGateway } from '@apollo/gateway';
import {
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  GraphQLError,
  type GraphQLSchema,
  isCompositeType,
  isListType,
  isObjectType,
  parse,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_PAGE } from '../../platform/pagination.js';
import { SUPERGRAPH_PATH } from '../compose.js';
import { KEYED_LISTS, LIST_SIZES, LIST_SIZES_BY_NAME, operationCost } from './cost.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8') });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => void (schema = apiSchema));
  await gateway.load();
  await gateway.stop();
});

const cost = (query: string, variables: Record<string, unknown> = {}) => operationCost(schema, parse(query), variables, undefined);

describe('the cost rule', () => {
  it('has a declared size for every list of objects without pages, and none for a field that does not exist', () => {
    const unpaged: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const listOfObjects = isListType(getNullableType(field.type)) && isCompositeType(getNamedType(field.type));
        if (listOfObjects && !field.args.some((a) => a.name === 'first')) unpaged.push(`${type.name}.${field.name}`);
      }
    }
    const byName = (c: string): boolean => c.split('.')[1]! in LIST_SIZES_BY_NAME;
    expect(unpaged.filter((c) => !(c in LIST_SIZES) && !(c in KEYED_LISTS) && !byName(c))).toEqual([]);
    expect(Object.keys(LIST_SIZES).filter((c) => !unpaged.includes(c))).toEqual([]);
    expect(Object.keys(LIST_SIZES_BY_NAME).filter((name) => !unpaged.some((c) => c.endsWith(`.${name}`)))).toEqual([]);
  });

  it('sizes a bulk lookup by the keys it is given', () => {
    const numbers = Array.from({ length: 30 }, (_, i) => `20231012345${String(i).padStart(2, '0')}.1`);
    expect(cost('query ($n: [String!]!) { patents(applicationNumbers: $n) { title } }', { n: numbers }).cost).toBe(30);
    expect(cost('{ enterprisesByCreditCode(usccs: ["a", "b"]) { name } }').cost).toBe(2);
    expect(cost('{ verifyEvidences(contentDigests: ["a", "b", "c"]) { found } }').cost).toBe(3);
  });

  it('counts objects, not scalars', () => {
    expect(cost('{ ledgerCheckpoint ledgerVerifierKey }').cost).toBe(0);
    // verifyEvidence 1 + deposits(first: 3) 3 x (the deposit 1 + its inclusion proof 1); the hashes are scalars.
    expect(cost('{ verifyEvidence(contentDigest: "ab") { found deposits(first: 3) { seq inclusionProof { hashes } } } }').cost).toBe(7);
    // Without first, the deposits cost as the 20 they may be.
    expect(cost('{ verifyEvidence(contentDigest: "ab") { found deposits { seq inclusionProof { hashes } } } }').cost).toBe(41);
  });

  it("charges nothing for introspection, the schema's size not the data's (GraphiQL's full query included)", () => {
    expect(cost(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, schemaDescription: true, directiveIsRepeatable: true })).cost).toBe(0);
    // …and only the data a query mixes in.
    expect(cost('{ __typename enterprise(id: "e") { __typename name } }').cost).toBe(1);
  });

  it('multiplies a connection by its first, from a literal, a variable or the default page', () => {
    // Per enterprise: the connection 1 + the edge 1 + the node 1 + its patents, a connection of the
    // default page: 20 x (the connection 1 + the edge 1 + the node 1) = 60; 63 per enterprise.
    const page = 'query ($n: Int) { enterprises(first: $n) { totalCount edges { node { name patents { edges { node { title } } } } } } }';
    expect(cost(page, { n: 10 })).toEqual({ cost: 630, largestPage: 20 });
    expect(cost(page, { n: 50 }).cost).toBe(3150);
    expect(cost(page).cost).toBe(DEFAULT_PAGE * 63);
    // A page of 5 patents each: 5 x 3 = 15, 18 per enterprise.
    expect(cost('{ enterprises(first: 10) { edges { node { patents(first: 5) { edges { node { title } } } } } } }').cost).toBe(10 * 18);
    expect(cost('{ enterprises(first: 1000) { totalCount } }')).toEqual({ cost: 1000, largestPage: 1000 });
  });

  it('multiplies nested lists, through fragments as inline', () => {
    const inline = cost('{ enterprises(first: 2) { edges { node { evidence { citedBy { id } } } } } }').cost;
    const fragments = cost(
      '{ enterprises(first: 2) { edges { node { ...E } } } } fragment E on Enterprise { evidence { ... on Evidence { citedBy { id } } } }',
    ).cost;
    // Per enterprise: edge 1 + node 1 + 20 evidence x (1 + 3 citing cases x 1) = 82; times (1 + 82) per node.
    expect(inline).toBe(2 * 83);
    expect(fragments).toBe(inline);
  });

  it("charges a mutation's root field 10 more", () => {
    expect(cost('mutation { depositEvidence(input: { contentDigest: "ab", title: "t", category: OTHER }) { id } }').cost).toBe(11);
  });

  it('refuses variables that do not fit their types', () => {
    expect(() => cost('query ($n: Int) { enterprises(first: $n) { totalCount } }', { n: 'many' })).toThrow(GraphQLError);
  });
});
