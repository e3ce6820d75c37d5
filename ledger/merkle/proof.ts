// Which subtree hashes make up RFC 9162 proofs (sections 2.1.3.1 and 2.1.4.1), and how to
// assemble them from stored perfect-subtree hashes. Planning is pure so that a synchronous
// in-memory tree and an asynchronous store share it and read every hash in one batch.
import { hashChildren } from '../hashing.js';
import { largestPowerOfTwoBelow, perfectSubtrees, storedHashIndex } from './tree-math.js';

/** The leaves [begin, end) of one element of a proof: the element is MTH(D[begin:end]). */
export interface Subtree {
  readonly begin: number;
  readonly end: number;
}

/** PATH(m, D[n]), leaf to root. Requires 0 <= m < n. */
export function inclusionPath(m: number, n: number): Subtree[] {
  if (!(Number.isSafeInteger(m) && Number.isSafeInteger(n) && m >= 0 && m < n)) {
    throw new RangeError(`no inclusion proof for leaf ${m} in a tree of size ${n}`);
  }
  const path: Subtree[] = [];
  let begin = 0;
  let end = n;
  while (end - begin > 1) {
    const k = largestPowerOfTwoBelow(end - begin);
    if (m < begin + k) {
      path.push({ begin: begin + k, end });
      end = begin + k;
    } else {
      path.push({ begin, end: begin + k });
      begin += k;
    }
  }
  return path.reverse();
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true), oldest subtree first. Requires 0 < m <= n. */
export function consistencyPath(m: number, n: number): Subtree[] {
  if (!(Number.isSafeInteger(m) && Number.isSafeInteger(n) && m > 0 && m <= n)) {
    throw new RangeError(`no consistency proof from size ${m} to size ${n}`);
  }
  const path: Subtree[] = [];
  let begin = 0;
  let end = n;
  let whole = true;
  while (m !== end) {
    const k = largestPowerOfTwoBelow(end - begin);
    if (m - begin <= k) {
      path.push({ begin: begin + k, end });
      end = begin + k;
    } else {
      path.push({ begin, end: begin + k });
      begin += k;
      whole = false;
    }
  }
  if (!whole) path.push({ begin, end });
  return path.reverse();
}

/** The stored-hash indexes a path needs, in the order assemble() consumes them. */
export function hashIndexesFor(path: readonly Subtree[]): number[] {
  return path.flatMap((s) => perfectSubtrees(s.begin, s.end).map((id) => storedHashIndex(id.level, id.index)));
}

/** Folds the hashes read for hashIndexesFor(path) into the proof's elements. */
export function assemble(path: readonly Subtree[], hashes: readonly Uint8Array[]): Uint8Array[] {
  let next = 0;
  return path.map((s) => {
    const parts = hashes.slice(next, (next += perfectSubtrees(s.begin, s.end).length));
    return foldRight(parts);
  });
}

/** MTH of consecutive perfect subtrees: hash(p0, hash(p1, ... pk)). */
export function foldRight(parts: readonly Uint8Array[]): Uint8Array {
  let h = parts[parts.length - 1];
  if (h === undefined) throw new RangeError('no subtrees to fold');
  for (let i = parts.length - 2; i >= 0; i--) h = hashChildren(parts[i]!, h);
  return h;
}
