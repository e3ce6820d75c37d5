// The SHA-256 of a file of any size, as the browser pages take it (the /verify page, and the web
// application's hashing worker): read as a stream, chunk by chunk, never whole in memory.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * The file's digest in lower-case hex; `read` is told the bytes hashed so far after each chunk.
 * Undefined, the reading cancelled, once `stale` says the digest is no longer wanted.
 */
export function fileDigest(file: Blob, read: (bytes: number) => void): Promise<string>;
export function fileDigest(file: Blob, read: (bytes: number) => void, stale: () => boolean): Promise<string | undefined>;
export async function fileDigest(file: Blob, read: (bytes: number) => void, stale: () => boolean = () => false): Promise<string | undefined> {
  const hash = sha256.create();
  const reader = file.stream().getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytesToHex(hash.digest());
    if (stale()) {
      await reader.cancel();
      return undefined;
    }
    hash.update(value);
    bytes += value.length;
    read(bytes);
  }
}
