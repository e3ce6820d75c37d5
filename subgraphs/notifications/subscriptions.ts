// Webhook subscriptions: where a partner system with an API key is sent the notifications it may read.
import { recipientOf } from '../../outbox/audience.js';
import { EVENT_TYPES } from '../../outbox/notification.js';
import { badInput, failure, forbidden, notFound } from '../../platform/errors.js';
import { idempotencyKey } from '../../platform/idempotency.js';
import type { Identity } from '../../platform/identity.js';
import { pageRequest, toConnection } from '../../platform/pagination.js';
import { requireIdentity } from '../common/auth.js';
import { ANY_ROLE, calledBy } from '../common/callers.js';
import { createOnce, idempotencyKeyHelp } from '../common/create-once.js';
import { mutationForms } from '../common/payload.js';
import { connectionType, pageArgDescriptions } from '../common/shared-types.js';
import { checkInput } from '../common/validation.js';
import { builder, PageInfo, Role } from './builder.js';
import type { NotificationsContext } from './context.js';
import { resolveDestination, WebhookUrlRefused } from './destination.js';
import { eventTypesProblem, MAX_SECRET_OVERLAP_HOURS, newSecret, newSubscription, type Subscription, testNotice, urlProblem } from './domain/subscription.js';

/** Most active subscriptions one key keeps. */
const MAX_SUBSCRIPTIONS = 20;

export const SubscriptionType = builder.objectRef<Subscription>('WebhookSubscription').implement({
  description: 'Where a partner system is sent notifications, signed as Standard Webhooks; it receives what its key may read',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The subscription's id in the hub (16 hex digits)" }),
    url: t.exposeString('url', { description: 'Where each notification is POSTed: an http or https URL, as given' }),
    eventTypes: t.exposeStringList('eventTypes', { description: 'Exact types or prefixes such as patent.*; empty for all' }),
    owner: t.string({ description: 'The key that made it', resolve: (s) => s.owner.keyId }),
    ownerRole: t.field({ type: Role, description: 'The role of the key that made it: it receives what that role may read', resolve: (s) => s.owner.role }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was made', resolve: (s) => s.createdAt }),
    disabledAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: "When it was disabled, by its owner or centre staff or as its owner's key was revoked; null while active. Nothing more is sent to it",
      resolve: (s) => s.disabledAt,
    }),
    failingSince: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Since when every try to its URL has failed, with no success between; null while it answers',
      resolve: (s) => s.failingSince,
    }),
    previousSecretValidUntil: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Until when the secret before the last rotation still signs, beside the new one; null when it no longer does',
      resolve: (s) => (s.previousSecretUntil !== null && Date.parse(s.previousSecretUntil) > Date.now() ? s.previousSecretUntil : null),
    }),
    pausedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was paused after an hour of failures: nothing is sent until its owner or centre staff resume it',
      resolve: (s) => s.pausedAt,
    }),
  }),
});
const Created = builder.objectRef<Subscription>('CreatedWebhookSubscription').implement({
  description: 'A subscription with its signing secret, shown this once: when it is made, and when its secret is rotated',
  fields: (t) => ({
    subscription: t.field({ type: SubscriptionType, description: 'The subscription', resolve: (s) => s }),
    secret: t.exposeString('secret', { description: 'The signing secret (whsec_...): shown this once, keep it safe' }),
  }),
});
const SubscriptionConnection = connectionType(builder, 'WebhookSubscription', SubscriptionType, PageInfo);

/** A partner system's key: people (accounts) and the hub's own services manage no subscriptions. */
function requirePartnerKey(ctx: NotificationsContext): Identity {
  const identity = requireIdentity(ctx);
  if (identity.keyId.startsWith('account:') || identity.keyId.startsWith('service:')) {
    throw forbidden('webhook subscriptions are for partner systems: use an API key');
  }
  if (recipientOf(identity) === undefined) throw forbidden('this key acts for no enterprise or organisation');
  return identity;
}

const SubscriptionInput = builder.inputType('CreateWebhookSubscriptionInput', {
  description: 'Where to send webhooks, and of which event types',
  fields: (t) => ({
    url: t.string({ required: true, description: 'http or https; it is sent a POST per notification' }),
    eventTypes: t.stringList({ description: 'Exact types or prefixes such as patent.*; none for all' }),
    idempotencyKey: t.string({ description: idempotencyKeyHelp('subscription') }),
  }),
});

/** A subscription's id (16 hex digits) from the id createOnce gives: a key's retry finds the same. */
const subscriptionIdOf = (id: string): string => id.replaceAll('-', '').slice(0, 16);

const EventType = builder.objectRef<{ name: string; description: string }>('WebhookEventType').implement({
  description: 'A type of notification the hub tells: what a subscription may name in eventTypes',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'As a webhook carries it in `type`, e.g. case.moved' }),
    description: t.exposeString('description', { description: 'What happened when one is told' }),
  }),
});

builder.queryFields((t) => ({
  webhookEventTypes: t.field({
    type: [EventType],
    description: "Every type of notification the hub tells (the catalogue a subscription's eventTypes are checked against)",
    tag: calledBy(...ANY_ROLE),
    resolve: (_root, _args, ctx) => {
      requireIdentity(ctx);
      return Object.entries(EVENT_TYPES).map(([name, description]) => ({ name, description }));
    },
  }),
  webhookSubscriptions: t.field({
    type: SubscriptionConnection,
    description:
      "The calling key's subscriptions, disabled ones included; centre staff name any `owner` (a key's id), a revoked one's included, to see and disable them",
    tag: calledBy(...ANY_ROLE),
    args: {
      owner: t.arg.string({
        description: "Centre staff: the key whose subscriptions to list (its id, a revoked one's too); others omit it or name their own key",
      }),
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: async (_root, args, ctx) => {
      const identity = requireIdentity(ctx);
      const owner = args.owner ?? undefined;
      // Staff read any owner's; a partner key its own alone, named or not.
      const keyId = identity.role === 'CENTER_STAFF' && owner !== undefined ? owner : requirePartnerKey(ctx).keyId;
      if (owner !== undefined && owner !== keyId) throw forbidden("only centre staff read another key's subscriptions");
      const page = pageRequest(args.first, args.after);
      const rows = await ctx.store.subscriptionsOf(keyId, page.after, page.first + 1);
      return toConnection(
        rows,
        page,
        (s) => s.id,
        () => ctx.store.subscriptionCount(keyId),
      );
    },
  }),
}));

mutationForms(builder, {
  name: 'createWebhookSubscription',
  payload: 'webhookSubscriptionCreate',
  object: 'created',
  type: Created,
  description: `A partner system's key subscribes a URL to notifications it may read (${MAX_SUBSCRIPTIONS} active at most per key)`,
  callers: ANY_ROLE,
  args: (t) => ({ input: t.field({ type: SubscriptionInput, required: true, description: 'The URL to send to, and the event types to send' }) }),
  resolve: async ({ input }, ctx) => {
    const owner = requirePartnerKey(ctx);
    const { eventTypes } = await checkInput({
      // Where it leads is asked only of a URL well formed.
      url: async () => {
        const problem = urlProblem(input.url);
        if (problem !== undefined) throw badInput(problem, 'url');
        try {
          await resolveDestination(new URL(input.url), ctx.destinations);
        } catch (err) {
          if (!(err instanceof WebhookUrlRefused)) throw err;
          throw failure('WEBHOOK_URL_REFUSED', err.message, { field: 'url', reason: err.reason });
        }
      },
      eventTypes: () => {
        const types = input.eventTypes ?? [];
        const problem = eventTypesProblem(types);
        if (problem !== undefined) throw badInput(problem, 'eventTypes');
        return types;
      },
    });
    return createOnce<Subscription>(owner, {
      mutation: 'createWebhookSubscription',
      what: 'subscription',
      key: idempotencyKey(input.idempotencyKey),
      given: { url: input.url, eventTypes: [...new Set(eventTypes)] },
      stored: (id) => ctx.store.subscription(subscriptionIdOf(id)),
      create: async (id) => {
        const subscription = newSubscription(owner, { url: input.url, eventTypes, id: subscriptionIdOf(id) });
        // Counted with the write: every active subscription of the key, however many it has had.
        if (!(await ctx.store.createSubscription(subscription, MAX_SUBSCRIPTIONS)))
          throw badInput(`this key has ${MAX_SUBSCRIPTIONS} active subscriptions, the most it may; disable one first`, 'url');
        return subscription;
      },
    });
  },
});

mutationForms(builder, {
  name: 'disableWebhookSubscription',
  payload: 'webhookSubscriptionDisable',
  object: 'subscription',
  type: SubscriptionType,
  description: 'Its owner (or centre staff) stops a subscription; deliveries not yet made to it are not made',
  callers: ANY_ROLE,
  args: (t) => ({ id: t.id({ required: true, description: "The subscription's id" }) }),
  resolve: async ({ id }, ctx) => {
    const found = await ownSubscription(ctx, String(id));
    if (found.disabledAt !== null) return found;
    const at = new Date().toISOString();
    await ctx.store.disableSubscription(found.id, at);
    return { ...found, disabledAt: at };
  },
});

mutationForms(builder, {
  name: 'rotateWebhookSecret',
  payload: 'webhookSubscriptionSecretRotate',
  object: 'created',
  type: Created,
  description: `Its owner (or centre staff) replaces a subscription's signing secret: the new one is in the answer once; the old one goes on signing beside it for overlapHours (24 unless given, ${MAX_SECRET_OVERLAP_HOURS} at most, 0 for none), so that the receiver can change over without missing a webhook`,
  callers: ANY_ROLE,
  args: (t) => ({
    id: t.id({ required: true, description: "The subscription's id" }),
    overlapHours: t.int({
      description: `How many hours the old secret goes on signing beside the new one: 0 to ${MAX_SECRET_OVERLAP_HOURS}, 24 unless given`,
    }),
  }),
  resolve: async ({ id, overlapHours }, ctx) => {
    const { found, hours } = await checkInput({
      found: async () => {
        const own = await ownSubscription(ctx, String(id));
        if (own.disabledAt !== null) throw failure('INVALID_TRANSITION', `webhook subscription ${own.id} is disabled: subscribe again instead`);
        return own;
      },
      hours: () => {
        const given = overlapHours ?? 24;
        if (!Number.isInteger(given) || given < 0 || given > MAX_SECRET_OVERLAP_HOURS)
          throw badInput(`overlapHours is 0 to ${MAX_SECRET_OVERLAP_HOURS}`, 'overlapHours');
        return given;
      },
    });
    const secret = newSecret();
    const until = new Date(Date.now() + hours * 3_600_000).toISOString();
    if (!(await ctx.store.rotateSecret(found.id, secret, until))) throw failure('CONFLICT', `webhook subscription ${found.id} was disabled meanwhile`);
    return { ...found, secret, previousSecret: found.secret, previousSecretUntil: until };
  },
});

mutationForms(builder, {
  name: 'sendTestWebhook',
  payload: 'webhookTestSend',
  object: 'notificationId',
  type: 'ID',
  description:
    'Its owner (or centre staff) has a webhook.test notification sent to this subscription alone, whatever its eventTypes, signed as any other: to check the receiver. The notification id (the webhook-id it arrives with); follow it in the subscription’s deliveries',
  callers: ANY_ROLE,
  args: (t) => ({ id: t.id({ required: true, description: "The subscription's id" }) }),
  resolve: async ({ id }, ctx) => {
    const found = await ownSubscription(ctx, String(id));
    if (found.disabledAt !== null) throw failure('INVALID_TRANSITION', `webhook subscription ${found.id} is disabled: subscribe again instead`);
    const at = new Date().toISOString();
    const notification = testNotice(found, at, requireIdentity(ctx).keyId);
    if (!(await ctx.store.acceptFor(notification, found.id))) throw failure('CONFLICT', `webhook subscription ${found.id} was disabled meanwhile`);
    ctx.kick();
    return notification.id;
  },
});

mutationForms(builder, {
  name: 'resumeWebhookSubscription',
  payload: 'webhookSubscriptionResume',
  object: 'subscription',
  type: SubscriptionType,
  description: 'Its owner (or centre staff) sends to a paused subscription again, what waited first; a subscription not paused is left as it is',
  callers: ANY_ROLE,
  args: (t) => ({ id: t.id({ required: true, description: "The subscription's id" }) }),
  resolve: async ({ id }, ctx) => {
    const found = await ownSubscription(ctx, String(id));
    if (found.disabledAt !== null) throw failure('INVALID_TRANSITION', `webhook subscription ${found.id} is disabled: subscribe again instead`);
    if (!(await ctx.store.resumeSubscription(found.id))) return found;
    ctx.kick();
    return { ...found, pausedAt: null, failingSince: null };
  },
});

/** The subscription, when the caller made it or is centre staff; NOT_FOUND alike when it is another's and when there is none. */
async function ownSubscription(ctx: NotificationsContext, id: string): Promise<Subscription> {
  const identity = requireIdentity(ctx);
  const found = await ctx.store.subscription(id);
  if (found === undefined || (identity.role !== 'CENTER_STAFF' && found.owner.keyId !== identity.keyId)) throw notFound(`webhook subscription ${id}`);
  return found;
}
