// The $regex source the MongoDB adapter searches titles with, checked without a server: JavaScript's
// RegExp (with `u`, as MongoDB's PCRE runs in UTF-8) reads [aA], \xhh and literal characters as PCRE does.
import { describe, expect, it } from 'vitest';

import { containingPattern } from './mongodb.js';

const matches = (search: string, title: string): boolean => new RegExp(containingPattern(search), 'u').test(title);

describe('containingPattern', () => {
  it('finds the text anywhere, ASCII letters in either case, every other character as it is', () => {
    expect(matches('sales contract', 'Q3 SALES Contract 2026')).toBe(true);
    expect(matches('合同', '技术许可合同（第二版）')).toBe(true);
    expect(matches('合同', '技术许可协议')).toBe(false);
    expect(matches('étude', 'ÉTUDE')).toBe(false);
    expect(matches('ａｂｃ', 'ＡＢＣ')).toBe(false);
    expect(matches('𠮷野家', '店铺 𠮷野家 照片')).toBe(true);
  });

  it('leaves no character of the search as syntax', () => {
    for (const c of ['.', '*', '+', '?', '^', '$', '{', '}', '(', ')', '|', '[', ']', '\\', '/', '-', '#', ' ', '%', '_', '\u0000', '\n']) {
      expect(matches(c, `a${c}b`), JSON.stringify(c)).toBe(true);
      expect(matches(c, 'ab'), JSON.stringify(c)).toBe(false);
    }
    expect(matches('a.*b', 'a.*b')).toBe(true);
    expect(matches('a.*b', 'axxb')).toBe(false);
    expect(matches('[x] (y)?', '正则 [X] (Y)? 反斜杠')).toBe(true);
    expect(matches('a{2}', 'aa')).toBe(false);
    // No NUL in the source: MongoDB refuses a pattern holding one.
    expect(containingPattern('a\u0000b')).not.toContain('\u0000');
    expect(containingPattern('%_.*')).toBe('\\x25\\x5f\\x2e\\x2a');
  });
});
