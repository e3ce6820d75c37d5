// C2SP signed-note signing with Ed25519 (golang.org/x/mod/sumdb/note key formats).
import { ed25519 } from '@noble/curves/ed25519.js';
import { toBase64, fromBase64 } from './bytes.js';
import { ALG_ED25519, isValidKeyName, isValidNoteText, keyId, keyIdHex, parseNote } from './verify/note.js';

export interface Signer {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: Uint8Array;
  /** Signs a message with the Ed25519 private key. */
  sign(message: Uint8Array): Uint8Array;
}

export class NoteError extends Error {
  override readonly name = 'NoteError';
}

/** A signer for `name` from a 32-byte Ed25519 seed. */
export function signerFromSeed(name: string, seed: Uint8Array): Signer {
  if (!isValidKeyName(name)) throw new NoteError(`invalid key name ${JSON.stringify(name)}: no '+', no spaces, not empty`);
  if (!(seed instanceof Uint8Array) || seed.length !== 32) throw new NoteError('an Ed25519 seed is 32 bytes');
  const secret = seed.slice();
  const publicKey = ed25519.getPublicKey(secret);
  return {
    name,
    keyId: keyId(name, withAlg(publicKey)),
    publicKey,
    sign: (message) => ed25519.sign(message, secret),
  };
}

export function generateSigner(name: string): Signer {
  return signerFromSeed(name, ed25519.utils.randomSecretKey());
}

/** The C2SP verifier key: name+hex(keyID)+base64(0x01||pubkey). */
export function verifierKey(signer: Pick<Signer, 'name' | 'keyId' | 'publicKey'>): string {
  return `${signer.name}+${keyIdHex(signer.keyId)}+${toBase64(withAlg(signer.publicKey))}`;
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

function withAlg(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + key.length);
  out[0] = ALG_ED25519;
  out.set(key, 1);
  return out;
}
