// The evidence subgraph's storage port. Adapters: sqlite.ts, mongodb.ts; both pass contract.ts
// (run by contract.test.ts).
import type { MonthCount } from '../../common/months.js';
import type { DataAssetRecord, EvidenceRecord } from '../domain/model.js';

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
  /** The deposits whose ledger receipts have these seqs, in the order asked; undefined for a seq no deposit holds (another kind of entry). */
  byReceiptSeqs(seqs: readonly number[]): Promise<(EvidenceRecord | undefined)[]>;
  /** Each depositor's newest `limit` evidence, newest first. */
  byDepositors(depositorIds: readonly string[], limit: number): Promise<EvidenceRecord[][]>;
  /**
   * One depositor's deposits newest first (depositedAt descending, ties by id ascending), after
   * `after`, matching `search`, up to `limit`. Read along the depositor's index from `after`: no
   * more than `limit` rows without a search; with one, only the depositor's rows, until `limit` match.
   */
  pageByDepositor(depositorId: string, request: DepositPageRequest): Promise<EvidenceRecord[]>;
  /** How many of one depositor's deposits match `search` (all of them without one): what pageByDepositor pages through. */
  countByDepositor(depositorId: string, search: DepositSearch | undefined): Promise<number>;
  /**
   * Deposits per month of depositedAt in the hub time zone (platform/hub-calendar.ts), for the months `from` to `to` (YYYY-MM, both
   * included), by month; months without any left out. From counts kept in the writer's
   * transaction: the cost of the months, not of the deposits.
   */
  countByMonth(from: string, to: string): Promise<MonthCount[]>;
  /** Every deposit, from the same counts. */
  count(): Promise<number>;
}

/** A place in an owner's data assets, newest first: a page starts strictly after it. */
export interface DataAssetKey {
  readonly registeredAt: string;
  readonly id: string;
}

export interface DataAssetRepository {
  insert(a: DataAssetRecord): Promise<void>;
  byIds(ids: readonly string[]): Promise<(DataAssetRecord | undefined)[]>;
  /** Each owner's data assets newest first (registeredAt descending, then id), those after `after`, `limit` at most: a page of each. */
  byOwners(ownerIds: readonly string[], after: DataAssetKey | undefined, limit: number): Promise<DataAssetRecord[][]>;
  /** How many data assets each owner has, in the order asked (0 for none). */
  countByOwners(ownerIds: readonly string[]): Promise<number[]>;
}

/** The evidence subgraph's storage: one repository per aggregate. */
export interface EvidenceStore {
  readonly evidence: EvidenceRepository;
  readonly dataAssets: DataAssetRepository;
  close(): Promise<void>;
}
