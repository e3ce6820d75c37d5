// People's accounts in MongoDB (distributed mode).
import type { Db } from 'mongodb';

import { COLLECTION_OPTIONS, createCollections, isDuplicateKeyOn, type MongoStoreOptions } from '../../../platform/mongodb.js';
import { type AccountRecord, type AccountStore, DuplicateUsernameError, usernameKey } from './port.js';

type AccountDoc = Omit<AccountRecord, 'id'> & { _id: string; usernameKey: string };

const BY_USERNAME = { name: 'by_username', key: { usernameKey: 1 } } as const;

export async function openMongoAccountStore(db: Db, { collectionPrefix = '' }: MongoStoreOptions = {}): Promise<AccountStore> {
  const name = `${collectionPrefix}gateway_accounts`;
  await createCollections(db, [name]);
  // Majority reads from the primary: once a disabling is acknowledged, sign-in reads it; a
  // secondary may still hold the account enabled.
  const accounts = db.collection<AccountDoc>(name, COLLECTION_OPTIONS);
  await accounts.createIndex(BY_USERNAME.key, { name: BY_USERNAME.name, unique: true });
  const toRecord = ({ _id, usernameKey: _key, ...rest }: AccountDoc): AccountRecord => ({ id: _id, ...rest });
  return {
    async insert({ id, ...rest }) {
      try {
        await accounts.insertOne({ _id: id, ...rest, usernameKey: usernameKey(rest.username) });
      } catch (err) {
        // Only this index means the username is taken: an id used twice is another fault.
        if (isDuplicateKeyOn(err, accounts, BY_USERNAME)) throw new DuplicateUsernameError(rest.username);
        throw err;
      }
    },
    async byId(id) {
      const doc = await accounts.findOne({ _id: id });
      return doc === null ? undefined : toRecord(doc);
    },
    async byUsername(username) {
      const doc = await accounts.findOne({ usernameKey: usernameKey(username) });
      return doc === null ? undefined : toRecord(doc);
    },
    async list(after, limit) {
      // As SQLite's LIMIT: 0 is none and a negative one no limit (limit(0) is no limit to MongoDB).
      if (limit === 0) return [];
      const filter = after === undefined ? {} : { usernameKey: { $gt: usernameKey(after) } };
      return (await accounts.find(filter, { sort: { usernameKey: 1 }, ...(limit > 0 ? { limit } : {}) }).toArray()).map(toRecord);
    },
    async disable(id, at) {
      return (await accounts.updateOne({ _id: id, disabledAt: null }, { $set: { disabledAt: at } })).modifiedCount === 1;
    },
    async setPassword(id, passwordHash, at) {
      return (await accounts.updateOne({ _id: id }, { $set: { passwordHash, passwordChangedAt: at } })).matchedCount === 1;
    },
    async close() {
      // The client belongs to the caller.
    },
  };
}
