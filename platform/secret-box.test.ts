// AES-256-GCM at rest: each value sealed with its own IV and its row's id, opened only by the same
// key for the same row, unaltered.
import { describe, expect, it } from 'vitest';

import { secretBox } from './secret-box.js';

const box = secretBox(Buffer.alloc(32, 1));
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('the secret box', () => {
  it('opens what it sealed, for the same row, and seals the same value differently each time', () => {
    const a = box.seal(SECRET, 'sub-1');
    const b = box.seal(SECRET, 'sub-1');
    expect(a).toMatch(/^sealed:v1:/);
    expect(a).not.toContain('whsec_');
    expect(a).not.toBe(b);
    expect(box.open(a, 'sub-1')).toBe(SECRET);
    expect(box.isSealed(a)).toBe(true);
    expect(box.isSealed(SECRET)).toBe(false);
  });

  it('opens nothing copied onto another row, altered, sealed with another key, or never sealed', () => {
    const sealed = box.seal(SECRET, 'sub-1');
    expect(() => box.open(sealed, 'sub-2')).toThrow(/does not open/);
    const flipped = sealed.slice(0, -3) + (sealed.at(-3) === 'A' ? 'B' : 'A') + sealed.slice(-2);
    expect(() => box.open(flipped, 'sub-1')).toThrow(/does not open/);
    expect(() => secretBox(Buffer.alloc(32, 2)).open(sealed, 'sub-1')).toThrow(/does not open/);
    expect(() => box.open(SECRET, 'sub-1')).toThrow(/is not sealed/);
    expect(() => secretBox(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
