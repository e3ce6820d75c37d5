// The ledger's storage port. Adapters: sqlite.ts (embedded default) and mongodb.ts; both pass
// contract.ts (contract.test.ts).
import type { EntryRecord } from '../entry.js';
import type { NodeId } from '../merkle/tree-math.js';

/** An entry with the Merkle tree hashes its append completed, stored together. */
export interface StoredEntry extends EntryRecord {
  /**
   * The perfect-subtree hashes this entry completed, leaf first, concatenated: 32 bytes for
   * level 0 and each level l up to the number of trailing 1 bits of seq (see layout.ts).
   */
  readonly treeHashes: Uint8Array;
}

export interface StoreHead {
  /** Number of entries: the next sequence number. */
  readonly size: number;
  /** entryHash of entry size-1 (32 zero bytes when empty). */
  readonly lastEntryHash: Uint8Array;
  /** timestamp of entry size-1 (0 when empty). */
  readonly lastTimestamp: number;
}

export interface StoredCheckpoint {
  readonly size: number;
  /** Root hash, lower-case hex. */
  readonly rootHash: string;
  /** The signed checkpoint note. */
  readonly note: string;
}

/** An RFC 3161 time-stamp token over a stored checkpoint's signed note (ledger/timestamps.ts). */
export interface StoredTimestamp {
  /** The checkpoint's tree size. */
  readonly size: number;
  /** The timestamp authority's URL, as configured: one token per checkpoint and TSA. */
  readonly tsa: string;
  /** The note exactly as timestamped: the token's imprint is its UTF-8 bytes' SHA-256. */
  readonly note: string;
  /** The TimeStampToken, DER. */
  readonly token: Uint8Array;
  /** The token's genTime (ms since the Unix epoch). */
  readonly genTime: number;
}

/**
 * The store failed or did not answer in time, or the ledger is closed; the appends of the failed
 * batch were not recorded (but see FORMAT.md, Durability, on MongoDB's write timeout).
 */
export class LedgerUnavailableError extends Error {
  override readonly name = 'LedgerUnavailableError';
  /**
   * True when the write may still have taken effect (a commit sent but not confirmed in time):
   * the caller must look before it appends the same again. False when nothing was recorded.
   */
  readonly outcomeUnknown: boolean;

  constructor(message: string, options: ErrorOptions & { outcomeUnknown?: boolean } = {}) {
    super(message, options);
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}

/**
 * Another writer appended first. The error carries the store's head as the refused append saw
 * it, and its frontier (the hashes of perfectSubtrees(0, head.size)): the batch is chained again
 * onto them, since a read made after the conflict may lag them.
 */
export class SequenceConflictError extends Error {
  override readonly name = 'SequenceConflictError';
  constructor(
    message: string,
    readonly head: StoreHead,
    readonly frontier: readonly Uint8Array[],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface LedgerStore {
  head(): Promise<StoreHead>;
  /**
   * Appends consecutive entries atomically and durably: all of them or none. Throws
   * SequenceConflictError unless the first continues the head (seq = size, prevHash = its hash),
   * checked in the transaction that writes them.
   */
  append(entries: readonly StoredEntry[]): Promise<void>;
  /** The hashes of these perfect subtrees, in the order asked (none for none); throws if one is not stored. */
  readHashes(nodes: readonly NodeId[]): Promise<Uint8Array[]>;
  entry(seq: number): Promise<StoredEntry | undefined>;
  /** Entries seq >= from, ascending, at most `limit`. */
  entries(from: number, limit: number): Promise<StoredEntry[]>;
  /** Entries from <= seq < to, ascending, packed as entry-rows.ts says: for the audit's bulk reads. */
  entryRows(from: number, to: number): Promise<Uint8Array>;
  findByContentDigest(contentDigest: Uint8Array): Promise<StoredEntry[]>;
  /** Stores a checkpoint; a second one for the same size is ignored. */
  putCheckpoint(cp: StoredCheckpoint): Promise<void>;
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>;
  checkpointAt(size: number): Promise<StoredCheckpoint | undefined>;
  /**
   * Replaces a stored checkpoint's note (the same checkpoint, with witnesses' cosignatures added)
   * if it is still `expected`, atomically: false, changing nothing, if it is not.
   */
  swapCheckpointNote(size: number, expected: string, note: string): Promise<boolean>;
  /** Stored checkpoints, ascending by size. */
  checkpoints(): Promise<StoredCheckpoint[]>;
  /** Stores a token; a second one for the same checkpoint and TSA is ignored. */
  putTimestamp(ts: StoredTimestamp): Promise<void>;
  /** The tokens of the smallest timestamped checkpoint of at least `size` entries (none when there is none), by TSA. */
  timestampsCovering(size: number): Promise<StoredTimestamp[]>;
  /** The token of the largest timestamped checkpoint, its newest by genTime. */
  latestTimestamp(): Promise<StoredTimestamp | undefined>;
  close(): Promise<void>;
}
