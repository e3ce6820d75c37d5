// How the deliverer's sends are shared: a round takes one from each queue in turn, so a
// subscription with a long backlog (an endpoint that never answers) waits its turn like the rest.

/** Up to `limit` items, the first of each queue, then the second of each, and so on. */
export function roundRobin<T>(queues: readonly (readonly T[])[], limit: number): T[] {
  const taken: T[] = [];
  for (let round = 0; taken.length < limit; round++) {
    const before = taken.length;
    for (const queue of queues) {
      if (round < queue.length) taken.push(queue[round]!);
      if (taken.length === limit) break;
    }
    if (taken.length === before) break;
  }
  return taken;
}
