import { describe, expect, it } from 'vitest';

import { foldName, MAX_SEARCH, nameGrams, searchPlan, searchText } from './name-search.js';

describe('folding names and searches', () => {
  it.each([
    ['华为技术有限公司', '华为技术有限公司'],
    ['HUAWEI Technologies', 'huawei technologies'],
    // Full-width letters, digits, parentheses and the ideographic space fold to ASCII.
    ['ＢＹＤ　汽车（深圳）１号', 'byd 汽车(深圳)1号'],
    ['ｈｕａｗｅｉ', 'huawei'],
    // Compatibility forms: a circled digit, a ligature, half-width katakana.
    ['①ﬁｶ', '1fiカ'],
    // Letter by letter: Σ is σ wherever it stands.
    ['ΟΔΟΣ', 'οδοσ'],
  ])('folds %s to %s', (name, folded) => {
    expect(foldName(name)).toBe(folded);
  });

  it('folds what it folded to itself', () => {
    for (const s of ['ＢＹＤ　汽车（深圳）１号', 'HUAWEI', '宁德时代新能源科技股份有限公司']) expect(foldName(foldName(s))).toBe(foldName(s));
  });
});

describe('the bigrams of a folded name', () => {
  it('takes every distinct two-character window by code point, in the order first met', () => {
    expect(nameGrams('华为技术有限公司')).toStrictEqual(['华为', '为技', '技术', '术有', '有限', '限公', '公司']);
    expect(nameGrams('byd 汽车')).toStrictEqual(['by', 'yd', 'd ', ' 汽', '汽车']);
    expect(nameGrams('哈哈哈哈')).toStrictEqual(['哈哈']);
    // A character outside the BMP is one character, not two halves.
    expect(nameGrams('𠀀A𠀁')).toStrictEqual(['𠀀A', 'A𠀁']);
  });

  it('gives a one-character name that character, and an empty one none', () => {
    expect(nameGrams('甲')).toStrictEqual(['甲']);
    expect(nameGrams('')).toStrictEqual([]);
  });
});

describe('a search as asked', () => {
  it('is folded, its surrounding spaces left off', () => {
    expect(searchText('华为')).toStrictEqual({ ok: true, folded: '华为' });
    expect(searchText('  ＨＵＡＷＥＩ　')).toStrictEqual({ ok: true, folded: 'huawei' });
    expect(searchText('Byd 汽车')).toStrictEqual({ ok: true, folded: 'byd 汽车' });
  });

  it('needs 2 to 50 characters once folded, counted by code point', () => {
    expect(searchText('华')).toStrictEqual({ ok: false, message: 'search needs at least 2 characters' });
    expect(searchText(' 华　')).toStrictEqual({ ok: false, message: 'search needs at least 2 characters' });
    expect(searchText('')).toStrictEqual({ ok: false, message: 'search needs at least 2 characters' });
    expect(searchText('𠀀𠀁')).toMatchObject({ ok: true });
    expect(searchText('字'.repeat(MAX_SEARCH))).toMatchObject({ ok: true });
    expect(searchText('字'.repeat(MAX_SEARCH + 1))).toStrictEqual({ ok: false, message: 'search takes at most 50 characters' });
    expect(searchText('x'.repeat(10_000))).toStrictEqual({ ok: false, message: 'search takes at most 50 characters' });
  });

  it('refuses control characters and a lone surrogate', () => {
    for (const s of ['华为\u0000', '华\n为', '华为\u0085', '华为\t', '华为\ud800']) {
      expect(searchText(s)).toStrictEqual({ ok: false, message: 'search may not contain control characters' });
    }
  });

  it('is looked up by its grams; a two-character search is its own gram', () => {
    expect(searchPlan('华为')).toStrictEqual({ grams: ['华为'], gramIsSearch: true });
    expect(searchPlan('宁德时代')).toStrictEqual({ grams: ['宁德', '德时', '时代'], gramIsSearch: false });
    expect(searchPlan('哈哈哈')).toStrictEqual({ grams: ['哈哈'], gramIsSearch: false });
    expect(() => searchPlan('华')).toThrow(RangeError);
  });
});
