// Webhook deliveries: centre staff see them all by state, and the backlog; a subscription's owner
// sees its own; either sends a failed one again.
import { failure, notFound } from '../../platform/errors.js';
import { pageRequest, toConnection } from '../../platform/pagination.js';
import { requireIdentity, requireRole } from '../common/auth.js';
import { ANY_ROLE, calledBy } from '../common/callers.js';
import { mutationForms } from '../common/payload.js';
import { connectionType, describedValues, pageArgDescriptions } from '../common/shared-types.js';
import { builder, inboxKey, NotificationType, PageInfo, parseKey } from './builder.js';
import { DELIVERY_STATE_MEANINGS, DELIVERY_STATES, type DeliveryRecord, type DeliveryState } from './domain/model.js';
import { SubscriptionType } from './subscriptions.js';

const DeliveryStateEnum = builder.enumType('WebhookDeliveryState', {
  description: 'Where a webhook delivery stands: PENDING until its receiver acknowledges it (DELIVERED) or the hub gives up (FAILED)',
  values: describedValues(DELIVERY_STATES, DELIVERY_STATE_MEANINGS),
});
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const Delivery = builder.objectRef<DeliveryRecord>('WebhookDelivery').implement({
  description: 'One notification sent, or to be sent, to one subscription: retried with backoff for 24 hours, then FAILED until sent again',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The delivery's id: one per notification and subscription" }),
    state: t.field({ type: DeliveryStateEnum, description: 'Where it stands', resolve: (d) => d.state }),
    notification: t.field({
      type: NotificationType,
      nullable: true,
      description: 'The notification it sends',
      resolve: (d, _args, ctx) => ctx.store.notification(d.notificationId),
    }),
    subscription: t.field({
      type: SubscriptionType,
      nullable: true,
      description: 'The subscription it is sent to',
      resolve: (d, _args, ctx) => ctx.store.subscription(d.subscriptionId),
    }),
    attempts: t.exposeInt('attempts', {
      description: 'Tries begun, counted as each begins (one cut short by a crash counts too); back to 0 when it is sent again',
    }),
    lastError: t.exposeString('lastError', {
      nullable: true,
      description: 'What the last failed try met, e.g. HTTP 500 or no answer within 10 s; null before any failed, and once delivered',
    }),
    lastAttemptAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the last try ended; null before one did',
      resolve: (d) => iso(d.lastAttemptAt),
    }),
    nextAttemptAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When a PENDING delivery is next due; null once DELIVERED or FAILED',
      resolve: (d) => iso(d.nextAttemptAt),
    }),
    deliveredAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When its receiver acknowledged it (2xx); null until then',
      resolve: (d) => iso(d.deliveredAt),
    }),
  }),
});
const DeliveryConnection = connectionType(builder, 'WebhookDelivery', Delivery, PageInfo);
const Backlog = builder.objectRef<{ pending: number; failed: number }>('NotificationBacklog').implement({
  description: 'Webhook deliveries not delivered, over every subscription: what waits and what was given up',
  fields: (t) => ({
    pending: t.exposeInt('pending', { description: "How many deliveries are PENDING: waiting for a try or being tried, a paused subscription's included" }),
    failed: t.exposeInt('failed', { description: 'How many deliveries are FAILED: given up, until resent' }),
  }),
});

builder.objectFields(SubscriptionType, (t) => ({
  deliveries: t.field({
    type: DeliveryConnection,
    description: "This subscription's deliveries in a state, newest first: what was sent to it, what waits and what failed (its owner and centre staff)",
    args: {
      state: t.arg({ type: DeliveryStateEnum, required: true, description: 'The deliveries in this state' }),
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: async (s, args, ctx) => {
      const identity = requireIdentity(ctx);
      if (identity.role !== 'CENTER_STAFF' && s.owner.keyId !== identity.keyId) throw notFound(`webhook subscription ${s.id}`);
      const page = pageRequest(args.first, args.after);
      const rows = await ctx.store.deliveriesOf(s.id, args.state as DeliveryState, parseKey(page.after), page.first + 1);
      return toConnection(
        rows,
        page,
        (d) => inboxKey(d.occurredAt, d.id),
        () => ctx.store.deliveryCount(args.state as DeliveryState, s.id),
      );
    },
  }),
}));

builder.queryFields((t) => ({
  webhookDeliveries: t.field({
    type: DeliveryConnection,
    description: 'Centre staff: deliveries in a state, newest first (FAILED ones to look into and send again)',
    tag: calledBy('CENTER_STAFF'),
    args: {
      state: t.arg({ type: DeliveryStateEnum, required: true, description: 'The deliveries in this state' }),
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: async (_root, args, ctx) => {
      requireRole(ctx, 'CENTER_STAFF');
      const page = pageRequest(args.first, args.after);
      const rows = await ctx.store.deliveries(args.state as DeliveryState, parseKey(page.after), page.first + 1);
      return toConnection(
        rows,
        page,
        (d) => inboxKey(d.occurredAt, d.id),
        () => ctx.store.deliveryCount(args.state as DeliveryState),
      );
    },
  }),
  notificationBacklog: t.field({
    type: Backlog,
    description: 'Centre staff: deliveries pending and failed',
    tag: calledBy('CENTER_STAFF'),
    resolve: (_root, _args, ctx) => {
      requireRole(ctx, 'CENTER_STAFF');
      return ctx.store.backlog();
    },
  }),
}));

mutationForms(builder, {
  name: 'resendWebhookDelivery',
  payload: 'webhookDeliveryResend',
  object: 'delivery',
  type: Delivery,
  description: "Its subscription's owner, or centre staff, send a FAILED delivery again, with a fresh 24 hours of retries",
  callers: ANY_ROLE,
  args: (t) => ({ id: t.id({ required: true, description: "The FAILED delivery's id" }) }),
  resolve: async ({ id }, ctx) => {
    const identity = requireIdentity(ctx);
    const found = await ctx.store.delivery(String(id));
    // Another's delivery answers as none does.
    const owner = found === undefined || identity.role === 'CENTER_STAFF' ? undefined : (await ctx.store.subscription(found.subscriptionId))?.owner.keyId;
    if (found === undefined || (identity.role !== 'CENTER_STAFF' && owner !== identity.keyId)) throw notFound(`webhook delivery ${id}`);
    if (!(await ctx.store.resend(found.id, Date.now()))) {
      throw failure('INVALID_TRANSITION', `delivery ${found.id} is ${found.state}: only a FAILED delivery is sent again`, { state: found.state });
    }
    ctx.kick();
    return (await ctx.store.delivery(found.id))!;
  },
});
