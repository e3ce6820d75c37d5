// The evidence subgraph's repository on MongoDB (the distributed mode). The Db comes from a client
// the caller owns: close() leaves it open.
import { ReadConcern, ReadPreference, WriteConcern } from 'mongodb';
import type { Collection, CollectionOptions, Db, TransactionOptions } from 'mongodb';
import type { DataAssetRecord, EvidenceRecord, EvidenceStore } from './port.js';

export interface MongoEvidenceStoreOptions {
  /** Prepended to the collection names, e.g. to isolate test runs. */
  collectionPrefix?: string;
}

/** _id is the evidence id: MongoDB's unique _id index is the primary key. */
interface EvidenceDoc {
  _id: string;
  depositorId: string;
  title: string;
  category: EvidenceRecord['category'];
  contentDigest: string;
  depositedAt: string;
  receipt: { seq: number; entryHash: string; timestamp: number };
}

// Acknowledged only once journaled on a majority; majority reads from the primary (see the
// enterprises adapter).
const COLLECTION_OPTIONS: CollectionOptions = {
  writeConcern: new WriteConcern('majority', undefined, true),
  readConcern: new ReadConcern('majority'),
  readPreference: ReadPreference.PRIMARY,
};

const toRecord = (d: EvidenceDoc): EvidenceRecord => ({
  id: d._id,
  depositorId: d.depositorId,
  title: d.title,
  category: d.category,
  contentDigest: d.contentDigest,
  depositedAt: d.depositedAt,
  receipt: { seq: d.receipt.seq, entryHash: d.receipt.entryHash, timestamp: d.receipt.timestamp },
});

const evidenceDoc = (e: EvidenceRecord): EvidenceDoc => ({
  _id: e.id,
  depositorId: e.depositorId,
  title: e.title,
  category: e.category,
  contentDigest: e.contentDigest,
  depositedAt: e.depositedAt,
  receipt: { seq: e.receipt.seq, entryHash: e.receipt.entryHash, timestamp: e.receipt.timestamp },
});

const TXN: TransactionOptions = { readConcern: new ReadConcern('snapshot'), writeConcern: COLLECTION_OPTIONS.writeConcern!, readPreference: ReadPreference.PRIMARY };

const distinct = (ids: readonly string[]): string[] => [...new Set(ids)];

/** _id is the data asset id. */
type DataAssetDoc = Omit<DataAssetRecord, 'id'> & { _id: string };
const toDataAsset = ({ _id, ...rest }: DataAssetDoc): DataAssetRecord => ({ id: _id, ...rest, receipt: { seq: rest.receipt.seq, entryHash: rest.receipt.entryHash, timestamp: rest.receipt.timestamp } });

export async function openMongoEvidenceStore(db: Db, options: MongoEvidenceStoreOptions = {}): Promise<EvidenceStore> {
  const prefix = options.collectionPrefix ?? '';
  const evidence: Collection<EvidenceDoc> = db.collection<EvidenceDoc>(`${prefix}evidence`, COLLECTION_OPTIONS);
  // A depositor's evidence newest first, ties by id, straight off the index.
  await evidence.createIndex({ depositorId: 1, depositedAt: -1, _id: 1 }, { name: 'by_depositor' });

  const assets: Collection<DataAssetDoc> = db.collection<DataAssetDoc>(`${prefix}data_assets`, COLLECTION_OPTIONS);
  await assets.createIndex({ ownerId: 1, registeredAt: -1, _id: 1 }, { name: 'by_owner' });
  return {
    dataAssets: {
      async insert({ id, ...rest }) {
        await assets.insertOne({ _id: id, ...rest });
      },
      async byIds(ids) {
        if (ids.length === 0) return [];
        const docs = await assets.find({ _id: { $in: distinct(ids) } }).toArray();
        const byId = new Map(docs.map((d) => [d._id, toDataAsset(d)]));
        return ids.map((id) => byId.get(id));
      },
      async byOwners(ids) {
        if (ids.length === 0) return [];
        const docs = await assets.find({ ownerId: { $in: distinct(ids) } }, { sort: { ownerId: 1, registeredAt: -1, _id: 1 } }).toArray();
        const by = new Map<string, DataAssetRecord[]>(ids.map((id) => [id, []]));
        for (const d of docs) by.get(d.ownerId)?.push(toDataAsset(d));
        return ids.map((id) => by.get(id)!);
      },
    },
    evidence: {
      async insert(e) {
        // A duplicate id fails with the driver's duplicate-key error (code 11000), as SQLite's
        // primary key fails with its constraint error: the port names no error for it.
        await evidence.insertOne(evidenceDoc(e));
      },
      async insertMany(es) {
        if (es.length === 0) return;
        const session = db.client.startSession();
        try {
          await session.withTransaction(async (s) => void (await evidence.insertMany(es.map(evidenceDoc), { session: s })), TXN);
        } finally {
          await session.endSession();
        }
      },
      async byIds(ids) {
        if (ids.length === 0) return [];
        const docs = await evidence.find({ _id: { $in: distinct(ids) } }).toArray();
        const byId = new Map(docs.map((d) => [d._id, toRecord(d)]));
        return ids.map((id) => byId.get(id));
      },
      async byDepositors(ids, limit) {
        // One bounded read along by_depositor per depositor, rather than all of theirs at once.
        const unique = distinct(ids);
        const pages = await Promise.all(unique.map((id) => evidence.find({ depositorId: id }, { sort: { depositedAt: -1, _id: 1 }, limit }).toArray()));
        const by = new Map(unique.map((id, i) => [id, pages[i]!.map(toRecord)]));
        return ids.map((id) => by.get(id)!);
      },
    },
    async close() {
      // The client is the caller's: nothing of ours to release.
    },
  };
}
