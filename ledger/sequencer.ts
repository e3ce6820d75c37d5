// The sequencer: queues appends and writes them in batches, one store transaction each (group
// commit). It gives each entry its seq and timestamp, chains it to the one before, and
// integrates its leaf into the tree, so an entry is stored with the tree hashes it completed.
import { bytesToHex, concatBytes } from './bytes.js';
import { type AppendInput, hashEntryEncoding, type ValidatedInput, validateInput } from './entry.js';
import { hashLeaf } from './hashing.js';
import { appendLeafHash } from './merkle/compact-range.js';
import { perfectSubtrees } from './merkle/tree-math.js';
import { beforeRetry, MAX_TRIES } from './retry.js';
import { type LedgerStore, LedgerUnavailableError, SequenceConflictError, type StoredEntry, type StoreHead } from './store/port.js';

export interface Receipt {
  readonly seq: number;
  readonly entryHash: string;
  readonly timestamp: number;
}

export interface SequencerOptions {
  /** Most entries written in one transaction. */
  readonly maxBatch: number;
  /** Clock, ms since the Unix epoch. */
  readonly now: () => number;
  /** Called after each batch is stored. */
  readonly onCommit: () => void;
}

/** Where the next entry goes: the store's head, and the hashes of perfectSubtrees(0, head.size). */
interface Tip {
  readonly head: StoreHead;
  readonly frontier: readonly Uint8Array[];
}

interface Pending {
  readonly input: ValidatedInput;
  readonly resolve: (r: Receipt) => void;
  readonly reject: (e: unknown) => void;
}

export class Sequencer {
  readonly #store: LedgerStore;
  readonly #options: SequencerOptions;
  #tip: Tip;
  #queue: Pending[] = [];
  #draining: Promise<void> | undefined;
  #closed = false;

  private constructor(store: LedgerStore, options: SequencerOptions, tip: Tip) {
    this.#store = store;
    this.#options = options;
    this.#tip = tip;
  }

  static async open(store: LedgerStore, options: SequencerOptions): Promise<Sequencer> {
    return new Sequencer(store, options, await readTip(store));
  }

  /** Entries this sequencer knows of. */
  get size(): number {
    return this.#tip.head.size;
  }

  /** Appends waiting for the next batch. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Resolves once the entry is durable. Rejects with LedgerInputError on bad input, writing nothing. */
  append(input: AppendInput): Promise<Receipt> {
    if (this.#closed) return Promise.reject(new LedgerUnavailableError('the ledger is closed'));
    let validated: ValidatedInput;
    try {
      validated = validateInput(input);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ input: validated, resolve, reject });
      this.#draining ??= this.#drain();
    });
  }

  /** Waits for the appends under way, then refuses new ones. */
  async close(): Promise<void> {
    while (this.#draining !== undefined) await this.#draining;
    this.#closed = true;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        // Let every append already under way join this batch.
        await new Promise((r) => setImmediate(r));
        await this.#commit(this.#queue.splice(0, this.#options.maxBatch));
      }
    } finally {
      this.#draining = undefined;
    }
  }

  async #commit(batch: Pending[]): Promise<void> {
    const now = this.#options.now();
    for (let tries = 1; ; tries++) {
      const { entries, tip } = chain(this.#tip, batch, now);
      try {
        await this.#store.append(entries);
      } catch (err) {
        if (err instanceof SequenceConflictError) {
          // Another writer appended first: chain onto the head the store saw, not onto a read
          // made now, which may lag it. (After any other failure the tip stays: if the batch was
          // stored after all, the next one conflicts and learns the head.)
          this.#tip = { head: err.head, frontier: err.frontier };
          if (tries < MAX_TRIES) {
            await beforeRetry(tries);
            continue;
          }
        }
        const outcomeUnknown = err instanceof LedgerUnavailableError && err.outcomeUnknown;
        const failure = new LedgerUnavailableError(
          outcomeUnknown
            ? `the ledger store did not confirm the entries: ${(err as Error).message}`
            : `the ledger store did not record the entries: ${(err as Error).message}`,
          { cause: err, outcomeUnknown },
        );
        for (const p of batch) p.reject(failure);
        return;
      }
      this.#tip = tip;
      entries.forEach((e, i) => batch[i]!.resolve({ seq: e.seq, entryHash: bytesToHex(e.entryHash), timestamp: e.timestamp }));
      this.#options.onCommit();
      return;
    }
  }
}

async function readTip(store: LedgerStore): Promise<Tip> {
  const head = await store.head();
  return { head, frontier: await store.readHashes(perfectSubtrees(0, head.size)) };
}

/** The batch's entries chained onto `tip`, timestamped no earlier than `now` or the entry before, and the tip after them. */
function chain(tip: Tip, batch: readonly Pending[], now: number): { entries: StoredEntry[]; tip: Tip } {
  const frontier = tip.frontier.slice();
  let { size: seq, lastEntryHash: prevHash, lastTimestamp: timestamp } = tip.head;
  const entries: StoredEntry[] = [];
  for (const { input } of batch) {
    timestamp = Math.max(now, timestamp);
    const { kind, subject, contentDigest, payloadDigest, depositor, metadataJson } = input;
    const entryHash = hashEntryEncoding({ seq, kind, subject, contentDigest, payloadDigest, depositor, timestamp, prevHash });
    const treeHashes = concatBytes(...appendLeafHash(frontier, seq, hashLeaf(entryHash)));
    entries.push({ seq, kind, subject, contentDigest, payloadDigest, depositor, timestamp, prevHash, entryHash, metadataJson, treeHashes });
    prevHash = entryHash;
    seq++;
  }
  return { entries, tip: { head: { size: seq, lastEntryHash: prevHash, lastTimestamp: timestamp }, frontier } };
}
