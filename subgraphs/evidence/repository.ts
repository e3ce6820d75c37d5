// The evidence subgraph's aggregate and its storage port. Adapters: sqlite-repository.ts,
// mongodb-repository.ts; both pass repository.contract.ts.

export const EVIDENCE_CATEGORIES = ['CONTRACT', 'DOCUMENT', 'PRODUCT_PHOTO', 'DESIGN_DRAWING', 'SOURCE_CODE', 'WEB_PAGE', 'AUDIO_VIDEO', 'DATA_SET', 'OTHER'] as const;
export type EvidenceCategory = (typeof EVIDENCE_CATEGORIES)[number];

export interface LedgerReceipt {
  readonly seq: number;
  readonly entryHash: string;
  /** ms since the Unix epoch, as the ledger recorded it. */
  readonly timestamp: number;
}

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
  readonly receipt: LedgerReceipt;
}

export interface EvidenceRepository {
  insert(e: EvidenceRecord): Promise<void>;
  byIds(ids: readonly string[]): Promise<(EvidenceRecord | undefined)[]>;
  /** Each depositor's evidence, newest first. */
  byDepositors(depositorIds: readonly string[]): Promise<EvidenceRecord[][]>;
}

/** The evidence subgraph's storage. */
export interface EvidenceStore {
  readonly evidence: EvidenceRepository;
  close(): Promise<void>;
}
