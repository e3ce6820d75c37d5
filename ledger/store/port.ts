// The ledger's storage port. Adapters: sqlite.ts (embedded default) and mongodb.ts; both pass
// test/ledger-store.contract.ts.
import type { Entry } from '../entry.js';

export interface StoreHead {
  /** Number of entries: the next sequence number. */
  readonly size: number;
  /** entryHash of entry size-1 (GENESIS_HASH when empty). */
  readonly lastEntryHash: string;
  /** timestamp of entry size-1 (0 when empty). */
  readonly lastTimestamp: number;
}

export interface AppendBatch {
  /** Consecutive entries, the first with seq = the store's size. */
  readonly entries: readonly Entry[];
  /** The tree hashes these entries complete, starting at storedHashCount(first seq). */
  readonly hashes: readonly Uint8Array[];
}

export interface StoredCheckpoint {
  readonly size: number;
  /** Root hash, lower-case hex. */
  readonly rootHash: string;
  /** The signed checkpoint note. */
  readonly note: string;
}

/** Another writer appended first: re-read the head and try again. */
export class SequenceConflictError extends Error {
  override readonly name = 'SequenceConflictError';
}

export interface LedgerStore {
  head(): Promise<StoreHead>;
  /**
   * Appends a batch atomically and durably: all of it or nothing. Throws SequenceConflictError
   * when the store's size is no longer batch.entries[0].seq.
   */
  append(batch: AppendBatch): Promise<void>;
  /** Stored tree hashes by storedHashIndex, in the order asked; throws if one is missing. */
  readHashes(indexes: readonly number[]): Promise<Uint8Array[]>;
  /** Stored tree hashes [start, start + count). */
  hashRange(start: number, count: number): Promise<Uint8Array[]>;
  entry(seq: number): Promise<Entry | undefined>;
  /** Entries seq >= from, ascending, at most `limit`. */
  entries(from: number, limit: number): Promise<Entry[]>;
  findByContentDigest(contentDigest: string): Promise<Entry[]>;
  /** Stores a checkpoint; a second one for the same size is ignored. */
  putCheckpoint(cp: StoredCheckpoint): Promise<void>;
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>;
  /** The smallest stored checkpoint of at least `size` entries. */
  checkpointCovering(size: number): Promise<StoredCheckpoint | undefined>;
  /** Stored checkpoints, ascending by size. */
  checkpoints(): Promise<StoredCheckpoint[]>;
  close(): Promise<void>;
}
