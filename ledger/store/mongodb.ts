// The distributed LedgerStore: MongoDB (a replica set or sharded cluster; transactions need one).
import type { ClientSession, Collection, TransactionOptions } from 'mongodb';
import {
  Binary,
  MongoClient,
  MongoError,
  MongoErrorLabel,
  MongoNetworkError,
  MongoOperationTimeoutError,
  MongoServerError,
  MongoServerSelectionError,
  ReadConcern,
  ReadPreference,
  WriteConcern,
} from 'mongodb';

import { bytesEqual, bytesToHex, fromHex } from '../bytes.js';
import { HASH_SIZE } from '../hashing.js';
import { type NodeId, perfectSubtrees } from '../merkle/tree-math.js';
import { packEntryRows } from './entry-rows.js';
import { completedBy, nodeHash } from './layout.js';
import type { LedgerStore, StoredCheckpoint, StoredEntry, StoredTimestamp, StoreHead } from './port.js';
import { LedgerUnavailableError, SequenceConflictError } from './port.js';

export interface MongoLedgerStoreOptions {
  /** Connection string; unused when `client` is given. */
  url: string;
  /** Defaults to the database named in the connection string. */
  dbName?: string;
  /** A shared client; the store then leaves closing it to the caller. */
  client?: MongoClient;
  /** Prepended to the collection names, e.g. to isolate test runs. */
  collectionPrefix?: string;
  /**
   * How long a write may wait for a majority to acknowledge it, or run on the server, before it
   * fails with LedgerUnavailableError (ms; default 10,000). Without it an unreachable majority
   * would hold a write for ever.
   */
  writeTimeoutMS?: number;
}

// _id is the sequence number: MongoDB's unique _id index is the unique index on seq that keeps
// concurrent writers from recording two entries with the same number.
interface EntryDoc {
  _id: number;
  kind: string;
  subject: string;
  contentDigest: Binary;
  payloadDigest: Binary;
  depositor: string;
  timestamp: number;
  prevHash: Binary;
  entryHash: Binary;
  /** The canonical JSON text, exactly as hashed. */
  metadata: string;
  /** The tree hashes this entry completed, concatenated. */
  tree: Binary;
}

/** _id is the tree size. */
interface CheckpointDoc {
  _id: number;
  rootHash: Binary;
  note: string;
}

const DUPLICATE_KEY = 11000;
const NAMESPACE_EXISTS = 48;
/** Server codes of an operation out of time: a write concern not met in wtimeout (WriteConcernFailed, 8.1: WriteConcernTimeout), maxTimeMS spent, a time limit exceeded. */
const TIMED_OUT = [64, 50, 262];
const DEFAULT_WRITE_TIMEOUT_MS = 10_000;

const ZERO_HASH = new Uint8Array(HASH_SIZE);

/** A copy as a plain Uint8Array: no Buffer, and no hold on the driver's response buffer. */
const plain = (b: Binary): Uint8Array => new Uint8Array(b.value());

const toDoc = (e: StoredEntry): EntryDoc => ({
  _id: e.seq,
  kind: e.kind,
  subject: e.subject,
  contentDigest: new Binary(e.contentDigest),
  payloadDigest: new Binary(e.payloadDigest),
  depositor: e.depositor,
  timestamp: e.timestamp,
  prevHash: new Binary(e.prevHash),
  entryHash: new Binary(e.entryHash),
  metadata: e.metadataJson,
  tree: new Binary(e.treeHashes),
});

const toStored = (d: EntryDoc): StoredEntry => ({
  seq: d._id,
  kind: d.kind,
  subject: d.subject,
  contentDigest: plain(d.contentDigest),
  payloadDigest: plain(d.payloadDigest),
  depositor: d.depositor,
  timestamp: d.timestamp,
  prevHash: plain(d.prevHash),
  entryHash: plain(d.entryHash),
  metadataJson: d.metadata,
  treeHashes: plain(d.tree),
});

/** One per checkpoint and TSA: the unique index by_checkpoint_tsa keeps the first stored. */
interface TimestampDoc {
  size: number;
  tsa: string;
  note: string;
  token: Binary;
  genTime: number;
}

const toTimestamp = (d: TimestampDoc): StoredTimestamp => ({ size: d.size, tsa: d.tsa, note: d.note, token: plain(d.token), genTime: d.genTime });
const toCheckpoint = (d: CheckpointDoc): StoredCheckpoint => ({ size: d._id, rootHash: bytesToHex(d.rootHash.value()), note: d.note });

const hasCode = (err: unknown, ...codes: number[]): boolean => err instanceof MongoServerError && typeof err.code === 'number' && codes.includes(err.code);

/**
 * A MongoDB error as the ledger's callers should see it: LedgerUnavailableError when the
 * deployment did not answer in time or could not be reached (nothing can be said to be
 * recorded), the error itself otherwise.
 */
export function toLedgerError(err: unknown): unknown {
  const timedOut =
    err instanceof MongoOperationTimeoutError ||
    err instanceof MongoServerSelectionError ||
    err instanceof MongoNetworkError ||
    (err instanceof MongoServerError && (hasCode(err, ...TIMED_OUT) || (err.errInfo as { wtimeout?: unknown } | undefined)?.wtimeout === true));
  if (!timedOut) return err;
  // Only a server never reached had nothing sent to it; anything later may yet commit.
  const outcomeUnknown = !(err instanceof MongoServerSelectionError);
  return new LedgerUnavailableError(`the ledger's MongoDB did not answer in time: ${err.message}`, { cause: err, outcomeUnknown });
}

/** The store with every failure passed through toLedgerError. */
function surfacingTimeouts(store: LedgerStore): LedgerStore {
  const guarded = Object.entries(store).map(([name, op]: [string, (...args: unknown[]) => Promise<unknown>]) => [
    name,
    (...args: unknown[]) =>
      op(...args).catch((err: unknown) => {
        throw toLedgerError(err);
      }),
  ]);
  return Object.fromEntries(guarded) as unknown as LedgerStore;
}

export async function openMongoLedgerStore(options: MongoLedgerStoreOptions): Promise<LedgerStore> {
  const owned = options.client === undefined;
  const client = options.client ?? new MongoClient(options.url);
  const prefix = options.collectionPrefix ?? '';
  const maxTimeMS = options.writeTimeoutMS ?? DEFAULT_WRITE_TIMEOUT_MS;
  // Acknowledged only once journaled on a majority: survives the loss of the primary.
  const durable = new WriteConcern('majority', maxTimeMS, true);
  // Snapshot: the head check and the inserts see one state; a concurrent append is a write
  // conflict. A commit that outlasts maxCommitTimeMS is not retried by withTransaction.
  const txn: TransactionOptions = {
    readConcern: new ReadConcern('snapshot'),
    writeConcern: durable,
    readPreference: ReadPreference.PRIMARY,
    maxCommitTimeMS: maxTimeMS,
  };
  // Primary and majority reads: a head read after an acknowledged append sees it, and no read
  // returns what a failover could roll back.
  const db = client.db(options.dbName, { writeConcern: durable, readConcern: new ReadConcern('majority'), readPreference: ReadPreference.PRIMARY });
  const names = { entries: `${prefix}ledger_entries`, checkpoints: `${prefix}ledger_checkpoints`, timestamps: `${prefix}ledger_timestamps` };
  const entries: Collection<EntryDoc> = db.collection<EntryDoc>(names.entries);
  const checkpoints: Collection<CheckpointDoc> = db.collection<CheckpointDoc>(names.checkpoints);
  const timestamps: Collection<TimestampDoc> = db.collection<TimestampDoc>(names.timestamps);

  try {
    if (owned) await client.connect();
    // Created up front: a transaction does not have to create a collection on its first insert.
    for (const name of Object.values(names)) {
      await db.createCollection(name).catch((err: unknown) => {
        if (!hasCode(err, NAMESPACE_EXISTS)) throw err;
      });
    }
    // With _id in the key, the matches come out in seq order without a sort.
    await entries.createIndex({ contentDigest: 1, _id: 1 }, { name: 'by_content' });
    await timestamps.createIndex({ size: 1, tsa: 1 }, { name: 'by_checkpoint_tsa', unique: true });
  } catch (err) {
    if (owned) await client.close();
    throw toLedgerError(err);
  }

  const head = async (session?: ClientSession): Promise<StoreHead> => {
    const last = await entries.findOne({}, { sort: { _id: -1 }, projection: { entryHash: 1, timestamp: 1 }, session });
    return last === null
      ? { size: 0, lastEntryHash: ZERO_HASH, lastTimestamp: 0 }
      : { size: last._id + 1, lastEntryHash: plain(last.entryHash), lastTimestamp: last.timestamp };
  };
  const readHashes = async (nodes: readonly NodeId[], session?: ClientSession): Promise<Uint8Array[]> => {
    if (nodes.length === 0) return [];
    const seqs = nodes.map((node) => completedBy(node).seq);
    const docs = await entries.find({ _id: { $in: [...new Set(seqs)] } }, { projection: { tree: 1 }, session }).toArray();
    const trees = new Map(docs.map((d) => [d._id, d.tree.value()]));
    return nodes.map((node, i) => nodeHash(node, trees.get(seqs[i]!)));
  };

  return surfacingTimeouts({
    head: () => head(),
    async append(batch) {
      const first = batch[0];
      const last = batch[batch.length - 1];
      if (first === undefined || last === undefined) return;
      const docs = batch.map(toDoc);
      const session = client.startSession();
      try {
        // Re-run from the top on transient errors (failovers, and write conflicts: another
        // writer's insert of the same seqs, after which the head read here has moved).
        await session.withTransaction(async (s) => {
          const current = await head(s);
          if (current.size !== first.seq || !bytesEqual(current.lastEntryHash, first.prevHash)) {
            // What this snapshot saw, for the writer to chain onto: a majority read after it may lag it.
            const frontier = await readHashes(perfectSubtrees(0, current.size), s);
            throw new SequenceConflictError(`store is at ${current.size}, batch starts at ${first.seq}`, current, frontier);
          }
          await entries.insertMany(docs, { session: s });
        }, txn);
      } catch (err) {
        // The commit may have gone through: the batch is all or nothing, so its last entry says.
        // (MongoError, not MongoServerError: a network error at commit carries the label too.)
        if (err instanceof MongoError && err.hasErrorLabel(MongoErrorLabel.UnknownTransactionCommitResult)) {
          const stored = await entries.findOne({ _id: last.seq }, { projection: { entryHash: 1 } }).catch(() => null);
          if (stored !== null && bytesEqual(plain(stored.entryHash), last.entryHash)) return;
        }
        throw err;
      } finally {
        await session.endSession();
      }
    },
    readHashes: (nodes) => readHashes(nodes),
    async entry(seq) {
      const doc = await entries.findOne({ _id: seq });
      return doc === null ? undefined : toStored(doc);
    },
    async entries(from, limit) {
      // limit(0) means no limit to MongoDB.
      if (limit < 1) return [];
      return (await entries.find({ _id: { $gte: from } }, { sort: { _id: 1 }, limit }).toArray()).map(toStored);
    },
    async entryRows(from, to) {
      if (to <= from) return new Uint8Array(0);
      return packEntryRows((await entries.find({ _id: { $gte: from, $lt: to } }, { sort: { _id: 1 } }).toArray()).map(toStored));
    },
    async findByContentDigest(contentDigest) {
      const docs = await entries.find({ contentDigest: new Binary(contentDigest) }, { sort: { _id: 1 } }).toArray();
      return docs.map(toStored);
    },
    async putCheckpoint(cp) {
      try {
        await checkpoints.insertOne({ _id: cp.size, rootHash: new Binary(fromHex(cp.rootHash)), note: cp.note }, { maxTimeMS });
      } catch (err) {
        // One checkpoint per size: the first one stored stays.
        if (!hasCode(err, DUPLICATE_KEY)) throw err;
      }
    },
    async latestCheckpoint() {
      const doc = await checkpoints.findOne({}, { sort: { _id: -1 } });
      return doc === null ? undefined : toCheckpoint(doc);
    },
    async checkpointAt(size) {
      const doc = await checkpoints.findOne({ _id: size });
      return doc === null ? undefined : toCheckpoint(doc);
    },
    async swapCheckpointNote(size, expected, note) {
      // Matched against the primary's latest version, so a concurrent swap's write cannot be lost.
      return (await checkpoints.updateOne({ _id: size, note: expected }, { $set: { note } }, { maxTimeMS })).matchedCount === 1;
    },
    async checkpoints() {
      return (await checkpoints.find({}, { sort: { _id: 1 } }).toArray()).map(toCheckpoint);
    },
    async putTimestamp(ts) {
      try {
        await timestamps.insertOne({ size: ts.size, tsa: ts.tsa, note: ts.note, token: new Binary(ts.token), genTime: ts.genTime }, { maxTimeMS });
      } catch (err) {
        if (!hasCode(err, DUPLICATE_KEY)) throw err;
      }
    },
    async timestampsCovering(size) {
      const first = await timestamps.findOne({ size: { $gte: size } }, { sort: { size: 1 }, projection: { size: 1 } });
      if (first === null) return [];
      return (await timestamps.find({ size: first.size }, { sort: { tsa: 1 } }).toArray()).map(toTimestamp);
    },
    async latestTimestamp() {
      const doc = await timestamps.findOne({}, { sort: { size: -1, genTime: -1 } });
      return doc === null ? undefined : toTimestamp(doc);
    },
    async close() {
      if (owned) await client.close();
    },
  });
}
