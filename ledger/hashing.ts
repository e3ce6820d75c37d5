// RFC 6962 / RFC 9162 section 2.1.1 hashing. SHA-256 is @noble/hashes everywhere, except that
// under Node the same function comes from OpenSSL, about six times faster for entry-sized
// inputs (bench: sha256); hashing.test.ts checks the two agree. No import of node:crypto, so
// this file still runs in the browser.
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

export const HASH_SIZE = 32;
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

type NodeCrypto = { hash(algorithm: 'sha256', data: Uint8Array, encoding: 'latin1'): string };
const nodeCrypto = (globalThis as { process?: { getBuiltinModule?(id: string): unknown } }).process?.getBuiltinModule?.('node:crypto') as
  NodeCrypto | undefined;

/** SHA-256 in pure JavaScript, as a browser runs it. */
export const sha256Portable = (data: Uint8Array): Uint8Array => nobleSha256(data);

// The digest comes back as a latin1 string (one character per byte): Node's 'buffer' output
// makes an ArrayBuffer per call, which costs twice the hashing of an entry.
export const sha256: (data: Uint8Array) => Uint8Array =
  nodeCrypto === undefined ? sha256Portable : (data) => latin1Bytes(nodeCrypto.hash('sha256', data, 'latin1'));

function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

// Hashes of hashes (all of a tree's) are prefixed in reused buffers: no allocation per node.
const leafOfHash = new Uint8Array(1 + HASH_SIZE);
const nodeOfHashes = new Uint8Array(1 + 2 * HASH_SIZE);

/** MTH({d}) = SHA-256(0x00 || d). */
export function hashLeaf(data: Uint8Array): Uint8Array {
  const buf = data.length === HASH_SIZE ? leafOfHash : new Uint8Array(1 + data.length);
  buf[0] = LEAF_PREFIX;
  buf.set(data, 1);
  return sha256(buf);
}

/** SHA-256(0x01 || left || right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  const buf = left.length === HASH_SIZE && right.length === HASH_SIZE ? nodeOfHashes : new Uint8Array(1 + left.length + right.length);
  buf[0] = NODE_PREFIX;
  buf.set(left, 1);
  buf.set(right, 1 + left.length);
  return sha256(buf);
}

/** MTH({}) = SHA-256() — the root of the empty tree. */
export const EMPTY_ROOT: Uint8Array = nobleSha256(new Uint8Array(0));
