// GraphQL types more than one subgraph defines. Federation lets a value type live in several
// subgraphs only when every definition is the same (and @shareable): these functions are the
// one definition each subgraph calls on its own builder.
import type { createBuilder } from './builder.js';
import { ROLES } from './identity.js';
import type { Receipt } from '../../ledger/ledger.js';

export type SubgraphBuilder<C extends object> = ReturnType<typeof createBuilder<C>>;

export function ledgerReceiptType<C extends object>(builder: SubgraphBuilder<C>) {
  return builder.objectRef<Receipt>('LedgerReceipt').implement({
    description: 'Where and when the ledger recorded an entry',
    shareable: true,
    fields: (t) => ({
      seq: t.exposeInt('seq', { description: 'Position in the ledger' }),
      entryHash: t.exposeString('entryHash'),
      timestamp: t.field({ type: 'DateTime', resolve: (r) => new Date(r.timestamp).toISOString() }),
    }),
  });
}

export function pageInfoType<C extends object>(builder: SubgraphBuilder<C>) {
  return builder.objectRef<{ hasNextPage: boolean; endCursor: string | null }>('PageInfo').implement({
    shareable: true,
    fields: (t) => ({
      hasNextPage: t.exposeBoolean('hasNextPage'),
      endCursor: t.exposeString('endCursor', { nullable: true }),
    }),
  });
}

export function roleEnum<C extends object>(builder: SubgraphBuilder<C>) {
  return builder.enumType('Role', { values: ROLES });
}

export function jsonScalar<C extends object>(builder: SubgraphBuilder<C>) {
  return builder.scalarType('JSON', { description: 'A JSON value', serialize: (v) => v, parseValue: (v) => v });
}
