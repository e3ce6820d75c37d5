// The schema as each role sees it, published for partners to generate types from
// (docs/schema/<role>.graphql, written by `npm run compose`): the API schema cut to the root
// fields a role may call, as each root field's @tag("role:<ROLE>") says (subgraphs/common/callers.ts),
// with only the types those reach. One for anonymous callers too (role:PUBLIC).
import { fileURLToPath } from 'node:url';

import { ApolloGateway } from '@apollo/gateway';
import { type DirectiveNode, GraphQLObjectType, GraphQLSchema, Kind, parse, printSchema } from 'graphql';

import { type Caller, CALLERS, callerTag } from '../platform/identity.js';

export const ROLE_SCHEMA_DIR = fileURLToPath(new URL('../docs/schema/', import.meta.url));
export const roleSchemaPath = (caller: Caller): string => `${ROLE_SCHEMA_DIR}${caller.toLowerCase().replaceAll('_', '-')}.graphql`;

const tagsOf = (directives: readonly DirectiveNode[] | undefined): string[] =>
  (directives ?? []).flatMap((d) => {
    const name = d.arguments?.find((a) => a.name.value === 'name')?.value;
    return d.name.value === 'tag' && name?.kind === Kind.STRING ? [name.value] : [];
  });

/** Each root field's tags, by `Query.field` / `Mutation.field`, from the supergraph. */
export function rootFieldTags(supergraphSdl: string): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const d of parse(supergraphSdl).definitions) {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION || (d.name.value !== 'Query' && d.name.value !== 'Mutation')) continue;
    for (const f of d.fields ?? []) tags.set(`${d.name.value}.${f.name.value}`, tagsOf(f.directives));
  }
  return tags;
}

/** The API schema of a supergraph, as the gateway serves it. */
async function apiSchemaOf(supergraphSdl: string): Promise<GraphQLSchema> {
  let schema: GraphQLSchema | undefined;
  const gateway = new ApolloGateway({ supergraphSdl });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => void (schema = apiSchema));
  await gateway.load();
  await gateway.stop();
  return schema!;
}

/** The SDL each caller is published, by caller. */
export async function roleSchemas(supergraphSdl: string): Promise<Map<Caller, string>> {
  const api = await apiSchemaOf(supergraphSdl);
  const tags = rootFieldTags(supergraphSdl);
  const cut = (root: GraphQLObjectType | null | undefined, caller: Caller): GraphQLObjectType | undefined => {
    if (root === null || root === undefined) return undefined;
    const config = root.toConfig();
    const fields = Object.fromEntries(Object.entries(config.fields).filter(([name]) => tags.get(`${root.name}.${name}`)?.includes(callerTag(caller))));
    return Object.keys(fields).length === 0 ? undefined : new GraphQLObjectType({ ...config, fields });
  };
  return new Map(
    CALLERS.map((caller) => {
      // graphql-js gathers the types the roots reach: nothing a caller cannot meet is printed.
      const query = cut(api.getQueryType(), caller);
      const mutation = cut(api.getMutationType(), caller);
      const schema = new GraphQLSchema({ ...(query === undefined ? {} : { query }), ...(mutation === undefined ? {} : { mutation }) });
      return [caller, `# The IP Hub API as ${caller} callers see it: written by npm run compose from the supergraph; do not edit.\n${printSchema(schema)}\n`];
    }),
  );
}
