// The cases subgraph's builder and what both kinds of case share.
import { createBuilder } from '../common/create-builder.js';
import { ledgerReceiptType, monthCountType, organizationType, pageInfoType, roleEnum } from '../common/shared-types.js';
import { listOrderEnum } from '../common/sync.js';
import type { CasesContext } from './context.js';

export const builder = createBuilder<CasesContext>();

export const Role = roleEnum(builder);
export const LedgerReceipt = ledgerReceiptType(builder);
export const PageInfo = pageInfoType(builder);
export const MonthCount = monthCountType(builder);
export const Organization = organizationType(builder);
export const ListOrder = listOrderEnum(builder);

export const Enterprise = builder.externalRef('Enterprise', builder.selection<{ id: string }>('id'));
Enterprise.implement({ fields: (t) => ({ id: t.exposeID('id', { description: "The enterprise's id in the hub (a UUID)" }) }) });
export const Patent = builder.externalRef('Patent', builder.selection<{ applicationNumber: string }>('applicationNumber'));
Patent.implement({ fields: (t) => ({ applicationNumber: t.exposeString('applicationNumber') }) });
export const Evidence = builder.externalRef('Evidence', builder.selection<{ id: string }>('id'));
Evidence.implement({ fields: (t) => ({ id: t.exposeID('id', { description: "The deposit's id in the hub (a UUID)" }) }) });
