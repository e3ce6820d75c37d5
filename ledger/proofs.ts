// Inclusion and consistency proofs (RFC 9162), assembled from the perfect-subtree hashes the
// store keeps with each entry: at most two hashes read per tree level, never a leaf's data.
import { bytesToHex } from './bytes.js';
import { LedgerInputError } from './entry.js';
import { assemble, consistencyPath, inclusionPath, type Subtree } from './merkle/proof.js';
import { perfectSubtrees } from './merkle/tree-math.js';
import type { LedgerStore } from './store/port.js';
import type { InclusionProof } from './verify/certificate.js';

export interface ConsistencyProof {
  readonly size1: number;
  readonly size2: number;
  readonly hashes: readonly string[];
}

/** The proof of entry `seq` in the tree of `treeSize` entries. */
export async function inclusionProof(store: LedgerStore, seq: number, treeSize: number): Promise<InclusionProof> {
  await checkTreeSize(store, treeSize);
  if (!Number.isSafeInteger(seq) || seq < 0 || seq >= treeSize) {
    throw new LedgerInputError('NOT_FOUND', `entry ${seq} is not in the tree of ${treeSize} entries`);
  }
  const hashes = await proofHashes(store, inclusionPath(seq, treeSize));
  return { leafIndex: seq, treeSize, hashes: hashes.map(bytesToHex) };
}

/** The proof that the tree of `size2` entries extends the tree of `size1`. */
export async function consistencyProof(store: LedgerStore, size1: number, size2: number): Promise<ConsistencyProof> {
  await checkTreeSize(store, size2);
  if (!Number.isSafeInteger(size1) || size1 < 1 || size1 > size2) {
    throw new LedgerInputError('INVALID_INPUT', `no consistency proof from size ${size1} to size ${size2}: need 1 <= size1 <= size2`);
  }
  const hashes = await proofHashes(store, consistencyPath(size1, size2));
  return { size1, size2, hashes: hashes.map(bytesToHex) };
}

async function checkTreeSize(store: LedgerStore, size: number): Promise<void> {
  const { size: current } = await store.head();
  if (!Number.isSafeInteger(size) || size < 1 || size > current) {
    throw new LedgerInputError('INVALID_INPUT', `tree size ${size} is not between 1 and the ledger's ${current} entries`);
  }
}

async function proofHashes(store: LedgerStore, path: readonly Subtree[]): Promise<Uint8Array[]> {
  return assemble(path, await store.readHashes(path.flatMap((s) => perfectSubtrees(s.begin, s.end))));
}
