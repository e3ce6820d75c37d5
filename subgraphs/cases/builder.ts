// The cases subgraph's builder and what both kinds of case share.
import { createBuilder } from '../common/builder.js';
import { ledgerReceiptType, pageInfoType, roleEnum } from '../common/shared-types.js';
import type { Ledger } from '../../ledger/ledger.js';
import { documentDigest, type Metadata } from '../../ledger/entry.js';
import { appendOrFail } from '../common/ledger-append.js';
import type { CasesContext } from './context.js';
import type { Receipt } from '../../ledger/ledger.js';

export const builder = createBuilder<CasesContext>();
builder.queryType({});
builder.mutationType({});

export const Role = roleEnum(builder);
export const LedgerReceipt = ledgerReceiptType(builder);
export const PageInfo = pageInfoType(builder);

export const Enterprise = builder.externalRef('Enterprise', builder.selection<{ id: string }>('id'));
Enterprise.implement({ fields: (t) => ({ id: t.exposeID('id') }) });
export const Patent = builder.externalRef('Patent', builder.selection<{ applicationNumber: string }>('applicationNumber'));
Patent.implement({ fields: (t) => ({ applicationNumber: t.exposeString('applicationNumber') }) });
export const Evidence = builder.externalRef('Evidence', builder.selection<{ id: string }>('id'));
Evidence.implement({ fields: (t) => ({ id: t.exposeID('id') }) });

/**
 * Records a case decision in the ledger: a CASE_DECISION entry whose content digest is the
 * SHA-256 of the decision document's canonical JSON, the document itself its metadata.
 */
export function anchorDecision(ledger: Ledger, subject: string, actor: string, decision: Metadata): Promise<Receipt> {
  return appendOrFail(ledger, { kind: 'CASE_DECISION', subject, contentDigest: documentDigest(decision), depositor: actor, metadata: decision }, 'decision');
}
