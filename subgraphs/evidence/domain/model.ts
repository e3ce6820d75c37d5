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

/** What each category means, as the schema describes it: the depositor's own label, which the hub never checks against the file. */
export const EVIDENCE_CATEGORY_MEANINGS: Record<EvidenceCategory, string> = {
  CONTRACT: 'A contract (合同)',
  DOCUMENT: 'A document (文档)',
  PRODUCT_PHOTO: 'A photograph of a product (产品照片)',
  DESIGN_DRAWING: 'A design drawing (设计图)',
  SOURCE_CODE: 'Source code (源代码)',
  WEB_PAGE: 'A web page (网页)',
  AUDIO_VIDEO: 'An audio or video recording (音视频)',
  DATA_SET: 'A data set (数据集)',
  OTHER: 'Anything else (其他)',
};

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
