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

export function createBuilder<Context extends object>() {
  const builder = new SchemaBuilder<{ Context: Context; Scalars: SubgraphScalars; DefaultFieldNullability: false }>({
    plugins: [DirectivePlugin, FederationPlugin],
    defaultFieldNullability: false,
  });
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
