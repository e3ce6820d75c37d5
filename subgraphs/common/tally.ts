// Counting values, as the stores' counters add a batch: one increment per distinct value.

/** How many times each value occurs, in first-seen order; nulls are not counted. */
export function tally(values: Iterable<string | null>): Map<string, number> {
  const n = new Map<string, number>();
  for (const value of values) if (value !== null) n.set(value, (n.get(value) ?? 0) + 1);
  return n;
}
