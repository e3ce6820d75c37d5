// The ledger over a LedgerStore: the sequencer writes, checkpoints sign, witnesses cosign, and
// proofs, tiles, certificates and the audit read what they stored.
import { auditLog, type AuditReport } from './audit.js';
import { fromHex, isHex, toBase64 } from './bytes.js';
import { Checkpoints } from './checkpoints.js';
import { Cosignatures } from './cosignatures.js';
import type { AppendInput, Entry } from './entry.js';
import { LedgerInputError, toEntry } from './entry.js';
import { HASH_SIZE } from './hashing.js';
import type { Signer } from './note.js';
import { verifierKey } from './note.js';
import { type ConsistencyProof, consistencyProof, inclusionProof } from './proofs.js';
import { type Receipt, Sequencer } from './sequencer.js';
import type { LedgerStore, StoredTimestamp } from './store/port.js';
import { readTile } from './tiles.js';
import { type TimestampOptions, Timestamps } from './timestamps.js';
import { type Certificate, CERTIFICATE_FORMAT, type InclusionProof, type TrustedTime } from './verify/certificate.js';
import { certificatePem } from './verify/timestamp.js';

export type { AuditReport } from './audit.js';
export type { ConsistencyProof } from './proofs.js';
export type { Receipt } from './sequencer.js';
export { LedgerUnavailableError } from './store/port.js';

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
  /** RFC 3161 timestamp authorities asked for tokens over checkpoints; none when absent. */
  timestamps?: TimestampOptions;
}

export interface LedgerStats {
  /** Entries this instance knows of. */
  readonly size: number;
  /** Entries covered by the latest signed checkpoint, and when this instance last signed one (ms; 0: never). */
  readonly checkpointSize: number;
  readonly lastCheckpointAt: number;
  /** Appends waiting for the next batch. */
  readonly queued: number;
  /** genTime of the newest RFC 3161 token (ms; 0: none, or no TSA configured), and the requests that failed. */
  readonly lastTimestampAt: number;
  readonly timestampFailures: number;
  /** Whether timestamp authorities are configured. */
  readonly timestamping: boolean;
}

export interface Ledger {
  readonly origin: string;
  readonly verifierKey: string;
  /** The root certificates (PEM) of the timestamp authorities configured: none when none is. */
  readonly timestampRoots: readonly string[];
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
  /**
   * The entry's certificate: its inclusion in a signed checkpoint and, once a timestamp authority
   * stamped a checkpoint covering it, that trusted time (so a certificate asked for again later
   * may carry more).
   */
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

export async function openLedger(options: LedgerOptions): Promise<Ledger> {
  const { store, signer } = options;
  const now = options.now ?? Date.now;
  const origin = options.origin ?? signer.name;
  const key = verifierKey(signer);
  const cosignatures = new Cosignatures(store, options.witnessKeys ?? [], (size, note) => checkpoints.cosigned(size, note));
  const checkpoints = await Checkpoints.open(store, { origin, signer, intervalMs: options.checkpointIntervalMs ?? 1000, now });
  const sequencer = await Sequencer.open(store, { maxBatch: options.maxBatch ?? 4096, now, onCommit: () => checkpoints.schedule() });
  const timestamps =
    options.timestamps === undefined || options.timestamps.urls.length === 0 ? undefined : await Timestamps.open(store, checkpoints, options.timestamps);

  const entry = async (seq: number): Promise<Entry | undefined> => {
    const stored = await store.entry(seq);
    return stored === undefined ? undefined : toEntry(stored);
  };
  const prove = async (seq: number, size?: number): Promise<InclusionProof> => inclusionProof(store, seq, size ?? (await checkpoints.covering(seq + 1)).size);
  let closing: Promise<void> | undefined;

  return {
    origin,
    verifierKey: key,
    timestampRoots: timestamps === undefined ? [] : (options.timestamps?.roots ?? []).map(certificatePem),
    append: (input) => sequencer.append(input),
    entry,
    async findByContentDigest(contentDigest) {
      const digest = typeof contentDigest === 'string' ? contentDigest.toLowerCase() : contentDigest;
      if (!isHex(digest, HASH_SIZE)) throw new LedgerInputError('INVALID_DIGEST', 'a content digest is a SHA-256: 64 hexadecimal characters');
      return (await store.findByContentDigest(fromHex(digest))).map(toEntry);
    },
    checkpoint: () => checkpoints.note(),
    prove,
    proveConsistency: async (size1, size2) => consistencyProof(store, size1, size2 ?? (await checkpoints.covering(size1)).size),
    async certificate(seq) {
      const e = await entry(seq);
      if (e === undefined) throw new LedgerInputError('NOT_FOUND', `no ledger entry ${seq}`);
      const cp = await checkpoints.covering(seq + 1);
      const certificate: Certificate = { format: CERTIFICATE_FORMAT, entry: e, inclusion: await prove(seq, cp.size), checkpoint: cp.note, verifierKey: key };
      const trustedTime = await trustedTimeOf(store, await store.timestampsCovering(seq + 1), cp.size);
      return trustedTime === undefined ? certificate : { ...certificate, trustedTime };
    },
    audit: (onProgress) => auditLog(store, { origin, verifierKey: key }, { onProgress }),
    stats: () => ({
      size: sequencer.size,
      checkpointSize: checkpoints.latest?.size ?? 0,
      lastCheckpointAt: checkpoints.lastSignedAt,
      queued: sequencer.queued,
      lastTimestampAt: timestamps?.newest ?? 0,
      timestampFailures: timestamps?.failures ?? 0,
      timestamping: timestamps !== undefined,
    }),
    tile: (path) => readTile(store, path),
    ready: () => checkpoints.ready(),
    addCosignatures: (note) => cosignatures.add(note),
    close: () =>
      (closing ??= (async () => {
        await sequencer.close();
        await timestamps?.close();
        try {
          await checkpoints.close();
        } finally {
          await store.close();
        }
      })()),
  };
}

/**
 * The trusted time of a certificate whose checkpoint has `size` entries: the tokens of one note
 * (the one most TSAs stamped: a note cosigned between two requests differs) and, when its size
 * is not the certificate's, the consistency proof between the two.
 */
async function trustedTimeOf(store: LedgerStore, stored: readonly StoredTimestamp[], size: number): Promise<TrustedTime | undefined> {
  const byNote = new Map<string, StoredTimestamp[]>();
  for (const ts of stored) byNote.set(ts.note, [...(byNote.get(ts.note) ?? []), ts]);
  const tokens = [...byNote.values()].sort((a, b) => b.length - a.length)[0];
  if (tokens === undefined) return undefined;
  const stamped = tokens[0]!.size;
  const trusted = { checkpoint: tokens[0]!.note, tokens: tokens.map((t) => toBase64(t.token)) };
  if (stamped === size) return trusted;
  const proof = await consistencyProof(store, Math.min(stamped, size), Math.max(stamped, size));
  return { ...trusted, consistency: { fromSize: proof.size1, toSize: proof.size2, hashes: proof.hashes } };
}
