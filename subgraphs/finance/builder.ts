// The finance subgraph's builder and what pledges and insurance share: scalars, date ranges and
// money checks, ledger receipts, the entities other subgraphs own. IP assets: assets.ts.
import { badInput } from '../../platform/errors.js';
import { createBuilder } from '../common/create-builder.js';
import { fenScalar, jsonScalar, ledgerReceiptType, organizationType, pageInfoType, roleEnum } from '../common/shared-types.js';
import { listOrderEnum } from '../common/sync.js';
import type { FinanceContext } from './context.js';
import type { Term } from './domain/model.js';

export const builder = createBuilder<FinanceContext>();

fenScalar(builder);
jsonScalar(builder);

export const Role = roleEnum(builder);
export const LedgerReceipt = ledgerReceiptType(builder);
export const PageInfo = pageInfoType(builder);
export const ListOrder = listOrderEnum(builder);
export const Organization = organizationType(builder);

export const Enterprise = builder.externalRef('Enterprise', builder.selection<{ id: string }>('id'));
Enterprise.implement({ fields: (t) => ({ id: t.exposeID('id', { description: "The enterprise's id in the hub (a UUID)" }) }) });
export const Patent = builder.externalRef('Patent', builder.selection<{ applicationNumber: string }>('applicationNumber'));
Patent.implement({ fields: (t) => ({ applicationNumber: t.exposeString('applicationNumber') }) });
export const Trademark = builder.externalRef('Trademark', builder.selection<{ registrationNumber: string }>('registrationNumber'));
Trademark.implement({ fields: (t) => ({ registrationNumber: t.exposeString('registrationNumber', { description: "The register's number: 1 to 9 digits" }) }) });
export const Copyright = builder.externalRef('Copyright', builder.selection<{ registrationNumber: string }>('registrationNumber'));
Copyright.implement({
  fields: (t) => ({
    registrationNumber: t.exposeString('registrationNumber', { description: 'The registration number, as issued (2024SR0123456, 国作登字-2024-H-00012345)' }),
  }),
});
export const DataAsset = builder.externalRef('DataAsset', builder.selection<{ id: string }>('id'));
DataAsset.implement({ fields: (t) => ({ id: t.exposeID('id', { description: "The data asset's id in the hub (a UUID)" }) }) });
export const ProtectionCase = builder.externalRef('ProtectionCase', builder.selection<{ id: string }>('id'));
ProtectionCase.implement({ fields: (t) => ({ id: t.exposeID('id', { description: "The protection case's id in the hub (a UUID)" }) }) });

export const DateRange = builder.objectRef<Term>('DateRange').implement({
  description: "A span of calendar days, a pledged debt's term or a policy's period: it starts before it ends",
  fields: (t) => ({
    startDate: t.field({ type: 'Date', description: 'The day it starts, YYYY-MM-DD', resolve: (r) => r.startDate }),
    endDate: t.field({ type: 'Date', description: 'The day it ends, YYYY-MM-DD: after startDate', resolve: (r) => r.endDate }),
  }),
});
export const DateRangeInput = builder.inputType('DateRangeInput', {
  description: 'A span of calendar days: startDate must come before endDate (BAD_USER_INPUT otherwise)',
  fields: (t) => ({
    startDate: t.field({ type: 'Date', required: true, description: 'The day it starts, YYYY-MM-DD' }),
    endDate: t.field({ type: 'Date', required: true, description: 'The day it ends, YYYY-MM-DD: after startDate' }),
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
