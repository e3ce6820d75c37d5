// The outbox in a store's own MongoDB collections. `write` runs in the caller's session: the
// notifications commit, or abort, with the change they report.
import type { ClientSession, Collection, Db } from 'mongodb';

import { COLLECTION_OPTIONS } from '../platform/mongodb.js';
import { type Notification, refuseInvalid } from './notification.js';
import type { OutboxSource } from './port.js';

interface OutboxDoc {
  _id: string;
  occurredAt: string;
  notification: Notification;
  relayed: boolean;
}

export const outboxCollection = (collectionPrefix: string, name: string): string => `${collectionPrefix}${name}_outbox`;

export interface MongoOutbox {
  /** Adds each notification once, by id (upserts: a second write of an id changes nothing); in the caller's transaction. */
  write(ns: readonly Notification[], session: ClientSession): Promise<void>;
  readonly source: OutboxSource;
}

export async function mongoOutbox(db: Db, collectionPrefix: string, name: string): Promise<MongoOutbox> {
  // One collection per store, named after it: every store's collections share one database.
  const outbox: Collection<OutboxDoc> = db.collection<OutboxDoc>(outboxCollection(collectionPrefix, name), COLLECTION_OPTIONS);
  // Pending by when they occurred: commits can land out of order, so the relay reads the flag, not a position.
  await outbox.createIndexes([{ key: { relayed: 1, occurredAt: 1 }, name: 'by_relayed' }]);
  return {
    async write(ns, session) {
      refuseInvalid(ns);
      if (ns.length === 0) return;
      await outbox.bulkWrite(
        ns.map((n) => ({
          updateOne: { filter: { _id: n.id }, update: { $setOnInsert: { occurredAt: n.occurredAt, notification: n, relayed: false } }, upsert: true },
        })),
        { session },
      );
    },
    source: {
      name,
      async pending(limit) {
        const docs = await outbox.find({ relayed: false }, { sort: { occurredAt: 1, _id: 1 }, limit }).toArray();
        return docs.map((d) => d.notification);
      },
      async markRelayed(ids) {
        if (ids.length > 0) await outbox.updateMany({ _id: { $in: [...ids] }, relayed: false }, { $set: { relayed: true } });
      },
      async prune(before) {
        return (await outbox.deleteMany({ relayed: true, occurredAt: { $lt: before } })).deletedCount;
      },
    },
  };
}
