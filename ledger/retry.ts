// How a writer that lost a race to another writer on the same store tries again. It tries at
// once with the state the store reported beating it. When that loses too, it waits a random time
// (full jitter), longer each time, so that writers that keep colliding spread out; the try after
// a wait may lose to writes made meanwhile, but learns the latest state, so the next is at once.
// A few tries, then it gives up.

/** Tries of one write in all. */
export const MAX_TRIES = 10;
const BASE_MS = 10;

/** Waits before the next try after `failures` failed ones: none after an odd count; else up to 10, 20, 40, 80 ms. */
export async function beforeRetry(failures: number): Promise<void> {
  if (failures % 2 === 1) return;
  const ms = Math.random() * BASE_MS * 2 ** (failures / 2 - 1);
  await new Promise((resolve) => setTimeout(resolve, ms));
}
