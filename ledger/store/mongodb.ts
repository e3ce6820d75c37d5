// The distributed LedgerStore: MongoDB (a replica set or sharded cluster; transactions need one).
import { Binary, MongoClient, MongoError, MongoErrorLabel, MongoServerError, ReadConcern, ReadPreference, WriteConcern } from 'mongodb';
import type { ClientSession, Collection, TransactionOptions } from 'mongodb';
import { bytesEqual, bytesToHex, fromHex } from '../bytes.js';
import { HASH_SIZE } from '../hashing.js';
import type { LedgerStore, StoreHead, StoredCheckpoint, StoredEntry } from './port.js';
import { SequenceConflictError } from './port.js';
import { completedBy, nodeHash } from './layout.js';
import { packEntryRows } from './entry-rows.js';

export interface MongoLedgerStoreOptions {
  /** Connection string; unused when `client` is given. */
  url: string;
  /** Defaults to the database named in the connection string. */
  dbName?: string;
  /** A shared client; the store then leaves closing it to the caller. */
  client?: MongoClient;
  /** Prepended to the collection names, e.g. to isolate test runs. */
  collectionPrefix?: string;
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
const WRITE_CONFLICT = 112;
const NAMESPACE_EXISTS = 48;

// Acknowledged only once journaled on a majority: survives the loss of the primary.
const DURABLE = new WriteConcern('majority', undefined, true);
// Snapshot: the head check and the inserts see one state; a concurrent append is a write conflict.
const TXN: TransactionOptions = { readConcern: new ReadConcern('snapshot'), writeConcern: DURABLE, readPreference: ReadPreference.PRIMARY };
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

const toCheckpoint = (d: CheckpointDoc): StoredCheckpoint => ({ size: d._id, rootHash: bytesToHex(d.rootHash.value()), note: d.note });

const hasCode = (err: unknown, ...codes: number[]): boolean =>
  err instanceof MongoServerError && typeof err.code === 'number' && codes.includes(err.code);

export async function openMongoLedgerStore(options: MongoLedgerStoreOptions): Promise<LedgerStore> {
  const owned = options.client === undefined;
  const client = options.client ?? new MongoClient(options.url);
  const prefix = options.collectionPrefix ?? '';
  // Primary and majority reads: a head read after an acknowledged append sees it, and no read
  // returns what a failover could roll back.
  const db = client.db(options.dbName, { writeConcern: DURABLE, readConcern: new ReadConcern('majority'), readPreference: ReadPreference.PRIMARY });
  const names = { entries: `${prefix}ledger_entries`, checkpoints: `${prefix}ledger_checkpoints` };
  const entries: Collection<EntryDoc> = db.collection<EntryDoc>(names.entries);
  const checkpoints: Collection<CheckpointDoc> = db.collection<CheckpointDoc>(names.checkpoints);

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
  } catch (err) {
    if (owned) await client.close();
    throw err;
  }

  const head = async (session?: ClientSession): Promise<StoreHead> => {
    const last = await entries.findOne({}, { sort: { _id: -1 }, projection: { entryHash: 1, timestamp: 1 }, session });
    return last === null
      ? { size: 0, lastEntryHash: ZERO_HASH, lastTimestamp: 0 }
      : { size: last._id + 1, lastEntryHash: plain(last.entryHash), lastTimestamp: last.timestamp };
  };

  return {
    head: () => head(),
    async append(batch) {
      const first = batch[0];
      const last = batch[batch.length - 1];
      if (first === undefined || last === undefined) return;
      const docs = batch.map(toDoc);
      const session = client.startSession();
      try {
        // Re-run from the top on transient errors (write conflicts, failovers).
        await session.withTransaction(async (s) => {
          const current = await head(s);
          if (current.size !== first.seq || !bytesEqual(current.lastEntryHash, first.prevHash)) {
            throw new SequenceConflictError(`store is at ${current.size}, batch starts at ${first.seq}`);
          }
          await entries.insertMany(docs, { session: s });
        }, TXN);
      } catch (err) {
        // Another writer took these sequence numbers (a conflict still there after the retries).
        if (hasCode(err, DUPLICATE_KEY, WRITE_CONFLICT)) {
          throw new SequenceConflictError(`another writer appended at ${first.seq}`, { cause: err });
        }
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
    async readHashes(nodes) {
      if (nodes.length === 0) return [];
      const seqs = nodes.map((node) => completedBy(node).seq);
      const docs = await entries.find({ _id: { $in: [...new Set(seqs)] } }, { projection: { tree: 1 } }).toArray();
      const trees = new Map(docs.map((d) => [d._id, d.tree.value()]));
      return nodes.map((node, i) => nodeHash(node, trees.get(seqs[i]!)));
    },
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
        await checkpoints.insertOne({ _id: cp.size, rootHash: new Binary(fromHex(cp.rootHash)), note: cp.note });
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
    async replaceCheckpointNote(size, note) {
      await checkpoints.updateOne({ _id: size }, { $set: { note } });
    },
    async checkpoints() {
      return (await checkpoints.find({}, { sort: { _id: 1 } }).toArray()).map(toCheckpoint);
    },
    async close() {
      if (owned) await client.close();
    },
  };
}
