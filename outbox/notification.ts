// A notification: one event of the hub (a fee warning, a case moved, a pledge registered), told
// to the people it concerns. It comes from a transactional outbox row, so its id is stable: the
// same event accepted twice is one notification, and a webhook receiver sees the same webhook-id.
import { ORGANIZATION_KINDS } from '../platform/identity.js';
import type { JsonValue } from '../platform/json.js';
import type { Audience } from './audience.js';

export interface Notification {
  /** Globally unique and stable: the webhook-id, the receiver's idempotency key. */
  readonly id: string;
  /** Dotted lower-case words, e.g. `patent.annual_fee.warning`. */
  readonly type: string;
  /** An ISO instant as Date#toISOString writes it, so that its text sorts as its time. */
  readonly occurredAt: string;
  /** What it is about, e.g. `patent:202310123456.7`. */
  readonly subject: string;
  /** Who may see it; centre staff may see everything. */
  readonly audience: readonly Audience[];
  /** Sent as the webhook's data beside id and subject, which it may not hold itself. */
  readonly data: { readonly [key: string]: JsonValue };
}

/**
 * Every type of notification the hub tells, with what it means: what a subscription's eventTypes
 * are checked against (a type or a prefix naming none of them is refused), and what
 * `webhookEventTypes` lists. Producers make Notices, so a new type is added here first.
 */
export const EVENT_TYPES = {
  'patent.annual_fee.warning': "A granted patent's annual fee falls due within 90 days",
  'patent.annual_fee.grace': "A patent's annual fee is late: the six months of grace, with a surcharge, run",
  'patent.examination_request.due': "A pending invention's substantive examination must be requested within 90 days (Patent Law art. 35)",
  'patent.protection.ending': "A patent's protection ends within 180 days",
  'patent.declaration.superseded': "The register's record replaced an enterprise's declaration of a patent",
  'trademark.registration.ending': "A trademark's registration ends within 180 days",
  'right.transferred': 'A patent or trademark was transferred to its new owner',
  'licence.registered': 'A licence of a patent or trademark was recorded',
  'licence.recorded.late': 'A licence was recorded after its time limit (three months from the contract taking effect, for a patent): told to both parties',
  'case.filed': 'A pre-examination or protection case was filed',
  'case.moved': 'A case moved to another state',
  'pledge.proposed': 'A pledgee proposed a pledge on its contract: the pledgor confirms or declines it',
  'pledge.declined': 'The pledgor declined a proposed pledge',
  'pledge.withdrawn': 'The pledgee withdrew a proposed pledge before the pledgor confirmed it',
  'pledge.registered': 'A pledge was registered, with its ledger receipt',
  'pledge.amendment.proposed': "A pledgee proposed to amend a pledge's secured amount or term: the pledgor confirms or declines it",
  'pledge.amendment.dropped': 'A proposed amendment of a pledge was declined by the pledgor or withdrawn by the pledgee',
  'pledge.amended': "A pledge's secured amount or term changed, both parties agreeing, with its ledger receipt",
  'pledge.released': 'A pledge was released',
  'pledge.enforced': 'A pledge was enforced',
  'pledge.consent_recorded': "A pledgee's consent to a disposal of a pledged right was recorded",
  'claim.settled': 'An insurance claim was paid or rejected',
  'webhook.paused': 'A webhook subscription was paused after an hour of failed deliveries',
  'webhook.test': 'A test its owner asked for (sendTestWebhook): sent to that subscription alone, whatever its eventTypes',
} as const satisfies Readonly<Record<string, string>>;
export type EventType = keyof typeof EVENT_TYPES;

/** A notification as the hub's producers make it: of a type in the catalogue. */
export type Notice = Notification & { readonly type: EventType };

const TYPE = /^[a-z_]+(\.[a-z_]+)+$/;
const MAX_TYPE = 100;
const MAX_ID = 200;
const MAX_SUBJECT = 200;
export const MAX_AUDIENCE = 20;
/** The JSON of `data`, bounded so that a webhook's body is too. */
export const MAX_DATA_BYTES = 16 * 1024;
const RESERVED_DATA_KEYS = ['id', 'subject'];

const text = (value: unknown, max: number): boolean => typeof value === 'string' && value.length > 0 && value.length <= max && !/[\u0000-\u001f]/.test(value);

export const isEventType = (type: string): boolean => type.length <= MAX_TYPE && TYPE.test(type);

function audienceProblem(a: Audience): string | undefined {
  switch (a.kind) {
    case 'CENTRE':
      return undefined;
    case 'ENTERPRISE':
      return text(a.id, MAX_ID) ? undefined : 'an ENTERPRISE audience needs the enterprise id';
    case 'ORGANIZATION':
      if (!(ORGANIZATION_KINDS as readonly string[]).includes(a.role))
        return `an ORGANIZATION audience's role is one of ${ORGANIZATION_KINDS.join(', ')}, not ${JSON.stringify(a.role)}`;
      return text(a.name, MAX_ID) ? undefined : 'an ORGANIZATION audience needs the organization name';
    default:
      return `unknown audience kind ${JSON.stringify((a as { kind: unknown }).kind)}`;
  }
}

/** Why `n` cannot be accepted, or undefined when it can. */
export function notificationProblem(n: Notification): string | undefined {
  if (!text(n.id, MAX_ID)) return `a notification id is 1 to ${MAX_ID} characters, no control characters`;
  const of = `notification ${JSON.stringify(n.id)}`;
  if (typeof n.type !== 'string' || !isEventType(n.type)) return `${of}: type must be dotted lower-case words (a-z, _), e.g. case.moved`;
  if (typeof n.occurredAt !== 'string' || Number.isNaN(Date.parse(n.occurredAt)) || new Date(n.occurredAt).toISOString() !== n.occurredAt) {
    return `${of}: occurredAt must be an ISO instant as toISOString writes it (YYYY-MM-DDTHH:mm:ss.sssZ)`;
  }
  if (!text(n.subject, MAX_SUBJECT)) return `${of}: subject is 1 to ${MAX_SUBJECT} characters`;
  if (!Array.isArray(n.audience) || n.audience.length > MAX_AUDIENCE) return `${of}: audience is a list of at most ${MAX_AUDIENCE}`;
  for (const a of n.audience) {
    const problem = audienceProblem(a);
    if (problem !== undefined) return `${of}: ${problem}`;
  }
  if (n.data === null || typeof n.data !== 'object' || Array.isArray(n.data)) return `${of}: data must be a JSON object`;
  const reserved = RESERVED_DATA_KEYS.filter((k) => Object.hasOwn(n.data, k));
  if (reserved.length > 0) return `${of}: data may not hold ${reserved.join(' or ')} (the webhook sends them beside it)`;
  if (Buffer.byteLength(JSON.stringify(n.data)) > MAX_DATA_BYTES) return `${of}: data is over ${MAX_DATA_BYTES} bytes of JSON`;
  return undefined;
}

/** Throws, naming the first problem, unless every notification can be accepted. */
export function refuseInvalid(ns: readonly Notification[]): void {
  for (const n of ns) {
    const problem = notificationProblem(n);
    if (problem !== undefined) throw new Error(problem);
  }
}
