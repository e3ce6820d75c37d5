import { describe, expect, it } from 'vitest';

import { isRegionCode, regionNames } from './region-code.js';

describe('isRegionCode (GB/T 2260)', () => {
  it('takes six digits: a province, a city, a county', () => {
    for (const code of ['350100', '110108', '500112', '330106']) expect(isRegionCode(code)).toBe(true);
  });

  it('refuses anything else', () => {
    for (const code of ['35010', '3501000', '35010X', ' 350100', '350100\n', '３５０１００', '']) expect(isRegionCode(code), JSON.stringify(code)).toBe(false);
  });
});

describe('regionNames (GB/T 2260, the Ministry of Civil Affairs table)', () => {
  it('names a county with its city and province', () => {
    expect(regionNames('330106')).toEqual({ code: '330106', province: '浙江省', city: '杭州市', county: '西湖区' });
    expect(regionNames('350102')).toEqual({ code: '350102', province: '福建省', city: '福州市', county: '鼓楼区' });
  });

  it('names a city as a whole, and a province as a whole', () => {
    expect(regionNames('440300')).toEqual({ code: '440300', province: '广东省', city: '深圳市', county: null });
    expect(regionNames('330000')).toEqual({ code: '330000', province: '浙江省', city: null, county: null });
  });

  it("gives a municipality's districts the municipality as their city", () => {
    expect(regionNames('110105')).toEqual({ code: '110105', province: '北京市', city: '北京市', county: '朝阳区' });
    expect(regionNames('500112')).toEqual({ code: '500112', province: '重庆市', city: '重庆市', county: '渝北区' });
    expect(regionNames('110100')).toEqual({ code: '110100', province: '北京市', city: '北京市', county: null });
  });

  it('gives a county the province governs directly no city, and the grouping itself no name', () => {
    expect(regionNames('429004')).toEqual({ code: '429004', province: '湖北省', city: null, county: '仙桃市' });
    expect(regionNames('429000')).toBeUndefined();
  });

  it('knows no name for a code outside the table or a value that is not a code', () => {
    for (const code of ['999999', '330199', '339900', '33010', 'abcdef', '']) expect(regionNames(code), code).toBeUndefined();
  });
});
