// The evidence subgraph's builder and the types its topics share: the entities (Evidence,
// DataAsset, the Enterprise it extends), the receipt, pages, and the checks of a digest.
import { failure } from '../../platform/errors.js';
import { createBuilder } from '../common/create-builder.js';
import { describedValues, jsonScalar, ledgerReceiptType, pageInfoType } from '../common/shared-types.js';
import type { EvidenceContext } from './context.js';
import type { DataAssetRecord, EvidenceRecord } from './domain/model.js';
import { EVIDENCE_CATEGORIES, EVIDENCE_CATEGORY_MEANINGS } from './domain/model.js';

export const builder = createBuilder<EvidenceContext>();
jsonScalar(builder);

export const Category = builder.enumType('EvidenceCategory', {
  description: 'What kind of file a deposit is, as its depositor labels it: the hub never sees the file, so checks nothing against it',
  values: describedValues(EVIDENCE_CATEGORIES, EVIDENCE_CATEGORY_MEANINGS),
});
export const LedgerReceipt = ledgerReceiptType(builder);
export const PageInfo = pageInfoType(builder);

export const Enterprise = builder.externalRef('Enterprise', builder.selection<{ id: string }>('id'));
Enterprise.implement({ fields: (t) => ({ id: t.exposeID('id', { description: "The enterprise's id in the hub (a UUID)" }) }) });
export const Evidence = builder.objectRef<EvidenceRecord>('Evidence');
export const DataAsset = builder.objectRef<DataAssetRecord>('DataAsset');

const DIGEST = /^[0-9a-fA-F]{64}$/;

/** A SHA-256 digest as given, lower-cased, or INVALID_DIGEST naming the field. */
export function contentDigest(value: string, field = 'contentDigest'): string {
  if (!DIGEST.test(value)) {
    throw failure('INVALID_DIGEST', `${field} must be a SHA-256 digest: 64 hexadecimal characters (got ${value.length} characters)`, { field });
  }
  return value.toLowerCase();
}

/** A ledger timestamp (ms) as the API's DateTime. */
export const isoTime = (ms: number): string => new Date(ms).toISOString();
