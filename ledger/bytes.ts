// Byte helpers shared by the verifier and the writer; no Node-only APIs.
import { bytesToHex, concatBytes, hexToBytes } from '@noble/hashes/utils.js';

export { bytesToHex, concatBytes };

const HEX_RE = /^(?:[0-9a-f]{2})*$/;

/** Hex to bytes; throws on anything that is not hex. Callers check case with isHex first. */
export function fromHex(hex: string): Uint8Array {
  return hexToBytes(hex);
}

/** Is `s` the lower-case hex of exactly `bytes` bytes? */
export function isHex(s: unknown, bytes: number): s is string {
  return typeof s === 'string' && s.length === bytes * 2 && HEX_RE.test(s);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/**
 * Strict standard base64 (with padding); undefined when malformed. Strict means canonical:
 * unused low bits must be zero, so no two strings decode to the same bytes and no character of
 * a signed note can change unnoticed.
 */
export function fromBase64(s: string): Uint8Array | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) return undefined;
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return toBase64(out) === s ? out : undefined;
}
