import { describe, expect, it } from 'vitest';

import { MAX_FEN, parseFen } from './money.js';

describe('amounts in fen', () => {
  it('reads whole fen from decimal strings and safe integers', () => {
    expect(parseFen('0')).toBe(0);
    expect(parseFen('999999999')).toBe(999_999_999);
    expect(parseFen(String(MAX_FEN))).toBe(MAX_FEN);
    expect(parseFen(12_345)).toBe(12_345);
  });

  it('refuses fractions, negatives, unsafe and non-canonical numbers', () => {
    for (const bad of ['', '-1', '1.5', '01', '1e3', ' 1', '9007199254740992', '99999999999999999', 1.5, -1, 2 ** 53, null, true]) {
      expect(() => parseFen(bad), String(bad)).toThrow(TypeError);
    }
  });
});
