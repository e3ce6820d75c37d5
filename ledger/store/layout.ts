// Where the stores keep the tree: each entry's row holds the hashes of the perfect subtrees its
// append completed (StoredEntry.treeHashes), leaf first, so any node is read from one row.
import { HASH_SIZE } from '../hashing.js';
import type { NodeId } from '../merkle/tree-math.js';

/** The entry whose append completed a perfect subtree, and the subtree's position in that entry's tree hashes. */
export function completedBy(node: NodeId): { seq: number; position: number } {
  return { seq: (node.index + 1) * 2 ** node.level - 1, position: node.level };
}

/** The node's hash, a copy, out of the tree hashes of the entry completedBy names; throws when they do not hold it. */
export function nodeHash(node: NodeId, treeHashes: Uint8Array | undefined): Uint8Array {
  const at = completedBy(node).position * HASH_SIZE;
  if (treeHashes === undefined || treeHashes.length < at + HASH_SIZE) throw new RangeError(`no stored hash for node ${node.level}/${node.index}`);
  return new Uint8Array(treeHashes.subarray(at, at + HASH_SIZE));
}
