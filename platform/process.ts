// How every process entry point (apps/) ends: on SIGTERM or SIGINT, once, closing what it opened.
import { constants } from 'node:os';

/**
 * `close` (of what a process opened) made to run once, whoever asks first: the process when it is
 * done, or the first SIGTERM or SIGINT, after which the process exits with `exitCode(signal)` (0
 * unless given), or 1 if closing failed. The same signal again ends the process at once.
 */
export function closeOnSignals(close: () => Promise<void>, exitCode: (signal: NodeJS.Signals) => number = () => 0): () => Promise<void> {
  let closing: Promise<void> | undefined;
  const once = (): Promise<void> => (closing ??= close());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      once().then(
        () => process.exit(exitCode(signal)),
        (err: unknown) => {
          console.error(err);
          process.exit(1);
        },
      );
    });
  }
  return once;
}

/** A command cut short by a signal exits 128 + its number, as a shell reports it. */
export const interrupted = (signal: NodeJS.Signals): number => 128 + constants.signals[signal];
