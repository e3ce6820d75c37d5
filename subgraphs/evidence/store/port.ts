// The evidence subgraph's aggregate and its storage port. Adapters: sqlite.ts,
// mongodb.ts; both pass contract.ts (run by contract.test.ts).

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

/** The ledger's receipt for an entry: seq, entryHash, timestamp (ms). */
import type { Receipt } from '../../../ledger/index.js';
import type { MonthCount } from '../../common/months.js';

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

/** A place in a depositor's deposits, newest first (depositedAt descending, then id): a page starts strictly after it. */
export interface DepositKey {
  readonly depositedAt: string;
  readonly id: string;
}

/**
 * What a search of one depositor's deposits matches: a deposit whose title contains `text`
 * (ASCII letters in either case, every other character as it is: `%`, `_`, `.*` are plain
 * characters), or whose content digest starts with `digestPrefix` when it is given.
 */
export interface DepositSearch {
  /** Trimmed, not empty. */
  readonly text: string;
  /** Lower-case hex, 4 to 64 digits. */
  readonly digestPrefix?: string;
}

export interface DepositPageRequest {
  readonly search?: DepositSearch;
  readonly after?: DepositKey;
  /** At most this many deposits; 0 or less gives none. */
  readonly limit: number;
}

export interface EvidenceRepository {
  insert(e: EvidenceRecord): Promise<void>;
  /** All or none, in one transaction: deposits whose ledger entries are appended already. */
  insertMany(es: readonly EvidenceRecord[]): Promise<void>;
  byIds(ids: readonly string[]): Promise<(EvidenceRecord | undefined)[]>;
  /** Each depositor's newest `limit` evidence, newest first. */
  byDepositors(depositorIds: readonly string[], limit: number): Promise<EvidenceRecord[][]>;
  /**
   * One depositor's deposits newest first (depositedAt descending, ties by id ascending), after
   * `after`, matching `search`, up to `limit`. Read along the depositor's index from `after`: no
   * more than `limit` rows without a search; with one, only the depositor's rows, until `limit` match.
   */
  pageByDepositor(depositorId: string, request: DepositPageRequest): Promise<EvidenceRecord[]>;
  /**
   * Deposits per month of depositedAt in the hub time zone (platform/hub-calendar.ts), for the months `from` to `to` (YYYY-MM, both
   * included), by month; months without any left out. From counts kept in the writer's
   * transaction: the cost of the months, not of the deposits.
   */
  countByMonth(from: string, to: string): Promise<MonthCount[]>;
  /** Every deposit, from the same counts. */
  count(): Promise<number>;
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

export interface DataAssetRepository {
  insert(a: DataAssetRecord): Promise<void>;
  byIds(ids: readonly string[]): Promise<(DataAssetRecord | undefined)[]>;
  /** Each owner's data assets, newest first. */
  byOwners(ownerIds: readonly string[]): Promise<DataAssetRecord[][]>;
}

/** The evidence subgraph's storage: one repository per aggregate. */
export interface EvidenceStore {
  readonly evidence: EvidenceRepository;
  readonly dataAssets: DataAssetRepository;
  close(): Promise<void>;
}
