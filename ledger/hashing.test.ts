// Vectors from transparency-dev/merkle rfc6962/rfc6962_test.go.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { bytesToHex } from './bytes.js';
import { EMPTY_ROOT, hashChildren, hashLeaf, sha256, sha256Portable } from './hashing.js';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('RFC 6962 hashing', () => {
  it('hashes the empty tree, leaves and children as the reference does', () => {
    expect(bytesToHex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(bytesToHex(hashLeaf(new Uint8Array()))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    expect(bytesToHex(hashLeaf(ascii('L123456')))).toBe('395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56');
    expect(bytesToHex(hashChildren(ascii('N123'), ascii('N456')))).toBe('aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb');
  });

  it('separates leaves from nodes and orders children', () => {
    const a = hashLeaf(ascii('Hello'));
    const b = hashLeaf(ascii('World'));
    expect(a).not.toEqual(b);
    const joined = new Uint8Array([...a, ...b]);
    expect(hashChildren(a, b)).not.toEqual(hashLeaf(joined));
    expect(hashChildren(a, b)).not.toEqual(hashChildren(b, a));
  });

  it('gives the same SHA-256 from OpenSSL as in pure JavaScript', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        expect(sha256(data)).toEqual(sha256Portable(data));
      }),
    );
    expect(sha256(new Uint8Array(0))).toBeInstanceOf(Uint8Array);
  });
});
