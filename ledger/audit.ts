// The audit: re-walks the log from genesis and names the first entry that does not check out.
// The log is cut into ranges of 2^RANGE_LEVEL entries, each a perfect subtree; worker threads
// re-hash whole ranges (chain links, payloads, entry hashes, the range's own tree hashes,
// checkpoint signatures) while this thread reads the next ones, then folds each range's root
// into the tree's frontier in order, as a compact range would.
import { hash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

import { bytesEqual, concatBytes } from './bytes.js';
import { writeEntryEncodingOf } from './entry.js';
import { HASH_SIZE } from './hashing.js';
import { appendLeafHash, frontierRoot } from './merkle/compact-range.js';
import { bit } from './merkle/tree-math.js';
import { EntryRow, FIELD } from './store/entry-rows.js';
import type { LedgerStore, StoredCheckpoint } from './store/port.js';
import { parseCheckpoint } from './verify/checkpoint.js';
import { verifyNote } from './verify/note.js';

export interface AuditReport {
  readonly ok: boolean;
  /** Entries audited. */
  readonly size: number;
  /** The first entry that does not check out, or null. */
  readonly firstBadSeq: number | null;
  readonly problem?: string;
}

/** Whose log it is: a checkpoint must name this origin and carry this key's signature. */
export interface LogIdentity {
  readonly origin: string;
  readonly verifierKey: string;
}

export interface AuditOptions {
  onProgress?: (done: number, total: number) => void;
  /** Entries per range: 2^rangeLevel. */
  rangeLevel?: number;
  /** Worker threads; 0 audits on this thread. By default one per core, for logs of 4 ranges or more. */
  workers?: number;
}

/** One range's audit: what a worker is given... */
export interface RangeJob {
  /** Entries from-1 (for the link into the range; absent when from = 0) to to-1, packed (entry-rows.ts). */
  readonly rows: Uint8Array;
  readonly from: number;
  readonly to: number;
  /** The checkpoints of sizes from+1 to `to`, ascending. */
  readonly checkpoints: readonly StoredCheckpoint[];
  readonly log: LogIdentity;
}

/** ...and what it finds. */
export interface RangeAudit {
  /** The first entry in the range that does not check out (its tree hashes within the range included). */
  readonly problem?: { readonly seq: number; readonly problem: string };
  /** The job's checkpoints up to the problem's entry, each with the subtrees of [from, size) to root it. */
  readonly checkpoints: readonly CheckpointAudit[];
  /** For a range that is a perfect subtree: its hash, and the tree hashes its last entry stores above it. */
  readonly root?: Uint8Array;
  readonly above?: Uint8Array;
}

export interface CheckpointAudit {
  readonly size: number;
  /** Signature, origin or size wrong; else rootHash is the checkpoint's. */
  readonly problem?: string;
  readonly rootHash?: Uint8Array;
  readonly subtrees: readonly Uint8Array[];
}

const RANGE_LEVEL = 14;
const MIN_RANGES_FOR_WORKERS = 4;

export async function auditLog(store: LedgerStore, log: LogIdentity, options: AuditOptions = {}): Promise<AuditReport> {
  // Checkpoints first: any stored later cannot be beyond the head read next.
  const checkpoints = (await store.checkpoints()).filter((cp) => cp.size > 0);
  const { size } = await store.head();
  const bad = (seq: number, problem: string): AuditReport => ({ ok: false, size, firstBadSeq: seq, problem });

  const width = 2 ** (options.rangeLevel ?? RANGE_LEVEL);
  const ranges = Math.ceil(size / width);
  const workers = options.workers ?? (ranges >= MIN_RANGES_FOR_WORKERS ? availableParallelism() : 0);
  const pool = workers > 0 ? new WorkerPool(Math.min(workers, ranges)) : undefined;

  // Reads and audits range r; a range that cannot all be read is audited up to its first unreadable entry.
  const auditRangeAt = async (r: number): Promise<RangeAudit & { unreadable?: number }> => {
    const from = r * width;
    let to = Math.min(size, from + width);
    let unreadable: number | undefined;
    let rows: Uint8Array;
    try {
      rows = await store.entryRows(Math.max(0, from - 1), to);
    } catch {
      unreadable = await firstUnreadable(store, from, to);
      to = unreadable;
      rows = await store.entryRows(Math.max(0, from - 1), to).catch(() => new Uint8Array(0));
    }
    const job: RangeJob = { rows, from, to, checkpoints: checkpoints.filter((cp) => cp.size > from && cp.size <= to), log };
    const audit = pool === undefined || to === from ? auditRange(job) : await pool.run(job);
    return { ...audit, unreadable };
  };

  try {
    const frontier: Uint8Array[] = [];
    const inFlight = new Map<number, Promise<RangeAudit & { unreadable?: number }>>();
    let read = 0;
    for (let r = 0; r < ranges; r++) {
      // Keep every worker busy with the next ranges while this one's result is awaited.
      for (; read < ranges && read <= r + 2 * workers; read++) {
        const pending = auditRangeAt(read);
        pending.catch(() => undefined);
        inFlight.set(read, pending);
      }
      const audit = await inFlight.get(r)!;
      inFlight.delete(r);
      const from = r * width;
      const to = Math.min(size, from + width);
      // In the order of a walk entry by entry: checkpoints of sizes up to the range's last
      // entry, that entry's problem, the last entry's tree hashes above the range, then the
      // checkpoint right after it.
      const before = frontier.slice();
      const rootProblem = (cp: CheckpointAudit): string | undefined =>
        cp.problem ??
        (!bytesEqual(frontierRoot([...before, ...cp.subtrees]), cp.rootHash!) ? `checkpoint at size ${cp.size} has a root the entries do not give` : undefined);
      for (const cp of audit.checkpoints.filter((c) => c.size < to)) {
        const problem = rootProblem(cp);
        if (problem !== undefined) return bad(cp.size - 1, problem);
      }
      if (audit.problem !== undefined) return bad(audit.problem.seq, audit.problem.problem);
      if (audit.unreadable !== undefined) return bad(audit.unreadable, 'entry cannot be read');
      if (to - from === width) {
        const completed = appendLeafHash(frontier, r, audit.root!);
        if (!bytesEqual(concatBytes(...completed.slice(1)), audit.above!)) return bad(to - 1, TREE_PROBLEM);
      }
      const last = audit.checkpoints.find((c) => c.size === to);
      const problem = last === undefined ? undefined : rootProblem(last);
      if (problem !== undefined) return bad(to - 1, problem);
      options.onProgress?.(to, size);
    }
    const beyond = checkpoints.find((cp) => cp.size > size);
    if (beyond !== undefined) return bad(size, `a signed checkpoint covers ${beyond.size} entries but only ${size} are stored`);
    return { ok: true, size, firstBadSeq: null };
  } finally {
    await pool?.close();
  }
}

async function firstUnreadable(store: LedgerStore, from: number, to: number): Promise<number> {
  for (let seq = from; seq < to; seq++) {
    try {
      await store.entryRows(seq, seq + 1);
    } catch {
      return seq;
    }
  }
  return from;
}

/**
 * Audits entries [from, to), where `from` is a multiple of a power of two >= to - from (so the
 * range's subtrees are the tree's). Pure and synchronous: it runs in a worker as well as here.
 * The hot loop allocates nothing per entry: hashes are compared in place as OpenSSL's latin1
 * digests, and the frontier holds the offsets of stored hashes already found equal to them.
 */
export function auditRange(job: RangeJob): RangeAudit {
  const { rows, from, to } = job;
  const row = new EntryRow();
  const frontier: number[] = [];
  const checkpoints: CheckpointAudit[] = [];
  const hashesAt = (offsets: readonly number[]) => offsets.map((at) => rows.slice(at, at + HASH_SIZE));
  const result = (problem?: RangeAudit['problem'], extra: Partial<RangeAudit> = {}): RangeAudit => ({ problem, checkpoints, ...extra });
  let next = 0;
  let at = 0;
  let prevHashAt = -1; // -1: the genesis prevHash, 32 zero bytes
  let prevTimestamp = 0;
  if (from > 0 && rows.length > 0) {
    // The entry before the range, for the link into it; when unreadable, the range before says so.
    try {
      const after = row.read(rows, 0);
      if (row.seq === from - 1 && row.length[FIELD.entryHash] === HASH_SIZE)
        [at, prevHashAt, prevTimestamp] = [after, row.start[FIELD.entryHash]!, row.timestamp];
    } catch {
      // Left to the range before.
    }
  }

  for (let seq = from; seq < to; seq++) {
    if (at >= rows.length) return result({ seq, problem: 'entry missing' });
    try {
      at = row.read(rows, at);
    } catch {
      return result({ seq, problem: 'entry is malformed' });
    }
    if (row.seq !== seq) return result({ seq, problem: 'entry missing' });
    const problem = entryProblem(rows, row, prevHashAt, prevTimestamp);
    if (problem !== undefined) return result({ seq, problem });

    // The tree hashes this entry completed: those within the range are recomputed here.
    const stored = row.start[FIELD.treeHashes]!;
    if (row.length[FIELD.treeHashes] !== HASH_SIZE * (1 + trailingOnes(seq))) return result({ seq, problem: TREE_PROBLEM });
    prevHashAt = row.start[FIELD.entryHash]!;
    copy(leafInput, 1, rows, prevHashAt);
    if (!digestAt(rows, stored, digest(leafInput))) return result({ seq, problem: TREE_PROBLEM });
    let level = 0;
    for (; bit(seq, level) === 1 && seq + 1 - 2 ** (level + 1) >= from; level++) {
      copy(nodeInput, 1, rows, frontier.pop()!);
      copy(nodeInput, 1 + HASH_SIZE, rows, stored + level * HASH_SIZE);
      if (!digestAt(rows, stored + (level + 1) * HASH_SIZE, digest(nodeInput))) return result({ seq, problem: TREE_PROBLEM });
    }
    frontier.push(stored + level * HASH_SIZE);

    prevTimestamp = row.timestamp;
    for (; job.checkpoints[next]?.size === seq + 1; next++) checkpoints.push(checkpointAudit(job.checkpoints[next]!, job.log, hashesAt(frontier)));
    if (seq === to - 1 && frontier.length === 1 && isPerfect(from, to)) {
      return result(undefined, { root: hashesAt(frontier)[0], above: rows.slice(stored + (level + 1) * HASH_SIZE, stored + row.length[FIELD.treeHashes]!) });
    }
  }
  return result();
}

const TREE_PROBLEM = 'stored tree hashes differ from the recomputed ones';

// SHA-256 as OpenSSL's 'binary' (latin1) string: no buffer per digest (see hashing.ts).
const digest = (data: Uint8Array): string => hash('sha256', data, 'binary');
/** 0x00 || entryHash, and 0x01 || left || right (RFC 6962), filled in place. */
const leafInput = new Uint8Array(1 + HASH_SIZE);
const nodeInput = new Uint8Array(1 + 2 * HASH_SIZE).fill(1, 0, 1);
let encoding = new Uint8Array(1024);

/** The checks of one entry, in the order the audit has always made them. */
function entryProblem(rows: Uint8Array, row: EntryRow, prevHashAt: number, prevTimestamp: number): string | undefined {
  const { start, length } = row;
  if (row.missing || Number.isNaN(row.timestamp)) return 'entry is malformed';
  if (length[FIELD.prevHash] !== HASH_SIZE || !(prevHashAt < 0 ? zeroAt(rows, start[FIELD.prevHash]!) : sameAt(rows, start[FIELD.prevHash]!, prevHashAt))) {
    return 'prevHash does not link to the previous entry';
  }
  if (!(row.timestamp >= prevTimestamp)) return 'timestamp goes back along the chain';
  const metadata = rows.subarray(start[FIELD.metadata]!, start[FIELD.metadata]! + length[FIELD.metadata]!);
  if (length[FIELD.payloadDigest] !== HASH_SIZE || !digestAt(rows, start[FIELD.payloadDigest]!, digest(metadata)))
    return 'metadata does not hash to payloadDigest';
  if (length[FIELD.contentDigest] !== HASH_SIZE) return 'entry is malformed';
  const texts = length[FIELD.kind]! + length[FIELD.subject]! + length[FIELD.depositor]!;
  if (encoding.length < 2 * texts + 256) encoding = new Uint8Array(2 * texts + 256);
  const n = writeEntryEncodingOf(
    encoding,
    row.seq,
    row.timestamp,
    rows,
    start[FIELD.kind]!,
    length[FIELD.kind]!,
    length[FIELD.subject]!,
    length[FIELD.depositor]!,
  );
  if (length[FIELD.entryHash] !== HASH_SIZE || !digestAt(rows, start[FIELD.entryHash]!, digest(encoding.subarray(0, n))))
    return 'entry does not hash to its entryHash';
  return undefined;
}

/** Whether rows hold, at `at`, the digest `d` (a latin1 string). */
function digestAt(rows: Uint8Array, at: number, d: string): boolean {
  for (let i = 0; i < HASH_SIZE; i++) if (rows[at + i] !== d.charCodeAt(i)) return false;
  return true;
}

function sameAt(rows: Uint8Array, a: number, b: number): boolean {
  for (let i = 0; i < HASH_SIZE; i++) if (rows[a + i] !== rows[b + i]) return false;
  return true;
}

function zeroAt(rows: Uint8Array, at: number): boolean {
  for (let i = 0; i < HASH_SIZE; i++) if (rows[at + i] !== 0) return false;
  return true;
}

function copy(out: Uint8Array, at: number, rows: Uint8Array, from: number): void {
  for (let i = 0; i < HASH_SIZE; i++) out[at + i] = rows[from + i]!;
}

function checkpointAudit(cp: StoredCheckpoint, log: LogIdentity, subtrees: Uint8Array[]): CheckpointAudit {
  if (!verifyNote(cp.note, log.verifierKey)) return { size: cp.size, problem: `checkpoint at size ${cp.size} is not signed by this log's key`, subtrees };
  try {
    const parsed = parseCheckpoint(cp.note);
    if (parsed.origin === log.origin && parsed.size === cp.size) return { size: cp.size, rootHash: parsed.rootHash, subtrees };
  } catch {
    // Falls through: not this log's checkpoint.
  }
  return { size: cp.size, problem: `checkpoint at size ${cp.size} names another log or size`, subtrees };
}

function trailingOnes(n: number): number {
  let count = 0;
  while (bit(n, count) === 1) count++;
  return count;
}

const isPerfect = (from: number, to: number): boolean => {
  const width = to - from;
  return (width & (width - 1)) === 0 && from % width === 0;
};

/** Worker threads that each audit one range at a time, in the order asked. */
class WorkerPool {
  readonly #idle: Worker[] = [];
  readonly #all: Worker[] = [];
  readonly #queue: { job: RangeJob; resolve: (a: RangeAudit) => void; reject: (e: unknown) => void }[] = [];
  #closed = false;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./audit-worker.mjs', import.meta.url));
      worker.unref();
      this.#all.push(worker);
      this.#idle.push(worker);
    }
  }

  run(job: RangeJob): Promise<RangeAudit> {
    if (this.#closed) return Promise.reject(new Error('the audit is over'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ job, resolve, reject });
      this.#dispatch();
    });
  }

  #dispatch(): void {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop()!;
      const { job, resolve, reject } = this.#queue.shift()!;
      const done = (settle: () => void) => {
        worker.off('message', onMessage).off('error', onError);
        this.#idle.push(worker);
        settle();
        this.#dispatch();
      };
      const onMessage = (audit: RangeAudit) => done(() => resolve(audit));
      const onError = (err: unknown) => done(() => reject(err));
      worker.on('message', onMessage).on('error', onError);
      worker.postMessage(job);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const { reject } of this.#queue.splice(0)) reject(new Error('the audit is over'));
    await Promise.all(this.#all.map((w) => w.terminate()));
  }
}
