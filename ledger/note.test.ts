// Vectors from golang.org/x/mod/sumdb/note (note_test.go) and C2SP signed-note.
import { describe, expect, it } from 'vitest';

import { generateSigner, NoteError, signerFromKey, signerFromSeed, signerKey, signNote, verifierKey } from './note.js';
import { openNote, parseNote, parseVerifierKey, verifyNote } from './verify/note.js';

const SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

describe('keys', () => {
  it('derives the Go test vkey from its skey', () => {
    const signer = signerFromKey(SKEY);
    expect(verifierKey(signer)).toBe(VKEY);
    expect(signer.keyId).toBe(0xc74f20a3);
  });

  it('round-trips a private key string', () => {
    const seed = new Uint8Array(32).fill(7);
    const signer = signerFromKey(signerKey('iphub.example/log', seed));
    expect(verifierKey(signer)).toBe(verifierKey(signerFromSeed('iphub.example/log', seed)));
  });

  it('parses good verifier keys and rejects the Go bad ones', () => {
    expect(parseVerifierKey(VKEY)?.name).toBe('PeterNeumann');
    expect(parseVerifierKey(ENOCH_VKEY)?.keyId).toBe(0xaf0cfe78);
    expect(parseVerifierKey('TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6')?.name).toBe('TEST');
    expect(parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==')).toBeUndefined();
    expect(parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toBeUndefined();
    for (let i = 0; i < VKEY.length; i++) {
      for (let j = i + 1; j <= VKEY.length; j++) if (i > 0 || j < VKEY.length) expect(parseVerifierKey(VKEY.slice(i, j))).toBeUndefined();
      const bumped = VKEY.slice(0, i) + String.fromCharCode(VKEY.charCodeAt(i) + 1) + VKEY.slice(i + 1);
      expect(parseVerifierKey(bumped)).toBeUndefined();
    }
  });

  it('refuses invalid key names and seeds', () => {
    expect(() => generateSigner('bad name')).toThrow(NoteError);
    expect(() => generateSigner('a+b')).toThrow(NoteError);
    expect(() => generateSigner('')).toThrow(NoteError);
    expect(() => signerFromSeed('ok', new Uint8Array(31))).toThrow(NoteError);
  });
});

describe('signNote', () => {
  it('produces the exact Go TestSign output', () => {
    expect(signNote(TEXT, signerFromKey(SKEY))).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('adds a second signature to a signed note', () => {
    const other = generateSigner('witness.example/w1');
    const twice = signNote(signNote(TEXT, signerFromKey(SKEY)), other);
    expect(verifyNote(twice, VKEY)).toBe(true);
    expect(verifyNote(twice, verifierKey(other))).toBe(true);
  });

  it('refuses text without a final newline or with control characters', () => {
    const signer = signerFromKey(SKEY);
    expect(() => signNote('abc', signer)).toThrow(NoteError);
    expect(() => signNote('a\tb\n', signer)).toThrow(NoteError);
  });
});

describe('openNote and verifyNote', () => {
  const peter = parseVerifierKey(VKEY)!;
  const enoch = parseVerifierKey(ENOCH_VKEY)!;

  it('verifies the Go TestOpen notes', () => {
    const note = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    expect(openNote(note, [peter])).toEqual({ text: TEXT, signedBy: [peter] });
    expect(openNote(note, [peter, enoch])?.signedBy).toEqual([peter, enoch]);
    expect(openNote(note, [])?.signedBy).toEqual([]);
    expect(verifyNote(note, VKEY)).toBe(true);
    expect(verifyNote(note, ENOCH_VKEY)).toBe(true);
  });

  it('does not verify a note signed by an unknown key', () => {
    const other = generateSigner('PeterNeumann');
    expect(verifyNote(`${TEXT}\n${PETER_SIG}`, verifierKey(other))).toBe(false);
  });

  it('rejects a bad signature from a known key, and ignores bad unknown ones', () => {
    const corrupted = `${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    expect(openNote(corrupted, [peter])).toBeUndefined();
    expect(verifyNote(corrupted, VKEY)).toBe(false);
    const noisy = `${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}${ENOCH_SIG.slice(0, 60)}ABCD${ENOCH_SIG.slice(60)}`;
    expect(openNote(noisy, [peter])?.signedBy).toEqual([peter]);
  });

  it('rejects the Go malformed notes', () => {
    const bad = [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\x01${TEXT}\n${PETER_SIG}`,
      `\ud800${TEXT}\n${PETER_SIG}`,
      `${TEXT}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
      `${TEXT}\n${PETER_SIG.repeat(101)}`,
    ];
    for (const note of bad) {
      expect(parseNote(note)).toBeUndefined();
      expect(verifyNote(note, VKEY)).toBe(false);
    }
  });

  it('fails on any changed byte of a signed note', () => {
    const signer = generateSigner('iphub.example/log');
    const note = signNote('iphub.example/log\n42\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n', signer);
    const vkey = verifierKey(signer);
    expect(verifyNote(note, vkey)).toBe(true);
    const bytes = new TextEncoder().encode(note);
    for (let i = 0; i < bytes.length; i++) {
      const changed = bytes.slice();
      changed[i] = changed[i]! ^ 0x01;
      expect(verifyNote(new TextDecoder().decode(changed), vkey)).toBe(false);
    }
  });

  it('splits the C2SP example at its last blank line', () => {
    const note =
      'Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n\n\u2014 quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n';
    const parsed = parseNote(note);
    expect(parsed?.text).toBe('Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n');
    expect(parsed?.signatures[0]?.keyId).toBe(0x367ba04b);
  });
});
