// Sends due deliveries as signed webhooks, a few at a time, and records each outcome. A delivery
// is DELIVERED only once its receiver answered 2xx, in the one write that records it; until then
// its lease (claimDue) keeps other deliverers off it, and a deliverer that dies mid-send leaves it
// to be claimed again when the lease ends. So every notification reaches its receiver at least
// once, and the same webhook-id lets the receiver drop a second copy.
//
// Sends are shared between subscriptions (claimDue's round robin, a few each at most, one while an
// endpoint fails), so an endpoint that never answers holds one slot, not every one; after an hour
// of failures with no success it is paused and its owner and centre staff are told.
import type { IdentityDirectory } from '../../platform/identity.js';
import { WebhookUrlRefused } from './destination.js';
import { nextAttemptAt, type RetrySchedule } from './domain/retry-schedule.js';
import { PAUSE_AFTER_MS, pausedNotice, signingSecrets } from './domain/subscription.js';
import type { Claim, NotificationStore } from './store/port.js';
import { webhookRequest, type WebhookSend } from './webhook.js';

export interface DelivererOptions {
  readonly store: NotificationStore;
  /** The clock, in milliseconds since the epoch. */
  readonly now?: () => number;
  /** How a request is sent: webhookSender, on the destination policy. */
  readonly send: WebhookSend;
  /** Whether a subscription's owner still acts: nothing is sent for a revoked key or a disabled account. */
  readonly owners: IdentityDirectory;
  /** Sends under way at most at once. */
  readonly concurrency?: number;
  /** Sends under way at most at once to one subscription (one while it is failing). */
  readonly perSubscription?: number;
  /** How long an endpoint fails, with no success, before its subscription is paused. */
  readonly pauseAfterMs?: number;
  /** How often it looks for due deliveries when not kicked. */
  readonly pollMs?: number;
  /** How long a claimed delivery is held: longer than a send and its record take. */
  readonly leaseMs?: number;
  /** How long a receiver has to answer. */
  readonly timeoutMs?: number;
  readonly schedule?: RetrySchedule;
  /** Where what went wrong in the deliverer itself goes (a receiver's failure is recorded, not logged). */
  readonly log?: (message: string, err: unknown) => void;
}

export interface Deliverer {
  /** Stops claiming and resolves once the sends under way have been recorded. */
  stop(): Promise<void>;
  /** Looks for due deliveries now, e.g. after an accept. */
  kick(): void;
}

const MAX_ERROR_LENGTH = 500;

/** What a failed send says in a delivery's lastError. */
function failureOf(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && err.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  if (err instanceof WebhookUrlRefused) return `WEBHOOK_URL_REFUSED: ${err.message}`;
  // The connection's own error (refused, reset, a bad certificate); one that wraps another says it in its cause.
  const reason = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  return (reason instanceof Error ? reason.message : String(reason)).slice(0, MAX_ERROR_LENGTH);
}

export function startDeliverer(options: DelivererOptions): Deliverer {
  const {
    store,
    now = Date.now,
    send,
    owners,
    concurrency = 16,
    perSubscription = 8,
    pauseAfterMs = PAUSE_AFTER_MS,
    pollMs = 1_000,
    leaseMs = 60_000,
    timeoutMs = 10_000,
    schedule = nextAttemptAt,
    log = (message, err) => console.error(message, err),
  } = options;
  if (leaseMs <= timeoutMs)
    throw new Error(`leaseMs (${leaseMs}) must be longer than timeoutMs (${timeoutMs}): a lease ending mid-send lets a second deliverer send too`);

  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  // Set by kick() and by a send ending while more may be due; a kick during a claim is not lost.
  let kicked = false;
  let wake: (() => void) | undefined;

  const kick = (): void => {
    kicked = true;
    wake?.();
  };

  /** Until kicked, or pollMs; the timer holds no process open. */
  const pause = (): Promise<void> =>
    new Promise((resolve) => {
      if (kicked) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      timer.unref();
      wake = done;
    });

  /** undefined when the receiver acknowledged it (2xx); else what went wrong. Never throws. */
  const post = async ({ notification, subscription }: Claim): Promise<string | undefined> => {
    try {
      // A redirect is not followed (it could lead the hub's request anywhere), nor the body read.
      const at = now();
      const status = await send(subscription.url, webhookRequest(notification, signingSecrets(subscription, at), new Date(at)), AbortSignal.timeout(timeoutMs));
      return status >= 200 && status < 300 ? undefined : `HTTP ${status}`;
    } catch (err) {
      return failureOf(err, timeoutMs);
    }
  };

  /**
   * Pauses a subscription failing for pauseAfterMs, telling first: a crash between the two tells
   * again at the next failure, under the same notice id (accepted once), and then pauses.
   */
  const pauseIfFailingLong = async (id: string, at: number, error: string): Promise<void> => {
    const s = await store.subscription(id);
    if (s === undefined || s.pausedAt !== null || s.disabledAt !== null || s.failingSince === null) return;
    if (at - Date.parse(s.failingSince) < pauseAfterMs) return;
    await store.accept([pausedNotice(s, at, error)]);
    await store.pauseSubscription(id, new Date(at).toISOString());
  };

  const deliver = async (claim: Claim, ownerActs: boolean): Promise<void> => {
    const { delivery, subscription } = claim;
    try {
      if (subscription.disabledAt !== null) {
        await store.recordFailure(delivery.id, delivery.attempts, now(), 'the subscription is disabled', null);
        return;
      }
      if (!ownerActs) {
        await store.disableSubscription(subscription.id, new Date(now()).toISOString());
        await store.recordFailure(
          delivery.id,
          delivery.attempts,
          now(),
          "the subscription's owner no longer acts: its key was revoked or its account disabled",
          null,
        );
        return;
      }
      const error = await post(claim);
      const at = now();
      if (error === undefined) await store.recordSuccess(delivery.id, at);
      else if (await store.recordFailure(delivery.id, delivery.attempts, at, error, schedule(delivery.attempts, delivery.firstAttemptAt ?? at, at)))
        await pauseIfFailingLong(subscription.id, at, error);
    } catch (err) {
      log(`notifications: the outcome of delivery ${delivery.id} was not recorded; it is tried again when its lease ends`, err);
    }
  };

  const start = (claim: Claim, ownerActs: boolean): void => {
    // A send ending frees its subscription's slot too: what claimDue held back for it may go now.
    const sending = deliver(claim, ownerActs).finally(() => {
      inFlight.delete(sending);
      kick();
    });
    inFlight.add(sending);
  };

  const loop = async (): Promise<void> => {
    while (!stopped) {
      kicked = false;
      const free = concurrency - inFlight.size;
      if (free > 0) {
        try {
          const claims = await store.claimDue(now(), free, leaseMs, perSubscription);
          // Asked for the whole claim at once; if it cannot be asked, nothing is sent and the leases run out.
          const acting = claims.length === 0 ? new Set<string>() : await owners.active(claims.map((c) => c.subscription.owner.keyId));
          for (const claim of claims) start(claim, acting.has(claim.subscription.owner.keyId));
        } catch (err) {
          log('notifications: could not claim due deliveries; trying again', err);
        }
      }
      await pause();
    }
  };
  const looping = loop();

  return {
    async stop() {
      stopped = true;
      kick();
      await looping;
      await Promise.all(inFlight);
    },
    kick,
  };
}
