// The notifications subgraph: each enterprise's and organisation's inbox with its unread count,
// webhook subscriptions for partner systems with an API key, and, for centre staff, the
// deliveries that failed, to look into and send again.
import { recipientOf } from '../../outbox/audience.js';
import type { Notification } from '../../outbox/notification.js';
import { badInput, failure, forbidden, notFound } from '../../platform/errors.js';
import type { Identity } from '../../platform/identity.js';
import { pageRequest, toConnection } from '../../platform/pagination.js';
import { requireIdentity, requireRole } from '../common/auth.js';
import { createBuilder } from '../common/builder.js';
import { connectionType, jsonScalar, pageInfoType, roleEnum } from '../common/shared-types.js';
import type { NotificationsContext } from './context.js';
import type { DeliveryRecord, DeliveryState, InboxItem, PageKey } from './store/port.js';
import { eventTypesProblem, newSubscription, type Subscription, urlProblem } from './subscription.js';

const builder = createBuilder<NotificationsContext>();
jsonScalar(builder);
const PageInfo = pageInfoType(builder);
const Role = roleEnum(builder);

/** Most ids one markNotificationsRead takes; most active subscriptions one key keeps. */
const MAX_MARK = 100;
const MAX_SUBSCRIPTIONS = 20;

const NotificationType = builder.objectRef<Notification>('Notification').implement({
  description: 'One event of the hub told to the people it concerns: a fee warning, a case moved, a pledge or licence registered',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable: the webhook-id of its deliveries' }),
    type: t.exposeString('type', { description: 'e.g. patent.annual_fee.warning, case.moved, pledge.registered' }),
    occurredAt: t.field({ type: 'DateTime', resolve: (n) => n.occurredAt }),
    subject: t.exposeString('subject', { description: 'What it is about, e.g. patent:202310123456.7' }),
    data: t.field({ type: 'JSON', resolve: (n) => n.data }),
  }),
});

const InboxNotification = builder.objectRef<InboxItem>('InboxNotification').implement({
  fields: (t) => ({
    notification: t.field({ type: NotificationType, resolve: (i) => i.notification }),
    read: t.exposeBoolean('read'),
  }),
});

/** The newest-first cursor: when it occurred, then its id. */
const inboxKey = (occurredAt: string, id: string): string => `${occurredAt} ${id}`;
function parseKey(after: string | undefined): PageKey | undefined {
  if (after === undefined) return undefined;
  const [occurredAt = '', ...rest] = after.split(' ');
  const id = rest.join(' ');
  if (Number.isNaN(Date.parse(occurredAt)) || id === '') throw badInput('after is not a cursor this API returned', 'after');
  return { occurredAt, id };
}

const InboxConnection = connectionType(builder, 'InboxNotification', InboxNotification, PageInfo);
const Inbox = builder.objectRef<{ recipient: string; first?: number | null; after?: string | null }>('Inbox').implement({
  description: "The caller's inbox: an enterprise's, an organisation's (bank, court, insurer), or the centre's",
  fields: (t) => ({
    unreadCount: t.int({ resolve: (i, _args, ctx) => ctx.store.unreadCount(i.recipient) }),
    notifications: t.field({
      type: InboxConnection,
      description: 'Newest first',
      args: { first: t.arg.int(), after: t.arg.string() },
      resolve: async (i, args, ctx) => {
        const page = pageRequest(args.first, args.after);
        const rows = await ctx.store.inbox(i.recipient, parseKey(page.after), page.first + 1);
        return toConnection(rows, page, (r) => inboxKey(r.notification.occurredAt, r.notification.id));
      },
    }),
  }),
});

/** The inbox the caller reads: FORBIDDEN for an identity bound to no enterprise or organisation. */
function recipient(ctx: NotificationsContext): string {
  const key = recipientOf(requireIdentity(ctx));
  if (key === undefined) throw forbidden('this identity acts for no enterprise or organisation, so it has no inbox');
  return key;
}

const SubscriptionType = builder.objectRef<Subscription>('WebhookSubscription').implement({
  description: 'Where a partner system is sent notifications, signed as Standard Webhooks; it receives what its key may read',
  fields: (t) => ({
    id: t.exposeID('id'),
    url: t.exposeString('url'),
    eventTypes: t.exposeStringList('eventTypes', { description: 'Exact types or prefixes such as patent.*; empty for all' }),
    owner: t.string({ description: 'The key that made it', resolve: (s) => s.owner.keyId }),
    ownerRole: t.field({ type: Role, resolve: (s) => s.owner.role }),
    createdAt: t.field({ type: 'DateTime', resolve: (s) => s.createdAt }),
    disabledAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.disabledAt }),
  }),
});
const Created = builder.objectRef<Subscription>('CreatedWebhookSubscription').implement({
  fields: (t) => ({
    subscription: t.field({ type: SubscriptionType, resolve: (s) => s }),
    secret: t.exposeString('secret', { description: 'The signing secret (whsec_...): shown this once, keep it safe' }),
  }),
});
const SubscriptionConnection = connectionType(builder, 'WebhookSubscription', SubscriptionType, PageInfo);

const DeliveryStateEnum = builder.enumType('WebhookDeliveryState', { values: ['PENDING', 'DELIVERED', 'FAILED'] as const });
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const Delivery = builder.objectRef<DeliveryRecord>('WebhookDelivery').implement({
  description: 'One notification sent, or to be sent, to one subscription: retried with backoff for 24 hours, then FAILED until sent again',
  fields: (t) => ({
    id: t.exposeID('id'),
    state: t.field({ type: DeliveryStateEnum, resolve: (d) => d.state }),
    notification: t.field({ type: NotificationType, nullable: true, resolve: (d, _args, ctx) => ctx.store.notification(d.notificationId) }),
    subscription: t.field({ type: SubscriptionType, nullable: true, resolve: (d, _args, ctx) => ctx.store.subscription(d.subscriptionId) }),
    attempts: t.exposeInt('attempts'),
    lastError: t.exposeString('lastError', { nullable: true }),
    lastAttemptAt: t.field({ type: 'DateTime', nullable: true, resolve: (d) => iso(d.lastAttemptAt) }),
    nextAttemptAt: t.field({ type: 'DateTime', nullable: true, resolve: (d) => iso(d.nextAttemptAt) }),
    deliveredAt: t.field({ type: 'DateTime', nullable: true, resolve: (d) => iso(d.deliveredAt) }),
  }),
});
const DeliveryConnection = connectionType(builder, 'WebhookDelivery', Delivery, PageInfo);
const Backlog = builder.objectRef<{ pending: number; failed: number }>('NotificationBacklog').implement({
  fields: (t) => ({ pending: t.exposeInt('pending'), failed: t.exposeInt('failed') }),
});

/** A partner system's key: people (accounts) and the hub's own services manage no subscriptions. */
function requirePartnerKey(ctx: NotificationsContext): Identity {
  const identity = requireIdentity(ctx);
  if (identity.keyId.startsWith('account:') || identity.keyId.startsWith('service:')) {
    throw forbidden('webhook subscriptions are for partner systems: use an API key');
  }
  if (recipientOf(identity) === undefined) throw forbidden('this key acts for no enterprise or organisation');
  return identity;
}

builder.queryType({
  fields: (t) => ({
    inbox: t.field({
      type: Inbox,
      description: "The caller's own inbox and its unread count",
      resolve: (_root, _args, ctx) => ({ recipient: recipient(ctx) }),
    }),
    webhookSubscriptions: t.field({
      type: SubscriptionConnection,
      description: "The calling key's subscriptions, disabled ones included",
      args: { first: t.arg.int(), after: t.arg.string() },
      resolve: async (_root, args, ctx) => {
        const identity = requirePartnerKey(ctx);
        const page = pageRequest(args.first, args.after);
        const rows = await ctx.store.subscriptionsOf(identity.keyId, page.after, page.first + 1);
        return toConnection(rows, page, (s) => s.id);
      },
    }),
    webhookDeliveries: t.field({
      type: DeliveryConnection,
      description: 'Centre staff: deliveries in a state, newest first (FAILED ones to look into and send again)',
      args: { state: t.arg({ type: DeliveryStateEnum, required: true }), first: t.arg.int(), after: t.arg.string() },
      resolve: async (_root, args, ctx) => {
        requireRole(ctx, 'CENTER_STAFF');
        const page = pageRequest(args.first, args.after);
        const rows = await ctx.store.deliveries(args.state as DeliveryState, parseKey(page.after), page.first + 1);
        return toConnection(rows, page, (d) => inboxKey(d.occurredAt, d.id));
      },
    }),
    notificationBacklog: t.field({
      type: Backlog,
      description: 'Centre staff: deliveries pending and failed',
      resolve: (_root, _args, ctx) => {
        requireRole(ctx, 'CENTER_STAFF');
        return ctx.store.backlog();
      },
    }),
  }),
});

const SubscriptionInput = builder.inputType('CreateWebhookSubscriptionInput', {
  fields: (t) => ({
    url: t.string({ required: true, description: 'http or https; it is sent a POST per notification' }),
    eventTypes: t.stringList({ description: 'Exact types or prefixes such as patent.*; none for all' }),
  }),
});

builder.mutationType({
  fields: (t) => ({
    markNotificationsRead: t.int({
      description: `Marks notifications of the caller's inbox read (${MAX_MARK} at most); how many were unread`,
      args: { ids: t.arg.idList({ required: true }) },
      resolve: (_root, { ids }, ctx) => {
        const inbox = recipient(ctx);
        if (ids.length === 0 || ids.length > MAX_MARK) throw badInput(`ids must name 1 to ${MAX_MARK} notifications`, 'ids');
        return ctx.store.markRead(inbox, ids.map(String));
      },
    }),
    markAllNotificationsRead: t.int({
      description: "Marks every notification of the caller's inbox read; how many were unread",
      resolve: (_root, _args, ctx) => ctx.store.markAllRead(recipient(ctx)),
    }),
    createWebhookSubscription: t.field({
      type: Created,
      description: `A partner system's key subscribes a URL to notifications it may read (${MAX_SUBSCRIPTIONS} active at most per key)`,
      args: { input: t.arg({ type: SubscriptionInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const owner = requirePartnerKey(ctx);
        const eventTypes = input.eventTypes ?? [];
        const problem = urlProblem(input.url);
        if (problem !== undefined) throw badInput(problem, 'url');
        const typesProblem = eventTypesProblem(eventTypes);
        if (typesProblem !== undefined) throw badInput(typesProblem, 'eventTypes');
        const active = (await ctx.store.subscriptionsOf(owner.keyId, undefined, 1_000)).filter((s) => s.disabledAt === null);
        if (active.length >= MAX_SUBSCRIPTIONS)
          throw badInput(`this key has ${MAX_SUBSCRIPTIONS} active subscriptions, the most it may; disable one first`, 'url');
        const subscription = newSubscription(owner, { url: input.url, eventTypes });
        await ctx.store.createSubscription(subscription);
        return subscription;
      },
    }),
    disableWebhookSubscription: t.field({
      type: SubscriptionType,
      description: 'Its owner (or centre staff) stops a subscription; deliveries not yet made to it are not made',
      args: { id: t.arg.id({ required: true }) },
      resolve: async (_root, { id }, ctx) => {
        const identity = requireIdentity(ctx);
        const found = await ctx.store.subscription(String(id));
        if (found === undefined) throw notFound(`webhook subscription ${id}`);
        if (identity.role !== 'CENTER_STAFF' && found.owner.keyId !== identity.keyId)
          throw forbidden('only the key that made a subscription, or centre staff, disables it');
        if (found.disabledAt !== null) return found;
        const at = new Date().toISOString();
        await ctx.store.disableSubscription(found.id, at);
        return { ...found, disabledAt: at };
      },
    }),
    resendWebhookDelivery: t.field({
      type: Delivery,
      description: 'Centre staff send a FAILED delivery again, with a fresh 24 hours of retries',
      args: { id: t.arg.id({ required: true }) },
      resolve: async (_root, { id }, ctx) => {
        requireRole(ctx, 'CENTER_STAFF');
        const found = await ctx.store.delivery(String(id));
        if (found === undefined) throw notFound(`webhook delivery ${id}`);
        if (!(await ctx.store.resend(found.id, Date.now()))) {
          throw failure('INVALID_TRANSITION', `delivery ${found.id} is ${found.state}: only a FAILED delivery is sent again`, { state: found.state });
        }
        ctx.kick();
        return (await ctx.store.delivery(found.id))!;
      },
    }),
  }),
});

export const notificationsSchema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
