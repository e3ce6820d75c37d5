// Notifications on MongoDB (distributed mode; transactions need a replica set). The Db comes from
// a client the caller owns: close() leaves it open.
import type { AnyBulkWriteOperation, ClientSession, Db } from 'mongodb';

import { type Audience, recipientOf } from '../../../outbox/audience.js';
import { type Notification, refuseInvalid } from '../../../outbox/notification.js';
import type { Identity } from '../../../platform/identity.js';
import {
  COLLECTION_OPTIONS,
  createCollections,
  distinct,
  duplicateKeyOf,
  findByIds,
  inTransaction,
  keysetPage,
  type MongoStoreOptions,
} from '../../../platform/mongodb.js';
import { SEALED_PREFIX, type SecretBox } from '../../../platform/secret-box.js';
import { candidateKeys, receiving, recipientsOf } from '../domain/fan-out.js';
import { type DeliveryRecord, newDelivery } from '../domain/model.js';
import type { Subscription } from '../domain/subscription.js';
import { type Claim, type NotificationStore, type PageKey } from './port.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

interface NotificationDoc {
  _id: string;
  type: string;
  occurredAt: string;
  subject: string;
  audience: Audience[];
  /** The data as JSON text: its keys are anyone's, and a key MongoDB reads as an operator ($...) must stay a key. */
  data: string;
}

const toNotification = (d: NotificationDoc): Notification => ({
  id: d._id,
  type: d.type,
  occurredAt: d.occurredAt,
  subject: d.subject,
  audience: d.audience,
  data: JSON.parse(d.data) as Notification['data'],
});

const notificationDoc = (n: Notification): NotificationDoc => ({
  _id: n.id,
  type: n.type,
  occurredAt: n.occurredAt,
  subject: n.subject,
  audience: [...n.audience],
  data: JSON.stringify(n.data),
});

/** _id: inboxItemId(recipient, notificationId), so that an item is stored once. */
interface InboxDoc {
  _id: string;
  recipient: string;
  notificationId: string;
  occurredAt: string;
  read: boolean;
}

const inboxItemId = (recipient: string, notificationId: string): string => JSON.stringify([recipient, notificationId]);

/** A recipient's unread items (_id: the recipient), kept in the transactions that add and read them. */
interface UnreadDoc {
  _id: string;
  n: number;
}

interface SubscriptionDoc extends Writable<Omit<Subscription, 'id' | 'eventTypes'>> {
  _id: string;
  eventTypes: string[];
  /** recipientOf(owner): where accept looks for the subscriptions a notification may go to. */
  recipient: string | null;
}

/** The identity's own fields only: an absent one must not come back as null. */
const ownerOf = (o: Identity): Identity => ({
  keyId: o.keyId,
  role: o.role,
  ...(o.enterpriseId === undefined ? {} : { enterpriseId: o.enterpriseId }),
  ...(o.organization === undefined ? {} : { organization: o.organization }),
});

const subscriptionOf =
  (box: SecretBox) =>
  ({ _id, recipient: _recipient, owner, secret, failingSince, pausedAt, previousSecret, previousSecretUntil, ...rest }: SubscriptionDoc): Subscription => ({
    id: _id,
    owner: ownerOf(owner),
    secret: box.open(secret, _id),
    ...rest,
    // Absent from a subscription stored before pauses and rotations.
    failingSince: failingSince ?? null,
    pausedAt: pausedAt ?? null,
    previousSecret: previousSecret === null || previousSecret === undefined ? null : box.open(previousSecret, _id),
    previousSecretUntil: previousSecretUntil ?? null,
  });

type DeliveryDoc = Writable<Omit<DeliveryRecord, 'id'>> & { _id: string };

const toDelivery = ({ _id, ...rest }: DeliveryDoc): DeliveryRecord => ({ id: _id, ...rest });
const deliveryDoc = ({ id, ...rest }: DeliveryRecord): DeliveryDoc => ({ _id: id, ...rest });

/** Newest first, after `after`: older, or as old with a greater id in `tie`. The $lte bounds the index range; the $or settles the tie. */
const newestAfter = (after: PageKey | undefined, tie: '_id' | 'notificationId') =>
  after === undefined ? {} : { occurredAt: { $lte: after.occurredAt }, $or: [{ occurredAt: { $lt: after.occurredAt } }, { [tie]: { $gt: after.id } }] };

const MAX_ACCEPT_TRIES = 3;

/** `box` seals each subscription's secret at rest; one stored before it was sealed is sealed on opening. */
export async function openMongoNotificationStore(db: Db, box: SecretBox, { collectionPrefix = '' }: MongoStoreOptions = {}): Promise<NotificationStore> {
  const toSubscription = subscriptionOf(box);
  const names = [
    'notifications',
    'notifications_inbox',
    'notifications_unread',
    'notifications_subscriptions',
    'notifications_deliveries',
    'notifications_subscription_owners',
  ].map((n) => `${collectionPrefix}${n}`);
  // Created here, so that no transaction creates one.
  await createCollections(db, names);
  const [notifications, inbox, unread, subscriptions, deliveries] = [
    db.collection<NotificationDoc>(names[0]!, COLLECTION_OPTIONS),
    db.collection<InboxDoc>(names[1]!, COLLECTION_OPTIONS),
    db.collection<UnreadDoc>(names[2]!, COLLECTION_OPTIONS),
    db.collection<SubscriptionDoc>(names[3]!, COLLECTION_OPTIONS),
    db.collection<DeliveryDoc>(names[4]!, COLLECTION_OPTIONS),
  ] as const;
  /** One document per subscription owner, written by each capped creation: two at once collide, so each counts the other's. */
  const owners = db.collection<{ _id: string; at: string }>(names[5]!, COLLECTION_OPTIONS);
  await inbox.createIndex({ recipient: 1, occurredAt: -1, notificationId: 1 }, { name: 'newest' });
  await inbox.createIndex({ recipient: 1 }, { name: 'unread', partialFilterExpression: { read: false } });
  await subscriptions.createIndex({ 'owner.keyId': 1, _id: 1 }, { name: 'by_owner' });
  await subscriptions.createIndex({ recipient: 1, disabledAt: 1 }, { name: 'by_recipient' });
  // What claimDue reads: each subscription's PENDING ones, the longest due first, and those held.
  await deliveries.createIndex({ subscriptionId: 1, nextAttemptAt: 1 }, { name: 'pending', partialFilterExpression: { state: 'PENDING' } });
  await deliveries.createIndex(
    { subscriptionId: 1, leasedUntil: 1 },
    { name: 'held', partialFilterExpression: { state: 'PENDING', leasedUntil: { $type: 'number' } } },
  );
  if (await deliveries.indexExists('due')) await deliveries.dropIndex('due');
  await deliveries.createIndex({ state: 1, occurredAt: -1, _id: 1 }, { name: 'by_state' });
  await deliveries.createIndex({ subscriptionId: 1, state: 1, occurredAt: -1, _id: 1 }, { name: 'of_subscription' });
  // Subscriptions from before their secrets were sealed: each sealed where it is still the plain one.
  for await (const doc of subscriptions.find({ secret: { $not: new RegExp(`^${SEALED_PREFIX}`) } }, { projection: { _id: 1, secret: 1 } })) {
    await subscriptions.updateOne({ _id: doc._id, secret: doc.secret }, { $set: { secret: box.seal(doc.secret, doc._id) } });
  }

  const candidatesFor = async (ns: readonly Notification[], session?: ClientSession): Promise<Subscription[]> =>
    (await subscriptions.find({ recipient: { $in: candidateKeys(ns) }, disabledAt: null }, { session }).toArray()).map(toSubscription);

  const acceptOnce = (ns: readonly Notification[]): Promise<void> =>
    inTransaction(db.client, async (session) => {
      const stored = await notifications.find({ _id: { $in: distinct(ns.map((n) => n.id)) } }, { session, projection: { _id: 1 } }).toArray();
      // Each new id once: the first of a call that names one twice.
      const seen = new Set(stored.map((d) => d._id));
      const fresh = ns.filter((n) => !seen.has(n.id) && seen.add(n.id));
      if (fresh.length === 0) return;
      await notifications.insertMany(fresh.map(notificationDoc), { session });
      const items = fresh.flatMap((n) =>
        recipientsOf(n.audience).map((recipient) => ({
          _id: inboxItemId(recipient, n.id),
          recipient,
          notificationId: n.id,
          occurredAt: n.occurredAt,
          read: false,
        })),
      );
      if (items.length > 0) {
        await inbox.insertMany(items, { session });
        const added = new Map<string, number>();
        for (const { recipient } of items) added.set(recipient, (added.get(recipient) ?? 0) + 1);
        const counts: AnyBulkWriteOperation<UnreadDoc>[] = [...added].map(([recipient, n]) => ({
          updateOne: { filter: { _id: recipient }, update: { $inc: { n } }, upsert: true },
        }));
        await unread.bulkWrite(counts, { session });
      }
      const candidates = await candidatesFor(fresh, session);
      const due = fresh.flatMap((n) => receiving(candidates, n).map((s) => deliveryDoc(newDelivery(n, s))));
      if (due.length > 0) await deliveries.insertMany(due, { session });
    });

  /** Marks the unread items matching `filter` read and takes them off the recipient's count, in one transaction. */
  const markRead = (recipient: string, filter: { _id?: { $in: string[] } }): Promise<number> =>
    inTransaction(db.client, async (session) => {
      const { modifiedCount } = await inbox.updateMany({ ...filter, recipient, read: false }, { $set: { read: true } }, { session });
      if (modifiedCount > 0) await unread.updateOne({ _id: recipient }, { $inc: { n: -modifiedCount } }, { session });
      return modifiedCount;
    });

  return {
    async accept(ns) {
      refuseInvalid(ns);
      // Two accepts at once of one notification, or for one new recipient: the later transaction's
      // write collides with the earlier's, as a write conflict (withTransaction runs it again) or,
      // once the earlier has committed, as a duplicate key (every key accept writes is new in its
      // snapshot, so only a concurrent accept makes one). Run again, it sees the earlier's writes.
      for (let tries = 1; ; tries++) {
        try {
          return await acceptOnce(ns);
        } catch (err) {
          if (tries >= MAX_ACCEPT_TRIES || duplicateKeyOf(err) === undefined) throw err;
        }
      }
    },
    async acceptFor(n, subscriptionId) {
      refuseInvalid([n]);
      return inTransaction(db.client, async (session) => {
        const doc = await subscriptions.findOne({ _id: subscriptionId, disabledAt: null }, { session });
        if (doc === null) return false;
        if ((await notifications.countDocuments({ _id: n.id }, { session })) > 0) return true;
        await notifications.insertOne(notificationDoc(n), { session });
        await deliveries.insertOne(deliveryDoc(newDelivery(n, toSubscription(doc))), { session });
        return true;
      });
    },
    async notification(id) {
      const doc = await notifications.findOne({ _id: id });
      return doc === null ? undefined : toNotification(doc);
    },

    async inbox(recipient, after, limit) {
      // limit(0) would be no limit to MongoDB.
      if (limit <= 0) return [];
      const page = await inbox
        .find({ recipient, ...newestAfter(after, 'notificationId') }, { sort: { occurredAt: -1, notificationId: 1 }, limit, hint: 'newest' })
        .toArray();
      const found = await findByIds(
        notifications,
        page.map((i) => i.notificationId),
        toNotification,
      );
      return page.map((item, i) => {
        const notification = found[i];
        if (notification === undefined) throw new Error(`an inbox item names the notification ${JSON.stringify(item.notificationId)}, which is not stored`);
        return { notification, read: item.read };
      });
    },
    async unreadCount(recipient) {
      return (await unread.findOne({ _id: recipient }))?.n ?? 0;
    },
    inboxCount: (recipient) => inbox.countDocuments({ recipient }, { hint: 'newest' }),
    async markRead(recipient, ids) {
      if (ids.length === 0) return 0;
      return markRead(recipient, { _id: { $in: distinct(ids).map((id) => inboxItemId(recipient, id)) } });
    },
    async markAllRead(recipient) {
      return markRead(recipient, {});
    },

    async createSubscription({ id, owner, eventTypes, ...rest }, cap) {
      const doc = {
        _id: id,
        owner: ownerOf(owner),
        eventTypes: [...eventTypes],
        recipient: recipientOf(owner) ?? null,
        ...rest,
        secret: box.seal(rest.secret, id),
      };
      if (cap === undefined) {
        await subscriptions.insertOne(doc);
        return true;
      }
      return inTransaction(db.client, async (session) => {
        await owners.updateOne({ _id: owner.keyId }, { $set: { at: rest.createdAt } }, { upsert: true, session });
        if ((await subscriptions.countDocuments({ 'owner.keyId': owner.keyId, disabledAt: null }, { session })) >= cap) return false;
        await subscriptions.insertOne(doc, { session });
        return true;
      });
    },
    async subscription(id) {
      const doc = await subscriptions.findOne({ _id: id });
      return doc === null ? undefined : toSubscription(doc);
    },
    async subscriptionsOf(ownerKeyId, after, limit) {
      return (await keysetPage(subscriptions, { 'owner.keyId': ownerKeyId }, after, Math.max(limit, 0), { hint: 'by_owner' })).map(toSubscription);
    },
    subscriptionCount: (ownerKeyId) => subscriptions.countDocuments({ 'owner.keyId': ownerKeyId }, { hint: 'by_owner' }),
    async disableSubscription(id, at) {
      return (await subscriptions.updateOne({ _id: id, disabledAt: null }, { $set: { disabledAt: at } })).modifiedCount === 1;
    },
    async activeSubscriptionOwners() {
      return ((await subscriptions.distinct('owner.keyId', { disabledAt: null })) as string[]).sort();
    },
    async disableSubscriptionsOf(ownerKeyId, at) {
      return (await subscriptions.updateMany({ 'owner.keyId': ownerKeyId, disabledAt: null }, { $set: { disabledAt: at } })).modifiedCount;
    },
    async subscriptionsFor(n) {
      return receiving(await candidatesFor([n]), n);
    },

    async claimDue(now, limit, leaseMs, perSubscription) {
      if (limit <= 0) return [];
      // Each subscription with a PENDING delivery and its longest due: a $sort on the index's
      // keys before a $group taking $first lets the server read one entry per subscription.
      const heads = await deliveries
        .aggregate<{ _id: string; head: number }>(
          [
            { $match: { state: 'PENDING' } },
            { $sort: { subscriptionId: 1, nextAttemptAt: 1 } },
            { $group: { _id: '$subscriptionId', head: { $first: '$nextAttemptAt' } } },
          ],
          { hint: 'pending' },
        )
        .toArray();
      const due = heads.filter((h) => h.head <= now).sort((a, b) => a.head - b.head);
      if (due.length === 0) return [];
      const states = new Map(
        (await subscriptions.find({ _id: { $in: due.map((d) => d._id) } }, { projection: { disabledAt: 1, failingSince: 1, pausedAt: 1 } }).toArray()).map(
          (d) => [d._id, d],
        ),
      );
      // How many each may take now: the leases it holds are counted, but two deliverers claiming
      // at once may each fill its room (no transaction here): at most perSubscription per deliverer.
      const rooms = await Promise.all(
        due.map(async ({ _id }) => {
          const state = states.get(_id);
          if (state === undefined) throw new Error(`a delivery names the subscription ${JSON.stringify(_id)}, which is not stored`);
          if (state.disabledAt !== null) return limit;
          if ((state.pausedAt ?? null) !== null) return 0;
          const held = await deliveries.countDocuments({ subscriptionId: _id, state: 'PENDING', leasedUntil: { $gt: now } }, { hint: 'held' });
          return Math.max(0, ((state.failingSince ?? null) === null ? perSubscription : 1) - held);
        }),
      );
      // Round robin, one atomic update per delivery: of two deliverers after the same one, one gets it.
      const claimed: DeliveryRecord[] = [];
      const open = due.map((d, i) => ({ subscriptionId: d._id, room: rooms[i]! }));
      for (let round = 0; claimed.length < limit && open.some((q) => q.room > round); round++) {
        for (const queue of open) {
          if (queue.room <= round || claimed.length === limit) continue;
          const doc = await deliveries.findOneAndUpdate(
            {
              subscriptionId: queue.subscriptionId,
              state: 'PENDING',
              nextAttemptAt: { $lte: now },
              $or: [{ leasedUntil: null }, { leasedUntil: { $lte: now } }],
            },
            [{ $set: { leasedUntil: now + leaseMs, attempts: { $add: ['$attempts', 1] }, firstAttemptAt: { $ifNull: ['$firstAttemptAt', now] } } }],
            { sort: { nextAttemptAt: 1 }, returnDocument: 'after', hint: { subscriptionId: 1, nextAttemptAt: 1 } },
          );
          if (doc === null) queue.room = 0;
          else claimed.push(toDelivery(doc));
        }
      }
      const [found, owners] = await Promise.all([
        findByIds(
          notifications,
          claimed.map((d) => d.notificationId),
          toNotification,
        ),
        findByIds(
          subscriptions,
          claimed.map((d) => d.subscriptionId),
          toSubscription,
        ),
      ]);
      return claimed.map((delivery, i): Claim => {
        const notification = found[i];
        const subscription = owners[i];
        if (notification === undefined || subscription === undefined)
          throw new Error(`the delivery ${delivery.id} names a notification or subscription that is not stored`);
        return { delivery, notification, subscription };
      });
    },
    async recordSuccess(id, at) {
      const update = { state: 'DELIVERED' as const, deliveredAt: at, lastAttemptAt: at, lastError: null, nextAttemptAt: null, leasedUntil: null };
      return inTransaction(db.client, async (session) => {
        const doc = await deliveries.findOneAndUpdate({ _id: id, state: 'PENDING' }, { $set: update }, { session, projection: { subscriptionId: 1 } });
        if (doc === null) return false;
        await subscriptions.updateOne({ _id: doc.subscriptionId, failingSince: { $ne: null } }, { $set: { failingSince: null } }, { session });
        return true;
      });
    },
    async recordFailure(id, attempt, at, error, next) {
      const update = {
        state: next === null ? ('FAILED' as const) : ('PENDING' as const),
        nextAttemptAt: next,
        lastAttemptAt: at,
        lastError: error,
        leasedUntil: null,
      };
      return inTransaction(db.client, async (session) => {
        const doc = await deliveries.findOneAndUpdate(
          { _id: id, state: 'PENDING', attempts: attempt },
          { $set: update },
          { session, projection: { subscriptionId: 1 } },
        );
        if (doc === null) return false;
        // null or absent (a subscription stored before pauses).
        await subscriptions.updateOne({ _id: doc.subscriptionId, failingSince: null }, { $set: { failingSince: new Date(at).toISOString() } }, { session });
        return true;
      });
    },
    async rotateSecret(id, secret, previousUntil) {
      // The current secret, still sealed, becomes the previous one in the same update.
      const update = [{ $set: { previousSecret: '$secret', previousSecretUntil: previousUntil, secret: box.seal(secret, id) } }];
      return (await subscriptions.updateOne({ _id: id, disabledAt: null }, update)).modifiedCount === 1;
    },
    async pauseSubscription(id, at) {
      return (await subscriptions.updateOne({ _id: id, pausedAt: null, disabledAt: null }, { $set: { pausedAt: at } })).modifiedCount === 1;
    },
    async resumeSubscription(id) {
      return (
        (await subscriptions.updateOne({ _id: id, pausedAt: { $ne: null }, disabledAt: null }, { $set: { pausedAt: null, failingSince: null } }))
          .modifiedCount === 1
      );
    },
    async resend(id, now) {
      const update = { state: 'PENDING' as const, nextAttemptAt: now, attempts: 0, firstAttemptAt: null, leasedUntil: null };
      return (await deliveries.updateOne({ _id: id, state: 'FAILED' }, { $set: update })).modifiedCount === 1;
    },
    async delivery(id) {
      const doc = await deliveries.findOne({ _id: id });
      return doc === null ? undefined : toDelivery(doc);
    },
    async deliveries(state, after, limit) {
      if (limit <= 0) return [];
      const docs = await deliveries.find({ state, ...newestAfter(after, '_id') }, { sort: { occurredAt: -1, _id: 1 }, limit, hint: 'by_state' }).toArray();
      return docs.map(toDelivery);
    },
    async deliveriesOf(subscriptionId, state, after, limit) {
      if (limit <= 0) return [];
      const docs = await deliveries
        .find({ subscriptionId, state, ...newestAfter(after, '_id') }, { sort: { occurredAt: -1, _id: 1 }, limit, hint: 'of_subscription' })
        .toArray();
      return docs.map(toDelivery);
    },
    deliveryCount: (state, subscriptionId) =>
      subscriptionId === undefined
        ? deliveries.countDocuments({ state }, { hint: 'by_state' })
        : deliveries.countDocuments({ subscriptionId, state }, { hint: 'of_subscription' }),
    async backlog() {
      const [pending, failed] = await Promise.all([
        deliveries.countDocuments({ state: 'PENDING' }, { hint: 'pending' }),
        deliveries.countDocuments({ state: 'FAILED' }, { hint: 'by_state' }),
      ]);
      return { pending, failed };
    },

    async close() {
      // The client is the caller's: nothing of ours to release.
    },
  };
}
