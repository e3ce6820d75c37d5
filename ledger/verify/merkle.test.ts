// The rejection tables of transparency-dev/merkle proof/verify_test.go.
import { describe, expect, it } from 'vitest';

import { fromHex } from '../bytes.js';
import { hashLeaf } from '../hashing.js';
import { CONSISTENCY, INCLUSION, LEAVES, ROOTS } from '../testdata/rfc6962.js';
import { verifyConsistency, verifyInclusion } from './merkle.js';

const EMPTY_TREE = fromHex(ROOTS[0]!);
const SOME_HASH = fromHex('abacaba000000000000000000000000000000000000000000060061e00123456');
const root = (n: number) => fromHex(ROOTS[n]!);
const xor0 = (h: Uint8Array, x: number) => h.map((b, i) => (i === 0 ? b ^ x : b));

describe('verifyInclusion', () => {
  it('accepts the reference proofs', () => {
    for (const v of INCLUSION) {
      expect(verifyInclusion(hashLeaf(LEAVES[v.index]!), v.index, v.size, v.proof.map(fromHex), root(v.size))).toBe(true);
    }
  });

  it('rejects every corruption of a reference proof', () => {
    for (const v of INCLUSION) {
      const leaf = hashLeaf(LEAVES[v.index]!);
      const proof = v.proof.map(fromHex);
      const r = root(v.size);
      const bad: [number, number, Uint8Array[], Uint8Array, Uint8Array][] = [
        [v.index - 1, v.size, proof, r, leaf],
        [v.index + 1, v.size, proof, r, leaf],
        [v.index ^ 2, v.size, proof, r, leaf],
        [v.index, v.size * 2, proof, r, leaf],
        [v.index, Math.floor(v.size / 2), proof, r, leaf],
        [v.index, v.size, proof, r, hashLeaf(new TextEncoder().encode('WrongLeaf'))],
        [v.index, v.size, proof, EMPTY_TREE, leaf],
        [v.index, v.size, proof, SOME_HASH, leaf],
        [v.index, v.size, [...proof, new Uint8Array()], r, leaf],
        [v.index, v.size, [...proof, r], r, leaf],
        [v.index, v.size, [new Uint8Array(), ...proof], r, leaf],
        [v.index, v.size, [r, ...proof], r, leaf],
        ...proof.map((_, i): [number, number, Uint8Array[], Uint8Array, Uint8Array] => [
          v.index,
          v.size,
          proof.map((h, j) => (j === i ? xor0(h, 8) : h)),
          r,
          leaf,
        ]),
      ];
      if (proof.length > 0) {
        bad.push([v.index, v.size, proof.slice(0, -1), r, leaf]);
        bad.push([v.index, v.size, [proof[0]!, SOME_HASH, ...proof.slice(1)], r, leaf]);
      }
      for (const [index, size, p, rt, l] of bad) expect(verifyInclusion(l, index, size, p, rt)).toBe(false);
    }
  });

  it('rejects malformed input rather than throwing', () => {
    const leaf = hashLeaf(new TextEncoder().encode('data'));
    expect(verifyInclusion(leaf, 0, 1, [], leaf)).toBe(true);
    expect(verifyInclusion(leaf, 0, 1, [], new Uint8Array())).toBe(false);
    expect(verifyInclusion(new Uint8Array(), 0, 1, [], leaf)).toBe(false);
    expect(verifyInclusion(new Uint8Array(31), 0, 1, [], new Uint8Array(31))).toBe(false);
    for (const [index, size] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [2, 1],
    ] as const) {
      expect(verifyInclusion(SOME_HASH, index, size, [], new Uint8Array())).toBe(false);
      expect(verifyInclusion(new Uint8Array(), index, size, [], EMPTY_TREE)).toBe(false);
      expect(verifyInclusion(SOME_HASH, index, size, [], EMPTY_TREE)).toBe(false);
    }
    expect(verifyInclusion(leaf, -1, 2, [leaf], leaf)).toBe(false);
    expect(verifyInclusion(leaf, 0.5, 2, [leaf], leaf)).toBe(false);
    expect(verifyInclusion(leaf, 0, 2, [leaf.subarray(1)], leaf)).toBe(false);
    expect(verifyInclusion(leaf, 0, 2, null as unknown as Uint8Array[], leaf)).toBe(false);
  });
});

describe('verifyConsistency', () => {
  it('accepts the reference proofs', () => {
    for (const v of CONSISTENCY) expect(verifyConsistency(v.size1, v.size2, root(v.size1), root(v.size2), v.proof.map(fromHex))).toBe(true);
  });

  it('rejects every corruption of a reference proof', () => {
    for (const v of CONSISTENCY.filter((c) => c.size1 < c.size2)) {
      const proof = v.proof.map(fromHex);
      const [r1, r2] = [root(v.size1), root(v.size2)];
      const wrong = hashLeaf(new TextEncoder().encode('WrongRoot'));
      const bad: [number, number, Uint8Array, Uint8Array, Uint8Array[]][] = [
        [v.size1 - 1, v.size2, r1, r2, proof],
        [v.size1 + 1, v.size2, r1, r2, proof],
        [v.size1 ^ 2, v.size2, r1, r2, proof],
        [v.size1, v.size2 * 2, r1, r2, proof],
        [v.size1, Math.floor(v.size2 / 2), r1, r2, proof],
        [v.size1, v.size2, wrong, r2, proof],
        [v.size1, v.size2, r1, wrong, proof],
        [v.size1, v.size2, r2, r1, proof],
        [v.size1, v.size2, r1, r2, []],
        [v.size1, v.size2, r1, r2, [...proof, new Uint8Array()]],
        [v.size1, v.size2, r1, r2, [...proof, r1]],
        [v.size1, v.size2, r1, r2, [...proof, r2]],
        [v.size1, v.size2, r1, r2, [new Uint8Array(), ...proof]],
        [v.size1, v.size2, r1, r2, [r1, ...proof]],
        [v.size1, v.size2, r1, r2, [r2, ...proof]],
        [v.size1, v.size2, r1, r2, [proof[0]!, ...proof]],
        [v.size1, v.size2, r1, r2, proof.slice(0, -1)],
        ...proof.map((_, i): [number, number, Uint8Array, Uint8Array, Uint8Array[]] => [
          v.size1,
          v.size2,
          r1,
          r2,
          proof.map((h, j) => (j === i ? xor0(h, 16) : h)),
        ]),
      ];
      for (const [s1, s2, a, b, p] of bad) expect(verifyConsistency(s1, s2, a, b, p)).toBe(false);
    }
  });

  it('rejects malformed and meaningless input', () => {
    const [r1, r2] = [root(1), root(2)];
    expect(verifyConsistency(1, 1, r2, r2, [])).toBe(true);
    expect(verifyConsistency(1, 1, r1, r2, [])).toBe(false);
    expect(verifyConsistency(1, 0, r1, r2, [])).toBe(false);
    expect(verifyConsistency(2, 1, r1, r2, [])).toBe(false);
    expect(verifyConsistency(1, 2, r1, r2, [])).toBe(false);
    expect(verifyConsistency(1, 1, EMPTY_TREE, EMPTY_TREE, [EMPTY_TREE])).toBe(false);
    // A consistency proof from the empty tree says nothing: refused, as the issue asks.
    expect(verifyConsistency(0, 0, EMPTY_TREE, EMPTY_TREE, [])).toBe(false);
    expect(verifyConsistency(0, 1, EMPTY_TREE, r1, [])).toBe(false);
    expect(verifyConsistency(1, 2, r1.subarray(1), r2, [fromHex(ROOTS[1]!)])).toBe(false);
    expect(verifyConsistency(1, 2, r1, r2, 'nope' as unknown as Uint8Array[])).toBe(false);
  });
});
