// Where an accepted notification goes, the same for every store: an inbox item per recipient its
// audience names, and a delivery per active subscription that receives it. Stores find candidate
// subscriptions by the recipient key kept with each; the rule itself decides.
import { type Audience, receives, recipientKey } from '../../../outbox/audience.js';
import type { Notification } from '../../../outbox/notification.js';
import { type Subscription, takesType } from './subscription.js';

/** The inboxes `audience` names, each once. */
export const recipientsOf = (audience: readonly Audience[]): string[] => [...new Set(audience.map(recipientKey))];

/** The recipient keys a subscription that may receive one of `ns` is kept under: their audiences', and the centre's (its staff receive everything). */
export const candidateKeys = (ns: readonly Notification[]): string[] => [
  ...new Set([recipientKey({ kind: 'CENTRE' }), ...ns.flatMap((n) => recipientsOf(n.audience))]),
];

/** Those of the candidate subscriptions that receive `n`. */
export const receiving = (candidates: readonly Subscription[], n: Notification): Subscription[] =>
  candidates.filter((s) => s.disabledAt === null && receives(s.owner, n.audience) && takesType(s.eventTypes, n.type));
