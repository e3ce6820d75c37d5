// Index arithmetic for RFC 9162 trees. Sizes and indexes are JS integers (< 2^53), so
// no bitwise operators (they truncate to 32 bits).

/** Largest power of two strictly less than n (n >= 2): RFC 9162's k. */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Bit `level` of n. */
export function bit(n: number, level: number): number {
  return Math.floor(n / 2 ** level) % 2;
}

/** A perfect subtree: the 2^level leaves starting at index * 2^level. */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/**
 * Position of a perfect subtree's hash in the append-only sequence of stored hashes
 * (golang.org/x/mod/sumdb/tlog StoredHashIndex): hashes are stored in the order
 * appends complete them, so the store only ever appends.
 */
export function storedHashIndex(level: number, index: number): number {
  let n = index;
  for (let l = level; l > 0; l--) n = 2 * n + 1;
  let i = 0;
  for (; n > 0; n = Math.floor(n / 2)) i += n;
  return i + level;
}

/** Number of stored hashes in a tree of n leaves (tlog StoredHashCount). */
export function storedHashCount(n: number): number {
  if (n === 0) return 0;
  // The hashes for leaf n-1 end with its level-0 hash plus one per trailing 1 bit.
  let count = storedHashIndex(0, n - 1) + 1;
  for (let i = n - 1; i % 2 === 1; i = Math.floor(i / 2)) count++;
  return count;
}

/**
 * The maximal perfect subtrees covering leaves [begin, end), left to right, where begin is a
 * multiple of a power of two >= end - begin (true of every subtree RFC 9162 names). Their
 * hashes, folded right to left, give MTH(D[begin:end]).
 */
export function perfectSubtrees(begin: number, end: number): NodeId[] {
  const out: NodeId[] = [];
  let start = begin;
  let remaining = end - begin;
  let level = 0;
  while (2 ** (level + 1) <= remaining) level++;
  for (; remaining > 0; level--) {
    const width = 2 ** level;
    if (width <= remaining) {
      out.push({ level, index: start / width });
      start += width;
      remaining -= width;
    }
  }
  return out;
}
