// The cases subgraph's builder and what both kinds of case share.
import { createBuilder } from '../common/builder.js';
import { ledgerReceiptType, pageInfoType, roleEnum } from '../common/shared-types.js';
import { LedgerUnavailableError, type Ledger } from '../../ledger/ledger.js';
import { canonicalMetadata, type Metadata } from '../../ledger/entry.js';
import { sha256 } from '../../ledger/hashing.js';
import { bytesToHex } from '../../ledger/bytes.js';
import { failure } from '../common/errors.js';
import type { CasesContext } from './context.js';
import type { LedgerReceipt } from './repository.js';

export const builder = createBuilder<CasesContext>();
builder.queryType({});
builder.mutationType({});

export const Role = roleEnum(builder);
export const Receipt = ledgerReceiptType(builder);
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
export async function anchorDecision(ledger: Ledger, subject: string, actor: string, decision: Metadata): Promise<LedgerReceipt> {
  try {
    return await ledger.append({
      kind: 'CASE_DECISION',
      subject,
      contentDigest: bytesToHex(sha256(new TextEncoder().encode(canonicalMetadata(decision)))),
      depositor: actor,
      metadata: decision,
    });
  } catch (err) {
    if (err instanceof LedgerUnavailableError) throw failure('LEDGER_UNAVAILABLE', 'the ledger could not record the decision; the case did not move, try again');
    throw err;
  }
}
