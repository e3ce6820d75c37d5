// The right frontier of an append-only tree: the hashes of perfectSubtrees(0, size). Appending
// a leaf completes one perfect subtree per trailing 1 bit of the old size.
import { EMPTY_ROOT, hashChildren } from '../hashing.js';
import { foldRight } from './proof.js';
import { bit } from './tree-math.js';

/**
 * Appends leafHash as leaf `size` to `frontier` (mutated) and returns the hashes it completes,
 * leaf first: exactly the hashes to store at storedHashIndex(0, size) onwards.
 */
export function appendLeafHash(frontier: Uint8Array[], size: number, leafHash: Uint8Array): Uint8Array[] {
  const completed = [leafHash];
  let h = leafHash;
  for (let level = 0; bit(size, level) === 1; level++) {
    const left = frontier.pop();
    if (left === undefined) throw new RangeError(`frontier too short for size ${size}`);
    h = hashChildren(left, h);
    completed.push(h);
  }
  frontier.push(h);
  return completed;
}

/** MTH of the whole tree from its frontier. */
export function frontierRoot(frontier: readonly Uint8Array[]): Uint8Array {
  return frontier.length === 0 ? EMPTY_ROOT : foldRight(frontier);
}
