import { describe, expect, it } from 'vitest';

import { organisationCode } from './organisation-code.js';
import { validateUscc } from './uscc.js';

// Characters 9 to 17 of published credit codes: 华为技术有限公司, 阿里巴巴（中国）有限公司, 深圳市腾讯计算机系统有限公司.
const VECTORS = [
  ['914403001922038216', '19220382', '1'],
  ['91330100799655058B', '79965505', '8'],
  ['9144030071526726XG', '71526726', 'X'],
] as const;

describe('organisationCode (GB 11714)', () => {
  it.each(VECTORS)('gives the check character of %s', (uscc, body, check) => {
    expect(validateUscc(uscc).ok).toBe(true);
    expect(organisationCode(body)).toBe(body + check);
    expect(uscc.slice(8, 17)).toBe(body + check);
  });
});
