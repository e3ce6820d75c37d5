// The evidence subgraph's repository on MongoDB (the distributed mode). The Db comes from a client
// the caller owns: close() leaves it open.
import type { Collection, Db } from 'mongodb';

import {
  COLLECTION_OPTIONS,
  distinct,
  findByIds,
  findGrouped,
  inTransaction,
  type MongoStoreOptions,
  reportingUnavailable,
} from '../../../platform/mongodb.js';
import type { DataAssetRecord, EvidenceRecord, EvidenceStore } from './port.js';

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

/** _id is the data asset id. */
type DataAssetDoc = Omit<DataAssetRecord, 'id'> & { _id: string };
const toDataAsset = ({ _id, ...rest }: DataAssetDoc): DataAssetRecord => ({
  id: _id,
  ...rest,
  receipt: { seq: rest.receipt.seq, entryHash: rest.receipt.entryHash, timestamp: rest.receipt.timestamp },
});

export async function openMongoEvidenceStore(db: Db, options: MongoStoreOptions = {}): Promise<EvidenceStore> {
  const prefix = options.collectionPrefix ?? '';
  const evidence: Collection<EvidenceDoc> = db.collection<EvidenceDoc>(`${prefix}evidence`, COLLECTION_OPTIONS);
  // A depositor's evidence newest first, ties by id, straight off the index.
  await evidence.createIndex({ depositorId: 1, depositedAt: -1, _id: 1 }, { name: 'by_depositor' });

  const assets: Collection<DataAssetDoc> = db.collection<DataAssetDoc>(`${prefix}data_assets`, COLLECTION_OPTIONS);
  await assets.createIndex({ ownerId: 1, registeredAt: -1, _id: 1 }, { name: 'by_owner' });
  return reportingUnavailable<EvidenceStore>({
    dataAssets: {
      async insert({ id, ...rest }) {
        await assets.insertOne({ _id: id, ...rest });
      },
      byIds: (ids) => findByIds(assets, ids, toDataAsset),
      byOwners: (ids) => findGrouped(assets, 'ownerId', ids, toDataAsset, { sort: { ownerId: 1, registeredAt: -1, _id: 1 } }),
    },
    evidence: {
      async insert(e) {
        // A duplicate id fails with the driver's duplicate-key error (code 11000), as SQLite's
        // primary key fails with its constraint error: the port names no error for it.
        await evidence.insertOne(evidenceDoc(e));
      },
      async insertMany(es) {
        if (es.length === 0) return;
        await inTransaction(db.client, async (session) => void (await evidence.insertMany(es.map(evidenceDoc), { session })));
      },
      byIds: (ids) => findByIds(evidence, ids, toRecord),
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
  });
}
