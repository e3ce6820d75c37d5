import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { bytesToHex } from '../bytes.js';
import { hashLeaf } from '../hashing.js';
import { CONSISTENCY, INCLUSION, LEAVES, ROOTS } from '../testdata/rfc6962.js';
import { verifyConsistency, verifyInclusion } from '../verify/merkle.js';
import { consistencyPath, hashIndexesFor, inclusionPath } from './proof.js';
import { MemoryHashStore, MerkleTree } from './tree.js';
import { storedHashCount, storedHashIndex } from './tree-math.js';

const hex = (hs: Uint8Array[]) => hs.map(bytesToHex);

function referenceTree(): MerkleTree {
  const tree = new MerkleTree();
  LEAVES.forEach((leaf) => tree.append(leaf));
  return tree;
}

describe('MerkleTree against the RFC 6962 reference tree', () => {
  it('gives the reference root at every size', () => {
    const tree = new MerkleTree();
    expect(bytesToHex(tree.root())).toBe(ROOTS[0]);
    LEAVES.forEach((leaf, i) => {
      expect(tree.append(leaf)).toBe(i);
      expect(tree.size).toBe(i + 1);
      expect(bytesToHex(tree.root())).toBe(ROOTS[i + 1]);
    });
    for (let n = 0; n <= 8; n++) expect(bytesToHex(tree.root(n))).toBe(ROOTS[n]);
  });

  it('gives the reference inclusion proofs', () => {
    const tree = referenceTree();
    for (const v of INCLUSION) expect(hex(tree.inclusionProof(v.index, v.size))).toEqual(v.proof);
  });

  it('gives the reference consistency proofs', () => {
    const tree = referenceTree();
    for (const v of CONSISTENCY) expect(hex(tree.consistencyProof(v.size1, v.size2))).toEqual(v.proof);
  });

  it('refuses proofs for leaves or sizes the tree does not have', () => {
    const tree = referenceTree();
    expect(() => tree.inclusionProof(8)).toThrow(RangeError);
    expect(() => tree.inclusionProof(0, 9)).toThrow(RangeError);
    expect(() => tree.inclusionProof(-1)).toThrow(RangeError);
    expect(() => tree.consistencyProof(0)).toThrow(RangeError);
    expect(() => tree.consistencyProof(5, 4)).toThrow(RangeError);
    expect(() => tree.root(9)).toThrow(RangeError);
  });

  it('reopens over its store at a known size', () => {
    const store = new MemoryHashStore();
    const tree = new MerkleTree(store);
    LEAVES.slice(0, 5).forEach((l) => tree.append(l));
    const reopened = new MerkleTree(store, 5);
    LEAVES.slice(5).forEach((l) => reopened.append(l));
    expect(bytesToHex(reopened.root())).toBe(ROOTS[8]);
  });
});

describe('proof plans read O(log n) stored hashes, never leaves', () => {
  it('reads at most 2·log2(n) hashes for any proof in a tree of a million leaves', () => {
    const n = 1_000_003;
    for (const m of [0, 1, 500_000, 999_999, 1_000_002]) {
      expect(hashIndexesFor(inclusionPath(m, n)).length).toBeLessThanOrEqual(2 * 20);
    }
    for (const m of [1, 7, 524_288, 999_999]) {
      expect(hashIndexesFor(consistencyPath(m, n)).length).toBeLessThanOrEqual(2 * 20);
    }
  });

  it('numbers stored hashes in the order appends complete them (sumdb StoredHashIndex)', () => {
    // Leaf 3 completes (0,3), (1,1), (2,0): indexes 4, 5, 6.
    expect([storedHashIndex(0, 3), storedHashIndex(1, 1), storedHashIndex(2, 0)]).toEqual([4, 5, 6]);
    expect([0, 1, 2, 3, 4, 8].map(storedHashCount)).toEqual([0, 1, 3, 4, 7, 15]);
  });
});

describe('properties over random trees', () => {
  const leafOf = (i: number) => new TextEncoder().encode(`leaf ${i}`);
  const build = (n: number) => {
    const tree = new MerkleTree();
    for (let i = 0; i < n; i++) tree.append(leafOf(i));
    return tree;
  };
  const flip = (proof: Uint8Array[], i: number, bit: number) =>
    proof.map((h, j) => (j === i ? h.map((b, k) => (k === bit >> 3 ? b ^ (1 << (bit & 7)) : b)) : h));

  it('every inclusion proof verifies; a flipped bit or another index does not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat(255), fc.nat(), (n, pick, bit, pickHash) => {
        const tree = build(n);
        const size = 1 + (pick % n);
        const root = tree.root(size);
        for (let m = 0; m < size; m++) {
          const proof = tree.inclusionProof(m, size);
          const leaf = hashLeaf(leafOf(m));
          expect(verifyInclusion(leaf, m, size, proof, root)).toBe(true);
          if (size > 1) expect(verifyInclusion(leaf, (m + 1) % size, size, proof, root)).toBe(false);
          if (proof.length > 0) expect(verifyInclusion(leaf, m, size, flip(proof, pickHash % proof.length, bit), root)).toBe(false);
          expect(verifyInclusion(leaf, m, size, proof, flip([root], 0, bit)[0]!)).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('every consistency proof verifies; a flipped bit or another size does not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(255), fc.nat(), (n, bit, pickHash) => {
        const tree = build(n);
        for (let m = 1; m <= n; m++) {
          const proof = tree.consistencyProof(m, n);
          const [r1, r2] = [tree.root(m), tree.root(n)];
          expect(verifyConsistency(m, n, r1, r2, proof)).toBe(true);
          if (proof.length > 0) {
            expect(verifyConsistency(m, n, r1, r2, flip(proof, pickHash % proof.length, bit))).toBe(false);
            if (m > 1) expect(verifyConsistency(m - 1, n, tree.root(m - 1), r2, proof)).toBe(false);
          }
          expect(verifyConsistency(m, n, flip([r1], 0, bit)[0]!, r2, proof)).toBe(false);
        }
      }),
      { numRuns: 40 },
    );
  });
});
