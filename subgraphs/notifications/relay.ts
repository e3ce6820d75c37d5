// Moves notifications from the stores' outboxes into the notification store: accepted there (each
// id once, with its inbox items and deliveries), then marked relayed in the outbox. A crash in
// between leaves them pending, and accepting them again changes nothing: none is lost, none
// doubled. Relayed notifications are kept a while, so that the scheduler's warnings, found again
// every day of their window, are told once; then pruned.
import type { OutboxSource } from '../../outbox/port.js';
import type { NotificationStore } from './store/port.js';

export interface RelayOptions {
  readonly sources: readonly OutboxSource[];
  readonly store: NotificationStore;
  /** Told after each batch accepted: the deliverer's kick. */
  readonly onAccepted?: () => void;
  /** Run before each batch is accepted (fanned out): disableLapsedOwners. */
  readonly beforeAccept?: () => Promise<unknown>;
  readonly pollMs?: number;
  readonly batch?: number;
  /** How long relayed notifications are kept in the outboxes: longer than any warning's window. */
  readonly keepDays?: number;
  readonly now?: () => number;
  readonly log?: (message: string, err: unknown) => void;
}

export interface Relay {
  /** Relay now rather than at the next poll (a write that notified just committed). */
  kick(): void;
  /** Stops and resolves once the batch under way is done. */
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;

/** Relays one source until it has nothing pending; how many it relayed. */
export async function relayPending(
  source: OutboxSource,
  store: NotificationStore,
  batch: number,
  onAccepted?: () => void,
  beforeAccept?: () => Promise<unknown>,
): Promise<number> {
  let relayed = 0;
  for (;;) {
    const pending = await source.pending(batch);
    if (pending.length === 0) return relayed;
    await beforeAccept?.();
    await store.accept(pending);
    await source.markRelayed(pending.map((n) => n.id));
    relayed += pending.length;
    onAccepted?.();
  }
}

export function startRelay(options: RelayOptions): Relay {
  const { sources, store, onAccepted, beforeAccept, pollMs = 50, batch = 500, keepDays = 400, now = Date.now, log = (m, e) => console.error(m, e) } = options;
  let stopped = false;
  let wake: (() => void) | undefined;
  let kicked = false;
  let prunedOn = '';

  const pause = (): Promise<void> =>
    new Promise((resolve) => {
      if (kicked) return resolve();
      const timer = setTimeout(() => {
        wake = undefined;
        resolve();
      }, pollMs);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
    });

  const loop = async (): Promise<void> => {
    while (!stopped) {
      kicked = false;
      for (const source of sources) {
        try {
          await relayPending(source, store, batch, onAccepted, beforeAccept);
        } catch (err) {
          log(`notifications: relaying the ${source.name} outbox failed; trying again`, err);
        }
      }
      const today = new Date(now()).toISOString().slice(0, 10);
      if (today !== prunedOn) {
        prunedOn = today;
        const before = new Date(now() - keepDays * DAY_MS).toISOString();
        for (const source of sources) await source.prune(before).catch((err: unknown) => log(`notifications: pruning the ${source.name} outbox failed`, err));
      }
      await pause();
    }
  };
  const looping = loop();

  return {
    kick() {
      kicked = true;
      wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await looping;
    },
  };
}
