// A webhook subscription: where a partner system wants notifications sent, and which. Its owner is
// the identity that made it; what it receives follows the owner's role (audience.ts).
import { randomBytes } from 'node:crypto';

import { type Audience, audienceOf } from '../../../outbox/audience.js';
import { EVENT_TYPES, isEventType, type Notice } from '../../../outbox/notification.js';
import { bareIdentity, type Identity } from '../../../platform/identity.js';

export interface Subscription {
  readonly id: string;
  readonly owner: Identity;
  /** http or https. */
  readonly url: string;
  /** `whsec_` and the base64 of 32 random bytes, as Standard Webhooks signs with; shown to the owner once. */
  readonly secret: string;
  /** Exact types, or prefixes such as `patent.*` (every type under `patent.`); empty for all. */
  readonly eventTypes: readonly string[];
  readonly createdAt: string;
  readonly disabledAt: string | null;
  /** Since when every try to its URL has failed, with no success between; null while it answers. */
  readonly failingSince: string | null;
  /** When it was paused for failing an hour (PAUSE_AFTER_MS): nothing is sent until its owner or staff resume it. */
  readonly pausedAt: string | null;
  /** The secret before the last rotation, still signing beside the new one until previousSecretUntil; null when none. */
  readonly previousSecret: string | null;
  readonly previousSecretUntil: string | null;
}

/** The longest a rotated-out secret goes on signing beside the new one. */
export const MAX_SECRET_OVERLAP_HOURS = 168;

/** The secrets a request at `at` is signed with: the current one, and the one rotated out while its window lasts. */
export const signingSecrets = (s: Subscription, at: number): string[] =>
  s.previousSecret !== null && s.previousSecretUntil !== null && Date.parse(s.previousSecretUntil) > at ? [s.secret, s.previousSecret] : [s.secret];

/** A fresh signing secret: `whsec_` and the base64 of 32 random bytes, as Standard Webhooks signs with. */
export const newSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/** How long an endpoint fails with no success before its subscription is paused. */
export const PAUSE_AFTER_MS = 3_600_000;

const MAX_URL = 2048;
const MAX_EVENT_TYPES = 20;

/** Whether a subscription's eventTypes take a notification of `type`. */
export function takesType(eventTypes: readonly string[], type: string): boolean {
  return eventTypes.length === 0 || eventTypes.some((t) => (t.endsWith('.*') ? type.startsWith(t.slice(0, -1)) : t === type));
}

/** Why a URL cannot take webhooks, or undefined when it can. */
export function urlProblem(url: string): string | undefined {
  if (url.length > MAX_URL) return `a webhook URL is at most ${MAX_URL} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${JSON.stringify(url)} is not a URL`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'a webhook URL is http or https';
  // The secret signs each request; credentials in the URL would be sent, and logged, on every one.
  if (parsed.username !== '' || parsed.password !== '') return 'a webhook URL may not hold a user name or password';
  return undefined;
}

/** Why a list of event types cannot be subscribed to, or undefined when it can: each a type of EVENT_TYPES, or a prefix of some. */
export function eventTypesProblem(eventTypes: readonly string[]): string | undefined {
  if (eventTypes.length > MAX_EVENT_TYPES) return `at most ${MAX_EVENT_TYPES} event types`;
  const known = Object.keys(EVENT_TYPES);
  for (const t of eventTypes) {
    if (!isEventType(t.endsWith('.*') ? `${t.slice(0, -2)}.x` : t))
      return `${JSON.stringify(t)} is neither an event type (case.moved) nor a prefix of them (patent.*)`;
    if (!known.some((k) => takesType([t], k)))
      return `${JSON.stringify(t)} names none of the hub's event types (webhookEventTypes lists them: ${known.join(', ')})`;
  }
  return undefined;
}

/** A new subscription of `owner`'s with a fresh id and secret; throws, naming the problem, for a bad URL or event type. */
export function newSubscription(owner: Identity, spec: { url: string; eventTypes: readonly string[]; id?: string }, now: Date = new Date()): Subscription {
  const problem = urlProblem(spec.url) ?? eventTypesProblem(spec.eventTypes);
  if (problem !== undefined) throw new Error(problem);
  return {
    id: spec.id ?? randomBytes(8).toString('hex'),
    owner: bareIdentity(owner),
    url: spec.url,
    secret: newSecret(),
    eventTypes: [...new Set(spec.eventTypes)],
    createdAt: now.toISOString(),
    disabledAt: null,
    failingSince: null,
    pausedAt: null,
    previousSecret: null,
    previousSecretUntil: null,
  };
}

/**
 * What its owner and centre staff are told when `s` is paused at `at`: one notice per failing
 * spell (its id names when the spell began), so that two deliverers pausing it at once tell once.
 */
export function pausedNotice(s: Subscription, at: number, lastError: string): Notice {
  const owner = audienceOf(s.owner);
  const audience: Audience[] = [{ kind: 'CENTRE' }, ...(owner === undefined || owner.kind === 'CENTRE' ? [] : [owner])];
  return {
    id: `webhook.paused:${s.id}:${s.failingSince ?? new Date(at).toISOString()}`,
    type: 'webhook.paused',
    occurredAt: new Date(at).toISOString(),
    subject: `webhook_subscription:${s.id}`,
    audience,
    data: { url: s.url, failingSince: s.failingSince, lastError },
  };
}

/** A test its owner asked for at `at`, for `s` alone: its id is new each time. */
export function testNotice(s: Subscription, at: string, askedBy: string): Notice {
  const audience = audienceOf(s.owner);
  return {
    id: `webhook.test:${s.id}:${randomBytes(8).toString('hex')}`,
    type: 'webhook.test',
    occurredAt: at,
    subject: `webhook_subscription:${s.id}`,
    audience: audience === undefined ? [] : [audience],
    data: { askedBy, url: s.url },
  };
}
