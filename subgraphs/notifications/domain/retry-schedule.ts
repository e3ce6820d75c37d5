// When a webhook that failed is tried again: 5 s after the first failure, doubling each time up to
// an hour between tries, each wait spread by ±20 % so that the deliveries a receiver's outage
// failed together do not all come back at once. A delivery whose next try would fall more than
// 24 hours after its first is given up (FAILED: staff see it and may send it again).

const FIRST_WAIT_MS = 5_000;
const LONGEST_WAIT_MS = 3_600_000;
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;
const JITTER = 0.2;

/** The nominal wait after the `attempt`th try failed (1 for the first), before jitter. */
export function waitAfter(attempt: number): number {
  // 2 ** (attempt - 1) stays finite for any attempt a delivery reaches; the cap keeps it an hour.
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.min(attempt - 1, 30));
}

/**
 * When to try again after the `attempt`th try, made at `failedAt`, failed; null to give up.
 * `firstAttemptAt` is when the first try was made; `random` is in [0, 1).
 */
export function nextAttemptAt(attempt: number, firstAttemptAt: number, failedAt: number, random: () => number = Math.random): number | null {
  const next = failedAt + Math.round(waitAfter(attempt) * (1 - JITTER + 2 * JITTER * random()));
  return next - firstAttemptAt > GIVE_UP_AFTER_MS ? null : next;
}

/** The schedule a deliverer follows: nextAttemptAt, or another for a test. */
export type RetrySchedule = (attempt: number, firstAttemptAt: number, failedAt: number) => number | null;
