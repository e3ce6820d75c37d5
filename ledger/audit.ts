// The audit: re-walks the log from genesis and names the first entry that does not check out.
// The log is cut into ranges of 2^RANGE_LEVEL entries, each a perfect subtree; worker threads
// re-hash whole ranges (chain links, payloads, entry hashes, the range's own tree hashes,
// checkpoint signatures) while this thread reads the next ones, then folds each range's root
// into the tree's frontier in order, as a compact range would.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { hashEntryEncoding } from './entry.js';
import { hashChildren, hashLeaf, sha256, HASH_SIZE } from './hashing.js';
import { appendLeafHash, frontierRoot } from './merkle/compact-range.js';
import { bit } from './merkle/tree-math.js';
import { parseCheckpoint } from './verify/checkpoint.js';
import { verifyNote } from './verify/note.js';
import { EntryRow, FIELD } from './store/entry-rows.js';
import { bytesEqual, concatBytes } from './bytes.js';
import type { LedgerStore, StoredCheckpoint } from './store/port.js';

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
const ZERO_HASH = new Uint8Array(HASH_SIZE);

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
        cp.problem ?? (!bytesEqual(frontierRoot([...before, ...cp.subtrees]), cp.rootHash!) ? `checkpoint at size ${cp.size} has a root the entries do not give` : undefined);
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
 */
export function auditRange(job: RangeJob): RangeAudit {
  const { rows, from, to } = job;
  const row = new EntryRow();
  const frontier: Uint8Array[] = [];
  const checkpoints: CheckpointAudit[] = [];
  const result = (problem?: RangeAudit['problem'], extra: Partial<RangeAudit> = {}): RangeAudit => ({ problem, checkpoints, ...extra });
  let next = 0;
  let at = 0;
  let prevHash: Uint8Array = ZERO_HASH;
  let prevTimestamp = 0;
  if (from > 0 && rows.length > 0) {
    // The entry before the range, for the link into it; when unreadable, the range before says so.
    try {
      const after = row.read(rows, 0);
      if (row.seq === from - 1) [at, prevHash, prevTimestamp] = [after, row.field(rows, FIELD.entryHash), row.timestamp];
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
    const problem = entryProblem(rows, row, prevHash, prevTimestamp);
    if (problem !== undefined) return result({ seq, problem });

    // The tree hashes this entry completed: those within the range are recomputed here.
    const stored = row.start[FIELD.treeHashes]!;
    if (row.length[FIELD.treeHashes] !== HASH_SIZE * (1 + trailingOnes(seq))) return result({ seq, problem: TREE_PROBLEM });
    prevHash = row.field(rows, FIELD.entryHash);
    let h = hashLeaf(prevHash);
    if (!hashAt(rows, stored, h)) return result({ seq, problem: TREE_PROBLEM });
    let level = 0;
    for (; bit(seq, level) === 1 && seq + 1 - 2 ** (level + 1) >= from; level++) {
      h = hashChildren(frontier.pop()!, h);
      if (!hashAt(rows, stored + (level + 1) * HASH_SIZE, h)) return result({ seq, problem: TREE_PROBLEM });
    }
    frontier.push(h);

    prevTimestamp = row.timestamp;
    for (; job.checkpoints[next]?.size === seq + 1; next++) checkpoints.push(checkpointAudit(job.checkpoints[next]!, job.log, frontier.slice()));
    if (seq === to - 1 && frontier.length === 1 && isPerfect(from, to)) {
      const end = stored + row.length[FIELD.treeHashes]!;
      return result(undefined, { root: frontier[0], above: rows.slice(stored + (level + 1) * HASH_SIZE, end) });
    }
  }
  return result();
}

const TREE_PROBLEM = 'stored tree hashes differ from the recomputed ones';

/** The checks of one entry, in the order the audit has always made them. */
function entryProblem(rows: Uint8Array, row: EntryRow, prevHash: Uint8Array, prevTimestamp: number): string | undefined {
  if (row.missing || Number.isNaN(row.timestamp)) return 'entry is malformed';
  if (!fieldIs(rows, row, FIELD.prevHash, prevHash)) return 'prevHash does not link to the previous entry';
  if (!(row.timestamp >= prevTimestamp)) return 'timestamp goes back along the chain';
  if (!fieldIs(rows, row, FIELD.payloadDigest, sha256(row.field(rows, FIELD.metadata)))) return 'metadata does not hash to payloadDigest';
  let entryHash: Uint8Array;
  try {
    entryHash = hashEntryEncoding({
      seq: row.seq,
      timestamp: row.timestamp,
      kind: row.field(rows, FIELD.kind),
      subject: row.field(rows, FIELD.subject),
      depositor: row.field(rows, FIELD.depositor),
      contentDigest: row.field(rows, FIELD.contentDigest),
      payloadDigest: row.field(rows, FIELD.payloadDigest),
      prevHash: row.field(rows, FIELD.prevHash),
    });
  } catch {
    return 'entry is malformed';
  }
  if (!fieldIs(rows, row, FIELD.entryHash, entryHash)) return 'entry does not hash to its entryHash';
  return undefined;
}

/** Whether field `f` of the row holds exactly `bytes`. */
function fieldIs(rows: Uint8Array, row: EntryRow, f: number, bytes: Uint8Array): boolean {
  return row.length[f] === bytes.length && hashAt(rows, row.start[f]!, bytes);
}

/** Whether rows holds `hash` at `at`. */
function hashAt(rows: Uint8Array, at: number, hash: Uint8Array): boolean {
  for (let i = 0; i < hash.length; i++) if (rows[at + i] !== hash[i]) return false;
  return true;
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
