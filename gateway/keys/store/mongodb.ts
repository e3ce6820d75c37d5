// Partner keys in MongoDB (distributed mode).
import type { Db } from 'mongodb';

import { COLLECTION_OPTIONS, type MongoStoreOptions } from '../../../platform/mongodb.js';
import type { KeyRecord, KeyStore } from './port.js';

type KeyDoc = Omit<KeyRecord, 'id'> & { _id: string };

export function openMongoKeyStore(db: Db, { collectionPrefix = '' }: MongoStoreOptions = {}): KeyStore {
  // Majority reads from the primary: once a revocation is acknowledged (by a majority, within the
  // write timeout), authentication reads it; a secondary may still hold the key unrevoked.
  const keys = db.collection<KeyDoc>(`${collectionPrefix}gateway_api_keys`, COLLECTION_OPTIONS);
  // Keys made before keys carried their own limits have neither field.
  const toRecord = ({ _id, rate, cost, ...rest }: KeyDoc): KeyRecord => ({ id: _id, ...rest, rate: rate ?? null, cost: cost ?? null });
  return {
    async insert({ id, ...rest }) {
      await keys.insertOne({ _id: id, ...rest });
    },
    async byId(id) {
      const doc = await keys.findOne({ _id: id });
      return doc === null ? undefined : toRecord(doc);
    },
    async list() {
      return (await keys.find({}, { sort: { createdAt: 1, _id: 1 } }).toArray()).map(toRecord);
    },
    async revoke(id, at) {
      return (await keys.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: at } })).modifiedCount === 1;
    },
    async close() {
      // The client belongs to the caller.
    },
  };
}
