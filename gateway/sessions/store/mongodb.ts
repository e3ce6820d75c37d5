// People's sessions in MongoDB (distributed mode): every gateway process sees a sign-out at once.
import type { Db } from 'mongodb';

import { COLLECTION_OPTIONS, createCollections, type MongoStoreOptions } from '../../../platform/mongodb.js';
import type { SessionRecord, SessionStore } from './port.js';

interface SessionDoc {
  _id: string;
  accountId: string;
  csrfToken: string;
  createdAt: Date;
  /** Dates, not numbers: the TTL index reads only dates. */
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

export async function openMongoSessionStore(db: Db, { collectionPrefix = '' }: MongoStoreOptions = {}): Promise<SessionStore> {
  const name = `${collectionPrefix}gateway_sessions`;
  await createCollections(db, [name]);
  // Majority reads from the primary: once a sign-out or a revocation is acknowledged, no gateway
  // reads the session from a secondary that has not seen it.
  const sessions = db.collection<SessionDoc>(name, COLLECTION_OPTIONS);
  await sessions.createIndex({ accountId: 1 }, { name: 'by_account' });
  // MongoDB's own sweep (about once a minute) removes sessions past their idle end; a read checks
  // the ends itself meanwhile.
  await sessions.createIndex({ idleExpiresAt: 1 }, { name: 'expiry', expireAfterSeconds: 0 });
  const toRecord = (d: SessionDoc): SessionRecord => ({
    tokenHash: d._id,
    accountId: d.accountId,
    csrfToken: d.csrfToken,
    createdAt: d.createdAt.getTime(),
    idleExpiresAt: d.idleExpiresAt.getTime(),
    absoluteExpiresAt: d.absoluteExpiresAt.getTime(),
  });
  return {
    async insert(s) {
      await sessions.insertOne({
        _id: s.tokenHash,
        accountId: s.accountId,
        csrfToken: s.csrfToken,
        createdAt: new Date(s.createdAt),
        idleExpiresAt: new Date(s.idleExpiresAt),
        absoluteExpiresAt: new Date(s.absoluteExpiresAt),
      });
    },
    async byTokenHash(tokenHash) {
      const doc = await sessions.findOne({ _id: tokenHash });
      return doc === null ? undefined : toRecord(doc);
    },
    async touch(tokenHash, idleExpiresAt) {
      return (await sessions.updateOne({ _id: tokenHash }, { $set: { idleExpiresAt: new Date(idleExpiresAt) } })).matchedCount === 1;
    },
    async delete(tokenHash) {
      return (await sessions.deleteOne({ _id: tokenHash })).deletedCount === 1;
    },
    async deleteForAccount(accountId, exceptTokenHash) {
      const filter = exceptTokenHash === undefined ? { accountId } : { accountId, _id: { $ne: exceptTokenHash } };
      return (await sessions.deleteMany(filter)).deletedCount;
    },
    async deleteExpired(now) {
      return (await sessions.deleteMany({ idleExpiresAt: { $lte: new Date(now) } })).deletedCount;
    },
    async close() {
      // The client belongs to the caller.
    },
  };
}
