// Line breaking for the PDF certificate: English at spaces, Chinese between characters but never
// before closing or after opening punctuation (禁则), codes anywhere; no character is lost.
import { describe, expect, it } from 'vitest';

import { wrap } from './wrap.js';

// Every character one unit wide, a CJK character two.
const widthOf = (c: string): number => (c.codePointAt(0)! >= 0x2e80 ? 2 : 1);

describe('wrap', () => {
  it('breaks English at spaces, dropping them, and a word wider than the line at its edge', () => {
    expect(wrap('the quick brown fox', widthOf, 10)).toEqual(['the quick', 'brown fox']);
    expect(wrap('abcdefghijklmnop', widthOf, 6)).toEqual(['abcdef', 'ghijkl', 'mnop']);
    expect(wrap('', widthOf, 6)).toEqual([]);
  });

  it('breaks Chinese between characters, never before closing or after opening punctuation', () => {
    expect(wrap('采购合同，第二版', widthOf, 8)).toEqual(['采购合', '同，第二', '版']);
    expect(wrap('存证（第二版）', widthOf, 6)).toEqual(['存证', '（第二', '版）']);
  });

  it('breaks a code anywhere, and keeps every character', () => {
    const digest = 'ab'.repeat(32);
    expect(wrap(digest, widthOf, 40, true)).toEqual([digest.slice(0, 40), digest.slice(40)]);
    const text = 'iphub verify --file 原文件 --certificate 本证书.pdf；核验只信任中心另行公布的账本公钥。';
    for (const width of [7, 13, 30]) expect(wrap(text, widthOf, width).join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
  });
});
