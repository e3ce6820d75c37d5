// The ledger: sequencer with group commit, periodic signed checkpoints, proofs, certificates
// and audit, over a LedgerStore.
import type { AppendInput, Entry, ValidatedInput } from './entry.js';
import { LedgerInputError, hashEntryEncoding, toEntry, validateInput } from './entry.js';
import { hashLeaf, HASH_SIZE } from './hashing.js';
import { bytesToHex, concatBytes, fromHex, isHex } from './bytes.js';
import { appendLeafHash, frontierRoot } from './merkle/compact-range.js';
import { assemble, consistencyPath, inclusionPath, type Subtree } from './merkle/proof.js';
import { perfectSubtrees, type NodeId } from './merkle/tree-math.js';
import type { Signer } from './note.js';
import { signNote, verifierKey } from './note.js';
import { formatCheckpoint, parseCheckpoint } from './verify/checkpoint.js';
import { ALG_COSIGNATURE_V1, openNote, parseNote, parseVerifierKey, type VerifierKey } from './verify/note.js';
import { CERTIFICATE_FORMAT, type Certificate, type InclusionProof } from './verify/certificate.js';
import { parseTilePath, tileExists, TILE_HEIGHT, TILE_WIDTH } from './tiles.js';
import type { LedgerStore, StoreHead, StoredCheckpoint, StoredEntry } from './store/port.js';
import { SequenceConflictError } from './store/port.js';
import { auditLog, type AuditReport } from './audit.js';

export type { AuditReport } from './audit.js';

export interface LedgerOptions {
  store: LedgerStore;
  signer: Signer;
  /** The checkpoint origin line; by convention the signer's key name. */
  origin?: string;
  /** A checkpoint is signed at least this often while entries arrive (ms). */
  checkpointIntervalMs?: number;
  /** Most entries written in one transaction. */
  maxBatch?: number;
  /** Clock, ms since the Unix epoch. */
  now?: () => number;
  /** Witness cosigner keys (C2SP tlog-cosignature) whose cosignatures the ledger accepts. */
  witnessKeys?: readonly string[];
}

export interface Receipt {
  readonly seq: number;
  readonly entryHash: string;
  readonly timestamp: number;
}

export interface ConsistencyProof {
  readonly size1: number;
  readonly size2: number;
  readonly hashes: readonly string[];
}

export interface LedgerStats {
  /** Entries this instance knows of. */
  readonly size: number;
  /** Entries covered by the latest signed checkpoint, and when this instance last signed one (ms; 0: never). */
  readonly checkpointSize: number;
  readonly lastCheckpointAt: number;
  /** Appends waiting for the next batch. */
  readonly queued: number;
}

export interface Ledger {
  readonly origin: string;
  readonly verifierKey: string;
  /** Resolves once the entry is durable. Rejects with LedgerInputError on bad input, writing nothing. */
  append(input: AppendInput): Promise<Receipt>;
  entry(seq: number): Promise<Entry | undefined>;
  findByContentDigest(contentDigest: string): Promise<Entry[]>;
  /**
   * The latest signed checkpoint note. While entries arrive it is at most checkpointIntervalMs
   * behind the log; when it is older than that and the log grew, a new one is signed first.
   */
  checkpoint(): Promise<string>;
  /** Inclusion proof of entry seq in the tree of `size` entries (default: a signed checkpoint's that covers seq). */
  prove(seq: number, size?: number): Promise<InclusionProof>;
  proveConsistency(size1: number, size2?: number): Promise<ConsistencyProof>;
  certificate(seq: number): Promise<Certificate>;
  /** Re-walks the ledger from genesis; `onProgress` hears how many entries are done, of how many. */
  audit(onProgress?: (done: number, total: number) => void): Promise<AuditReport>;
  /** What this instance knows without asking the store: for metrics. */
  stats(): LedgerStats;
  /**
   * A C2SP tlog-tiles tile by its path (`tile/<L>/<N>[.p/<W>]`, or `tile/entries/...` whose
   * entries are the leaves' data: each entry hash, length-prefixed); undefined when the log has
   * no such tile.
   */
  tile(path: string): Promise<Uint8Array | undefined>;
  /** Resolves when the store answers and takes a write (for /readyz); rejects otherwise. */
  ready(): Promise<void>;
  /**
   * Takes a stored checkpoint back with cosignatures by configured witnesses, keeps them, and
   * returns the checkpoint with every cosignature it now has; certificates carry them from then
   * on. LedgerInputError when the note is not one of this log's checkpoints or adds no valid one.
   */
  addCosignatures(note: string): Promise<string>;
  close(): Promise<void>;
}

/** The store failed or the ledger is closed; the appends of the failed batch were not recorded. */
export class LedgerUnavailableError extends Error {
  override readonly name = 'LedgerUnavailableError';
}

interface Pending {
  readonly input: ValidatedInput;
  readonly resolve: (r: Receipt) => void;
  readonly reject: (e: unknown) => void;
}

const MAX_CONFLICT_RETRIES = 1000;

export async function openLedger(options: LedgerOptions): Promise<Ledger> {
  const ledger = new SequencedLedger(options);
  await ledger.load();
  return ledger;
}

class SequencedLedger implements Ledger {
  readonly origin: string;
  readonly verifierKey: string;
  readonly #store: LedgerStore;
  readonly #signer: Signer;
  readonly #interval: number;
  readonly #maxBatch: number;
  readonly #now: () => number;
  readonly #witnesses: VerifierKey[];

  #head: StoreHead = { size: 0, lastEntryHash: new Uint8Array(HASH_SIZE), lastTimestamp: 0 };
  #frontier: Uint8Array[] = [];
  #queue: Pending[] = [];
  #draining: Promise<void> | undefined;
  #latestCheckpoint: StoredCheckpoint | undefined;
  #lastCheckpointAt = 0;
  #checkpointTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(o: LedgerOptions) {
    this.#store = o.store;
    this.#signer = o.signer;
    this.origin = o.origin ?? o.signer.name;
    this.verifierKey = verifierKey(o.signer);
    this.#interval = o.checkpointIntervalMs ?? 1000;
    this.#maxBatch = o.maxBatch ?? 4096;
    this.#now = o.now ?? Date.now;
    this.#witnesses = (o.witnessKeys ?? []).map((k) => {
      const key = parseVerifierKey(k);
      if (key === undefined || key.alg !== ALG_COSIGNATURE_V1) throw new LedgerInputError('INVALID_INPUT', `not a witness cosigner key (type 0x04): ${k}`);
      return key;
    });
    formatCheckpoint({ origin: this.origin, size: 0, rootHash: new Uint8Array(HASH_SIZE) }); // validates origin
  }

  async load(): Promise<void> {
    this.#head = await this.#store.head();
    this.#frontier = await this.#readHashes(perfectSubtrees(0, this.#head.size));
    this.#latestCheckpoint = await this.#store.latestCheckpoint();
  }

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

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        // Let every append already under way join this batch.
        await new Promise((r) => setImmediate(r));
        await this.#commit(this.#queue.splice(0, this.#maxBatch));
      }
    } finally {
      this.#draining = undefined;
    }
  }

  async #commit(batch: Pending[]): Promise<void> {
    const now = this.#now();
    for (let attempt = 0; ; attempt++) {
      const frontier = this.#frontier.slice();
      let { size: seq, lastEntryHash: prevHash, lastTimestamp: timestamp } = this.#head;
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
      try {
        await this.#store.append(entries);
      } catch (err) {
        const conflict = err instanceof SequenceConflictError && attempt < MAX_CONFLICT_RETRIES;
        try {
          await this.load();
        } catch {
          // The store is down; the next batch reloads again.
        }
        if (conflict) continue;
        const failure = new LedgerUnavailableError(`the ledger store did not record the entries: ${(err as Error).message}`, { cause: err });
        for (const p of batch) p.reject(failure);
        return;
      }
      this.#head = { size: seq, lastEntryHash: prevHash, lastTimestamp: timestamp };
      this.#frontier = frontier;
      entries.forEach((e, i) => batch[i]!.resolve({ seq: e.seq, entryHash: bytesToHex(e.entryHash), timestamp: e.timestamp }));
      this.#scheduleCheckpoint();
      return;
    }
  }

  #scheduleCheckpoint(): void {
    if (this.#checkpointTimer !== undefined || this.#closed) return;
    const wait = Math.max(0, this.#lastCheckpointAt + this.#interval - this.#now());
    this.#checkpointTimer = setTimeout(() => {
      this.#checkpointTimer = undefined;
      // A failed signing is retried by the next batch's schedule or by checkpoint().
      this.#signCheckpoint().catch(() => undefined);
    }, wait);
    this.#checkpointTimer.unref?.();
  }

  /** Signs (if the log grew) and stores a checkpoint of the store's current head. */
  async #signCheckpoint(): Promise<StoredCheckpoint> {
    const { size } = await this.#store.head();
    const latest = this.#latestCheckpoint;
    if (latest !== undefined && latest.size >= size) return latest;
    const rootHash = frontierRoot(await this.#readHashes(perfectSubtrees(0, size)));
    const note = signNote(formatCheckpoint({ origin: this.origin, size, rootHash }), this.#signer);
    const cp = { size, rootHash: bytesToHex(rootHash), note };
    await this.#store.putCheckpoint(cp);
    this.#lastCheckpointAt = this.#now();
    if (this.#latestCheckpoint === undefined || this.#latestCheckpoint.size < size) this.#latestCheckpoint = cp;
    return cp;
  }

  /**
   * A signed checkpoint of at least `size` entries: the latest one when it covers them, else a
   * new one. Readers share checkpoints, so a busy log signs about once per interval.
   */
  async #checkpointCovering(size: number): Promise<StoredCheckpoint> {
    const latest = this.#latestCheckpoint;
    if (latest !== undefined && latest.size >= size) return latest;
    return this.#signCheckpoint();
  }

  async tile(path: string): Promise<Uint8Array | undefined> {
    const tile = parseTilePath(path);
    const { size } = await this.#store.head();
    if (tile === undefined || !tileExists(tile, size)) return undefined;
    const first = tile.index * TILE_WIDTH;
    if (tile.level >= 0) {
      const nodes = Array.from({ length: tile.width }, (_, i) => ({ level: TILE_HEIGHT * tile.level, index: first + i }));
      return concatBytes(...(await this.#readHashes(nodes)));
    }
    const entries = await this.#store.entries(first, tile.width);
    const out = new Uint8Array(entries.length * (2 + HASH_SIZE));
    entries.forEach((e, i) => {
      out[i * (2 + HASH_SIZE) + 1] = HASH_SIZE;
      out.set(e.entryHash, i * (2 + HASH_SIZE) + 2);
    });
    return out;
  }

  async addCosignatures(note: string): Promise<string> {
    const given = parseNote(note);
    let cp: { size: number } | undefined;
    try {
      cp = given === undefined ? undefined : parseCheckpoint(given.text);
    } catch {
      cp = undefined;
    }
    if (given === undefined || cp === undefined) throw new LedgerInputError('INVALID_INPUT', 'not a signed checkpoint note');
    const stored = await this.#store.checkpointAt(cp.size);
    const storedNote = stored === undefined ? undefined : parseNote(stored.note);
    if (stored === undefined || storedNote === undefined || storedNote.text !== given.text) {
      throw new LedgerInputError('NOT_FOUND', `this log signed no checkpoint with that text at size ${cp.size}`);
    }
    const opened = openNote(note, this.#witnesses);
    if (opened === undefined) throw new LedgerInputError('INVALID_INPUT', 'a cosignature by a configured witness does not verify');
    const have = new Set(storedNote.signatures.map((s) => `${s.name} ${s.keyId}`));
    const lines = note.slice(given.text.length + 1).split('\n').filter((line) => line !== '');
    const added = lines.filter((line, i) => {
      const sig = given.signatures[i]!;
      return !have.has(`${sig.name} ${sig.keyId}`) && opened.signedBy.some((k) => k.name === sig.name && k.keyId === sig.keyId);
    });
    if (added.length === 0) throw new LedgerInputError('INVALID_INPUT', 'the note carries no new cosignature by a configured witness');
    const merged = `${stored.note}${added.map((l) => `${l}\n`).join('')}`;
    await this.#store.replaceCheckpointNote(cp.size, merged);
    if (this.#latestCheckpoint?.size === cp.size) this.#latestCheckpoint = { ...this.#latestCheckpoint, note: merged };
    return merged;
  }

  async ready(): Promise<void> {
    await this.#store.head();
    // Storing the latest checkpoint again changes nothing, but needs a writable store.
    if (this.#latestCheckpoint !== undefined) await this.#store.putCheckpoint(this.#latestCheckpoint);
    else await this.#signCheckpoint();
  }

  stats(): LedgerStats {
    return { size: this.#head.size, checkpointSize: this.#latestCheckpoint?.size ?? 0, lastCheckpointAt: this.#lastCheckpointAt, queued: this.#queue.length };
  }

  async checkpoint(): Promise<string> {
    const latest = this.#latestCheckpoint;
    // Recent enough: the timer signs the newer entries within the interval.
    if (latest !== undefined && this.#now() - this.#lastCheckpointAt < this.#interval) return latest.note;
    return (await this.#signCheckpoint()).note;
  }

  async entry(seq: number): Promise<Entry | undefined> {
    const stored = await this.#store.entry(seq);
    return stored === undefined ? undefined : toEntry(stored);
  }

  async findByContentDigest(contentDigest: string): Promise<Entry[]> {
    const digest = typeof contentDigest === 'string' ? contentDigest.toLowerCase() : contentDigest;
    if (!isHex(digest, HASH_SIZE)) throw new LedgerInputError('INVALID_DIGEST', 'a content digest is a SHA-256: 64 hexadecimal characters');
    return (await this.#store.findByContentDigest(fromHex(digest))).map(toEntry);
  }

  async prove(seq: number, size?: number): Promise<InclusionProof> {
    const treeSize = size ?? (await this.#checkpointCovering(seq + 1)).size;
    await this.#checkTreeSize(treeSize);
    if (!Number.isSafeInteger(seq) || seq < 0 || seq >= treeSize) {
      throw new LedgerInputError('NOT_FOUND', `entry ${seq} is not in the tree of ${treeSize} entries`);
    }
    const hashes = await this.#proofHashes(inclusionPath(seq, treeSize));
    return { leafIndex: seq, treeSize, hashes: hashes.map(bytesToHex) };
  }

  async proveConsistency(size1: number, size2?: number): Promise<ConsistencyProof> {
    const to = size2 ?? (await this.#checkpointCovering(size1)).size;
    await this.#checkTreeSize(to);
    if (!Number.isSafeInteger(size1) || size1 < 1 || size1 > to) {
      throw new LedgerInputError('INVALID_INPUT', `no consistency proof from size ${size1} to size ${to}: need 1 <= size1 <= size2`);
    }
    const hashes = await this.#proofHashes(consistencyPath(size1, to));
    return { size1, size2: to, hashes: hashes.map(bytesToHex) };
  }

  async certificate(seq: number): Promise<Certificate> {
    const entry = await this.entry(seq);
    if (entry === undefined) throw new LedgerInputError('NOT_FOUND', `no ledger entry ${seq}`);
    const cp = await this.#checkpointCovering(seq + 1);
    return { format: CERTIFICATE_FORMAT, entry, inclusion: await this.prove(seq, cp.size), checkpoint: cp.note, verifierKey: this.verifierKey };
  }

  audit(onProgress?: (done: number, total: number) => void): Promise<AuditReport> {
    return auditLog(this.#store, { origin: this.origin, verifierKey: this.verifierKey }, { onProgress });
  }

  async #checkTreeSize(size: number): Promise<void> {
    const { size: current } = await this.#store.head();
    if (!Number.isSafeInteger(size) || size < 1 || size > current) {
      throw new LedgerInputError('INVALID_INPUT', `tree size ${size} is not between 1 and the ledger's ${current} entries`);
    }
  }

  async #readHashes(nodes: readonly NodeId[]): Promise<Uint8Array[]> {
    return nodes.length === 0 ? [] : this.#store.readHashes(nodes);
  }

  async #proofHashes(path: readonly Subtree[]): Promise<Uint8Array[]> {
    return assemble(path, await this.#readHashes(path.flatMap((s) => perfectSubtrees(s.begin, s.end))));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    while (this.#draining !== undefined) await this.#draining;
    this.#closed = true;
    clearTimeout(this.#checkpointTimer);
    try {
      await this.#signCheckpoint();
    } finally {
      await this.#store.close();
    }
  }
}
