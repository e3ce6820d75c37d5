// The evidence subgraph's records: deposits timestamped on the ledger and registered data assets,
// as every store keeps them.
import type { Receipt } from '../../../ledger/index.js';

export const EVIDENCE_CATEGORIES = [
  'CONTRACT',
  'DOCUMENT',
  'PRODUCT_PHOTO',
  'DESIGN_DRAWING',
  'SOURCE_CODE',
  'WEB_PAGE',
  'AUDIO_VIDEO',
  'DATA_SET',
  'OTHER',
] as const;
export type EvidenceCategory = (typeof EVIDENCE_CATEGORIES)[number];

export interface EvidenceRecord {
  readonly id: string;
  /** The enterprise on whose behalf the evidence was deposited. */
  readonly depositorId: string;
  readonly title: string;
  readonly category: EvidenceCategory;
  /** SHA-256 of the file, lower-case hex. */
  readonly contentDigest: string;
  readonly depositedAt: string;
  /** The ledger entry that timestamps the deposit: appended before the record is stored. */
  readonly receipt: Receipt;
}

/** A registered data set (数据知识产权): its SHA-256 fingerprint timestamped on the ledger. */
export interface DataAssetRecord {
  readonly id: string;
  readonly ownerId: string;
  readonly name: string;
  readonly description: string;
  /** SHA-256 of the data set, lower-case hex. */
  readonly fingerprint: string;
  readonly registeredAt: string;
  /** The DATA_ASSET_REGISTRATION ledger entry: appended before the record is stored. */
  readonly receipt: Receipt;
}
