// Checkpoints: signs the tree at the store's head as a C2SP tlog-checkpoint and stores it, at
// least once per interval while entries arrive, and when a reader needs one covering newer
// entries. Readers share the latest one, so a busy log signs about once per interval.
import { bytesToHex } from './bytes.js';
import { HASH_SIZE } from './hashing.js';
import { frontierRoot } from './merkle/compact-range.js';
import { perfectSubtrees } from './merkle/tree-math.js';
import { type Signer, signNote } from './note.js';
import type { LedgerStore, StoredCheckpoint } from './store/port.js';
import { formatCheckpoint } from './verify/checkpoint.js';

export interface CheckpointOptions {
  readonly origin: string;
  readonly signer: Signer;
  /** A checkpoint is signed at least this often while entries arrive (ms). */
  readonly intervalMs: number;
  readonly now: () => number;
}

export class Checkpoints {
  readonly #store: LedgerStore;
  readonly #options: CheckpointOptions;
  #latest: StoredCheckpoint | undefined;
  #lastSignedAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  private constructor(store: LedgerStore, options: CheckpointOptions, latest: StoredCheckpoint | undefined) {
    this.#store = store;
    this.#options = options;
    this.#latest = latest;
  }

  /** Throws CheckpointError when the origin cannot head a checkpoint. */
  static async open(store: LedgerStore, options: CheckpointOptions): Promise<Checkpoints> {
    formatCheckpoint({ origin: options.origin, size: 0, rootHash: new Uint8Array(HASH_SIZE) });
    return new Checkpoints(store, options, await store.latestCheckpoint());
  }

  /** The latest checkpoint this instance knows of. */
  get latest(): StoredCheckpoint | undefined {
    return this.#latest;
  }

  /** When this instance last signed one (ms; 0: never). */
  get lastSignedAt(): number {
    return this.#lastSignedAt;
  }

  /** The latest signed note: new when the latest is older than the interval and the log grew. */
  async note(): Promise<string> {
    const latest = this.#latest;
    // Recent enough: the timer signs the newer entries within the interval.
    if (latest !== undefined && this.#options.now() - this.#lastSignedAt < this.#options.intervalMs) return latest.note;
    return (await this.sign()).note;
  }

  /** A signed checkpoint of at least `size` entries: the latest one when it covers them, else a new one. */
  async covering(size: number): Promise<StoredCheckpoint> {
    const latest = this.#latest;
    if (latest !== undefined && latest.size >= size) return latest;
    return this.sign();
  }

  /** Entries were stored: signs within the interval. */
  schedule(): void {
    if (this.#timer !== undefined || this.#closed) return;
    const wait = Math.max(0, this.#lastSignedAt + this.#options.intervalMs - this.#options.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      // A failed signing is retried by the next batch's schedule or by note().
      this.sign().catch(() => undefined);
    }, wait);
    this.#timer.unref?.();
  }

  /** Signs (if the log grew) and stores a checkpoint of the store's current head. */
  async sign(): Promise<StoredCheckpoint> {
    const { size } = await this.#store.head();
    const latest = this.#latest;
    if (latest !== undefined && latest.size >= size) return latest;
    const rootHash = frontierRoot(await this.#store.readHashes(perfectSubtrees(0, size)));
    const { origin, signer } = this.#options;
    const note = signNote(formatCheckpoint({ origin, size, rootHash }), signer);
    const cp = { size, rootHash: bytesToHex(rootHash), note };
    await this.#store.putCheckpoint(cp);
    this.#lastSignedAt = this.#options.now();
    if (this.#latest === undefined || this.#latest.size < size) this.#latest = cp;
    return cp;
  }

  /** Witnesses cosigned a stored checkpoint: its note is now `note`. */
  cosigned(size: number, note: string): void {
    if (this.#latest?.size === size) this.#latest = { ...this.#latest, note };
  }

  /** Resolves when the store answers and takes a write; rejects otherwise. */
  async ready(): Promise<void> {
    await this.#store.head();
    // Storing the latest checkpoint again changes nothing, but needs a writable store.
    if (this.#latest !== undefined) await this.#store.putCheckpoint(this.#latest);
    else await this.sign();
  }

  /** Stops the timer and signs the entries not yet covered. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.sign();
  }
}
