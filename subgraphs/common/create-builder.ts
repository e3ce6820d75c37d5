// The Pothos builder every subgraph starts from: federation v2 entities, code first.
import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';

export type SubgraphScalars = {
  /** A calendar date, YYYY-MM-DD. */
  Date: { Input: string; Output: string };
  /** An instant, ISO 8601 in UTC. */
  DateTime: { Input: string; Output: string };
  /** Arbitrary JSON; only subgraphs that use it define it. */
  JSON: { Input: unknown; Output: unknown };
  /** Money in whole fen (0.01 yuan), a safe integer; only subgraphs that use it define it. */
  Fen: { Input: number; Output: number };
};

/** What every subgraph's Query type says: the same text in each, as composition merges them. */
const QUERY_DESCRIPTION =
  'What partners and the portal read. Lists come a page at a time (first, after); a lookup answers null for what does not exist or what the caller may not read, alike';
/** What every subgraph's Mutation type says. */
const MUTATION_DESCRIPTION =
  'What partners and the portal change. Each mutation comes in its payload form (<object><Verb>, listing every problem of its input in userErrors) and its first form, deprecated (docs/api-evolution.md)';

export function createBuilder<Context extends object>() {
  const builder = new SchemaBuilder<{ Context: Context; Scalars: SubgraphScalars; DefaultFieldNullability: false }>({
    plugins: [DirectivePlugin, FederationPlugin],
    defaultFieldNullability: false,
  });
  builder.queryType({ description: QUERY_DESCRIPTION });
  builder.mutationType({ description: MUTATION_DESCRIPTION });
  builder.scalarType('Date', {
    description: 'A calendar date, YYYY-MM-DD',
    serialize: (v) => v as string,
    parseValue: (v) => parseDate(v),
  });
  builder.scalarType('DateTime', {
    description: 'An instant, ISO 8601 in UTC',
    serialize: (v) => v as string,
    parseValue: (v) => v as string,
  });
  return builder;
}

function parseDate(v: unknown): string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
    throw new TypeError(`${JSON.stringify(v)} is not a calendar date YYYY-MM-DD`);
  }
  return v;
}
