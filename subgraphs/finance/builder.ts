// The finance subgraph's builder and what pledges and insurance share: scalars, date ranges and
// money checks, ledger receipts, the entities other subgraphs own. IP assets: assets.ts.
import { badInput } from '../../platform/errors.js';
import { createBuilder } from '../common/create-builder.js';
import { fenScalar, jsonScalar, ledgerReceiptType, pageInfoType, roleEnum } from '../common/shared-types.js';
import type { FinanceContext } from './context.js';
import type { Term } from './domain/model.js';

export const builder = createBuilder<FinanceContext>();
builder.queryType({});
builder.mutationType({});

fenScalar(builder);
jsonScalar(builder);

export const Role = roleEnum(builder);
export const LedgerReceipt = ledgerReceiptType(builder);
export const PageInfo = pageInfoType(builder);

export const Enterprise = builder.externalRef('Enterprise', builder.selection<{ id: string }>('id'));
Enterprise.implement({ fields: (t) => ({ id: t.exposeID('id') }) });
export const Patent = builder.externalRef('Patent', builder.selection<{ applicationNumber: string }>('applicationNumber'));
Patent.implement({ fields: (t) => ({ applicationNumber: t.exposeString('applicationNumber') }) });
export const DataAsset = builder.externalRef('DataAsset', builder.selection<{ id: string }>('id'));
DataAsset.implement({ fields: (t) => ({ id: t.exposeID('id') }) });
export const ProtectionCase = builder.externalRef('ProtectionCase', builder.selection<{ id: string }>('id'));
ProtectionCase.implement({ fields: (t) => ({ id: t.exposeID('id') }) });

export const DateRange = builder.objectRef<Term>('DateRange').implement({
  fields: (t) => ({
    startDate: t.field({ type: 'Date', resolve: (r) => r.startDate }),
    endDate: t.field({ type: 'Date', resolve: (r) => r.endDate }),
  }),
});
export const DateRangeInput = builder.inputType('DateRangeInput', {
  fields: (t) => ({
    startDate: t.field({ type: 'Date', required: true }),
    endDate: t.field({ type: 'Date', required: true }),
  }),
});

export function positiveFen(fen: number, field: string): number {
  if (fen <= 0) throw badInput(`${field} must be more than 0 fen`, field);
  return fen;
}

export function dateRange(range: Term, field: string): Term {
  if (range.startDate >= range.endDate) throw badInput(`${field}: startDate must come before endDate`, field);
  return { startDate: range.startDate, endDate: range.endDate };
}
