import { describe, expect, it } from 'vitest';

import { concatBytes } from '../bytes.js';
import { sha256 } from '../hashing.js';
import { appendLeafHash } from '../merkle/compact-range.js';
import { MerkleTree } from '../merkle/tree.js';
import { completedBy, nodeHash } from './layout.js';

describe("the stores' tree layout", () => {
  it('names the entry whose append completed each perfect subtree (FORMAT.md: 2^l leaves from i·2^l, entry (i+1)·2^l − 1, position l)', () => {
    expect(completedBy({ level: 0, index: 5 })).toEqual({ seq: 5, position: 0 });
    expect(completedBy({ level: 1, index: 2 })).toEqual({ seq: 5, position: 1 });
    expect(completedBy({ level: 3, index: 1 })).toEqual({ seq: 15, position: 3 });

    // Every node of a 64-leaf tree, found in the tree hashes the appends stored.
    const leaves = Array.from({ length: 64 }, (_, i) => sha256(new Uint8Array([i])));
    const frontier: Uint8Array[] = [];
    const stored = leaves.map((leaf, seq) => concatBytes(...appendLeafHash(frontier, seq, leaf)));
    for (let level = 0; level <= 6; level++) {
      for (let index = 0; index < 64 / 2 ** level; index++) {
        const node = { level, index };
        const tree = new MerkleTree();
        leaves.slice(index * 2 ** level, (index + 1) * 2 ** level).forEach((l) => tree.appendLeafHash(l));
        expect(nodeHash(node, stored[completedBy(node).seq]), `node ${level}/${index}`).toEqual(tree.root());
      }
    }
  });

  it('refuses tree hashes that do not hold the node', () => {
    expect(() => nodeHash({ level: 1, index: 0 }, new Uint8Array(32))).toThrow(RangeError);
    expect(() => nodeHash({ level: 0, index: 0 }, undefined)).toThrow(RangeError);
  });
});
