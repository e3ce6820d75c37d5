// Notifications in their own SQLite database (sqliteDatabase(storage, 'notifications')). One
// writer at a time holds the database, so each write below is atomic across processes too.
import type Database from 'better-sqlite3';

import { recipientOf } from '../../../outbox/audience.js';
import { type Notification, refuseInvalid } from '../../../outbox/notification.js';
import type { Role } from '../../../platform/identity.js';
import { SEALED_PREFIX, type SecretBox } from '../../../platform/secret-box.js';
import { hasColumn, inListQuery } from '../../../platform/sqlite.js';
import { candidateKeys, receiving, recipientsOf } from '../domain/fan-out.js';
import { type DeliveryRecord, newDelivery } from '../domain/model.js';
import { roundRobin } from '../domain/round-robin.js';
import type { Subscription } from '../domain/subscription.js';
import { type Claim, type NotificationStore } from './port.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS notifications (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  subject TEXT NOT NULL,
  audience TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS inbox_items (
  recipient TEXT NOT NULL,
  notification_id TEXT NOT NULL REFERENCES notifications (id),
  occurred_at TEXT NOT NULL,
  read INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (recipient, notification_id)
) WITHOUT ROWID;
-- A recipient's newest first, ties by id: a page is the first entries of its range.
CREATE INDEX IF NOT EXISTS inbox_newest ON inbox_items (recipient, occurred_at DESC, notification_id);
CREATE INDEX IF NOT EXISTS inbox_unread_items ON inbox_items (recipient) WHERE read = 0;
-- Each recipient's unread items, counted as they are written and read.
CREATE TABLE IF NOT EXISTS inbox_unread (
  recipient TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS subscriptions (
  id TEXT PRIMARY KEY,
  owner_key_id TEXT NOT NULL,
  owner_role TEXT NOT NULL,
  owner_enterprise_id TEXT,
  owner_organization TEXT,
  -- recipientOf(owner): where accept looks for the subscriptions a notification may go to.
  recipient TEXT,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  event_types TEXT NOT NULL,
  created_at TEXT NOT NULL,
  disabled_at TEXT,
  failing_since TEXT,
  paused_at TEXT,
  previous_secret TEXT,
  previous_secret_until TEXT
);
CREATE INDEX IF NOT EXISTS subscriptions_by_owner ON subscriptions (owner_key_id, id);
CREATE INDEX IF NOT EXISTS subscriptions_active ON subscriptions (recipient) WHERE disabled_at IS NULL;
CREATE TABLE IF NOT EXISTS deliveries (
  id TEXT PRIMARY KEY,
  notification_id TEXT NOT NULL REFERENCES notifications (id),
  subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
  occurred_at TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  first_attempt_at INTEGER,
  last_attempt_at INTEGER,
  last_error TEXT,
  next_attempt_at INTEGER,
  leased_until INTEGER,
  delivered_at INTEGER
);
-- What claimDue reads: each subscription's PENDING ones, the longest due first, and those held.
CREATE INDEX IF NOT EXISTS deliveries_pending ON deliveries (subscription_id, next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX IF NOT EXISTS deliveries_held ON deliveries (subscription_id, leased_until) WHERE state = 'PENDING' AND leased_until IS NOT NULL;
DROP INDEX IF EXISTS deliveries_due;
CREATE INDEX IF NOT EXISTS deliveries_by_state ON deliveries (state, occurred_at DESC, id);
CREATE INDEX IF NOT EXISTS deliveries_of_subscription ON deliveries (subscription_id, state, occurred_at DESC, id);
`;

interface NotificationRow {
  id: string;
  type: string;
  occurred_at: string;
  subject: string;
  audience: string;
  data: string;
}

const toNotification = (r: NotificationRow): Notification => ({
  id: r.id,
  type: r.type,
  occurredAt: r.occurred_at,
  subject: r.subject,
  audience: JSON.parse(r.audience) as Notification['audience'],
  data: JSON.parse(r.data) as Notification['data'],
});

interface SubscriptionRow {
  id: string;
  owner_key_id: string;
  owner_role: string;
  owner_enterprise_id: string | null;
  owner_organization: string | null;
  url: string;
  secret: string;
  event_types: string;
  created_at: string;
  disabled_at: string | null;
  failing_since: string | null;
  paused_at: string | null;
  previous_secret: string | null;
  previous_secret_until: string | null;
}

const subscriptionOf =
  (box: SecretBox) =>
  (r: SubscriptionRow): Subscription => ({
    id: r.id,
    owner: {
      keyId: r.owner_key_id,
      role: r.owner_role as Role,
      ...(r.owner_enterprise_id === null ? {} : { enterpriseId: r.owner_enterprise_id }),
      ...(r.owner_organization === null ? {} : { organization: r.owner_organization }),
    },
    url: r.url,
    secret: box.open(r.secret, r.id),
    eventTypes: JSON.parse(r.event_types) as string[],
    createdAt: r.created_at,
    disabledAt: r.disabled_at,
    failingSince: r.failing_since,
    pausedAt: r.paused_at,
    previousSecret: r.previous_secret === null ? null : box.open(r.previous_secret, r.id),
    previousSecretUntil: r.previous_secret_until,
  });

interface DeliveryRow {
  id: string;
  notification_id: string;
  subscription_id: string;
  occurred_at: string;
  state: string;
  attempts: number;
  first_attempt_at: number | null;
  last_attempt_at: number | null;
  last_error: string | null;
  next_attempt_at: number | null;
  leased_until: number | null;
  delivered_at: number | null;
}

const toDelivery = (r: DeliveryRow): DeliveryRecord => ({
  id: r.id,
  notificationId: r.notification_id,
  subscriptionId: r.subscription_id,
  occurredAt: r.occurred_at,
  state: r.state as DeliveryRecord['state'],
  attempts: r.attempts,
  firstAttemptAt: r.first_attempt_at,
  lastAttemptAt: r.last_attempt_at,
  lastError: r.last_error,
  nextAttemptAt: r.next_attempt_at,
  leasedUntil: r.leased_until,
  deliveredAt: r.delivered_at,
});

/** The one row with this id; an error for a dangling reference, which nothing deletes. */
function one<T>(rows: Map<string, T>, id: string, what: string): T {
  const row = rows.get(id);
  if (row === undefined) throw new Error(`a delivery names ${what} ${JSON.stringify(id)}, which is not stored`);
  return row;
}

/** `box` seals each subscription's secret at rest; one stored before it was sealed is sealed on opening. */
export function openSqliteNotificationStore(db: Database.Database, box: SecretBox): NotificationStore {
  migrate(db);
  db.exec(SCHEMA);
  sealPlainSecrets(db, box);
  const toSubscription = subscriptionOf(box);
  const insertNotification = db.prepare(
    `INSERT OR IGNORE INTO notifications (id, type, occurred_at, subject, audience, data) VALUES (@id, @type, @occurredAt, @subject, @audience, @data)`,
  );
  /** Stores `n` unless its id is stored already; whether it was new. */
  const storeNotification = (n: Notification): boolean =>
    insertNotification.run({ ...n, audience: JSON.stringify(n.audience), data: JSON.stringify(n.data) }).changes === 1;
  const notificationById = db.prepare<[string], NotificationRow>('SELECT * FROM notifications WHERE id = ?');
  const notificationsIn = inListQuery<NotificationRow>(db, (ids) => `SELECT * FROM notifications WHERE id IN (${ids})`);

  const insertItem = db.prepare('INSERT INTO inbox_items (recipient, notification_id, occurred_at) VALUES (?, ?, ?)');
  const addUnread = db.prepare('INSERT INTO inbox_unread (recipient, n) VALUES (?, 1) ON CONFLICT DO UPDATE SET n = n + 1');
  const subtractUnread = db.prepare('UPDATE inbox_unread SET n = n - ? WHERE recipient = ?');
  const unread = db.prepare<[string], number>('SELECT n FROM inbox_unread WHERE recipient = ?').pluck();
  const itemsSelect = `SELECT n.*, i.read AS read FROM inbox_items i JOIN notifications n ON n.id = i.notification_id WHERE i.recipient = ?`;
  const itemsOrder = 'ORDER BY i.occurred_at DESC, i.notification_id LIMIT ?';
  const firstItems = db.prepare<[string, number], NotificationRow & { read: number }>(`${itemsSelect} ${itemsOrder}`);
  const itemsAfter = db.prepare<[string, string, string, string, number], NotificationRow & { read: number }>(
    `${itemsSelect} AND i.occurred_at <= ? AND (i.occurred_at < ? OR i.notification_id > ?) ${itemsOrder}`,
  );
  const markOneRead = db.prepare('UPDATE inbox_items SET read = 1 WHERE recipient = ? AND notification_id = ? AND read = 0');
  const markEveryRead = db.prepare('UPDATE inbox_items SET read = 1 WHERE recipient = ? AND read = 0');

  const insertSubscription = db.prepare(
    `INSERT INTO subscriptions (id, owner_key_id, owner_role, owner_enterprise_id, owner_organization, recipient, url, secret, event_types, created_at,
       disabled_at, failing_since, paused_at)
     VALUES (@id, @keyId, @role, @enterpriseId, @organization, @recipient, @url, @secret, @eventTypes, @createdAt, @disabledAt, @failingSince, @pausedAt)`,
  );
  const subscriptionById = db.prepare<[string], SubscriptionRow>('SELECT * FROM subscriptions WHERE id = ?');
  const subscriptionsIn = inListQuery<SubscriptionRow>(db, (ids) => `SELECT * FROM subscriptions WHERE id IN (${ids})`);
  const firstOfOwner = db.prepare<[string, number], SubscriptionRow>('SELECT * FROM subscriptions WHERE owner_key_id = ? ORDER BY id LIMIT ?');
  const ofOwnerAfter = db.prepare<[string, string, number], SubscriptionRow>(
    'SELECT * FROM subscriptions WHERE owner_key_id = ? AND id > ? ORDER BY id LIMIT ?',
  );
  const disable = db.prepare('UPDATE subscriptions SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL');
  const owningActive = db.prepare<[], { owner_key_id: string }>(
    'SELECT DISTINCT owner_key_id FROM subscriptions WHERE disabled_at IS NULL ORDER BY owner_key_id',
  );
  const disableOfOwner = db.prepare('UPDATE subscriptions SET disabled_at = ? WHERE owner_key_id = ? AND disabled_at IS NULL');
  const activeOfOwner = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM subscriptions WHERE owner_key_id = ? AND disabled_at IS NULL');
  const createWithin = db.transaction((s: Subscription, cap: number | undefined): boolean => {
    if (cap !== undefined && activeOfOwner.get(s.owner.keyId)!.n >= cap) return false;
    insertSubscription.run({
      ...s,
      secret: box.seal(s.secret, s.id),
      ...s.owner,
      enterpriseId: s.owner.enterpriseId ?? null,
      organization: s.owner.organization ?? null,
      recipient: recipientOf(s.owner) ?? null,
      eventTypes: JSON.stringify(s.eventTypes),
    });
    return true;
  });
  const activeUnder = inListQuery<SubscriptionRow>(db, (keys) => `SELECT * FROM subscriptions WHERE disabled_at IS NULL AND recipient IN (${keys})`);
  const candidatesFor = (ns: readonly Notification[]): Subscription[] => activeUnder(candidateKeys(ns)).map(toSubscription);

  const insertDelivery = db.prepare(
    `INSERT INTO deliveries (id, notification_id, subscription_id, occurred_at, state, attempts, first_attempt_at, last_attempt_at, last_error,
       next_attempt_at, leased_until, delivered_at)
     VALUES (@id, @notificationId, @subscriptionId, @occurredAt, @state, @attempts, @firstAttemptAt, @lastAttemptAt, @lastError,
       @nextAttemptAt, @leasedUntil, @deliveredAt)`,
  );
  // The indexes by name: without statistics the planner may take another and read every pending delivery.
  // Each subscription with a PENDING delivery, once, by a seek per subscription (not a scan of the backlog), and its longest due.
  const waiting = db.prepare<[], { id: string; head: number }>(
    `WITH RECURSIVE s(id) AS (
       SELECT (SELECT min(subscription_id) FROM deliveries INDEXED BY deliveries_pending WHERE state = 'PENDING')
       UNION ALL
       SELECT (SELECT min(subscription_id) FROM deliveries INDEXED BY deliveries_pending WHERE state = 'PENDING' AND subscription_id > s.id)
       FROM s WHERE s.id IS NOT NULL)
     SELECT id, (SELECT min(next_attempt_at) FROM deliveries INDEXED BY deliveries_pending WHERE state = 'PENDING' AND subscription_id = s.id) AS head
     FROM s WHERE id IS NOT NULL`,
  );
  const sendingStates = inListQuery<{ id: string; disabled_at: string | null; failing_since: string | null; paused_at: string | null }>(
    db,
    (ids) => `SELECT id, disabled_at, failing_since, paused_at FROM subscriptions WHERE id IN (${ids})`,
  );
  const held = db
    .prepare<[string, number], number>(
      `SELECT count(*) FROM deliveries INDEXED BY deliveries_held WHERE subscription_id = ? AND state = 'PENDING' AND leased_until > ?`,
    )
    .pluck();
  const dueOf = db
    .prepare<{ subscription: string; now: number; limit: number }, string>(
      `SELECT id FROM deliveries INDEXED BY deliveries_pending
       WHERE subscription_id = @subscription AND state = 'PENDING' AND next_attempt_at <= @now AND (leased_until IS NULL OR leased_until <= @now)
       ORDER BY next_attempt_at LIMIT @limit`,
    )
    .pluck();
  const lease = db.prepare<{ id: string; now: number; until: number }, DeliveryRow>(
    `UPDATE deliveries SET leased_until = @until, attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, @now) WHERE id = @id RETURNING *`,
  );
  const succeed = db.prepare<{ id: string; at: number }, { subscription_id: string }>(
    `UPDATE deliveries SET state = 'DELIVERED', delivered_at = @at, last_attempt_at = @at, last_error = NULL, next_attempt_at = NULL, leased_until = NULL
     WHERE id = @id AND state = 'PENDING' RETURNING subscription_id`,
  );
  const fail = db.prepare<{ id: string; attempt: number; at: number; error: string; next: number | null }, { subscription_id: string }>(
    `UPDATE deliveries SET state = CASE WHEN @next IS NULL THEN 'FAILED' ELSE 'PENDING' END, next_attempt_at = @next,
       last_attempt_at = @at, last_error = @error, leased_until = NULL
     WHERE id = @id AND state = 'PENDING' AND attempts = @attempt RETURNING subscription_id`,
  );
  const answering = db.prepare('UPDATE subscriptions SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL');
  const failing = db.prepare('UPDATE subscriptions SET failing_since = ? WHERE id = ? AND failing_since IS NULL');
  const recordSuccess = db.transaction((id: string, at: number): boolean => {
    const row = succeed.get({ id, at });
    if (row !== undefined) answering.run(row.subscription_id);
    return row !== undefined;
  });
  const recordFailure = db.transaction((id: string, attempt: number, at: number, error: string, next: number | null): boolean => {
    const row = fail.get({ id, attempt, at, error, next });
    if (row !== undefined) failing.run(new Date(at).toISOString(), row.subscription_id);
    return row !== undefined;
  });
  const rotate = db.prepare(
    'UPDATE subscriptions SET previous_secret = secret, previous_secret_until = @until, secret = @secret WHERE id = @id AND disabled_at IS NULL',
  );
  const pause = db.prepare('UPDATE subscriptions SET paused_at = ? WHERE id = ? AND paused_at IS NULL AND disabled_at IS NULL');
  const resume = db.prepare('UPDATE subscriptions SET paused_at = NULL, failing_since = NULL WHERE id = ? AND paused_at IS NOT NULL AND disabled_at IS NULL');
  const resend = db.prepare(
    `UPDATE deliveries SET state = 'PENDING', next_attempt_at = ?, attempts = 0, first_attempt_at = NULL, leased_until = NULL
     WHERE id = ? AND state = 'FAILED'`,
  );
  const deliveryById = db.prepare<[string], DeliveryRow>('SELECT * FROM deliveries WHERE id = ?');
  const firstDeliveries = db.prepare<[string, number], DeliveryRow>('SELECT * FROM deliveries WHERE state = ? ORDER BY occurred_at DESC, id LIMIT ?');
  const deliveriesAfter = db.prepare<[string, string, string, string, number], DeliveryRow>(
    'SELECT * FROM deliveries WHERE state = ? AND occurred_at <= ? AND (occurred_at < ? OR id > ?) ORDER BY occurred_at DESC, id LIMIT ?',
  );
  const firstOf = db.prepare<[string, string, number], DeliveryRow>(
    'SELECT * FROM deliveries WHERE subscription_id = ? AND state = ? ORDER BY occurred_at DESC, id LIMIT ?',
  );
  const ofAfter = db.prepare<[string, string, string, string, string, number], DeliveryRow>(
    'SELECT * FROM deliveries WHERE subscription_id = ? AND state = ? AND occurred_at <= ? AND (occurred_at < ? OR id > ?) ORDER BY occurred_at DESC, id LIMIT ?',
  );
  const countIn = db.prepare<[string], number>('SELECT count(*) FROM deliveries WHERE state = ?').pluck();
  const countOf = db.prepare<[string, string], number>('SELECT count(*) FROM deliveries WHERE subscription_id = ? AND state = ?').pluck();
  const itemCount = db.prepare<[string], number>('SELECT count(*) FROM inbox_items WHERE recipient = ?').pluck();
  const ownedCount = db.prepare<[string], number>('SELECT count(*) FROM subscriptions WHERE owner_key_id = ?').pluck();

  // IMMEDIATE: a transaction that reads before it writes takes the write lock first, so that a
  // writer in another process cannot make it fail with SQLITE_BUSY halfway.
  const accept = db.transaction((ns: readonly Notification[]) => {
    const fresh = ns.filter(storeNotification);
    if (fresh.length === 0) return;
    const candidates = candidatesFor(fresh);
    for (const n of fresh) {
      for (const recipient of recipientsOf(n.audience)) {
        insertItem.run(recipient, n.id, n.occurredAt);
        addUnread.run(recipient);
      }
      for (const s of receiving(candidates, n)) insertDelivery.run(newDelivery(n, s));
    }
  });
  const acceptFor = db.transaction((n: Notification, subscriptionId: string): boolean => {
    const row = subscriptionById.get(subscriptionId);
    if (row === undefined || row.disabled_at !== null) return false;
    if (storeNotification(n)) insertDelivery.run(newDelivery(n, toSubscription(row)));
    return true;
  });
  const markRead = db.transaction((recipient: string, ids: readonly string[]) => {
    let n = 0;
    for (const id of new Set(ids)) n += markOneRead.run(recipient, id).changes;
    if (n > 0) subtractUnread.run(n, recipient);
    return n;
  });
  const markAllRead = db.transaction((recipient: string) => {
    const n = markEveryRead.run(recipient).changes;
    if (n > 0) subtractUnread.run(n, recipient);
    return n;
  });
  const claimDue = db.transaction((now: number, limit: number, leaseMs: number, perSubscription: number): Claim[] => {
    const due = waiting
      .all()
      .filter((w) => w.head <= now)
      .sort((a, b) => a.head - b.head);
    if (due.length === 0) return [];
    const states = new Map(sendingStates(due.map((w) => w.id)).map((r) => [r.id, r]));
    // Each subscription's queue, as many as it may take now, longest waiting first.
    const queues = due.map(({ id }) => {
      const state = one(states, id, 'the subscription');
      if (state.disabled_at !== null) return dueOf.all({ subscription: id, now, limit });
      if (state.paused_at !== null) return [];
      const room = (state.failing_since === null ? perSubscription : 1) - held.get(id, now)!;
      return room <= 0 ? [] : dueOf.all({ subscription: id, now, limit: Math.min(room, limit) });
    });
    const claimed = roundRobin(queues, limit).map((id) => toDelivery(lease.get({ id, now, until: now + leaseMs })!));
    const notifications = new Map(notificationsIn(claimed.map((d) => d.notificationId)).map((r) => [r.id, toNotification(r)]));
    const subscriptions = new Map(subscriptionsIn(claimed.map((d) => d.subscriptionId)).map((r) => [r.id, toSubscription(r)]));
    return claimed.map((delivery) => ({
      delivery,
      notification: one(notifications, delivery.notificationId, 'the notification'),
      subscription: one(subscriptions, delivery.subscriptionId, 'the subscription'),
    }));
  });

  return {
    async accept(ns) {
      refuseInvalid(ns);
      accept.immediate(ns);
    },
    async acceptFor(n, subscriptionId) {
      refuseInvalid([n]);
      return acceptFor.immediate(n, subscriptionId);
    },
    async notification(id) {
      const row = notificationById.get(id);
      return row === undefined ? undefined : toNotification(row);
    },

    async inbox(recipient, after, limit) {
      if (limit <= 0) return [];
      const rows = after === undefined ? firstItems.all(recipient, limit) : itemsAfter.all(recipient, after.occurredAt, after.occurredAt, after.id, limit);
      return rows.map(({ read, ...row }) => ({ notification: toNotification(row), read: read === 1 }));
    },
    async unreadCount(recipient) {
      return unread.get(recipient) ?? 0;
    },
    async inboxCount(recipient) {
      return itemCount.get(recipient)!;
    },
    async markRead(recipient, ids) {
      return markRead.immediate(recipient, ids);
    },
    async markAllRead(recipient) {
      return markAllRead.immediate(recipient);
    },

    async createSubscription(s, cap) {
      return createWithin.immediate(s, cap);
    },
    async subscription(id) {
      const row = subscriptionById.get(id);
      return row === undefined ? undefined : toSubscription(row);
    },
    async subscriptionsOf(ownerKeyId, after, limit) {
      if (limit <= 0) return [];
      return (after === undefined ? firstOfOwner.all(ownerKeyId, limit) : ofOwnerAfter.all(ownerKeyId, after, limit)).map(toSubscription);
    },
    async subscriptionCount(ownerKeyId) {
      return ownedCount.get(ownerKeyId)!;
    },
    async disableSubscription(id, at) {
      return disable.run(at, id).changes === 1;
    },
    async activeSubscriptionOwners() {
      return owningActive.all().map((r) => r.owner_key_id);
    },
    async disableSubscriptionsOf(ownerKeyId, at) {
      return disableOfOwner.run(at, ownerKeyId).changes;
    },
    async subscriptionsFor(n) {
      return receiving(candidatesFor([n]), n);
    },

    async claimDue(now, limit, leaseMs, perSubscription) {
      if (limit <= 0) return [];
      return claimDue.immediate(now, limit, leaseMs, perSubscription);
    },
    async recordSuccess(id, at) {
      return recordSuccess.immediate(id, at);
    },
    async recordFailure(id, attempt, at, error, next) {
      return recordFailure.immediate(id, attempt, at, error, next);
    },
    async rotateSecret(id, secret, previousUntil) {
      return rotate.run({ id, secret: box.seal(secret, id), until: previousUntil }).changes === 1;
    },
    async pauseSubscription(id, at) {
      return pause.run(at, id).changes === 1;
    },
    async resumeSubscription(id) {
      return resume.run(id).changes === 1;
    },
    async resend(id, now) {
      return resend.run(now, id).changes === 1;
    },
    async delivery(id) {
      const row = deliveryById.get(id);
      return row === undefined ? undefined : toDelivery(row);
    },
    async deliveries(state, after, limit) {
      if (limit <= 0) return [];
      return (after === undefined ? firstDeliveries.all(state, limit) : deliveriesAfter.all(state, after.occurredAt, after.occurredAt, after.id, limit)).map(
        toDelivery,
      );
    },
    async deliveriesOf(subscriptionId, state, after, limit) {
      if (limit <= 0) return [];
      const rows =
        after === undefined
          ? firstOf.all(subscriptionId, state, limit)
          : ofAfter.all(subscriptionId, state, after.occurredAt, after.occurredAt, after.id, limit);
      return rows.map(toDelivery);
    },
    async deliveryCount(state, subscriptionId) {
      return subscriptionId === undefined ? countIn.get(state)! : countOf.get(subscriptionId, state)!;
    },
    async backlog() {
      return { pending: countIn.get('PENDING')!, failed: countIn.get('FAILED')! };
    },

    async close() {
      db.close();
    },
  };
}

/** Brings a database from before paused subscriptions and rotated secrets up to date. */
function migrate(db: Database.Database): void {
  if (hasColumn(db, 'subscriptions', 'id') && !hasColumn(db, 'subscriptions', 'paused_at'))
    db.exec('ALTER TABLE subscriptions ADD COLUMN failing_since TEXT; ALTER TABLE subscriptions ADD COLUMN paused_at TEXT;');
  if (hasColumn(db, 'subscriptions', 'id') && !hasColumn(db, 'subscriptions', 'previous_secret'))
    db.exec('ALTER TABLE subscriptions ADD COLUMN previous_secret TEXT; ALTER TABLE subscriptions ADD COLUMN previous_secret_until TEXT;');
}

/** Seals the secrets of subscriptions stored before they were sealed (a data directory from before), in one transaction. */
function sealPlainSecrets(db: Database.Database, box: SecretBox): void {
  const plain = db.prepare<[string], { id: string; secret: string }>('SELECT id, secret FROM subscriptions WHERE secret NOT LIKE ?').all(`${SEALED_PREFIX}%`);
  if (plain.length === 0) return;
  const seal = db.prepare('UPDATE subscriptions SET secret = ? WHERE id = ?');
  db.transaction(() => {
    for (const r of plain) seal.run(box.seal(r.secret, r.id), r.id);
  })();
}
