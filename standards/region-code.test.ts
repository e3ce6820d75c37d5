import { describe, expect, it } from 'vitest';

import { isRegionCode } from './region-code.js';

describe('isRegionCode (GB/T 2260)', () => {
  it('takes six digits: a province, a city, a county', () => {
    for (const code of ['350100', '110108', '500112', '330106']) expect(isRegionCode(code)).toBe(true);
  });

  it('refuses anything else', () => {
    for (const code of ['35010', '3501000', '35010X', ' 350100', '350100\n', '３５０１００', '']) expect(isRegionCode(code), JSON.stringify(code)).toBe(false);
  });
});
