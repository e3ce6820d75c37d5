// A Merkle tree that keeps every perfect-subtree hash, so proofs read O(log n) stored hashes
// and never the leaves.
import { hashLeaf } from '../hashing.js';
import { appendLeafHash, frontierRoot } from './compact-range.js';
import { assemble, consistencyPath, hashIndexesFor, inclusionPath } from './proof.js';
import { perfectSubtrees, storedHashCount, storedHashIndex } from './tree-math.js';

/** Where a synchronous tree keeps its hashes, addressed by storedHashIndex. */
export interface HashStore {
  readHashes(indexes: readonly number[]): Uint8Array[];
  /** Appends hashes at `start`, which is always the number already stored. */
  writeHashes(start: number, hashes: readonly Uint8Array[]): void;
}

export class MemoryHashStore implements HashStore {
  readonly #hashes: Uint8Array[] = [];

  readHashes(indexes: readonly number[]): Uint8Array[] {
    return indexes.map((i) => {
      const h = this.#hashes[i];
      if (h === undefined) throw new RangeError(`no stored hash at ${i}`);
      return h;
    });
  }

  writeHashes(start: number, hashes: readonly Uint8Array[]): void {
    if (start !== this.#hashes.length) throw new RangeError(`write at ${start}, expected ${this.#hashes.length}`);
    this.#hashes.push(...hashes);
  }
}

export class MerkleTree {
  readonly #store: HashStore;
  readonly #frontier: Uint8Array[];
  #size: number;

  /** A tree over `store`, which already holds the hashes of `size` leaves. */
  constructor(store: HashStore = new MemoryHashStore(), size = 0) {
    this.#store = store;
    this.#size = size;
    this.#frontier = this.#read(perfectSubtrees(0, size).map((id) => storedHashIndex(id.level, id.index)));
  }

  get size(): number {
    return this.#size;
  }

  /** Appends a leaf (its data, hashed here with hashLeaf) and returns its index. */
  append(leafData: Uint8Array): number {
    return this.appendLeafHash(hashLeaf(leafData));
  }

  appendLeafHash(leafHash: Uint8Array): number {
    const index = this.#size;
    const completed = appendLeafHash(this.#frontier, index, leafHash);
    this.#store.writeHashes(storedHashCount(index), completed);
    this.#size++;
    return index;
  }

  root(size = this.#size): Uint8Array {
    this.#checkSize(size);
    if (size === this.#size) return frontierRoot(this.#frontier);
    return frontierRoot(this.#read(perfectSubtrees(0, size).map((id) => storedHashIndex(id.level, id.index))));
  }

  inclusionProof(index: number, size = this.#size): Uint8Array[] {
    this.#checkSize(size);
    const path = inclusionPath(index, size);
    return assemble(path, this.#read(hashIndexesFor(path)));
  }

  consistencyProof(size1: number, size2 = this.#size): Uint8Array[] {
    this.#checkSize(size2);
    const path = consistencyPath(size1, size2);
    return assemble(path, this.#read(hashIndexesFor(path)));
  }

  #read(indexes: readonly number[]): Uint8Array[] {
    return indexes.length === 0 ? [] : this.#store.readHashes(indexes);
  }

  #checkSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.#size) {
      throw new RangeError(`tree size ${size} is not between 0 and ${this.#size}`);
    }
  }
}
