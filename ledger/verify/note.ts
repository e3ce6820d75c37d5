// C2SP signed-note verification (golang.org/x/mod/sumdb/note semantics), Ed25519 keys only.
import { ed25519 } from '@noble/curves/ed25519.js';

import { fromBase64 } from '../bytes.js';
import { sha256 } from '../hashing.js';

export const ALG_ED25519 = 0x01;
/** C2SP tlog-cosignature: a witness's timestamped Ed25519 cosignature of a checkpoint. */
export const ALG_COSIGNATURE_V1 = 0x04;
const SIG_PREFIX = '\u2014 '; // em dash, space
const MAX_SIGNATURES = 100;
const encoder = new TextEncoder();

/** A parsed `name+hash+base64(0x01||pubkey)` verifier key. */
export interface VerifierKey {
  readonly name: string;
  /** ALG_ED25519 (a log's note signature) or ALG_COSIGNATURE_V1 (a witness's cosignature). */
  readonly alg: number;
  readonly keyId: number;
  readonly publicKey: Uint8Array;
}

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature bytes after the 4-byte key ID. */
  readonly signature: Uint8Array;
}

export interface ParsedNote {
  /** The signed text, ending in a newline. */
  readonly text: string;
  readonly signatures: NoteSignature[];
}

/** Key names are non-empty and contain no '+' and no white space. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !name.includes('+') && !/[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u.test(name);
}

/** Note text is UTF-8 with no control characters but newline. */
export function isValidNoteText(text: string): boolean {
  // Lone surrogates cannot be encoded as UTF-8.
  return !/[\u0000-\u0009\u000b-\u001f]/.test(text) && !/\p{Surrogate}/u.test(text);
}

/** The 4-byte key ID: the first bytes of SHA-256(name || "\n" || alg || key), big-endian. */
export function keyId(name: string, algAndKey: Uint8Array): number {
  const nameBytes = encoder.encode(name);
  const buf = new Uint8Array(nameBytes.length + 1 + algAndKey.length);
  buf.set(nameBytes, 0);
  buf[nameBytes.length] = 0x0a;
  buf.set(algAndKey, nameBytes.length + 1);
  const h = sha256(buf);
  return ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
}

export function keyIdHex(id: number): string {
  return id.toString(16).padStart(8, '0');
}

/** Parses a verifier key string; undefined when malformed or its key ID does not match. */
export function parseVerifierKey(vkey: string): VerifierKey | undefined {
  // Split at the first two '+' only: base64 may itself hold '+'.
  const m = /^([^+]*)\+([^+]*)\+(.*)$/s.exec(vkey);
  if (m === null) return undefined;
  const [, name, idHex, b64] = m as unknown as [string, string, string, string];
  if (!isValidKeyName(name) || !/^[0-9a-fA-F]{8}$/.test(idHex)) return undefined;
  const key = fromBase64(b64);
  if (key === undefined || key.length !== 33 || (key[0] !== ALG_ED25519 && key[0] !== ALG_COSIGNATURE_V1)) return undefined;
  const id = keyId(name, key);
  if (id !== parseInt(idHex, 16)) return undefined;
  return { name, alg: key[0], keyId: id, publicKey: key.slice(1) };
}

/** Splits a signed note into its text and signature lines; undefined when malformed. */
export function parseNote(note: string): ParsedNote | undefined {
  if (!isValidNoteText(note)) return undefined;
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return undefined;
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) return undefined;
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) return undefined;
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    if (!line.startsWith(SIG_PREFIX)) return undefined;
    const rest = line.slice(SIG_PREFIX.length);
    const space = rest.indexOf(' ');
    if (space < 0) return undefined;
    const name = rest.slice(0, space);
    const sig = fromBase64(rest.slice(space + 1));
    if (!isValidKeyName(name) || sig === undefined || sig.length < 5) return undefined;
    const id = ((sig[0]! << 24) | (sig[1]! << 16) | (sig[2]! << 8) | sig[3]!) >>> 0;
    signatures.push({ name, keyId: id, signature: sig.slice(4) });
  }
  return { text, signatures };
}

/** Does `sig` (made by `key`) sign `text`? */
export function verifySignature(key: VerifierKey, text: string, sig: NoteSignature): boolean {
  if (sig.name !== key.name || sig.keyId !== key.keyId) return false;
  let message = text;
  let signature = sig.signature;
  if (key.alg === ALG_COSIGNATURE_V1) {
    const timestamp = cosignatureTime(sig);
    if (timestamp === undefined) return false;
    message = cosignedMessage(text, timestamp);
    signature = sig.signature.subarray(8);
  }
  if (signature.length !== 64) return false;
  try {
    return ed25519.verify(signature, encoder.encode(message), key.publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** What a witness signs (C2SP tlog-cosignature): a header, the time, then the checkpoint. */
export function cosignedMessage(checkpointText: string, timestamp: number): string {
  return `cosignature/v1\ntime ${timestamp}\n${checkpointText}`;
}

/** The Unix time (seconds) a cosignature carries in its first 8 bytes, if it is one. */
export function cosignatureTime(sig: NoteSignature): number | undefined {
  if (sig.signature.length !== 72) return undefined;
  const t = new DataView(sig.signature.buffer, sig.signature.byteOffset, 8).getBigUint64(0);
  return t <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(t) : undefined;
}

/**
 * The names of the given keys that validly signed the note. Like Go's note.Open, a note that
 * carries a bad signature from a known key is rejected whole (undefined).
 */
export function openNote(note: string, keys: readonly VerifierKey[]): { text: string; signedBy: VerifierKey[] } | undefined {
  const parsed = parseNote(note);
  if (parsed === undefined) return undefined;
  const signedBy: VerifierKey[] = [];
  for (const sig of parsed.signatures) {
    const key = keys.find((k) => k.name === sig.name && k.keyId === sig.keyId);
    if (key === undefined) continue;
    if (!verifySignature(key, parsed.text, sig)) return undefined;
    if (!signedBy.includes(key)) signedBy.push(key);
  }
  return { text: parsed.text, signedBy };
}

/** True when the note is well formed and validly signed by the key `vkey`. */
export function verifyNote(note: string, vkey: string): boolean {
  const key = parseVerifierKey(vkey);
  if (key === undefined) return false;
  const opened = openNote(note, [key]);
  return opened !== undefined && opened.signedBy.length > 0;
}
