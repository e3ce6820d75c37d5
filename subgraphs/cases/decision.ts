// A case's decision, anchored in the ledger: the staff's move and the demo's seeding record it alike.
import type { Ledger, Receipt } from '../../ledger/index.js';
import { documentDigest, type Metadata } from '../../ledger/index.js';
import { appendOrFail } from '../common/ledger-append.js';

/**
 * Records a case decision in the ledger: a CASE_DECISION entry whose content digest is the
 * SHA-256 of the decision document's canonical JSON, the document itself its metadata.
 */
export function anchorDecision(ledger: Ledger, subject: string, actor: string, decision: Metadata): Promise<Receipt> {
  return appendOrFail(ledger, { kind: 'CASE_DECISION', subject, contentDigest: documentDigest(decision), depositor: actor, metadata: decision }, 'decision');
}
