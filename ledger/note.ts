// C2SP signed-note signing with Ed25519 (golang.org/x/mod/sumdb/note key formats).
import { ed25519 } from '@noble/curves/ed25519.js';

import { fromBase64, toBase64 } from './bytes.js';
import { ALG_COSIGNATURE_V1, ALG_ED25519, cosignedMessage, isValidKeyName, isValidNoteText, keyId, keyIdHex, parseNote } from './verify/note.js';

export interface Signer {
  readonly name: string;
  /** ALG_ED25519 for a log's note signatures, ALG_COSIGNATURE_V1 for a witness's cosignatures. */
  readonly alg: number;
  readonly keyId: number;
  readonly publicKey: Uint8Array;
  /** Signs a message with the Ed25519 private key. */
  sign(message: Uint8Array): Uint8Array;
}

export class NoteError extends Error {
  override readonly name = 'NoteError';
}

/** A signer for `name` from a 32-byte Ed25519 seed (a witness's cosigner with ALG_COSIGNATURE_V1). */
export function signerFromSeed(name: string, seed: Uint8Array, alg: number = ALG_ED25519): Signer {
  if (!isValidKeyName(name)) throw new NoteError(`invalid key name ${JSON.stringify(name)}: no '+', no spaces, not empty`);
  if (!(seed instanceof Uint8Array) || seed.length !== 32) throw new NoteError('an Ed25519 seed is 32 bytes');
  if (alg !== ALG_ED25519 && alg !== ALG_COSIGNATURE_V1) throw new NoteError(`unknown signature type ${alg}`);
  const secret = seed.slice();
  const publicKey = ed25519.getPublicKey(secret);
  return {
    name,
    alg,
    keyId: keyId(name, withAlg(publicKey, alg)),
    publicKey,
    sign: (message) => ed25519.sign(message, secret),
  };
}

/**
 * Adds a witness's C2SP tlog-cosignature to a signed checkpoint note: Ed25519 over
 * `cosignature/v1\ntime <t>\n<checkpoint>`, the signature line carrying the time.
 */
export function cosignNote(note: string, cosigner: Signer, timestamp = Math.floor(Date.now() / 1000)): string {
  const parsed = parseNote(note);
  if (parsed === undefined) throw new NoteError('only a signed note can be cosigned');
  if (cosigner.alg !== ALG_COSIGNATURE_V1) throw new NoteError('a cosigner key has signature type 0x04');
  const sig = cosigner.sign(new TextEncoder().encode(cosignedMessage(parsed.text, timestamp)));
  const tagged = new Uint8Array(4 + 8 + sig.length);
  const view = new DataView(tagged.buffer);
  view.setUint32(0, cosigner.keyId);
  view.setBigUint64(4, BigInt(timestamp));
  tagged.set(sig, 12);
  return `${note}\u2014 ${cosigner.name} ${toBase64(tagged)}\n`;
}

export function generateSigner(name: string): Signer {
  return signerFromSeed(name, ed25519.utils.randomSecretKey());
}

/** The C2SP verifier key: name+hex(keyID)+base64(0x01||pubkey). */
export function verifierKey(signer: Pick<Signer, 'name' | 'alg' | 'keyId' | 'publicKey'>): string {
  return `${signer.name}+${keyIdHex(signer.keyId)}+${toBase64(withAlg(signer.publicKey, signer.alg))}`;
}

/** The Go note private key string: PRIVATE+KEY+name+hex(keyID)+base64(0x01||seed). */
export function signerKey(name: string, seed: Uint8Array): string {
  const signer = signerFromSeed(name, seed);
  return `PRIVATE+KEY+${name}+${keyIdHex(signer.keyId)}+${toBase64(withAlg(seed))}`;
}

/** Parses a PRIVATE+KEY+... string back into a signer. */
export function signerFromKey(skey: string): Signer {
  // Split at the first four '+' only: base64 may itself hold '+'.
  const m = /^PRIVATE\+KEY\+([^+]*)\+([^+]*)\+(.*)$/s.exec(skey);
  const data = m === null ? undefined : fromBase64(m[3]!);
  if (m === null || data === undefined || data.length !== 33 || data[0] !== ALG_ED25519) {
    throw new NoteError('malformed signer key: expected PRIVATE+KEY+<name>+<hash>+<base64 key>');
  }
  const signer = signerFromSeed(m[1]!, data.slice(1));
  if (keyIdHex(signer.keyId) !== m[2]!.toLowerCase()) throw new NoteError(`signer key hash ${m[2]} does not match its key`);
  return signer;
}

/**
 * Signs note text (or adds a signature to an already signed note). Text must end in a newline
 * and hold no control characters but newlines.
 */
export function signNote(textOrNote: string, signer: Signer): string {
  const existing = textOrNote.includes('\n\n') ? parseNote(textOrNote) : undefined;
  const text = existing?.text ?? textOrNote;
  if (!text.endsWith('\n') || !isValidNoteText(text)) {
    throw new NoteError('note text must end with a newline and contain no control characters but newlines');
  }
  const sig = signer.sign(new TextEncoder().encode(text));
  const tagged = new Uint8Array(4 + sig.length);
  new DataView(tagged.buffer).setUint32(0, signer.keyId);
  tagged.set(sig, 4);
  const line = `\u2014 ${signer.name} ${toBase64(tagged)}\n`;
  return existing === undefined ? `${text}\n${line}` : `${textOrNote}${line}`;
}

function withAlg(key: Uint8Array, alg: number = ALG_ED25519): Uint8Array {
  const out = new Uint8Array(1 + key.length);
  out[0] = alg;
  out.set(key, 1);
  return out;
}
